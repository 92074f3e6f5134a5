"""Exports, streamed: rows are read and sent in batches, never held all at once."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import StreamingResponse

from ... import __version__
from ...store.filters import Scope, scope_where
from ...exports.gdelt import gdelt_line, gdelt_row
from ...exports.polecat import polecat_record
from ...store import Store
from ...store.linking import unlinked_count
from ...store.schema import TABLES
from ..deps import ActorQ, CodeQ, CountryQ, PolarityQ, SinceQ, StatusQ, StoreDep, UntilQ

router = APIRouter(prefix="/api", tags=["export"])
BATCH = 2_000
EVENT_TABLES = ("events", "linked_events")
Table = Literal["events", "linked_events", "articles", "actors", "quotes", "times", "places"]
Format = Literal["jsonl", "csv", "gdelt", "polecat"]
MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
         "gdelt": "text/tab-separated-values; charset=utf-8", "polecat": "application/x-ndjson"}
SUFFIX = {"jsonl": "jsonl", "csv": "csv", "gdelt": "tsv", "polecat": "jsonl"}


def _jsonl(names: list[str]) -> Callable[[list[dict[str, Any]]], str]:
    return lambda batch: "".join(
        json.dumps({n: row[n] for n in names}, ensure_ascii=False, default=str) + "\n" for row in batch)


def _csv(names: list[str]) -> Callable[[list[dict[str, Any]]], str]:
    def render(batch: list[dict[str, Any]]) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        for row in batch:
            writer.writerow([";".join(v) if isinstance(v, list | tuple) else v for v in (row[n] for n in names)])
        return out.getvalue()

    return render


def _gdelt(batch: list[dict[str, Any]]) -> str:
    return "".join(gdelt_line(row) + "\n" for row in map(gdelt_row, batch) if row)


def _polecat(batch: list[dict[str, Any]]) -> str:
    records = (polecat_record(event, __version__) for event in batch)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records if r)


def _stream(store: Store, sql: str, params: list[Any], render: Callable[[list[dict[str, Any]]], str],
            head: str = "") -> Iterator[str]:
    if head:
        yield head
    for batch in store.iter_rows(sql, params, BATCH):
        yield render(batch)


@router.get("/export", summary="Download records as JSON lines, CSV, GDELT or POLECAT (streamed)")
def export(
    store: StoreDep,
    format: Annotated[Format, Query(description="jsonl or csv (one table), gdelt or polecat (linked events).")] = "jsonl",
    table: Annotated[Table, Query(description="Table for jsonl and csv.")] = "events",
    actor: ActorQ = None,
    country: CountryQ = None,
    code: CodeQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    status: StatusQ = None,
    polarity: PolarityQ = None,
) -> Any:
    """The rows of one table (`jsonl`, `csv`; list columns joined with `;` in CSV), or the
    linked events as GDELT 2.0 event rows (tab-separated, its 61 columns, no header) or
    POLECAT-style JSON lines, as an attachment, sent in batches. Event filters apply to the
    event tables only (400 otherwise); gdelt and polecat need the store linked (409 if not:
    run `tidings link`).
    """
    scope = Scope(actor=actor, country=country, code=code, since=since, until=until,
                  status=tuple(status or ()), polarity=polarity)
    if format in ("gdelt", "polecat"):
        table = "linked_events"
        missing = unlinked_count(store)
        if missing:
            raise HTTPException(409, f"{missing} events are not linked yet; run `tidings link` first")
    where, params = "TRUE", []
    if table in EVENT_TABLES:
        where, params = scope_where(scope)
    elif scope != Scope():
        raise HTTPException(400, f"event filters apply to {' and '.join(EVENT_TABLES)}, not to {table}")
    names = [c.name for c in TABLES[table]]
    render = {"jsonl": _jsonl(names), "csv": _csv(names), "gdelt": _gdelt, "polecat": _polecat}[format]
    head = _csv(names)([dict(zip(names, names, strict=True))]) if format == "csv" else ""
    sql = f"SELECT * FROM {table} e WHERE {where} ORDER BY e.id"
    filename = f"tidings-{table}.{SUFFIX[format]}"
    return StreamingResponse(_stream(store, sql, params, render, head), media_type=MEDIA[format],
                             headers={"content-disposition": f'attachment; filename="{filename}"'})
