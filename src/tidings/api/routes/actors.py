"""Actors: resolved actor codes, and one actor's events over time."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query

from ...analytics import Scope, actor_network
from .. import queries
from ..deps import CODE, CountryQ, EventQuery, Page, PageDep, StoreDep
from ..responses import SafeJSONResponse

router = APIRouter(prefix="/api", tags=["actors"])
ActorSort = Literal["-mentions", "code", "-articles"]
Period = Literal["day", "week", "month"]  # analytics.PERIODS


@router.get("/actors", summary="List resolved actors")
def actors(
    store: StoreDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=100, description="Code prefix or part of the name.")] = None,
    country: CountryQ = None,
    sort: Annotated[ActorSort, Query(description="Order: -mentions, code, -articles.")] = "-mentions",
) -> Any:
    """Actor codes the store resolved mentions to, most mentioned first.

    Answers `{"items": [{"code", "name", "country", "kind", "mentions", "articles"}], "total",
    "limit", "offset"}`.
    """
    rows, total = queries.list_actors(store, q, country, sort, page)
    return SafeJSONResponse(page.envelope(rows, total))


def _partners(store: Any, code: str) -> list[dict[str, Any]]:
    """The actors ``code`` acts with most, either way, from the actor network."""
    totals: dict[str, list[float]] = {}
    for edge in actor_network(store, Scope(actor=code)).edges:
        for mine, other in ((edge["source"], edge["target"]), (edge["target"], edge["source"])):
            if mine.startswith(code) and not other.startswith(code):
                entry = totals.setdefault(other, [0, 0.0])
                entry[0] += edge["events"]
                entry[1] += edge["goldstein_sum"] or 0.0
    ranked = sorted(totals.items(), key=lambda item: (-item[1][0], item[0]))[:20]
    return [{"code": c, "events": int(n), "goldstein_mean": s / n if n else None} for c, (n, s) in ranked]


@router.get("/actors/{code}", summary="One actor: names, events over time, partners")
def actor(
    store: StoreDep,
    code: Annotated[str, Path(pattern=CODE, description="Actor code, or a code prefix such as a country.")],
    by: Annotated[Period, Query(description="Period of the series: day, week or month.")] = "month",
) -> Any:
    """An actor (a code, or every code starting with it) with the names it was written as,
    its events per period (`series`: events, as source, as target, mean Goldstein, and a
    count per QuadClass), the actors it deals with most (`partners`) and its latest 20
    events. 404 when the store knows no actor and no event with that code.
    """
    code = code.upper()
    summary = queries.actor_summary(store, code)
    latest, _ = queries.list_events(store, EventQuery(actor=code), "-date", Page(20, 0))
    if summary is None and not latest:
        raise HTTPException(404, f"no actor with code {code!r}")
    series = queries.actor_series(store, code, by)
    summary = summary or {"code": code, "name": None, "country": None, "kind": None,
                          "mentions": 0, "articles": 0, "names": []}
    return SafeJSONResponse({"actor": summary, "series": series, "partners": _partners(store, code),
                             "events": latest})
