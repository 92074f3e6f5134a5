"""Temporal expressions -> TIMEX3-style values against the publication date.

``build(settings)`` returns the stage; :func:`find_times` is the same work on a bare
text (for ``tidings times``); :func:`normalize` reads one expression without spaCy.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..config import Settings
from ..types import Article, Records, TimeRef
from .calendar import Tense
from .grammar import Grammar, Normalized, grammar
from .recognize import recognize, resolve_all
from .resolvers import Context
from .values import parse_point

__all__ = ["build", "find_times", "normalize", "times_in_doc", "Normalized"]


def normalize(
    text: str, anchor: date | None, tense: Tense = "past", reference: str | None = None
) -> Normalized | None:
    """Read one expression ("last month", "Sept. 30") against ``anchor``; None if unreadable.

    ``reference`` is the value of a time mentioned before it ("a day earlier" counts from it).
    """
    point = parse_point(reference)
    days = (reference,) if reference and point and point.granularity == "day" else ()
    ctx = Context(anchor=anchor, tense=tense, reference=reference, days=days)
    return grammar().normalize(text, ctx)


def times_in_doc(
    doc: Doc, article_id: str, published: date | None, rules: Grammar | None = None
) -> tuple[TimeRef, ...]:
    """Every temporal expression of a parsed text, resolved in reading order."""
    rules = rules or grammar()
    order = {rule.name: i for i, rule in enumerate(rules.rules)}
    text = doc.text
    return resolve_all(recognize(doc, text, rules, order), doc, text, rules, article_id, published)


def find_times(
    text: str, published: date | None, nlp: Language, settings: Settings | None = None
) -> tuple[TimeRef, ...]:
    """Parse ``text`` and return its temporal expressions (the ``tidings times`` command).

    ``settings`` is accepted for symmetry with the stages; the grammar has no options yet.
    """
    return times_in_doc(nlp(text), "", published)


def build(settings: Settings) -> Callable[[Article, Doc, Records], tuple[TimeRef, ...]]:
    """The times stage: grammar compiled once, applied per article."""
    rules = grammar()

    def stage(article: Article, doc: Doc, records: Records) -> tuple[TimeRef, ...]:
        return times_in_doc(doc, article.id, article.published_date, rules)

    return stage
