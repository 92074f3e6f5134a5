"""Structural checks of the packaged officeholder tables (actors/data/officeholders/*.tsv).

They guard hand edits: a bad date, a swapped column or an overlapping term would silently give
wrong codes for every article dated inside it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from importlib import resources

import pytest

from tidings.actors.kb import load_kb

COLUMNS = ["person", "aliases", "country", "office", "code", "start", "end"]
# Offices that several people hold at once (a ministry has a team of spokespeople).
CONCURRENT_OFFICES = frozenset({"fm_spokesperson", "other"})
HANDOVER = timedelta(days=1)  # the outgoing holder's last day may be the successor's first

FOLDER = resources.files("tidings.actors") / "data" / "officeholders"
FILES = sorted(item.name for item in FOLDER.iterdir() if item.name.endswith(".tsv"))


def _lines(name: str) -> list[tuple[int, str]]:
    text = (FOLDER / name).read_text(encoding="utf-8")
    lines = enumerate(text.splitlines(), 1)
    return [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]


def _rows(name: str) -> list[tuple[int, list[str]]]:
    return [(n, line.split("\t")) for n, line in _lines(name)[1:]]


def _day(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell else None


def test_the_folder_has_the_g20_table():
    assert "g20.tsv" in FILES


@pytest.mark.parametrize("name", FILES)
def test_header_row(name):
    assert _lines(name)[0][1].split("\t") == COLUMNS


@pytest.mark.parametrize("name", FILES)
def test_rows_are_well_formed(name):
    problems = []
    for n, cells in _rows(name):
        if len(cells) != len(COLUMNS):
            problems.append(f"{name}:{n}: {len(cells)} columns")
            continue
        person, aliases, country, office, code, start, end = cells
        if not person.strip() or person != person.strip():
            problems.append(f"{name}:{n}: person {person!r}")
        if aliases and any(not a or a != a.strip() for a in aliases.split("|")):
            problems.append(f"{name}:{n}: aliases {aliases!r}")
        if not re.fullmatch(r"[A-Z]{3}", country):
            problems.append(f"{name}:{n}: country {country!r}")
        if not re.fullmatch(r"[a-z_]+", office):
            problems.append(f"{name}:{n}: office {office!r}")
        derived = code.startswith(country) or (code.startswith("IGO") and country in code[3:])
        if not re.fullmatch(r"[A-Z]{6,}", code) or not derived:
            problems.append(f"{name}:{n}: code {code!r} for country {country}")
        for cell in (start, end):
            if cell and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
                problems.append(f"{name}:{n}: date {cell!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", FILES)
def test_terms_have_a_start_before_their_end(name):
    problems = []
    for n, cells in _rows(name):
        start, end = _day(cells[5]), _day(cells[6])
        if start is None:
            problems.append(f"{name}:{n}: no start")
        elif end is not None and end < start:
            problems.append(f"{name}:{n}: ends {end} before it starts {start}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", FILES)
def test_no_duplicate_rows(name):
    seen: dict[tuple[str, ...], int] = {}
    problems = []
    for n, cells in _rows(name):
        key = tuple(cells)
        if key in seen:
            problems.append(f"{name}:{n} repeats line {seen[key]}")
        seen[key] = n
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", FILES)
def test_terms_of_one_office_do_not_overlap(name):
    by_office: dict[tuple[str, str], list[tuple[date, date, str, int]]] = {}
    for n, cells in _rows(name):
        person, _, country, office, _, start, end = cells
        if office in CONCURRENT_OFFICES:
            continue
        term = (_day(start), _day(end) or date.max, person, n)
        by_office.setdefault((country, office), []).append(term)
    problems = []
    for (country, office), terms in by_office.items():
        terms.sort()
        furthest = terms[0]  # of the terms so far, the one that ends last
        for later in terms[1:]:
            if later[0] < furthest[1] - HANDOVER:
                problems.append(
                    f"{name}:{furthest[3]},{later[3]}: {country} {office}: "
                    f"{furthest[2]} until {furthest[1]}, {later[2]} from {later[0]}"
                )
            if later[1] > furthest[1]:
                furthest = later
    assert not problems, "\n".join(problems)


def test_every_packaged_term_reaches_the_knowledge_base():
    kb = load_kb()
    missing = []
    for name in FILES:
        for n, cells in _rows(name):
            person, _, _, office, code, start, _ = cells
            entry = kb.entries.get(f"person:{person}")
            terms = entry.terms if entry else ()
            kept = (t.code == code and t.start == _day(start) and t.office == office for t in terms)
            if not any(kept):
                missing.append(f"{name}:{n}: {person} {office} from {start}")
    assert not missing, "\n".join(missing)
