"""Articles: list, search, and one article with every record found in it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query

from .. import queries
from ..deps import PageDep, SinceQ, StoreDep, UntilQ
from ..responses import SafeJSONResponse

router = APIRouter(prefix="/api", tags=["articles"])
ArticleSort = Literal["-published", "published", "title", "-events"]


@router.get("/articles", summary="List and search articles")
def articles(
    store: StoreDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Text in the title or body (case-insensitive).")] = None,
    source: Annotated[str | None, Query(max_length=200, description="Outlet name, exactly (case-insensitive).")] = None,
    since: SinceQ = None,
    until: UntilQ = None,
    sort: Annotated[ArticleSort, Query(description="Order: -published (newest first), published, title, -events.")] = "-published",
) -> Any:
    """Articles in the store, newest first, with how many events and quotes each holds.

    Answers `{"items": [{"id", "title", "url", "source", "published", "language", "events",
    "quotes"}], "total", "limit", "offset"}`.
    """
    rows, total = queries.list_articles(store, q, source, since, until, sort, page)
    return SafeJSONResponse(page.envelope(rows, total))


@router.get("/articles/{article_id}", summary="One article with every record and its spans")
def article(
    store: StoreDep,
    article_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9-]{4,64}$", description="Article id, or a unique start of it.")],
) -> Any:
    """The article's text and metadata, and every record found in it: events, actors,
    quotes, times and places, each with its character span (`start`, `end`) in `text`.

    Answers `{"article": {...}, "records": {"events": [...], "actors": [...], "quotes": [...],
    "times": [...], "places": [...]}}`; 404 when no article has that id, 400 when the id
    prefix is ambiguous.
    """
    detail = queries.article_detail(store, article_id)
    if detail is None:
        matches = store.query("SELECT id FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", [article_id + "%"])
        if not matches:
            raise HTTPException(404, f"no article with id {article_id!r}")
        if len(matches) > 1:
            raise HTTPException(400, f"{article_id!r} is the start of several article ids; give more of it")
        detail = queries.article_detail(store, matches[0]["id"])
    return SafeJSONResponse(detail)
