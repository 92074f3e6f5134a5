"""One Aho-Corasick automaton over every alias of the knowledge base.

Matching runs on the lower-cased text, then each hit is checked against token boundaries
(the automaton alone finds "north korea" inside "North Korean") and against case: short or
all-capital aliases ("US", "AP", "WHO") must match exactly, and a capitalised alias never
matches all-lower-case text ("china", "turkey"). Overlaps keep the longest, leftmost hit.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from .kb import Alias, KnowledgeBase


@dataclass(frozen=True, slots=True)
class Hit:
    """A knowledge-base alias found in a Doc, as a token range [start, end)."""

    start: int
    end: int
    text: str
    aliases: tuple[Alias, ...]


def build_automaton(kb: KnowledgeBase) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for lower in kb.aliases:
        automaton.add_word(lower, lower)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def case_fits(alias: str, found: str) -> bool:
    """Whether text ``found`` may stand for ``alias`` given their letter case."""
    if found == alias:
        return True
    letters = [c for c in alias if c.isalpha()]
    if len(letters) <= 3 or alias.upper() == alias:
        return False
    if found.islower() and not alias.islower():
        return False
    return True


def find_hits(doc: Doc, kb: KnowledgeBase, automaton: ahocorasick.Automaton, text: str | None = None) -> list[Hit]:
    """Non-overlapping alias hits aligned to tokens, in text order (``text`` is ``doc.text``)."""
    if not len(automaton):
        return []
    text = doc.text if text is None else text
    columns = doc.to_array([IDX, LENGTH])
    starts = {int(idx): i for i, (idx, _) in enumerate(columns)}
    ends = {int(idx + length): i for i, (idx, length) in enumerate(columns)}
    candidates: list[tuple[int, int, str, tuple[Alias, ...]]] = []
    for last, lower in automaton.iter(text.lower()):
        first = last - len(lower) + 1
        if first not in starts or last + 1 not in ends:
            continue
        found = text[first : last + 1]
        fitting = tuple(a for a in kb.aliases[lower] if case_fits(a.text, found))
        if fitting:
            candidates.append((first, last + 1, found, fitting))
    hits: list[Hit] = []
    taken: set[int] = set()
    for first, end, found, fitting in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        tokens = range(starts[first], ends[end] + 1)
        if taken.intersection(tokens):
            continue
        taken.update(tokens)
        hits.append(Hit(tokens.start, tokens.stop, found, fitting))
    hits.sort(key=lambda h: h.start)
    return hits
