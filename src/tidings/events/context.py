"""When and where: the time expression and place attached to an event's clause.

A time or place belongs to an event when its phrase hangs (through prepositions and
noun modifiers) from the trigger or the trigger's clause verb. Otherwise the event date
is the publication date (flagged) and the place is the article's dateline, if any.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..types import Place, TimeRef

# TimeRef granularities that date an event (durations and sets do not).
DATING_GRANULARITIES = {"day", "week", "month", "quarter", "season", "year", "time"}
LINK_DEPS = {
    "prep",
    "pobj",
    "npadvmod",
    "tmod",
    "compound",
    "appos",
    "conj",
    "nmod",
    "amod",
    "advmod",
}


@dataclass(frozen=True, slots=True)
class Located:
    token: int  # index of the phrase's first token
    record: TimeRef | Place


class ContextIndex:
    """Times and places of one Doc, by sentence, built once per article."""

    def __init__(self, doc: Doc, times: tuple[TimeRef, ...], places: tuple[Place, ...]) -> None:
        self.times = self._locate(doc, times)
        self.places = self._locate(doc, [p for p in places if p.rule != "dateline"])
        self.dateline = next((p for p in places if p.rule == "dateline"), None)

    @staticmethod
    def _locate(doc: Doc, records) -> list[Located]:
        out = []
        for record in records:
            span = doc.char_span(record.start, record.end, alignment_mode="expand")
            if span is not None and len(span):
                out.append(Located(span.root.i, record))
        return out

    def _attached(
        self, doc: Doc, sent: Span, items: list[Located], anchors: set[int]
    ) -> list[Located]:
        found = []
        for item in items:
            if not sent.start <= item.token < sent.end:
                continue
            t: Token = doc[item.token]
            for _ in range(5):
                if t.i in anchors:
                    found.append(item)
                    break
                if t.dep_ not in LINK_DEPS or t.head == t:
                    break
                t = t.head
        return found

    def date(
        self, doc: Doc, sent: Span, anchors: set[int], published: date | None
    ) -> tuple[str | None, bool]:
        """(TIMEX3 value, is_publication_date)."""
        for item in self._attached(doc, sent, self.times, anchors):
            record = item.record
            if (
                isinstance(record, TimeRef)
                and record.value
                and record.granularity in DATING_GRANULARITIES
            ):
                return record.value, False
        if published is None:
            return None, False
        return published.isoformat(), True

    def place(self, doc: Doc, sent: Span, anchors: set[int]) -> Place | None:
        for item in self._attached(doc, sent, self.places, anchors):
            if isinstance(item.record, Place):
                return item.record
        return self.dateline
