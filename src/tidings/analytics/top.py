"""The most active actors, the most reported events, the most frequent event codes."""

from __future__ import annotations

from typing import Any

from ..store import Store
from ..store.filters import Scope, scope_where


def top_actors(store: Store, scope: Scope = Scope(), limit: int = 20) -> list[dict[str, Any]]:
    """Actor codes by the number of events they take part in, as source or target."""
    where, params = scope_where(scope)
    return store.query(
        f"""SELECT code, sum(as_source) AS as_source, sum(as_target) AS as_target, count(*) AS events,
                   CAST(avg(goldstein) AS DOUBLE PRECISION) AS goldstein_mean
            FROM (SELECT s.code, 1 AS as_source, 0 AS as_target, e.goldstein
                  FROM {scope.table} e, unnest(e.source) AS s(code) WHERE {where}
                  UNION ALL
                  SELECT t.code, 0 AS as_source, 1 AS as_target, e.goldstein
                  FROM {scope.table} e, unnest(e.target) AS t(code) WHERE {where}) AS roles
            GROUP BY code ORDER BY events DESC, code LIMIT ?""",
        [*params, *params, limit],
    )


def top_events(store: Store, scope: Scope = Scope(), limit: int = 20) -> list[dict[str, Any]]:
    """Linked events by how often they were reported (mentions, then articles)."""
    where, params = scope_where(scope)
    return store.query(
        f"""SELECT e.id, e.date, e.source, e.cameo, e.target, e.plover_type, e.place, e.mentions,
                   e.sources, e.articles, e.source_text, e.target_text, e.url
            FROM linked_events e WHERE {where}
            ORDER BY e.mentions DESC, e.articles DESC, e.date DESC, e.id LIMIT ?""",
        [*params, limit],
    )


def top_codes(store: Store, scope: Scope = Scope(), limit: int = 20) -> list[dict[str, Any]]:
    """CAMEO codes by number of events, with their PLOVER type."""
    where, params = scope_where(scope)
    return store.query(
        f"""SELECT e.cameo, min(e.plover_type) AS plover_type, count(*) AS events,
                   CAST(avg(e.goldstein) AS DOUBLE PRECISION) AS goldstein_mean
            FROM {scope.table} e WHERE {where}
            GROUP BY e.cameo ORDER BY events DESC, e.cameo LIMIT ?""",
        [*params, limit],
    )
