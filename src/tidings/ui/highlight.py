"""An article's text cut into properly nested highlight marks, one per record.

Records overlap freely (an event's sentence holds actors, a quote holds times), and two
records may cross. The text is cut at every record boundary; each piece is covered by
some records, ordered outermost first by kind. Walking the pieces, marks are closed and
opened so that the output nests; a record that crosses another is simply split into
several marks with the same id. The template escapes every piece of text.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..types import Records

# Outermost first: a sentence holds quotes, quotes hold names, the trigger is innermost.
LAYERS = ("event", "quote", "speaker", "actor", "place", "time", "trigger")


@dataclass(frozen=True, slots=True)
class Mark:
    kind: str  # one of LAYERS
    id: str  # the record's id (for a trigger or speaker: its event's or quote's id)
    start: int
    end: int
    title: str

    @property
    def order(self) -> tuple[int, int, int, str]:
        return (LAYERS.index(self.kind), self.start, -self.end, self.id)


@dataclass(frozen=True, slots=True)
class Part:
    """One step of the output: open a mark, close the innermost open mark, or text."""

    text: str = ""
    open: Mark | None = None
    close: bool = False


def _trim(text: str, mark: Mark) -> Mark:
    """The mark without the spaces and line breaks at its ends (sentences often carry them)."""
    piece = text[mark.start : mark.end]
    start = mark.start + len(piece) - len(piece.lstrip())
    end = mark.end - (len(piece) - len(piece.rstrip()))
    return Mark(mark.kind, mark.id, start, max(start, end), mark.title)


def marks_of(text: str, records: Records, event_label: dict[str, str]) -> list[Mark]:
    """Marks for every record with a span in ``text``; ``event_label`` gives each event's
    hover text."""
    marks = [Mark("actor", a.id, a.start, a.end, f"{a.code or 'unresolved'} · {a.name or a.text}")
             for a in records.actors]
    marks += [Mark("place", p.id, p.start, p.end, p.name or p.text) for p in records.places]
    marks += [Mark("time", t.id, t.start, t.end, t.value or "unresolved") for t in records.times]
    for q in records.quotes:
        speaker = q.speaker or "unknown speaker"
        marks.append(Mark("quote", q.id, q.start, q.end, f"{q.kind} quote · {speaker}"))
        if q.speaker_start is not None and q.speaker_end is not None and q.speaker_end > q.speaker_start:
            marks.append(Mark("speaker", q.id, q.speaker_start, q.speaker_end, "speaker"))
    for e in records.events:
        label = event_label.get(e.id, e.cameo)
        marks.append(Mark("event", e.id, e.start, e.end, label))
        if e.trigger_end > e.trigger_start:
            marks.append(Mark("trigger", e.id, e.trigger_start, e.trigger_end, label))
    trimmed = (_trim(text, m) for m in marks if 0 <= m.start < m.end <= len(text))
    return [m for m in trimmed if m.end > m.start]


def nest(text: str, marks: list[Mark]) -> list[Part]:
    """The text as open/close/text parts in which every mark nests properly."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    ordered = sorted(marks, key=lambda m: m.order)
    parts: list[Part] = []
    stack: list[Mark] = []
    for start, end in pairwise(cuts):
        covering = [m for m in ordered if m.start <= start and end <= m.end]
        keep = 0
        while keep < min(len(stack), len(covering)) and stack[keep] is covering[keep]:
            keep += 1
        parts += [Part(close=True)] * (len(stack) - keep)
        stack = stack[:keep]
        for mark in covering[keep:]:
            parts.append(Part(open=mark))
            stack.append(mark)
        parts.append(Part(text=text[start:end]))
    parts += [Part(close=True)] * len(stack)
    return parts
