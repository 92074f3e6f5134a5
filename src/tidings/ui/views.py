"""Events and articles as the pages list them: plain functions returning plain data.

The page handlers in ``pages.py`` call these (and ``aggregates``) and hand the result to a
template; nothing here knows about HTTP or HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from ..analytics import Scope
from ..store.filters import scope_where
from ..events.codebook import QUAD_CLASSES, load_codebook
from ..store import Store

SENTENCE = 'substr(a.text, CAST(e.start + 1 AS INTEGER), CAST(e."end" - e.start AS INTEGER))'
EVENT_COLUMNS = f"""e.id, e.article_id, e.date, e.date_is_publication, e.source, e.target,
    e.source_text, e.target_text, e.cameo, e.root, e.plover_type, e.plover_mode, e.quad_class,
    e.goldstein, e.polarity, e.status, e.place, e.trigger, e.confidence, e.rule,
    e.trigger_start - e.start AS trigger_at, e.trigger_end - e.start AS trigger_to,
    {SENTENCE} AS sentence, a.title"""
SORTS = {"date": "e.date", "goldstein": "e.goldstein", "confidence": "e.confidence",
         "code": "e.cameo", "article": "a.title"}
PAGE_SIZES = (25, 50, 100)


def cameo_name(code: str) -> str:
    book = load_codebook()
    return book.cameo[code].name if code in book else code


def decorate(event: dict[str, Any]) -> dict[str, Any]:
    """An event row with the names a reader needs beside the codes, and its sentence cut
    around the trigger (``before``, ``trigger_text``, ``after``) so the page can mark it."""
    sentence, at, to = event.get("sentence") or "", event.get("trigger_at"), event.get("trigger_to")
    if at is None or to is None or not 0 <= at < to <= len(sentence):
        at = to = 0
    return {
        **event,
        "before": sentence[:at], "trigger_text": sentence[at:to], "after": sentence[to:],
        "action": cameo_name(event["cameo"]),
        "quad_name": QUAD_CLASSES.get(event.get("quad_class") or 0, ""),
    }


@dataclass(frozen=True)
class EventQuery:
    """The event explorer's filters, sort and page, as given in the URL."""

    actor: str = ""
    country: str = ""
    code: str = ""
    since: str = ""
    until: str = ""
    status: str = ""
    polarity: str = ""
    text: str = ""
    place: str = ""
    sort: str = "date"
    order: str = "desc"
    page: int = 1
    size: int = 50

    def clean(self) -> EventQuery:
        """Unknown sorts, orders and sizes fall back to the defaults; pages start at 1."""
        return replace(
            self,
            sort=self.sort if self.sort in SORTS else "date",
            order="asc" if self.order == "asc" else "desc",
            page=max(1, self.page),
            size=self.size if self.size in PAGE_SIZES else 50,
            actor=self.actor.strip().upper(), country=self.country.strip().upper(),
            code=self.code.strip(),
        )

    def url(self, **changes: Any) -> str:
        """This query's explorer URL with ``changes``, leaving out default values."""
        changed, default = replace(self, **changes), EventQuery()
        params = {f: getattr(changed, f) for f in self.__dataclass_fields__
                  if getattr(changed, f) != getattr(default, f)}
        return "/events" + (f"?{urlencode(params)}" if params else "")

    def scope(self) -> Scope:
        return Scope(actor=self.actor or None, country=self.country or None, code=self.code or None,
                     since=self.since or None, until=self.until or None,
                     status=(self.status,) if self.status else (), polarity=self.polarity or None)


def find_events(store: Store, query: EventQuery) -> tuple[list[dict[str, Any]], int]:
    """One page of events matching ``query`` and the number of all that match."""
    where, params = scope_where(query.scope())
    if query.text:
        where += f" AND lower({SENTENCE}) LIKE ?"
        params.append(f"%{query.text.lower()}%")
    if query.place:  # as written in the text, or the gazetteer's name of the place
        where += " AND (lower(e.place) = ? OR e.place_id IN (SELECT p.id FROM places p WHERE lower(p.name) = ?))"
        params += [query.place.lower()] * 2
    total = store.query(
        f"SELECT count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}", params
    )[0]["n"]
    direction = "ASC" if query.order == "asc" else "DESC"
    rows = store.query(
        f"""SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
            WHERE {where}
            ORDER BY {SORTS[query.sort]} {direction} NULLS LAST, e.article_id, e.start
            LIMIT ? OFFSET ?""",
        [*params, query.size, (query.page - 1) * query.size],
    )
    return [decorate(r) for r in rows], int(total)


def list_articles(
    store: Store, limit: int = 100, offset: int = 0, q: str = ""
) -> tuple[list[dict[str, Any]], int]:
    """Articles, newest first, with their record counts; ``q`` searches titles."""
    where, params = "TRUE", []
    if q:
        where, params = "lower(coalesce(a.title, '')) LIKE ?", [f"%{q.lower()}%"]
    total = store.query(f"SELECT count(*) AS n FROM articles a WHERE {where}", params)[0]["n"]
    rows = store.query(
        f"""SELECT a.id, a.title, a.published, a.source, a.url,
                  (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,
                  (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
                  (SELECT count(*) FROM actors r WHERE r.article_id = a.id) AS actors
           FROM articles a WHERE {where}
           ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return rows, int(total)
