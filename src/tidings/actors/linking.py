"""Linking within one article: surnames, definite descriptions, context countries, pronouns.

* A surname alone ("Xi") takes the code of a full-name mention in the same article (the
  nearest before it, else the first after it). Without one, it may resolve to an
  officeholder only when exactly one person with that surname is in office on the date and
  the surname is not common in the knowledge base (three or more people share it).
* "the Chinese leader", "the young North Korean leader" take the person of the same country
  named nearest before them.
* A role without a country ("police", "officials said") takes the country named nearest
  before it in its sentence, else the article's most frequent country.
* "he"/"she" as a subject takes the nearest person actor before it (same or previous two
  sentences).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc

from .codes import is_state, person_code
from .kb import KnowledgeBase
from .resolver import Draft, fold

COMMON_SURNAME_PEOPLE = 3
PRONOUNS = frozenset({"he", "she"})
PRONOUN_SENTENCES = 2


def _tokens(name: str | None) -> list[str]:
    return fold(name or "").split()


def link_people(drafts: list[Draft], kb: KnowledgeBase, on: date | None) -> None:
    people = [d for d in drafts if d.kind == "person" and d.code is not None and d.link is None]
    words_of = {id(p): set(_tokens(p.name) + _tokens(p.person)) for p in people}
    length_of = {id(p): len(_tokens(p.person)) for p in people}
    for draft in drafts:
        if draft.link == "possessor":
            surname = (_tokens(draft.person) or [""])[-1]
            owner = [p for p in people if surname and surname in words_of[id(p)]]
            country = owner[-1].code[:3] if owner and owner[-1].code else _surname_country(surname, kb)
            if country and draft.sector:
                draft.country = country
                draft.code, draft.rule, draft.sector = country + draft.sector, "description-link", None
            continue
        if draft.kind != "person" or draft.link is None:
            continue
        words = _tokens(draft.person)
        if not words:
            continue
        surname = words[-1]
        named = [p for p in people if p is not draft and surname in words_of[id(p)] and length_of[id(p)] >= len(words)]
        if named:
            before = [p for p in named if p.start < draft.start]
            source = before[-1] if before else named[0]
            draft.code, draft.name, draft.country = source.code, source.name, source.country
            draft.entry, draft.rule, draft.sector = source.entry, "article-link", None
            continue
        if draft.link == "surname" and draft.code is None:
            _link_surname(draft, surname, kb, on)


def _link_surname(draft: Draft, surname: str, kb: KnowledgeBase, on: date | None) -> None:
    """A surname alone: the one officeholder in office with it, or, with a title in the text
    ("President Obama"), the one person in the knowledge base with it."""
    keys = kb.surnames.get(surname, set())
    if on is None or not keys or len(keys) >= COMMON_SURNAME_PEOPLE:
        return
    in_office = [k for k in keys if any(t.covers(on) for t in kb.entries[k].terms)]
    if len(in_office) == 1:
        entry = kb.entries[in_office[0]]
        code, _ = person_code(kb, entry, on)
        rule = "surname-in-office"
    elif len(keys) == 1 and draft.sector and draft.sector != "ELI":
        entry = kb.entries[next(iter(keys))]
        code, _ = person_code(kb, entry, on)
        code, rule = (code[:3] + draft.sector if code else None), "surname-title"
    else:
        return
    draft.code, draft.name, draft.entry, draft.country = code, entry.name, entry.key, (code or "")[:3] or None
    draft.rule, draft.sector = rule, None


def _surname_country(surname: str, kb: KnowledgeBase) -> str | None:
    """The country every known person with this surname belongs to ("the Bush administration")."""
    countries = {kb.entries[k].country for k in kb.surnames.get(surname, set())}
    return countries.pop() if len(countries) == 1 else None


def link_descriptions(drafts: list[Draft]) -> None:
    for draft in drafts:
        if draft.link != "description" or draft.country is None:
            continue
        same = [p for p in drafts if p.kind == "person" and p.code and p.start < draft.start
                and p.code[:3] == draft.country and p.code[3:6] in {"GOV", "MIL", ""}]
        if same:
            source = same[-1]
            draft.code, draft.name, draft.entry = source.code, source.name, source.entry
            draft.kind, draft.rule = "person", "description-link"


def fill_context(drafts: list[Draft], doc: Doc, kb: KnowledgeBase, on: date | None,
                 place_countries: Iterable[str], home: str | None = None) -> None:
    """Give roles without a country one from context.

    In order: the dateline's country (``home``: "WELLINGTON, Oct 19 -" makes an unqualified
    "Prime Minister" New Zealand's), the country named nearest before it in its sentence,
    the first named after it there ("Gunmen killed villagers in Nigeria"), the article's
    most frequent country.
    """
    def state_country(d: Draft) -> str | None:
        if d.code is None or d.entry is None or not d.entry.startswith("country:"):
            return None
        entry = kb.entries.get(d.entry)
        return d.code[:3] if entry is not None and is_state(entry) and entry.kind != "region" else None

    def any_country(d: Draft) -> str | None:
        code = (d.code or "")[:3]
        entry = kb.entries.get(f"country:{code}")
        return code if entry is not None and entry.kind != "region" else None

    counts = Counter(c for c in (any_country(d) for d in drafts) if c)
    counts.update(kb.country_on(c, on) for c in place_countries if c)
    dominant = counts.most_common(1)[0][0] if counts else None
    waiting = [d for d in drafts if d.sector is not None and d.code is None]
    starts = [s.start for s in doc.sents] if waiting and home is None else []
    for draft in waiting:
        at = _sentence_index(starts, draft.start) if starts else 0
        first = starts[at] if starts else draft.start
        last = starts[at + 1] if starts and at + 1 < len(starts) else len(doc)
        before = [c for d in drafts if first <= d.start < draft.start and (c := state_country(d))]
        after = [c for d in drafts if draft.end <= d.start < last and (c := state_country(d))]
        country = home or (before[-1] if before else after[0] if after else dominant)
        if country is not None:
            draft.code, draft.country = country + draft.sector, country
            draft.rule = "context" if draft.kind != "person" else "title+context"
        draft.sector = None


def pronouns(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Subject pronouns resolved to the nearest person actor before them."""
    people = sorted((d for d in drafts if d.kind == "person" and d.code is not None), key=lambda d: d.start)
    if not people:
        return []
    sentence_starts = [s.start for s in doc.sents]
    out = []
    for token in doc:
        if token.lower_ not in PRONOUNS or token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        here = _sentence_index(sentence_starts, token.i)
        before = [p for p in people if p.end <= token.i and here - _sentence_index(sentence_starts, p.start) <= PRONOUN_SENTENCES]
        if before:
            source = before[-1]
            out.append(Draft(token.i, token.i + 1, source.code, source.name, source.country, "person",
                             source.entry, "pronoun", person=source.person))
    return out


