"""Events: filtered, sorted, paged; and one event with its sentence."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query

from .. import queries
from ..deps import EventQueryDep, PageDep, StoreDep
from ..responses import SafeJSONResponse

router = APIRouter(prefix="/api", tags=["events"])
EventSort = Literal["-date", "date", "-goldstein", "goldstein", "-confidence", "confidence", "cameo", "-cameo"]


@router.get("/events", summary="List events with filters, sorting and pagination")
def events(
    store: StoreDep,
    flt: EventQueryDep,
    page: PageDep,
    sort: Annotated[EventSort, Query(description="Order; a leading - means descending.")] = "-date",
) -> Any:
    """Event records (one per sentence that reports one), each with the sentence it came from.

    Filters combine with AND: actor, country, sector, CAMEO code prefix or root, QuadClass,
    PLOVER type, status (repeatable), polarity, date range and text in the sentence.
    Answers `{"items": [event], "total", "limit", "offset"}`; an event has `id`,
    `article_id`, `date`, `source`/`target` (code lists), `cameo`, `root`, `quad_class`,
    `goldstein`, `plover_type`, `polarity`, `status`, `start`/`end` (the sentence span),
    `sentence`, `title`, `url`, `published` and more (see the README).
    """
    rows, total = queries.list_events(store, flt, sort, page)
    return SafeJSONResponse(page.envelope(rows, total))


@router.get("/events/{event_id}", summary="One event with its sentence")
def event(
    store: StoreDep,
    event_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="Event id.")],
) -> Any:
    """One event record, with the span of its trigger and the sentence it came from; 404 when
    no event has that id."""
    row = queries.get_event(store, event_id)
    if row is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return SafeJSONResponse(row)
