"""Events stage: sentences -> source-action-target records coded in CAMEO and PLOVER.

``build(settings)`` loads the codebooks and compiles the patterns once; the stage then
walks each sentence's dependency parse (see :mod:`tidings.events.coder`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..config import Settings
from ..types import Article, Event, Records
from .arguments import ActorIndex
from .codebook import Codebook, load_codebook
from .coder import Coder, CoderContext
from .context import ContextIndex
from .patterns import PatternSet, load_patterns

__all__ = ["build", "Coder", "Codebook", "PatternSet", "load_codebook", "load_patterns"]


QUOTED_FACTOR = 0.7  # an act told inside someone's direct quote is their claim


def _quoted(events: list[Event], records: Records) -> list[Event]:
    """Events whose trigger lies inside a direct quote are reported claims: less certain."""
    spans = [(q.start, q.end) for q in records.quotes if q.kind == "direct"]
    out = []
    for event in events:
        if any(s <= event.trigger_start < e for s, e in spans):
            event = replace(
                event,
                status="reported" if event.status == "realized" else event.status,
                confidence=round(event.confidence * QUOTED_FACTOR, 3),
                id="",
            )
        out.append(event)
    return out


def build(settings: Settings):
    """The events stage for these settings: (article, doc, records) -> tuple of Events."""
    book = load_codebook()
    minimum = settings.min_event_confidence
    coder = Coder(load_patterns(book, settings.pattern_files), book, minimum)

    def events(article: Article, doc: Doc, records: Records) -> tuple[Event, ...]:
        ctx = CoderContext(
            article_id=article.id,
            published=article.published_date,
            actors=ActorIndex(doc, records.actors, records.quotes, records.places),
            context=ContextIndex(doc, records.times, records.places),
        )
        found: list[Event] = []
        for sent in doc.sents:
            found.extend(coder.code_sentence(sent, ctx))
        return tuple(e for e in _quoted(found, records) if e.confidence >= minimum)

    return events