def _sentence_index(starts: list[int], i: int) -> int:
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= i:
            lo = mid
        else:
            hi = mid
    return lo


def merge_adjacent(drafts: list[Draft], doc: Doc) -> list[Draft]:
    """One actor for "Palestine Liberation Organization (PLO)" and "Kuwait News Agency KUNA"."""
    merged: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: d.start):
        if merged and draft.code is not None and merged[-1].code == draft.code:
            prev = merged[-1]
            between = doc[prev.end : draft.start]
            closing = draft.end < len(doc) and doc[draft.end].text == ")"
            if not len(between) or (between.text == "(" and closing):
                prev.end = draft.end + (1 if between.text == "(" else 0)
                continue
        merged.append(draft)
    return merged


DATELINE_CHARS = 60
DATELINE_TEXT = re.compile(r"[\w .,'’]*")
DATELINE_ENDS = (" - ", " -- ", " – ", " — ", "(", "_", "--")


def dateline(doc: Doc, hits, kb: KnowledgeBase, on: date | None, text: str) -> tuple[str, int, int] | None:
    """A dateline ("TOKYO, April 11 -", "DAR ES SALAAM, Tanzania (AP)"): the country and its
    token range (where the report was filed, not an actor)."""
    for hit in hits:
        first = doc[hit.start].idx
        if first > 400:
            break
        line_start = text.rfind("\n", 0, first) + 1
        if first - line_start > 25:
            continue
        tail = text[first : first + DATELINE_CHARS]
        cut = min((tail.find(m) for m in DATELINE_ENDS if tail.find(m) > 0), default=-1)
        if cut < 0 or not DATELINE_TEXT.fullmatch(text[line_start : first + cut]):
            continue
        for alias in hit.aliases:
            entry = kb.entries[alias.key]
            if is_state(entry) and entry.kind != "region":
                # a city in a dateline is a place; a country named there may still be an actor
                start, end = (hit.start, hit.end) if alias.how in {"capital", "seat"} else (hit.start, hit.start)
                return kb.country_on(entry.country, on), start, end
    return None
