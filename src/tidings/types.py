"""The records tidings produces: small frozen dataclasses, each pointing back to its text.

Every record except Article and Skip carries ``article_id`` and the character span
(``start``, ``end``) of the article text it came from, so a reader can check it.
Record ids are content hashes (see :func:`record_id`), so writing the same record twice
is a no-op in the store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Polarity = Literal["asserted", "negated"]
Status = Literal["realized", "future", "hypothetical", "reported"]
QuoteKind = Literal["direct", "partial", "indirect"]


def record_id(*parts: object) -> str:
    """A stable 16-hex-digit id from the parts that make a record what it is."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in an article's text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. ``id`` is a content hash of the normalized text and the URL."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | datetime | None = None
    language: str = "en"
    origin: str | None = None  # where it was read from: "path", "path:line", a feed URL

    @property
    def published_date(self) -> date | None:
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that could not be read as an article, with the reason why."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A mention resolved to a CAMEO-style actor code as of the article date.

    ``code`` is None when the mention could not be resolved: tidings says "unknown"
    rather than guessing. ``entry`` names the knowledge-base entry that matched and
    ``rule`` how (exact alias, fuzzy, within-article link, description, pronoun...).
    """

    article_id: str
    start: int
    end: int
    text: str
    code: str | None
    name: str | None = None
    country: str | None = None  # three letters: ISO 3166 alpha-3 or an IGO code
    kind: str | None = None  # person, organisation, state, group
    entry: str | None = None
    rule: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", record_id("actor", self.article_id, self.start, self.end))


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A temporal expression normalized TIMEX3-style against the publication date.

    ``value`` is None when it cannot be resolved (for instance, no publication date).
    ``granularity``: day, week, month, quarter, season, year, decade, century, time,
    duration, reference (PRESENT_REF and the like) or set.
    """

    article_id: str
    start: int
    end: int
    text: str
    value: str | None
    granularity: str
    rule: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", record_id("time", self.article_id, self.start, self.end))


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved to a gazetteer entry; unresolved places keep ``geo_id`` None."""

    article_id: str
    start: int
    end: int
    text: str
    geo_id: str | None = None  # "geonames:1871859" or "country:PRK"
    name: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # country, admin1, city, capital, region
    rule: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", record_id("place", self.article_id, self.start, self.end))


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech with its speaker. ``start``/``end`` span the quoted text itself."""

    article_id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None  # the speaker as named in the text (or resolved from a pronoun)
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_code: str | None = None  # actor code of the speaker, when resolved
    cue: str | None = None  # the reporting verb or phrase: said, told, according to
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", record_id("quote", self.article_id, self.start, self.end))


@dataclass(frozen=True, slots=True)
class Event:
    """A source-action-target record with its evidence and explanation.

    ``source``/``target`` are tuples of actor codes (compound actors stay lists, as in
    PLOVER; CAMEO dyads are derived from them). ``start``/``end`` span the sentence the
    event came from; ``trigger_start``/``trigger_end`` the word or phrase that fired.
    ``date_is_publication`` is True when no temporal expression dated the event and the
    publication date stands in for it.
    """

    article_id: str
    start: int
    end: int
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    source_text: str | None = None
    target_text: str | None = None
    polarity: Polarity = "asserted"
    status: Status = "realized"
    date: str | None = None  # TIMEX3-style value (day, month or year)
    date_is_publication: bool = False
    place: str | None = None  # place name as written
    place_id: str | None = None  # the Place record's id
    trigger_start: int = 0
    trigger_end: int = 0
    trigger: str = ""
    confidence: float = 0.0
    rule: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(
                self,
                "id",
                record_id(
                    "event", self.article_id, self.trigger_start, self.trigger_end,
                    self.cameo, self.source, self.target,
                ),
            )


@dataclass(frozen=True, slots=True)
class Records:
    """Everything the stages found in one article; each stage adds its own field."""

    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in RECORD_KINDS}


RECORD_KINDS: tuple[str, ...] = ("actors", "events", "quotes", "times", "places")


@dataclass(frozen=True, slots=True)
class Result:
    """One article and what the pipeline found in it."""

    article: Article
    records: Records
