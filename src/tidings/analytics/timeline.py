"""What kinds of events happen when: event types over time."""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError
from ..store import Store
from ..store.filters import Scope, period_of, scope_where

TYPE_COLUMNS = {"root": "e.root", "plover": "e.plover_type", "quad": "CAST(e.quad_class AS TEXT)"}


def event_types_over_time(
    store: Store, by: str = "month", kind: str = "root", scope: Scope = Scope()
) -> list[dict[str, Any]]:
    """Per period and event type (CAMEO root, PLOVER type or QuadClass): events and mean
    Goldstein value, ordered by period then type."""
    if kind not in TYPE_COLUMNS:
        raise ConfigError(f"unknown event type kind {kind!r}; choose {', '.join(TYPE_COLUMNS)}")
    period, dated = period_of("e.date", by)
    where, params = scope_where(scope)
    return store.query(
        f"""SELECT {period} AS period, {TYPE_COLUMNS[kind]} AS type, count(*) AS events,
                   CAST(avg(e.goldstein) AS DOUBLE PRECISION) AS goldstein_mean
            FROM {scope.table} e WHERE {where} AND {dated}
            GROUP BY 1, 2 ORDER BY 1, 2""",
        params,
    )
