"""Find toponyms in a parsed article: the dateline, spaCy's place entities (GPE, LOC, FAC),
entities spaCy mislabelled that the gazetteer knows as places, and capitalized names the
gazetteer knows that spaCy missed.

Demonyms ("Chinese") are not places; nor, by default, are uses of a place name for its
government or people ("Washington said", "Russia expelled them", "the UK government"), which
are the actors stage's business. The word lists behind these rules are in data/words.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .gazetteer import Entry, Gazetteer
from .lexicon import lexicon
from .names import is_code

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities of numbers and dates: the gazetteer scan may find a place inside them.
_TRANSPARENT_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"})

# A dateline: capitals at the very start, then a qualifier, the agency or a dash.
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z'\u2019.\-]+(?:\s+[A-Z][A-Z'\u2019.\-]+){0,3})"
    r"(?=\s*(?:,|\(|--|-\s|\u2014|\u2013))"
)
# A dateline in title case is only taken with its agency: "Hanoi (VNA) -".
_TITLE_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][a-z'\u2019\-]+(?:\s+[A-Z][a-z'\u2019\-]+){0,3})"
    r"(?=\s*\([A-Z][A-Za-z]{1,9}\)\s*(?:--|-|\u2014|\u2013))"
)
# A dateline is looked for at the start of the text's first lines (a headline may come first).
_DATELINE_LINES = 3
# Gazetteer features that a name keeps even when spaCy calls it a person or organisation.
_STRONG_FEATURES = frozenset({"country", "admin1", "region", "continent", "water"})

# Endings of demonyms ("Kuwaiti", "Sudanese", "Tanzanian", "Danish").
_DEMONYM_ENDINGS = ("i", "ese", "ian", "ish")

# Longest name looked up among capitalized words outside entities ("Rio Grande do Sul").
_MAX_NAME_WORDS = 5

# A leading article is not part of a place name, unless the gazetteer says so ("The Hague").
_TRIM_START = frozenset({"the", "The", "THE"})


@dataclass(frozen=True, slots=True)
class Options:
    """Which non-locative uses of place names to leave out (``Settings.extra["places"]``)."""

    skip_metonyms: bool = True  # "Washington said": a place speaking or thinking is an actor
    metonym_any_verb: bool = True  # also the subject of any verb of action ("Russia expelled")
    skip_modifiers: bool = True  # "UK government", "a Toronto man": whose, not where

    @classmethod
    def from_settings(cls, extra: dict) -> Options:
        known = {k: bool(v) for k, v in extra.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in the text. ``source``: dateline, ner or gazetteer."""

    start: int
    end: int
    text: str
    source: str
    label: str = ""


def find_dateline(text: str, gazetteer: Gazetteer | None = None) -> Toponym | None:
    """The dateline place ("TOKYO, April 11 -") at the start of the text or of one of its
    first lines (after a headline), if any. A title-case one ("Hanoi (VNA) -") must be a
    name the gazetteer knows, when one is given."""
    starts = [0]
    for _ in range(_DATELINE_LINES - 1):
        newline = text.find("\n", starts[-1])
        if newline < 0:
            break
        starts.append(newline + 1)
    for at in starts:
        match = _DATELINE.match(text, at)
        if match is None:
            match = _TITLE_DATELINE.match(text, at)
            if match is None or (gazetteer is not None and match.group("place") not in gazetteer):
                continue
        place = match.group("place").rstrip(".-")
        if sum(c.isalpha() for c in place) >= 3:
            start = match.start("place")
            return Toponym(start, start + len(place), place, "dateline", "GPE")
    return None


def _is_metonym(span: Span, any_verb: bool) -> bool:
    """A place that acts: the subject of a verb of speaking or thinking ("Beijing said"), or
    with ``any_verb`` of any verb but being and having ("Russia will close the consulate")."""
    root = span.root
    if root.dep_ != "nsubj":
        return False
    lemma = root.head.lemma_.lower()
    if any_verb:
        return root.head.pos_ == "VERB" and lemma not in lexicon().stative_verbs
    return root.head.pos_ in ("VERB", "AUX") and lemma in lexicon().speech_verbs


