"""The CAMEO and PLOVER codebooks: lookups, consistency, and agreement with the standards."""

from __future__ import annotations

import csv

import pytest

from tidings.errors import DataError
from tidings.events.codebook import load_codebook


@pytest.fixture(scope="module")
def book():
    return load_codebook()


@pytest.mark.parametrize(
    ("code", "name", "root", "quad", "goldstein"),
    [
        ("01", "MAKE PUBLIC STATEMENT", "01", 1, 0.0),
        ("042", "Make a visit", "04", 1, 1.9),
        ("043", "Host a visit", "04", 1, 2.8),
        ("057", "Sign formal agreement", "05", 1, 8.0),
        ("105", "Demand that target yields", "10", 3, -5.0),
        ("106", "Demand meeting, negotiation", "10", 3, -5.0),
        ("107", "Demand settling of dispute", "10", 3, -5.0),
        ("108", "Demand mediation", "10", 3, -5.0),
        ("1312", "Threaten to boycott, embargo, or sanction", "13", 3, -5.8),
        ("163", "Impose embargo, boycott, or sanctions", "16", 4, -8.0),
        ("190", "Use conventional military force", "19", 4, -10.0),
        ("2042", "Detonate nuclear weapons", "20", 4, -10.0),
    ],
)
def test_cameo_lookup(book, code, name, root, quad, goldstein):
    entry = book.get(code)
    assert (entry.name, entry.root, entry.quad_class, entry.goldstein) == (
        name,
        root,
        quad,
        goldstein,
    )


def test_every_root_and_level_present(book):
    roots = {f"{i:02d}" for i in range(1, 21)}
    assert roots <= set(book.cameo)
    assert {c.level for c in book.cameo.values()} == {2, 3, 4}
    assert len(book.cameo) > 300


def test_codes_are_consistent(book):
    for code, entry in book.cameo.items():
        assert code.isdigit() and len(code) == entry.level
        assert entry.root == code[:2]
        expected_quad = (
            1 if code[:2] <= "05" else 2 if code[:2] <= "09" else 3 if code[:2] <= "14" else 4
        )
        assert entry.quad_class == expected_quad, code
        assert -10.0 <= entry.goldstein <= 10.0
        if entry.level > 2:
            assert code[:-1] in book.cameo or code[:2] in book.cameo


def test_unknown_code_is_an_error(book):
    with pytest.raises(DataError):
        book.get("999")
    assert "999" not in book


def test_plover_types_and_modes(book):
    assert set(book.plover_types()) == {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
    assert set(book.modes("CONSULT")) == {"visit", "third-party", "multilateral", "phone"}
    assert "firearms" in book.modes("ASSAULT")


@pytest.mark.parametrize(
    ("code", "ptype", "pmode"),
    [
        ("010", None, None),  # statements were dropped from PLOVER
        ("036", "AGREE", None),
        ("042", "CONSULT", "visit"),
        ("057", "SUPPORT", None),
        ("0841", "RETREAT", "release"),
        ("082", "CONCEDE", None),
        ("090", "ACCUSE", "investigate"),
        ("111", "ACCUSE", "disapprove"),
        ("106", "REQUEST", "meet"),
        ("125", "REJECT", "meet"),
        ("1312", "THREATEN", "restrict"),
        ("143", "PROTEST", "boycott"),
        ("154", "MOBILIZE", "troops"),
        ("163", "SANCTION", "discontinue"),
        ("173", "COERCE", "arrest"),
        ("186", "ASSAULT", "targeted"),
        ("190", "ASSAULT", None),
        ("204", "ASSAULT", "unconventional"),
    ],
)
def test_cameo_to_plover(book, code, ptype, pmode):
    entry = book.get(code)
    assert (entry.plover_type, entry.plover_mode) == (ptype, pmode)


def test_every_mapped_mode_belongs_to_its_type(book):
    for entry in book.cameo.values():
        if entry.plover_mode:
            assert entry.plover_mode in book.modes(entry.plover_type), entry.code
        if entry.root != "01":
            assert entry.plover_type is not None, entry.code


@pytest.mark.shared
def test_goldstein_matches_gdelt_lookup(book, shared_dir):
    path = shared_dir / "reference" / "cameo" / "CAMEO.goldsteinscale.txt"
    if not path.is_file():
        pytest.skip("reference Goldstein file absent")
    rows = list(csv.reader(path.open(encoding="utf-8"), delimiter="\t"))[1:]
    checked = 0
    for code, value in rows:
        if code in book:
            assert book.get(code).goldstein == pytest.approx(float(value)), code
            checked += 1
    assert checked > 280
