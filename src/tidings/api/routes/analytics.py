"""Questions over many events: store counts, a dyad over time, the actor network."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from ...analytics import Scope, actor_network, dyad_series
from .. import queries
from ..deps import CODE, ActorQ, CodeQ, CountryQ, PolarityQ, SinceQ, StatusQ, StoreDep, UntilQ
from ..responses import SafeJSONResponse

router = APIRouter(prefix="/api", tags=["analytics"])
Period = Literal["day", "week", "month"]


@router.get("/stats", summary="How many records the store holds")
def stats(store: StoreDep) -> Any:
    """Row counts per table: `{"counts": {"articles", "events", "actors", "quotes", "times",
    "places", "linked_events", "skipped"}}`."""
    return SafeJSONResponse({"counts": queries.counts(store)})


@router.get("/dyads", summary="A dyad's cooperation and conflict over time")
def dyads(
    store: StoreDep,
    a: Annotated[str, Query(pattern=CODE, description="First actor: code or prefix, e.g. USA.")],
    b: Annotated[str, Query(pattern=CODE, description="Second actor: code or prefix, e.g. CHN.")],
    by: Annotated[Period, Query(description="Period: day, week or month.")] = "month",
    direction: Annotated[Literal["both", "ab", "ba"], Query(description="both, ab (a acts on b) or ba.")] = "both",
    since: SinceQ = None,
    until: UntilQ = None,
    status: StatusQ = None,
    polarity: PolarityQ = None,
    linked: Annotated[bool, Query(description="Count each linked real-world event once instead of each report.")] = False,
) -> Any:
    """Per period: events between `a` and `b`, how many went each way (`a_to_b`, `b_to_a`),
    the sum and mean Goldstein value, and the share (0-1) of each QuadClass. Periods without
    events are absent; events dated more coarsely than the period are left out.

    Answers `{"a", "b", "by", "direction", "series": [{"period", "events", "a_to_b", "b_to_a",
    "goldstein_sum", "goldstein_mean", "verbal_cooperation", "material_cooperation",
    "verbal_conflict", "material_conflict"}]}`.
    """
    scope = Scope(since=since, until=until, status=tuple(status or ()), polarity=polarity, linked=linked)
    series = dyad_series(store, a, b, by=by, direction=direction, scope=scope)
    return SafeJSONResponse({"a": a.upper(), "b": b.upper(), "by": by, "direction": direction, "series": series})


@router.get("/network", summary="Who acts on whom: the actor network")
def network(
    store: StoreDep,
    actor: ActorQ = None,
    country: CountryQ = None,
    code: CodeQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    status: StatusQ = None,
    polarity: PolarityQ = None,
    level: Annotated[Literal["code", "country"], Query(description="code, or country to merge codes by country.")] = "code",
    min_events: Annotated[int, Query(ge=1, le=1_000_000, description="Leave out edges with fewer events.")] = 1,
    limit: Annotated[int, Query(ge=1, le=2000, description="Keep the heaviest edges only.")] = 200,
    linked: Annotated[bool, Query(description="Count linked events instead of reports.")] = False,
) -> Any:
    """Directed edges source → target weighted by their number of events, with the sum and
    mean Goldstein value; nodes with their events as source and as target.

    Answers `{"directed": true, "nodes": [{"code", "as_source", "as_target", "events"}],
    "edges": [{"source", "target", "events", "goldstein_sum", "goldstein_mean"}]}`; nodes are
    those of the kept edges.
    """
    scope = Scope(actor=actor, country=country, code=code, since=since, until=until,
                  status=tuple(status or ()), polarity=polarity, linked=linked)
    edges = actor_network(store, scope, level=level, min_events=min_events).edges[:limit]
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for end, role in ((edge["source"], "as_source"), (edge["target"], "as_target")):
            node = nodes.setdefault(end, {"code": end, "as_source": 0, "as_target": 0, "events": 0})
            node[role] += edge["events"]
            node["events"] += edge["events"]
    ranked = sorted(nodes.values(), key=lambda n: (-n["events"], n["code"]))
    return SafeJSONResponse({"directed": True, "nodes": ranked, "edges": edges})
