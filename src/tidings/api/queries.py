"""The API's own reads: paged lists with totals, sorting, and single records.

Parameterised SQL with ``?`` placeholders that DuckDB and PostgreSQL both accept; sort
keys are looked up in fixed tables, never pasted from the request.
"""

from __future__ import annotations

from typing import Any

from ..store.filters import Scope, codes_like, period_of, prefix_pattern, scope_where
from ..store import Store
from ..types import RECORD_KINDS
from .deps import EventQuery, Page

SENTENCE = 'substr(a.text, CAST(e.start + 1 AS INTEGER), CAST(e."end" - e.start AS INTEGER))'
EVENT_COLUMNS = """e.id, e.article_id, e.date, e.date_is_publication, e.source, e.source_text, e.cameo,
    e.root, e.target, e.target_text, e.plover_type, e.plover_mode, e.quad_class, e.goldstein,
    e.polarity, e.status, e.place, e.trigger, e.confidence, e.rule, e.start, e."end\""""
EVENT_SORTS = {
    "-date": "e.date DESC NULLS LAST, e.article_id, e.start, e.id",
    "date": "e.date ASC NULLS LAST, e.article_id, e.start, e.id",
    "-goldstein": "e.goldstein DESC, e.date DESC NULLS LAST, e.id",
    "goldstein": "e.goldstein ASC, e.date DESC NULLS LAST, e.id",
    "-confidence": "e.confidence DESC, e.date DESC NULLS LAST, e.id",
    "confidence": "e.confidence ASC, e.date DESC NULLS LAST, e.id",
    "cameo": "e.cameo ASC, e.date DESC NULLS LAST, e.id",
    "-cameo": "e.cameo DESC, e.date DESC NULLS LAST, e.id",
}
ARTICLE_SORTS = {
    "-published": "a.published DESC NULLS LAST, a.id",
    "published": "a.published ASC NULLS LAST, a.id",
    "title": "a.title ASC NULLS LAST, a.id",
    "-events": "events DESC, a.published DESC NULLS LAST, a.id",
}
ACTOR_SORTS = {
    "-mentions": "mentions DESC, code",
    "code": "code",
    "-articles": "articles DESC, code",
}
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def contains(text: str) -> str:
    """A LIKE pattern (used with ESCAPE '\\') matching ``text`` anywhere, case-folded."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_where(flt: EventQuery) -> tuple[str, list[Any], bool]:
    """(condition, parameters, whether it reads the article text) for ``flt`` on alias e."""
    scope = Scope(actor=flt.actor, country=flt.country, code=flt.code, since=flt.since, until=flt.until,
                  status=flt.status, polarity=flt.polarity)
    where, params = scope_where(scope)
    conditions = [where]
    if flt.sector:
        sector = f"%|___%{flt.sector.upper()}%"
        conditions.append(f"({codes_like('e.source')} OR {codes_like('e.target')})")
        params += [sector, sector]
    if flt.root:
        conditions.append("e.root = ?")
        params.append(flt.root)
    if flt.quad_class:
        conditions.append("e.quad_class = ?")
        params.append(flt.quad_class)
    if flt.plover:
        conditions.append("upper(e.plover_type) = ?")
        params.append(flt.plover.upper())
    if flt.q:
        conditions.append(f"lower({SENTENCE}) LIKE ? ESCAPE '\\'")
        params.append(contains(flt.q))
    return " AND ".join(conditions), params, bool(flt.q)


def list_events(store: Store, flt: EventQuery, sort: str, page: Page) -> tuple[list[dict[str, Any]], int]:
    where, params, needs_text = event_where(flt)
    join = "JOIN articles a ON a.id = e.article_id" if needs_text else ""
    total = store.query(f"SELECT count(*) AS n FROM events e {join} WHERE {where}", params)[0]["n"]
    if total <= page.offset:
        return [], int(total)
    # The sentence is cut from its article here: reading the page's few articles by id is
    # cheaper than joining every event to its article's text.
    rows = store.query(
        f"SELECT {EVENT_COLUMNS} FROM events e {join} WHERE {where} ORDER BY {EVENT_SORTS[sort]} LIMIT ? OFFSET ?",
        [*params, page.limit, page.offset])
    if not rows:  # the store changed between the two queries
        return [], int(total)
    article_ids = sorted({r["article_id"] for r in rows})
    articles = {a["id"]: a for a in store.query(
        f"SELECT id, title, url, published, text FROM articles WHERE id IN ({_marks(article_ids)})", article_ids)}
    return [_with_sentence(row, articles[row["article_id"]]) for row in rows], int(total)


def _marks(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


def _with_sentence(event: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    return {**event, "sentence": article["text"][event["start"]:event["end"]], "title": article["title"],
            "url": article["url"], "published": article["published"]}


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """The article's row and every record row of it, in text order (rows are the record
    dataclasses' fields, so no conversion is needed to send them); None if no such id."""
    found = store.query("SELECT * FROM articles WHERE id = ?", [article_id])
    if not found:
        return None
    article = found[0]
    article.pop("run_id", None)
    # Sorted here: DuckDB scans the whole table for "= ? ORDER BY", not for "= ?" alone.
    records = {
        kind: sorted(store.query(f"SELECT * FROM {kind} WHERE article_id = ?", [article_id]),
                     key=lambda row: (row["start"], row["id"]))
        for kind in RECORD_KINDS
    }
    return {"article": article, "records": records}


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    rows = store.query(
        f"""SELECT {EVENT_COLUMNS}, e.place_id, e.trigger_start, e.trigger_end, {SENTENCE} AS sentence,
                   a.title, a.url, a.published
            FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?""",
        [event_id],
    )
    return rows[0] if rows else None


