"""Linking within one article: surnames, definite descriptions, context countries, pronouns.

* A surname alone ("Xi") takes the code of a full-name mention in the same article (the
  nearest before it, else the first after it). Without one, it may resolve to an
  officeholder only when exactly one person with that surname is in office on the date and
  the surname is not common in the knowledge base (three or more people share it).
* "the Chinese leader", "the young North Korean leader" take the person of the same country
  named nearest before them.
* A role without a country ("police", "officials said") takes the country named nearest
  before it in its sentence, else the article's most frequent country.
* "the president", "the Crown Prince", "the minister" take the person named before them
  whom the text gave that title, else one holding the matching office on the date.
* "he"/"she" as a subject takes a person actor before it (same or previous two sentences):
  subjects before other mentions, then the nearest sentence, then a person whose gender the
  text shows (an honorific, a gendered title, a subject, possessive or reflexive pronoun
  with that person as sole antecedent); for "she" a known woman outranks a nearer subject;
  people of the other gender are skipped; inside a relative clause the clause's noun wins
  ("Abe, who said he ...").
* A surname the parser missed or tagged a place ("a reply from Khan") links the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc

from .codes import is_state, person_code
from .kb import KnowledgeBase
from .resolver import Draft, fold, surname_forms

COMMON_SURNAME_PEOPLE = 3
PRONOUNS = frozenset({"he", "she"})
PRONOUN_SENTENCES = 2
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Third-person singular pronouns and the gender each shows.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
# Honorifics and titles that show a person's gender ("Mrs Marten", "Crown Prince Faisal").
GENDER_CUES = {"mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "crown prince": "m",
               "emir": "m", "sheikh": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f",
               "dame": "f", "lady": "f", "queen": "f", "princess": "f"}
# Offices in the tables that a bare title names ("the premier" -> a head of government).
TITLE_OFFICES = {
    "president": {"head_of_state"}, "king": {"head_of_state"}, "queen": {"head_of_state"},
    "emir": {"head_of_state"}, "prime minister": {"head_of_government"},
    "premier": {"head_of_government"}, "chancellor": {"head_of_government"},
    "crown prince": {"crown_prince"}, "foreign minister": {"foreign_minister"},
    "foreign secretary": {"foreign_minister"}, "secretary of state": {"foreign_minister"},
    "defence minister": {"defence_minister"}, "defense minister": {"defence_minister"},
    "defence secretary": {"defence_minister"}, "defense secretary": {"defence_minister"},
    "minister": {"foreign_minister", "defence_minister"},
}
# Title words that make a different office of the same head word ("Vice President").
LESSER_TITLE = frozenset({"vice", "vice-", "deputy", "acting", "former", "ex", "ex-", "assistant", "junior"})


def _tokens(name: str | None) -> list[str]:
    return [form for word in fold(name or "").split() for form in surname_forms(word)]


def link_people(drafts: list[Draft], kb: KnowledgeBase, on: date | None, unresolved_only: bool = False) -> None:
    """Surnames and partial names to a fuller mention of the person (see the module notes).
    With ``unresolved_only``, a second pass after context filled in people's codes."""
    people = [d for d in drafts if d.kind == "person" and d.code is not None and d.link in (None, "name")]
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
        if draft.kind != "person" or draft.link is None or (unresolved_only and draft.code is not None):
            continue
        words = _tokens(draft.person)
        if not words:
            continue
        surname = words[-1]
        named = [p for p in people if p is not draft and surname in words_of[id(p)] and length_of[id(p)] >= len(words)
                 # two full names not in the tables are one person only if all words agree
                 and (draft.link != "name" or p.link is None or set(words) <= words_of[id(p)])]
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


def _titled(person: Draft, title: str) -> bool:
    """The text gave this person the title: "Premier Li"; "Foreign Minister" is a minister,
    "Vice President" no president."""
    return any(held == title or (held.endswith(" " + title) and held.split()[0] not in LESSER_TITLE)
               for held in person.titles)


def _holds_title(person: Draft, title: str, kb: KnowledgeBase, on: date | None) -> bool:
    """The text gave this person the title, or the tables give the office on the date."""
    if _titled(person, title):
        return True
    offices = TITLE_OFFICES.get(title)
    entry = kb.entries.get(person.entry or "")
    if not offices or entry is None or on is None:
        return False
    return any(t.office in offices and t.covers(on) for t in entry.terms)


def link_titles(drafts: list[Draft], kb: KnowledgeBase, on: date | None) -> None:
    """ "the president" -> the person before it with that title (nearest by text first)."""
    people = [d for d in drafts if d.kind == "person" and d.code is not None]
    for draft in drafts:
        if draft.link != "title" or draft.code is not None or not draft.titles:
            continue
        title = draft.titles[0]
        # "the president" is not the former president named earlier
        before = [p for p in people if p.start < draft.start and (p.code.endswith("ELI") == (draft.sector == "ELI"))]
        fitting = ([p for p in before if _titled(p, title)]
                   or [p for p in before if _holds_title(p, title, kb, on)])
        if fitting:
            source = fitting[-1]
            draft.code, draft.name, draft.country, draft.entry = source.code, source.name, source.country, source.entry
            draft.kind, draft.rule, draft.sector = "person", "description-link", None


