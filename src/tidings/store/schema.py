"""The store's tables, derived from the record dataclasses so the two never drift apart.

Each record kind becomes a table whose columns are the dataclass fields in order, plus
bookkeeping tables for articles, skipped inputs, runs and the schema version. Values are
converted to plain column values by :func:`to_row` and back by :func:`from_row`.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from ..types import Actor, Article, Event, Place, Quote, TimeRef

# Bump when a table changes shape; migrations.py upgrades older stores or refuses them.
# 2: linked_events and event_mentions (reports of one event across articles, linking.py).
SCHEMA_VERSION = 2

RECORD_TABLES: dict[str, type] = {
    "actors": Actor,
    "events": Event,
    "quotes": Quote,
    "times": TimeRef,
    "places": Place,
}


@dataclass(frozen=True)
class Column:
    name: str
    sql: str  # portable SQL type; "TEXT[]" becomes VARCHAR[] in DuckDB
    arrow: pa.DataType


_SCALARS: dict[type, tuple[str, pa.DataType]] = {
    str: ("TEXT", pa.string()),
    int: ("BIGINT", pa.int64()),
    float: ("DOUBLE PRECISION", pa.float64()),
    bool: ("BOOLEAN", pa.bool_()),
}


def _column(name: str, hint: Any) -> Column:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _column(name, args[0])
    if origin is typing.Literal:
        return Column(name, "TEXT", pa.string())
    if origin is tuple:
        return Column(name, "TEXT[]", pa.list_(pa.string()))
    if hint in _SCALARS:
        sql, arrow = _SCALARS[hint]
        return Column(name, sql, arrow)
    # dates (date | datetime) are stored as ISO text so date and datetime round-trip exactly
    return Column(name, "TEXT", pa.string())


def columns_of(cls: type) -> list[Column]:
    hints = typing.get_type_hints(cls)
    return [_column(f.name, hints[f.name]) for f in fields(cls)]


def _columns(spec: str) -> list[Column]:
    """Columns from "name:type" words, type one of text, int, float, bool, list."""
    kinds = {"text": ("TEXT", pa.string()), "int": ("BIGINT", pa.int64()),
             "float": ("DOUBLE PRECISION", pa.float64()), "bool": ("BOOLEAN", pa.bool_()),
             "list": ("TEXT[]", pa.list_(pa.string()))}
    return [Column(name, *kinds[kind]) for name, kind in (word.split(":") for word in spec.split())]


# Derived data, rebuilt by linking.py from the events table (see its docstring for the rule).
# One row per real-world event, with the columns of an event record that it shares, so that
# analytics and exports read either table with the same SQL.
LINK_TABLES: dict[str, list[Column]] = {
    "linked_events": _columns(
        "id:text key:text source:list target:list source_text:text target_text:text "
        "cameo:text root:text quad_class:int goldstein:float plover_type:text plover_mode:text "
        "polarity:text status:text date:text last_date:text place:text place_geo_id:text "
        "place_country:text place_feature:text lat:float lon:float mentions:int sources:int "
        "articles:int confidence:float is_root:bool first_article_id:text url:text added:text"
    ),
    # one row per event record (id = the event's id): which linked event it reports
    "event_mentions": _columns(
        "id:text linked_event_id:text key:text article_id:text outlet:text date:text "
        "start:int end:int trigger_start:int trigger_end:int confidence:float in_lead:bool"
    ),
}

ARTICLE_COLUMNS = [c for c in columns_of(Article)] + [Column("run_id", "TEXT", pa.string())]

TABLES: dict[str, list[Column]] = {
    "articles": ARTICLE_COLUMNS,
    **{name: columns_of(cls) for name, cls in RECORD_TABLES.items()},
    "skipped": [
        Column("id", "TEXT", pa.string()),
        Column("source", "TEXT", pa.string()),
        Column("reason", "TEXT", pa.string()),
        Column("run_id", "TEXT", pa.string()),
    ],
    "runs": [
        Column("id", "TEXT", pa.string()),
        Column("started", "TEXT", pa.string()),
        Column("finished", "TEXT", pa.string()),
        Column("version", "TEXT", pa.string()),
        Column("settings", "TEXT", pa.string()),
        Column("inputs", "TEXT", pa.string()),
        Column("summary", "TEXT", pa.string()),
    ],
    **LINK_TABLES,
}

# Secondary indexes that the CLI, API and analytics filter on. The link tables have none:
# measured on 100k events, indexes on them made linking slower on both backends.
INDEXES: dict[str, tuple[str, ...]] = {
    "actors": ("article_id", "code"),
    "events": ("article_id", "root", "date"),
    "quotes": ("article_id", "speaker_code"),
    "times": ("article_id",),
    "places": ("article_id",),
}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(c.name, c.arrow) for c in TABLES[table]])


def to_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def to_row(record: Any) -> dict[str, Any]:
    return {f.name: to_value(getattr(record, f.name)) for f in fields(record)}


def from_row(cls: type, row: dict[str, Any]) -> Any:
    """Rebuild a record from a row (extra columns such as run_id are ignored)."""
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in fields(cls):
        value = row.get(f.name)
        hint = hints[f.name]
        if typing.get_origin(hint) is tuple and value is not None:
            value = tuple(value)
        elif f.name == "published" and value is not None:
            value = date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        values[f.name] = value
    return cls(**values)


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)