def list_articles(
    store: Store, q: str | None, source: str | None, since: str | None, until: str | None, sort: str, page: Page
) -> tuple[list[dict[str, Any]], int]:
    where, params = ["TRUE"], []
    if q:
        where.append("(lower(a.title) LIKE ? ESCAPE '\\' OR lower(a.text) LIKE ? ESCAPE '\\')")
        params += [contains(q)] * 2
    if source:
        where.append("lower(a.source) = ?")
        params.append(source.lower())
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(until)
    condition = " AND ".join(where)
    total = store.query(f"SELECT count(*) AS n FROM articles a WHERE {condition}", params)[0]["n"]
    if total <= page.offset:
        return [], total
    rows = store.query(
        f"""SELECT a.id, a.title, a.url, a.source, a.published, a.language,
                   coalesce(ev.n, 0) AS events, coalesce(qu.n, 0) AS quotes
            FROM articles a
            LEFT JOIN (SELECT article_id, count(*) AS n FROM events GROUP BY article_id) ev ON ev.article_id = a.id
            LEFT JOIN (SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id) qu ON qu.article_id = a.id
            WHERE {condition} ORDER BY {ARTICLE_SORTS[sort]} LIMIT ? OFFSET ?""",
        [*params, page.limit, page.offset],
    )
    return [{**r, "events": int(r["events"]), "quotes": int(r["quotes"])} for r in rows], int(total)


def list_actors(
    store: Store, q: str | None, country: str | None, sort: str, page: Page
) -> tuple[list[dict[str, Any]], int]:
    where, params = ["code IS NOT NULL"], []
    if q:
        where.append("(code LIKE ? OR lower(name) LIKE ? ESCAPE '\\')")
        params += [q.upper().replace("%", "") + "%", contains(q)]
    if country:
        where.append("code LIKE ?")
        params.append(country.upper() + "%")
    condition = " AND ".join(where)
    total = store.query(f"SELECT count(DISTINCT code) AS n FROM actors WHERE {condition}", params)[0]["n"]
    rows = store.query(
        f"""SELECT code, max(name) AS name, max(country) AS country, max(kind) AS kind,
                   count(*) AS mentions, count(DISTINCT article_id) AS articles
            FROM actors WHERE {condition} GROUP BY code ORDER BY {ACTOR_SORTS[sort]} LIMIT ? OFFSET ?""",
        [*params, page.limit, page.offset],
    )
    return rows, int(total)


def actor_summary(store: Store, code: str) -> dict[str, Any] | None:
    """The actor with exactly ``code``, else every actor whose code starts with it."""
    for condition, value in (("code = ?", code), ("code LIKE ?", code + "%")):
        names = store.query(
            f"""SELECT name, max(country) AS country, max(kind) AS kind, count(*) AS mentions,
                       count(DISTINCT article_id) AS articles
                FROM actors WHERE {condition} GROUP BY name ORDER BY mentions DESC, name NULLS LAST LIMIT 20""",
            [value],
        )
        if names:
            return {"code": code, "name": names[0]["name"], "country": names[0]["country"],
                    "kind": names[0]["kind"], "mentions": int(sum(n["mentions"] for n in names)),
                    "articles": int(max(n["articles"] for n in names)),
                    "names": [n["name"] for n in names if n["name"]]}
    return None


