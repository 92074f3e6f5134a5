"""Quotes: by speaker and speaker's actor code, and searched by text."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...analytics import quotes_by_speaker
from .. import queries
from ..deps import ActorQ, PageDep, SinceQ, StoreDep, UntilQ
from ..responses import SafeJSONResponse

router = APIRouter(prefix="/api", tags=["quotes"])


@router.get("/quotes", summary="List and search quotes")
def quotes(
    store: StoreDep,
    page: PageDep,
    speaker: Annotated[str | None, Query(max_length=200, description="Part of the speaker's name as written.")] = None,
    actor: ActorQ = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the quote (case-insensitive).")] = None,
    since: SinceQ = None,
    until: UntilQ = None,
) -> Any:
    """Quotes, newest article first, with their speaker, the speaker's actor code when
    resolved, the cue verb and the quote's span in its article.

    Answers `{"items": [{"id", "article_id", "published", "speaker", "speaker_code", "kind",
    "cue", "text", "title", "start", "end"}], "total", "limit", "offset"}`.
    """
    rows, total = queries.list_quotes(store, speaker, actor, q, since, until, page)
    return SafeJSONResponse(page.envelope(rows, total))


@router.get("/quotes/speakers", summary="Who is quoted most")
def speakers(
    store: StoreDep,
    actor: ActorQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    limit: Annotated[int, Query(ge=1, le=500, description="How many speakers.")] = 20,
) -> Any:
    """Speakers by number of quotes (a speaker is their actor code when resolved, else their
    name), with articles, first and last day and quote kinds.

    Answers `{"items": [{"speaker_key", "code", "speaker", "quotes", "articles", "first",
    "last", "direct", "partial", "indirect"}]}`.
    """
    return SafeJSONResponse({"items": quotes_by_speaker(store, actor=actor, since=since, until=until, limit=limit)})
