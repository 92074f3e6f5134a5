"""The Store protocol and the parts of it that do not depend on the database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Protocol

import pyarrow as pa

from ..types import Result, Skip, record_id
from .schema import RECORD_TABLES, TABLES, arrow_schema, to_row


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
