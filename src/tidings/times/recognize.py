"""Find temporal expressions in a parsed article and resolve them in reading order.

The grammar proposes spans; overlapping proposals are settled longest first; weak ones
(a bare year, a bare month name, "the fall") must be confirmed by the parse; then each
is resolved against the publication date, the tense of its clause, and the latest dated
expression before it (for "a day earlier", "the year-ago quarter").
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ..types import TimeRef
from .grammar import WEAK_RULES, Found, Grammar
from .resolvers import Context
from .tense import tense_at
from .values import parse_point

_YEAR_PREPOSITIONS = {"in", "since", "by", "until", "till", "from", "of", "during", "before",
                      "after", "through", "to", "between", "and", "or", "for", "early", "late",
                      "mid", "around", "about", "circa", "throughout", "within", "as", "than"}
_NOT_A_TIME_ENTITY = {"PERSON", "ORG", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "PRODUCT",
                      "WORK_OF_ART", "LAW", "FAC", "GPE", "LOC", "NORP", "EVENT"}


def select(found: list[Found], order: dict[str, int]) -> list[Found]:
    """Non-overlapping spans, longest first; ties go to the rule listed first."""
    ranked = sorted(found, key=lambda f: (-(f.end - f.start), order[f.rule.name], f.start))
    taken: list[Found] = []
    for candidate in ranked:
        if all(candidate.end <= t.start or t.end <= candidate.start for t in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda f: f.start)


def confirmed(found: Found, doc: Doc) -> bool:
    """Whether the parse agrees that a weak match is a time expression."""
    span = doc.char_span(found.start, found.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    labels = {t.ent_type_ for t in span if t.ent_type_}
    if labels & {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "LAW"} and "DATE" not in labels:
        return False
    name = found.rule.name
    if name == "year":
        return _confirmed_year(span, labels)
    if name == "month":
        name_token = span[-1]  # the month name ends the match ("mid-April")
        return not (name_token.tag_ == "MD" or (name_token.pos_ == "VERB" and "DATE" not in labels))
    if name == "season":
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        is_verb = any(t.pos_ in {"VERB", "AUX"} for t in span)
        return not is_verb and ((found.groups.get("mod") or "").lower() != "the" or after != "of")
    if name == "duration":
        return _confirmed_duration(found, span, labels)
    return True


def _confirmed_year(span, labels: set[str]) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    if len(span) > 1:
        return True
    token = span[0]
    if token.dep_ == "nummod" and token.head.pos_ == "NOUN":
        # "2000 troops" counts; "the 1992 protests" and "since 1985" date
        if before is None:
            return False
        return before.tag_ in {"DT", "PRP$", "POS"} or before.lower_ in _YEAR_PREPOSITIONS
    if "DATE" in labels:
        return True
    if labels & _NOT_A_TIME_ENTITY:
        return False
    return before is not None and before.lower_ in _YEAR_PREPOSITIONS


def _confirmed_duration(found: Found, span, labels: set[str]) -> bool:
    number = (found.groups.get("num") or "").lower()
    unit = (found.groups.get("unit") or "").lower()
    if number in {"a", "an"} and unit in {"second", "minute", "quarter"}:
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    if number in {"a", "an"} and before is not None and before.pos_ in {"NOUN", "NUM", "SYM"}:
        return False  # "$2 million a year", "four flights a week": a rate, not a duration
    if labels & {"MONEY", "PERCENT", "QUANTITY"}:
        return False
    return True


def recognize(doc: Doc, text: str, grammar: Grammar, order: dict[str, int]) -> list[Found]:
    """The time expressions of a parsed text (``text`` is ``doc.text``), in reading order."""
    chosen = select(grammar.find(text), order)
    return [f for f in chosen if f.rule.name not in WEAK_RULES or confirmed(f, doc)]


def resolve_all(
    found: list[Found],
    doc: Doc,
    text: str,
    grammar: Grammar,
    article_id: str,
    published: date | None,
) -> tuple[TimeRef, ...]:
    """Resolve expressions in order, each against the latest dated one before it.

    ``text`` is ``doc.text``, passed in because spaCy rebuilds that string on every access.
    """
    out: list[TimeRef] = []
    reference: str | None = None
    days: list[str] = []
    for item in found:
        tense = tense_at(doc, item.start, item.end)
        ctx = Context(anchor=published, tense=tense, reference=reference, days=tuple(days[-4:]))
        result = grammar.resolve(item, ctx)
        if result is None:
            continue
        out.append(
            TimeRef(
                article_id=article_id,
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                value=result.value,
                granularity=result.granularity,
                rule=result.rule,
            )
        )
        if _is_reference(result.value, result.rule, published):
            reference = result.value
            if result.granularity == "day":
                days.append(result.value)
    return tuple(out)


# Rules whose values count from the reference; chaining them would drift ("a year
# earlier" twice is not two years back).
_RELATIVE_RULES = frozenset({"offset", "anaphoric_day", "anaphoric_unit", "year_ago"})


def _is_reference(value: str | None, rule: str, published: date | None) -> bool:
    """Whether a value may anchor later relative expressions: a past or present point."""
    point = parse_point(value)
    if point is None or rule in _RELATIVE_RULES:
        return False
    return published is None or point.granularity != "day" or point.start <= published
