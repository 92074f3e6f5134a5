"""Charts and rankings: how actors treat each other, counted the way the CLI counts.

Aggregates count each linked event once and leave out negated events (as `tidings dyad`,
`network` and `top` do by default), except in a store whose events are not linked yet,
where every report counts. Lists of events beside a chart show every report, as evidence.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..analytics import Scope, actor_network, dyad_series, event_types_over_time, top_actors
from ..store.filters import codes_like, prefix_pattern
from ..errors import ConfigError
from ..store import Store
from ..store.linking import unlinked_count
from ..store.queries import QuoteFilter, list_quotes
from .labels import code_label
from .layout import force_layout
from .views import EVENT_COLUMNS, EventQuery, decorate, find_events, list_articles


def counting_scope(store: Store, actor: str | None = None) -> Scope:
    """Linked events when every event is linked, else reports; asserted events only."""
    return Scope(actor=actor, polarity="asserted", linked=unlinked_count(store) == 0)


def counting_note(scope: Scope) -> str:
    counted = "each event once, however often it was reported" if scope.linked else "every report of an event"
    return f"Counts {counted}; negated events are left out."


def top_dyads(store: Store, scope: Scope, limit: int = 10) -> list[dict[str, Any]]:
    edges = actor_network(store, scope=scope).edges[:limit]
    return [{**e, "source_label": code_label(e["source"]), "target_label": code_label(e["target"])}
            for e in edges]


def period_range(periods: list[str], by: str, most: int = 400) -> list[str]:
    """Every period from the first to the last of ``periods`` (so that gaps show as gaps
    on a chart); the periods as they are when the range would be longer than ``most``."""
    known = sorted(p for p in periods if p)
    if not known:
        return []
    try:
        if by == "month":
            year, month = map(int, known[0].split("-"))
            out = []
            while len(out) <= most:
                out.append(f"{year:04d}-{month:02d}")
                if out[-1] >= known[-1]:
                    return out
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return known
        step = timedelta(days=7 if by == "week" else 1)
        day, last = date.fromisoformat(known[0]), date.fromisoformat(known[-1])
        if (last - day) / step > most:
            return known
        out = []
        while day <= last:
            out.append(day.isoformat())
            day += step
        return out
    except ValueError:
        return known


def dyad_page(store: Store, a: str, b: str, by: str) -> dict[str, Any]:
    """The series between ``a`` and ``b`` per period, with counts per QuadClass, and the
    reports of events between them (newest first)."""
    scope = counting_scope(store)
    series = dyad_series(store, a, b, by=by, scope=scope)
    for row in series:
        for i, name in enumerate(("verbal_cooperation", "material_cooperation",
                                  "verbal_conflict", "material_conflict"), start=1):
            row[f"quad{i}"] = round((row[name] or 0.0) * row["events"])
    pair = (f"({codes_like('e.source')} AND {codes_like('e.target')})")
    a_pat, b_pat = prefix_pattern(a), prefix_pattern(b)
    events = store.query(
        f"""SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
            WHERE {pair} OR {pair}
            ORDER BY e.date DESC NULLS LAST, e.article_id, e.start LIMIT 200""",
        [a_pat, b_pat, b_pat, a_pat],
    )
    return {"series": series, "periods": period_range([r["period"] for r in series], by),
            "events": [decorate(e) for e in events], "counting": counting_note(scope),
            "a_label": code_label(a), "b_label": code_label(b)}


def actor_page(store: Store, code: str) -> dict[str, Any]:
    """Everything about one actor code (or code prefix): names, mentions, events, partners,
    quotes, and its events per month by QuadClass."""
    pattern = prefix_pattern(code)[2:]
    names = store.query(
        """SELECT coalesce(name, text) AS name, count(*) AS mentions, count(DISTINCT article_id) AS articles
           FROM actors WHERE code LIKE ? GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12""",
        [pattern],
    )
    query = EventQuery(actor=code, size=100).clean()
    events, total = find_events(store, query)
    scope = counting_scope(store, actor=code)
    partners: dict[str, dict[str, Any]] = {}
    for edge in actor_network(store, scope=scope).edges:
        ends = ((edge["source"], edge["target"], "to"), (edge["target"], edge["source"], "from"))
        for mine, other, way in ends:
            if mine.startswith(code) and not other.startswith(code):
                entry = partners.setdefault(
                    other, {"code": other, "label": code_label(other), "to": 0, "from": 0})
                entry[way] += edge["events"]
    series = event_types_over_time(store, by="month", kind="quad", scope=scope)
    quotes = list_quotes(store, QuoteFilter(actor=code, limit=20))
    periods = period_range([r["period"] for r in series], "month")
    return {"code": code, "label": code_label(code), "names": names, "events": events, "total": total,
            "periods": periods, "counting": counting_note(scope),
            "partners": sorted(partners.values(), key=lambda p: (-(p["to"] + p["from"]), p["code"]))[:15],
            "series": series, "quotes": quotes}


def event_places(store: Store) -> dict[str, Any]:
    """Places that events happened at, with coordinates, event counts and mean Goldstein."""
    scope = counting_scope(store)
    if scope.linked:
        sql = """SELECT e.place AS name, e.place_country AS country, e.place_feature AS feature,
                        e.lat, e.lon, count(*) AS events,
                        CAST(avg(e.goldstein) AS DOUBLE PRECISION) AS goldstein_mean
                 FROM linked_events e
                 WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.polarity = 'asserted'
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY events DESC, name"""
    else:
        sql = """SELECT p.name, p.country, p.feature, p.lat, p.lon, count(*) AS events,
                        CAST(avg(e.goldstein) AS DOUBLE PRECISION) AS goldstein_mean
                 FROM events e JOIN places p ON p.id = e.place_id
                 WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL AND e.polarity = 'asserted'
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY events DESC, name"""
    return {"places": store.query(sql), "counting": counting_note(scope)}


def network(store: Store, level: str, min_events: int, max_nodes: int = 60) -> dict[str, Any]:
    """The busiest ``max_nodes`` actors and the links between them, placed by a force layout."""
    if level not in ("code", "country"):
        raise ConfigError(f"unknown level {level!r}; choose code or country")
    scope = counting_scope(store)
    graph = actor_network(store, scope=scope, level=level, min_events=max(1, min_events))
    keep = {n["code"] for n in graph.nodes[:max_nodes]}
    nodes = [n for n in graph.nodes if n["code"] in keep]
    edges = [e for e in graph.edges
             if e["source"] in keep and e["target"] in keep and e["source"] != e["target"]]
    pos = force_layout([n["code"] for n in nodes], [(e["source"], e["target"], e["events"]) for e in edges])
    for node in nodes:
        node["x"], node["y"] = pos[node["code"]]
        node["label"] = code_label(node["code"])
    return {"nodes": nodes, "edges": edges, "level": level, "min_events": min_events,
            "counting": counting_note(scope)}


def dashboard(store: Store) -> dict[str, Any]:
    counts = store.counts()
    actors = store.query("SELECT count(DISTINCT code) AS n FROM actors WHERE code IS NOT NULL")[0]["n"]
    recent, _ = find_events(store, EventQuery(size=25).clean())
    scope = counting_scope(store)
    return {
        "counts": {"articles": counts.get("articles", 0), "events": counts.get("events", 0),
                   "actor codes": actors, "quotes": counts.get("quotes", 0),
                   "places": counts.get("places", 0), "times": counts.get("times", 0)},
        "recent_events": recent[:8],
        "top_dyads": top_dyads(store, scope),
        "top_actors": [{**a, "label": code_label(a["code"])} for a in top_actors(store, scope, limit=10)],
        "counting": counting_note(scope),
        "articles": list_articles(store, limit=8)[0],
    }