def _is_modifier(span: Span) -> bool:
    """A place name qualifying a noun for people or institutions ("UK government", "a Toronto
    man", "Japan's ministry"): it says whose, not where."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:  # "the Japanese and UK governments"
        root = root.head
    if root.dep_ not in ("poss", "compound", "amod", "nmod") or root.head.i < span.end:
        return False
    return root.head.lower_ in lexicon().agent_nouns


def _trimmed(span: Span, gazetteer: Gazetteer) -> Span | None:
    """The span without a leading "the" (unless part of the name, as in "The Hague") or a
    trailing possessive; None if nothing is left."""
    start, end = span.start, span.end
    while start < end and span.doc[start].text in _TRIM_START and span.text not in gazetteer:
        start += 1
    while end > start and span.doc[end - 1].text in ("'s", "\u2019s", "'", "\u2019"):
        end -= 1
    return span.doc[start:end] if end > start else None


def _is_qualifier(span: Span) -> bool:
    """The state or country written after a place ("Atlanta, Georgia"), which parsers often
    take for the subject of the next verb."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    return doc[span.start - 2].ent_type_ in ("GPE", "LOC")


def _mislabelled_place(ent: Span, gazetteer: Gazetteer) -> bool:
    """A person or organisation entity that is really a place: a country, state or region
    by name, a town after a locative preposition ("in Boise"), or any name before a noun
    for a place ("the Jaffna peninsula")."""
    if ent.label_ not in ("ORG", "PERSON") or not ent.text[:1].isupper() or is_code(ent.text):
        return False
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and after.lower_ in lexicon().place_nouns and ent.root.dep_ == "compound":
        return True
    candidates = [c.entry for c in gazetteer.lookup(ent.text) if not c.alternate]
    if not candidates:
        return False
    if any(e.feature in _STRONG_FEATURES for e in candidates):
        return ent.root.dep_ not in ("compound", "poss")  # "Cyprus Airways" is not a place
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    locative = before is not None and before.lower_ in lexicon().locative_prepositions
    return locative and _has_town(candidates)


def _has_town(entries: list[Entry]) -> bool:
    """Whether a name outside place entities may be a town: not just a village's name."""
    return any(not e.is_village for e in entries)


def _not_a_location(span: Span, options: Options) -> bool:
    if _is_qualifier(span):
        return False
    if options.skip_metonyms and _is_metonym(span, options.metonym_any_verb):
        return True
    return options.skip_modifiers and _is_modifier(span)


def _mostly_not_places(doc: Doc) -> set[str]:
    """Names spaCy labels as a person or organisation at least as often as a place in this
    article ("Buhari" once tagged GPE, twice PERSON): one sense per discourse."""
    votes: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            votes[ent.text] = votes.get(ent.text, 0) + 1
        elif ent.label_ in ("PERSON", "ORG", "NORP"):
            votes[ent.text] = votes.get(ent.text, 0) - 1
    return {text for text, vote in votes.items() if vote <= 0}


def _is_adjective(span: Span) -> bool:
    """An adjective, or a demonym-shaped word qualifying a noun ("a Kuwaiti tanker")."""
    if all(t.pos_ == "ADJ" or t.is_punct for t in span):
        return True
    root = span.root
    modifies = root.dep_ in ("amod", "compound") and root.head.i >= span.end
    return modifies and span.text.lower().endswith(_DEMONYM_ENDINGS)


def _capitalized(token: Token) -> bool:
    return token.text[:1].isupper()


