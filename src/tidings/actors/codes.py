"""Codes as of a date: officeholders' terms, dated organisation codes, renamed states."""

from __future__ import annotations

from datetime import date

from .kb import Entry, KnowledgeBase, Term

COUNTRY_KINDS = frozenset({"country", "territory", "historical", "region"})
# Which office's code wins when one person holds several on the same day.
OFFICE_ORDER = ("head_of_state", "head_of_government", "party_leader", "paramount_leader",
                "foreign_minister", "defence_minister", "deputy_head", "fm_spokesperson")


def recode(kb: KnowledgeBase, code: str, on: date | None) -> str:
    """Rewrite a code's country part as of ``on`` (RUSGOV in 1987 -> SUNGOV)."""
    prefix = code[:3]
    if f"country:{prefix}" not in kb.entries:
        return code
    return kb.country_on(prefix, on) + code[3:]


def _office_rank(term: Term) -> int:
    return OFFICE_ORDER.index(term.office) if term.office in OFFICE_ORDER else len(OFFICE_ORDER)


def person_code(kb: KnowledgeBase, entry: Entry, on: date | None) -> tuple[str | None, str]:
    """An officeholder's code on a date, and the rule that gave it.

    In office on the date: that term's code ("officeholder"). Only past terms: the country
    plus ELI ("former-officeholder"). Only later terms: also country plus ELI
    ("future-officeholder"): people who go on to hold office are public figures before it
    (candidates, party leaders, generals), which CAMEO codes as elites. No date: unknown.
    """
    if on is None:
        return None, "no-date"
    covering = sorted((t for t in entry.terms if t.covers(on)), key=_office_rank)
    if covering:
        return recode(kb, covering[0].code, on), "officeholder"
    if f"country:{entry.country}" not in kb.entries:
        # an international civil servant out of office: the body's code (no nationality known)
        latest = max(entry.terms, key=lambda t: t.start or date.min)
        past = any(t.end is not None and t.end <= on for t in entry.terms)
        return latest.code, "former-officeholder" if past else "future-officeholder"
    country = kb.country_on(entry.country, on)
    if any(t.end is not None and t.end <= on for t in entry.terms):
        return country + "ELI", "former-officeholder"
    return country + "ELI", "future-officeholder"


def org_code(kb: KnowledgeBase, entry: Entry, on: date | None) -> str:
    """An organisation's code on a date: the covering row, else the nearest one in time."""
    terms = entry.terms
    if on is None:
        chosen = next((t for t in terms if t.end is None), terms[-1])
    else:
        chosen = next((t for t in terms if t.covers(on)), None)
        if chosen is None:
            before = [t for t in terms if t.end is not None and t.end <= on]
            chosen = max(before, key=lambda t: t.end or date.min) if before else min(
                terms, key=lambda t: t.start or date.min
            )
    return recode(kb, chosen.code, on)


def entry_code(kb: KnowledgeBase, entry: Entry, on: date | None) -> tuple[str | None, str]:
    """The bare code of any entry on a date (countries as themselves)."""
    if entry.kind in COUNTRY_KINDS:
        return kb.country_on(entry.country, on), "country"
    if entry.kind == "person":
        return person_code(kb, entry, on)
    return org_code(kb, entry, on), "organisation"


def is_state(entry: Entry) -> bool:
    return entry.kind in COUNTRY_KINDS
