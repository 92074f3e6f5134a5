"""Reading records back: one article with everything found in it, filtered lists.

Every query is parameterised SQL that DuckDB and PostgreSQL both accept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from ..types import Article, Records, Result
from .base import Store
from .filters import Scope, scope_where
from .schema import RECORD_TABLES, from_row


def load_article(store: Store, article_id: str) -> Result:
    """The article whose id is ``article_id`` (or starts with it), with all its records."""
    rows = store.query("SELECT * FROM articles WHERE id = ?", [article_id]) or store.query(
        "SELECT * FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", [article_id + "%"]
    )
    if not rows:
        raise StoreError(f"no article with id {article_id!r} in {store.url}")
    if len(rows) > 1:
        raise StoreError(f"{article_id!r} is the start of several article ids; give more of it")
    article = from_row(Article, rows[0])
    # Sorted here: DuckDB scans a whole table for "= ? ORDER BY", but not for "= ?" alone.
    found = {
        kind: tuple(
            from_row(cls, row)
            for row in sorted(
                store.query(f"SELECT * FROM {kind} WHERE article_id = ?", [article.id]),
                key=lambda row: (row["start"], row["id"]),
            )
        )
        for kind, cls in RECORD_TABLES.items()
    }
    return Result(article=article, records=Records(**found))


SENTENCE = 'substr(a.text, CAST(e.start + 1 AS INTEGER), CAST(e."end" - e.start AS INTEGER))'


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``tidings events``: a :class:`Scope` plus sentence text and paging."""

    scope: Scope = Scope()
    text: str | None = None
    limit: int = 50
    offset: int = 0


def list_events(store: Store, flt: EventFilter) -> list[dict[str, Any]]:
    """Event mentions matching ``flt``, newest first, each with its sentence."""
    where, params = scope_where(flt.scope)
    if flt.text:
        where += f" AND lower({SENTENCE}) LIKE ?"
        params.append(f"%{flt.text.lower()}%")
    sql = f"""
        SELECT e.id, e.article_id, e.date, e.date_is_publication, e.source, e.cameo, e.target,
               e.plover_type, e.plover_mode, e.quad_class, e.goldstein, e.polarity, e.status,
               e.place, e.trigger, e.confidence, e.rule, {SENTENCE} AS sentence, a.title, a.url
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE {where}
        ORDER BY e.date DESC NULLS LAST, e.article_id, e.start
        LIMIT ? OFFSET ?"""
    return store.query(sql, [*params, flt.limit, flt.offset])


@dataclass(frozen=True)
class QuoteFilter:
    speaker: str | None = None
    actor: str | None = None
    text: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 50
    offset: int = 0


def list_quotes(store: Store, flt: QuoteFilter) -> list[dict[str, Any]]:
    where, params = ["TRUE"], []
    if flt.speaker:
        where.append("lower(q.speaker) LIKE ?")
        params.append(f"%{flt.speaker.lower()}%")
    if flt.actor:
        where.append("q.speaker_code LIKE ?")
        params.append(flt.actor.upper() + "%")
    if flt.text:
        where.append("lower(q.text) LIKE ?")
        params.append(f"%{flt.text.lower()}%")
    if flt.since:
        where.append("a.published >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(flt.until)
    sql = f"""
        SELECT q.id, q.article_id, a.published, q.speaker, q.speaker_code, q.kind, q.cue, q.text,
               a.title
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE {' AND '.join(where)}
        ORDER BY a.published DESC NULLS LAST, q.article_id, q.start
        LIMIT ? OFFSET ?"""
    return store.query(sql, [*params, flt.limit, flt.offset])