def _gazetteer_matches(
    doc: Doc, gazetteer: Gazetteer, taken: list[bool], in_numeric: list[bool], options: Options
) -> list[Toponym]:
    """Capitalized names the gazetteer knows, outside spaCy's entities: a whole name (no
    capitalized word just before or after it, as in "Air France KLM" or "Cambridge
    Analytica"), that is a country, state or region, or a town after "in", "at", "from"..."""
    found: list[Toponym] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if taken[i] or not _capitalized(token) or not token.is_alpha or token.is_sent_start:
            i += 1
            continue
        if i > 0 and _capitalized(doc[i - 1]) and doc[i - 1].is_alpha:
            i += 1
            continue
        match_end = 0
        for j in range(min(len(doc), i + _MAX_NAME_WORDS), i, -1):
            span = doc[i:j]
            if any(taken[k] for k in range(i, j)) or not _capitalized(doc[j - 1]):
                continue
            if j < len(doc) and _capitalized(doc[j]) and doc[j].is_alpha:
                continue
            if any(not _capitalized(t) and t.lower_ not in lexicon().name_connectors for t in span):
                continue
            towns = not any(in_numeric[k] for k in range(i, j))  # "in March 2014" is no town
            if _strong_match(gazetteer, span, towns) and not _not_a_location(span, options):
                match_end = j
                break
        if match_end:
            span = doc[i:match_end]
            found.append(Toponym(span.start_char, span.end_char, span.text, "gazetteer", ""))
            i = match_end
        else:
            i += 1
    return found


def _strong_match(gazetteer: Gazetteer, span: Span, towns: bool) -> bool:
    """Whether a name outside spaCy's entities is worth taking: a country, state or region
    under its own (not an alternate) name, or a town after a locative preposition."""
    candidates = [c.entry for c in gazetteer.lookup(span.text) if not c.alternate]
    if any(e.feature in _STRONG_FEATURES for e in candidates):
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    locative = before is not None and before.lower_ in lexicon().locative_prepositions
    return towns and locative and not is_code(span.text) and _has_town(candidates)


def find_toponyms(
    doc: Doc, gazetteer: Gazetteer, options: Options = Options()
) -> list[Toponym]:
    """Toponyms in document order, without overlaps."""
    text = doc.text
    found: list[Toponym] = []
    taken = [False] * len(doc)
    in_numeric = [False] * len(doc)
    dateline = find_dateline(text, gazetteer)
    if dateline is not None:
        found.append(dateline)
        span = doc.char_span(dateline.start, dateline.end, alignment_mode="expand")
        for k in range(span.start, span.end) if span is not None else ():
            taken[k] = True
    not_places = _mostly_not_places(doc)
    for ent in doc.ents:
        if any(taken[k] for k in range(ent.start, ent.end)):
            continue
        if ent.label_ in _TRANSPARENT_LABELS:
            for k in range(ent.start, ent.end):  # "March 25 - Chad's" can be one DATE entity:
                in_numeric[k] = True  # countries and states inside it are still found
            continue
        for k in range(ent.start, ent.end):
            taken[k] = True
        if ent.label_ not in PLACE_LABELS:
            if _mislabelled_place(ent, gazetteer) and not _not_a_location(ent, options):
                found.append(
                    Toponym(ent.start_char, ent.end_char, ent.text, "gazetteer", ent.label_)
                )
            continue
        span = _trimmed(ent, gazetteer)
        if span is None or not span.text[:1].isupper():
            continue
        if span.text not in gazetteer and (span.text in not_places or _is_adjective(span)):
            continue  # another sense of the name, or a demonym ("Kuwaiti", "Franco-American")
        if ent.label_ in ("GPE", "FAC") and _not_a_location(span, options):
            continue
        found.append(Toponym(span.start_char, span.end_char, span.text, "ner", ent.label_))
    found.extend(_gazetteer_matches(doc, gazetteer, taken, in_numeric, options))
    found.sort(key=lambda t: t.start)
    return found


__all__ = ["Options", "Toponym", "find_dateline", "find_toponyms"]
