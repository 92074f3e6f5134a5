"""How two actors treat each other over time: the dyad time series."""

from __future__ import annotations

from typing import Any, Literal

from ..errors import ConfigError
from ..store import Store
from ..store.filters import Scope, codes_like, period_of, prefix_pattern, scope_where

Direction = Literal["both", "ab", "ba"]
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def dyad_series(
    store: Store, a: str, b: str, by: str = "month", direction: str = "both", scope: Scope = Scope()
) -> list[dict[str, Any]]:
    """Per period: events between actors ``a`` and ``b`` (code prefixes), how many went each
    way, the sum and mean of their Goldstein values, and the share of each QuadClass.

    ``direction`` "ab" counts a -> b only, "ba" b -> a only, "both" either. Periods with no
    events are absent.
    """
    if direction not in ("both", "ab", "ba"):
        raise ConfigError(f"unknown direction {direction!r}; choose both, ab or ba")
    period, dated = period_of("e.date", by)
    where, params = scope_where(scope)
    ab = f"({codes_like('e.source')} AND {codes_like('e.target')})"
    a_pat, b_pat = prefix_pattern(a), prefix_pattern(b)
    ways = {"ab": ab, "ba": ab, "both": f"({ab} OR {ab})"}[direction]
    way_params = {"ab": [a_pat, b_pat], "ba": [b_pat, a_pat], "both": [a_pat, b_pat, b_pat, a_pat]}[direction]
    shares = ", ".join(
        f"CAST(avg(CASE WHEN e.quad_class = {i} THEN 1.0 ELSE 0.0 END) AS DOUBLE PRECISION) AS {name}"
        for i, name in enumerate(QUADS, start=1)
    )
    sql = f"""
        SELECT {period} AS period, count(*) AS events,
               sum(CASE WHEN {ab} THEN 1 ELSE 0 END) AS a_to_b,
               sum(CASE WHEN {ab} THEN 1 ELSE 0 END) AS b_to_a,
               CAST(sum(e.goldstein) AS DOUBLE PRECISION) AS goldstein_sum,
               CAST(avg(e.goldstein) AS DOUBLE PRECISION) AS goldstein_mean, {shares}
        FROM {scope.table} e
        WHERE {where} AND {dated} AND {ways}
        GROUP BY 1 ORDER BY 1"""
    rows = store.query(sql, [a_pat, b_pat, b_pat, a_pat, *params, *way_params])
    return [{**row, "a_to_b": int(row["a_to_b"]), "b_to_a": int(row["b_to_a"])} for row in rows]
