"""What routes share: the store, page bounds and the event filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request

from ..store import Store

MAX_LIMIT = 500
MAX_OFFSET = 100_000
CODE = r"^[A-Za-z0-9_]{1,32}$"  # an actor code or code prefix
DAY = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # 2019, 2019-06 or 2019-06-20
Status = Literal["realized", "future", "hypothetical", "reported"]
Polarity = Literal["asserted", "negated"]


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def envelope(self, items: list[dict[str, Any]], total: int) -> dict[str, Any]:
        return {"items": items, "total": total, "limit": self.limit, "offset": self.offset}


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1-{MAX_LIMIT}).")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(page)]

ActorQ = Annotated[str | None, Query(pattern=CODE, description="Actor code prefix on either side, e.g. CHN or CHNGOV.")]
CountryQ = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="Three-letter country code on either side.")]
CodeQ = Annotated[str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO code prefix, e.g. 04 or 042.")]
SinceQ = Annotated[str | None, Query(pattern=DAY, description="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilQ = Annotated[str | None, Query(pattern=DAY, description="Up to this date, inclusive.")]
StatusQ = Annotated[list[Status] | None, Query(description="Event status; repeat for several.")]
PolarityQ = Annotated[Polarity | None, Query(description="asserted or negated.")]


@dataclass(frozen=True)
class EventQuery:
    """The filters of /api/events (a superset of analytics' Scope)."""

    actor: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    root: str | None = None
    quad_class: int | None = None
    plover: str | None = None
    status: tuple[str, ...] = ()
    polarity: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None


def event_query(
    actor: ActorQ = None,
    country: CountryQ = None,
    sector: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="Role code after the country: GOV, MIL, OPP, REB...")] = None,
    code: CodeQ = None,
    root: Annotated[str | None, Query(pattern=r"^\d{2}$", description="CAMEO root code, exactly: 01-20.")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.")] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,32}$", description="PLOVER event type, e.g. CONSULT.")] = None,
    status: StatusQ = None,
    polarity: PolarityQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the event's sentence (case-insensitive).")] = None,
) -> EventQuery:
    return EventQuery(actor=actor, country=country, sector=sector, code=code, root=root, quad_class=quad_class,
                      plover=plover, status=tuple(status or ()), polarity=polarity, since=since, until=until,
                      q=q or None)


EventQueryDep = Annotated[EventQuery, Depends(event_query)]
