"""Writing the store out in the formats people already load.

``gdelt`` and ``polecat`` write linked events (one row per real-world event); ``csv`` and
``jsonl`` write one table (``events`` by default); ``parquet`` writes every table, or one.
Rows are read and written in batches, never all at once. Event filters (a
:class:`~tidings.analytics.Scope`) apply to the event tables.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..store.filters import Scope, scope_where
from ..errors import ConfigError, StoreError
from ..store import Store
from ..store.linking import unlinked_count
from ..store.schema import TABLES, arrow_schema
from .gdelt import GDELT2_EVENT_COLUMNS, gdelt_line, gdelt_row
from .polecat import polecat_record

FORMATS = ("gdelt", "polecat", "parquet", "csv", "jsonl")
EVENT_TABLES = ("events", "linked_events")
BATCH = 10_000


@dataclass(frozen=True)
class ExportSummary:
    format: str
    path: str
    rows: dict[str, int] = field(default_factory=dict)  # per table (gdelt/polecat: "linked_events")
    left_out: int = 0  # linked events the format cannot hold (no day for GDELT, no PLOVER type)

    def as_json(self) -> dict[str, Any]:
        return {"format": self.format, "path": self.path, "rows": self.rows, "left_out": self.left_out}


def _filtered(scope: Scope) -> bool:
    return scope != Scope(linked=scope.linked)


def _require_linked(store: Store) -> None:
    missing = unlinked_count(store)
    if missing:
        raise StoreError(f"{missing} events in {store.url} are not linked into events yet; "
                         f"run `tidings link --db {store.url}` first")


def _rows(store: Store, table: str, scope: Scope) -> Any:
    """Batches of a table's rows, filtered by ``scope`` for the event tables, in id order."""
    if table not in TABLES:
        raise ConfigError(f"no table {table!r}; choose one of {', '.join(TABLES)}")
    where, params = "TRUE", []
    if table in EVENT_TABLES:
        where, params = scope_where(scope)
    elif _filtered(scope):
        raise ConfigError(f"event filters apply to {' and '.join(EVENT_TABLES)}, not to {table}")
    return store.iter_rows(f"SELECT * FROM {table} e WHERE {where} ORDER BY e.id", params, BATCH)


def _write_lines(store: Store, scope: Scope, path: Path, fmt: str) -> ExportSummary:
    _require_linked(store)
    written = left_out = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for batch in _rows(store, "linked_events", replace(scope, linked=True)):
            for event in batch:
                if fmt == "gdelt":
                    row = gdelt_row(event)
                    line = gdelt_line(row) if row else None
                else:
                    record = polecat_record(event, __version__)
                    line = json.dumps(record, ensure_ascii=False) if record else None
                if line is None:
                    left_out += 1
                    continue
                out.write(line + "\n")
                written += 1
    return ExportSummary(fmt, str(path), {"linked_events": written}, left_out)


def _cell(value: Any) -> Any:
    return ";".join(value) if isinstance(value, list | tuple) else value


def _write_table(store: Store, table: str, scope: Scope, path: Path, fmt: str) -> int:
    if table == "linked_events":
        _require_linked(store)
    count = 0
    if fmt == "parquet":
        with pq.ParquetWriter(path, arrow_schema(table)) as writer:
            for batch in _rows(store, table, scope):
                writer.write_table(pa.Table.from_pylist(batch, schema=arrow_schema(table)))
                count += len(batch)
        return count
    names = [c.name for c in TABLES[table]]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out) if fmt == "csv" else None
        if writer:
            writer.writerow(names)
        for batch in _rows(store, table, scope):
            for row in batch:
                if writer:
                    writer.writerow([_cell(row[n]) for n in names])
                else:
                    out.write(json.dumps({n: row[n] for n in names}, ensure_ascii=False, default=str) + "\n")
            count += len(batch)
    return count


def export(store: Store, fmt: str, out: Path, scope: Scope = Scope(), table: str | None = None) -> ExportSummary:
    """Write ``store`` to ``out`` as ``fmt`` (one of :data:`FORMATS`).

    ``parquet`` without ``table`` writes a folder with one ``TABLE.parquet`` per table.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if fmt in ("gdelt", "polecat"):
        if table not in (None, "linked_events"):
            raise ConfigError(f"{fmt} exports linked events; --table does not apply")
        out.parent.mkdir(parents=True, exist_ok=True)
        return _write_lines(store, scope, out, fmt)
    if fmt == "parquet" and table is None:
        if _filtered(scope):
            raise ConfigError("event filters apply to one event table: add --table events (or linked_events)")
        out.mkdir(parents=True, exist_ok=True)
        rows = {name: _write_table(store, name, scope, out / f"{name}.parquet", fmt) for name in TABLES}
        return ExportSummary(fmt, str(out), rows)
    table = table or "events"
    out.parent.mkdir(parents=True, exist_ok=True)
    return ExportSummary(fmt, str(out), {table: _write_table(store, table, scope, out, fmt)})


__all__ = ["FORMATS", "GDELT2_EVENT_COLUMNS", "ExportSummary", "export"]
