"""The Store protocol and the parts of it that do not depend on the database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Protocol

import pyarrow as pa

from ..types import Result, Skip, record_id
from .schema import RECORD_TABLES, TABLES, arrow_schema, dumps, to_row


class Store(Protocol):
    """What every backend offers. Writes are upserts on content-hash ids."""

    url: str

    def begin_run(self, settings: dict[str, Any], inputs: Sequence[str], version: str) -> str: ...

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None: ...

    def known_articles(self, ids: Sequence[str]) -> set[str]: ...

    def write(self, results: Sequence[Result], skips: Sequence[Skip], run_id: str) -> None: ...

    def forget(self, article_ids: Sequence[str]) -> None: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    def iter_rows(
        self, sql: str, params: Sequence[Any] = (), size: int = 10_000
    ) -> Iterator[list[dict[str, Any]]]: ...

    def apply(
        self, deletes: Sequence[tuple[str, Sequence[Any]]], inserts: Mapping[str, pa.Table]
    ) -> None: ...

    def exclusive(self, name: str) -> AbstractContextManager[None]: ...

    def counts(self) -> dict[str, int]: ...

    def close(self) -> None: ...


def new_run_id() -> str:
    return uuid.uuid4().hex[:16]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def arrow_batches(
    results: Sequence[Result], skips: Sequence[Skip], run_id: str
) -> dict[str, pa.Table]:
    """One Arrow table per store table for a batch of results (empty tables left out)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ("articles", "skipped", *RECORD_TABLES)}
    for result in results:
        rows["articles"].append({**to_row(result.article), "run_id": run_id})
        for kind in RECORD_TABLES:
            rows[kind].extend(to_row(r) for r in getattr(result.records, kind))
    for skip in skips:
        rows["skipped"].append(
            {"id": record_id("skip", skip.source, skip.reason), "source": skip.source,
             "reason": skip.reason, "run_id": run_id}
        )
    return {
        name: pa.Table.from_pylist(batch, schema=arrow_schema(name))
        for name, batch in rows.items()
        if batch
    }


def table_names() -> list[str]:
    return list(TABLES)


class CommonStore:
    """The Store methods both backends share, written over their ``query`` and ``apply``.

    Placeholders are ``?``; PostgresStore translates them.
    """

    url: str
    query: Any  # (sql, params) -> rows, supplied by the backend
    apply: Any  # (deletes, inserts) in one transaction, supplied by the backend

    def begin_run(self, settings: dict[str, Any], inputs: Sequence[str], version: str) -> str:
        run_id = new_run_id()
        self.query(
            "INSERT INTO runs (id, started, version, settings, inputs) VALUES (?, ?, ?, ?, ?)",
            [run_id, now_iso(), version, dumps(settings), dumps(list(inputs))],
        )
        return run_id

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None:
        self.query("UPDATE runs SET finished = ?, summary = ? WHERE id = ?", [now_iso(), dumps(summary), run_id])

    def known_articles(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.query("SELECT id FROM articles WHERE id IN (SELECT unnest(CAST(? AS TEXT[])))", [list(ids)])
        return {r["id"] for r in rows}

    def write(self, results: Sequence[Result], skips: Sequence[Skip], run_id: str) -> None:
        """Upsert a batch in one transaction: all of it lands, or none of it."""
        self.apply((), arrow_batches(results, skips, run_id))

    def forget(self, article_ids: Sequence[str]) -> None:
        """Delete articles and all their records (before reprocessing them), atomically."""
        ids = list(article_ids)
        self.apply(
            [(f"DELETE FROM {t} WHERE {'id' if t == 'articles' else 'article_id'} IN (SELECT unnest(CAST(? AS TEXT[])))", [ids])
             for t in ("articles", *RECORD_TABLES)],
            {},
        )

    def counts(self) -> dict[str, int]:
        return {
            table: self.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]
            for table in TABLES
            if table != "runs"
        }