def actor_series(store: Store, code: str, by: str) -> list[dict[str, Any]]:
    """Per period: the events an actor (code prefix) takes part in, each way, and by QuadClass."""
    period, dated = period_of("e.date", by)
    pattern = prefix_pattern(code)
    quads = ", ".join(f"sum(CASE WHEN e.quad_class = {i} THEN 1 ELSE 0 END) AS {name}"
                      for i, name in enumerate(QUADS, start=1))
    rows = store.query(
        f"""SELECT {period} AS period, count(*) AS events,
                   sum(CASE WHEN {codes_like('e.source')} THEN 1 ELSE 0 END) AS as_source,
                   sum(CASE WHEN {codes_like('e.target')} THEN 1 ELSE 0 END) AS as_target,
                   CAST(avg(e.goldstein) AS DOUBLE PRECISION) AS goldstein_mean, {quads}
            FROM events e
            WHERE {dated} AND ({codes_like('e.source')} OR {codes_like('e.target')})
            GROUP BY 1 ORDER BY 1""",
        [pattern, pattern, pattern, pattern],
    )
    ints = ("events", "as_source", "as_target", *QUADS)
    return [{k: int(v) if k in ints else v for k, v in row.items()} for row in rows]


def places_geojson(
    store: Store, country: str | None, q: str | None, since: str | None, until: str | None, limit: int
) -> dict[str, Any]:
    where, params = ["p.geo_id IS NOT NULL", "p.lat IS NOT NULL", "p.lon IS NOT NULL"], []
    if country:
        where.append("p.country = ?")
        params.append(country.upper())
    if q:
        where.append("lower(p.name) LIKE ? ESCAPE '\\'")
        params.append(contains(q))
    if since or until:
        where.append("EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id"
                     + (" AND a.published >= ?" if since else "")
                     + (" AND substr(a.published, 1, 10) <= ?" if until else "") + ")")
        params += [v for v in (since, until) if v]
    rows = store.query(
        f"""SELECT p.geo_id, max(p.name) AS name, max(p.country) AS country, max(p.feature) AS feature,
                   max(p.lat) AS lat, max(p.lon) AS lon, count(*) AS mentions,
                   count(DISTINCT p.article_id) AS articles, sum(coalesce(ev.n, 0)) AS events
            FROM places p
            LEFT JOIN (SELECT place_id, count(*) AS n FROM events WHERE place_id IS NOT NULL GROUP BY place_id) ev
                   ON ev.place_id = p.id
            WHERE {' AND '.join(where)}
            GROUP BY p.geo_id ORDER BY mentions DESC, p.geo_id LIMIT ?""",
        [*params, limit],
    )
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
         "properties": {"geo_id": r["geo_id"], "name": r["name"], "country": r["country"],
                        "feature": r["feature"], "mentions": int(r["mentions"]),
                        "articles": int(r["articles"]), "events": int(r["events"])}}
        for r in rows
    ]
    return {"type": "FeatureCollection", "features": features}


def list_quotes(
    store: Store, speaker: str | None, actor: str | None, q: str | None, since: str | None,
    until: str | None, page: Page,
) -> tuple[list[dict[str, Any]], int]:
    where, params = ["TRUE"], []
    if speaker:
        where.append("lower(q.speaker) LIKE ? ESCAPE '\\'")
        params.append(contains(speaker))
    if actor:
        where.append("q.speaker_code LIKE ?")
        params.append(actor.upper() + "%")
    if q:
        where.append("lower(q.text) LIKE ? ESCAPE '\\'")
        params.append(contains(q))
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(until)
    condition = " AND ".join(where)
    base = f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {condition}"
    total = store.query(f"SELECT count(*) AS n {base}", params)[0]["n"]
    rows = store.query(
        f"""SELECT q.id, q.article_id, a.published, q.speaker, q.speaker_code, q.kind, q.cue, q.text,
                   a.title, q.start, q."end"
            {base} ORDER BY a.published DESC NULLS LAST, q.article_id, q.start LIMIT ? OFFSET ?""",
        [*params, page.limit, page.offset],
    )
    return rows, int(total)


def counts(store: Store) -> dict[str, int]:
    tables = ("articles", "events", "actors", "quotes", "times", "places", "linked_events", "skipped")
    row = store.query("SELECT " + ", ".join(f"(SELECT count(*) FROM {t}) AS {t}" for t in tables))[0]
    return {t: int(row[t]) for t in tables}