def fill_context(drafts: list[Draft], doc: Doc, kb: KnowledgeBase, on: date | None,
                 place_countries: Iterable[str], home: str | None = None,
                 skip_links: frozenset[str] = frozenset()) -> None:
    """Give roles without a country one from context.

    In order: the dateline's country (``home``: "WELLINGTON, Oct 19 -" makes an unqualified
    "Prime Minister" New Zealand's), the country named nearest before it in its sentence,
    the first named after it there ("Gunmen killed villagers in Nigeria"), the article's
    most frequent country. Drafts whose ``link`` is in ``skip_links`` wait for a later pass.
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
    waiting = [d for d in drafts if d.sector is not None and d.code is None and d.link not in skip_links]
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


def _head_token(doc: Doc, draft: Draft):
    """The token of a mention whose head lies outside it."""
    for token in doc[draft.start : draft.end]:
        if not draft.start <= token.head.i < draft.end or token.head.i == token.i:
            return token
    return doc[draft.end - 1]


def _is_subject(doc: Doc, draft: Draft) -> bool:
    token = _head_token(doc, draft)
    while token.dep_ == "appos" and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def _person_key(draft: Draft) -> str:
    return draft.entry or fold(draft.name or draft.person or "")


def _genders(doc: Doc, people: list[Draft], sentence_starts: list[int]) -> dict[str, str]:
    """Each person's gender where the text shows it and does not contradict itself."""
    seen: dict[str, set[str]] = {}

    def note(person: Draft, gender: str) -> None:
        seen.setdefault(_person_key(person), set()).add(gender)

    for person in people:
        for i in range(max(0, person.start - 3), person.start):
            cue = GENDER_CUES.get(doc[i].lower_.rstrip("."))
            if cue:
                note(person, cue)
        for title in person.titles:
            if title in GENDER_CUES:
                note(person, GENDER_CUES[title])
    # a pronoun after a subject that is the only person named in its sentence so far
    by_sentence: dict[int, list[Draft]] = {}
    for person in people:
        by_sentence.setdefault(_sentence_index(sentence_starts, person.start), []).append(person)
    for at, members in by_sentence.items():
        first = members[0]
        if not _is_subject(doc, first):
            continue
        end = sentence_starts[at + 1] if at + 1 < len(sentence_starts) else len(doc)
        later = [p.start for p in members[1:]]
        for token in doc[first.end : min(later) if later else end]:
            gender = PRONOUN_GENDER.get(token.lower_)
            # "Dupont greeted her" is someone else; "his visit", "she said", "himself" may be him
            if gender and (token.dep_ in SUBJECT_DEPS or token.dep_ == "poss" or token.lower_.endswith("self")):
                note(first, gender)
                break
    return {key: next(iter(g)) for key, g in seen.items() if len(g) == 1}


def _relative_clause_owner(token) -> int:
    """The noun a relative clause around the pronoun hangs on ("Trump, who said he ..."), or -1."""
    doc = token.doc
    for ancestor in token.ancestors:
        if ancestor.dep_ == "relcl":
            return ancestor.head.i
        who = next((c for c in ancestor.children if c.lower_ == "who" and c.i < token.i), None)
        if who is not None:
            # the parser may leave "who" clauses unattached: take the word before "who"
            i = who.i - 1
            while i > 0 and doc[i].is_punct:
                i -= 1
            return i
    return -1


def pronouns(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Subject pronouns resolved to a person actor before them (see the module notes)."""
    people = sorted((d for d in drafts if d.kind == "person" and d.code is not None), key=lambda d: d.start)
    if not people:
        return []
    sentence_starts = [s.start for s in doc.sents]
    genders = _genders(doc, people, sentence_starts)
    mentions = [(p, _sentence_index(sentence_starts, p.start), _is_subject(doc, p)) for p in people]
    out = []
    for token in doc:
        if token.lower_ not in PRONOUNS or token.dep_ not in SUBJECT_DEPS:
            continue
        gender = PRONOUN_GENDER[token.lower_]
        here = _sentence_index(sentence_starts, token.i)
        candidates = [(p, at, subject) for p, at, subject in mentions
                      if p.end <= token.i and here - at <= PRONOUN_SENTENCES
                      and genders.get(_person_key(p), gender) == gender]
        if not candidates:
            continue
        owner = _relative_clause_owner(token)
        # most people in news are men, so only a known woman outranks a nearer subject for "she"
        source, _, _ = max(candidates, key=lambda c: (
            c[0].start <= owner < c[0].end, gender == "f" and genders.get(_person_key(c[0])) == "f",
            c[2], c[1], _person_key(c[0]) in genders, c[0].start))
        resolved = Draft(token.i, token.i + 1, source.code, source.name, source.country, "person",
                         source.entry, "pronoun", person=source.person)
        out.append(resolved)
        # the pronoun is a subject mention of that person for later pronouns
        mentions.append((resolved, here, True))
        genders.setdefault(_person_key(source), gender)
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
