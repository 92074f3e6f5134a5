"""The places stage: gazetteer lookups, recognition, resolution, and the stage end to end."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from tidings.places import extract_places
from tidings.places.gazetteer import Gazetteer, load_gazetteer
from tidings.places.names import normalize
from tidings.places.recognize import find_dateline
from tidings.places.resolve import Context, qualifier_keys, resolve_name
from tidings.places.sources import DATA_FILES, _rows


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def context(*countries: str, states: tuple[str, ...] = (), dateline: str | None = None) -> Context:
    return Context(Counter(countries), Counter(states), dateline)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.", "us"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("Guinea-Bissau", "guinea bissau"),
        ("St. Petersburg", "saint petersburg"),
        ("  New   York ", "new york"),
        ("STATE", "state"),
    ],
)
def test_normalize(text: str, key: str) -> None:
    assert normalize(text) == key


@pytest.mark.parametrize(
    ("name", "geo_id"),
    [
        ("North Korea", "country:PRK"),
        ("South Korea", "country:KOR"),
        ("Ivory Coast", "country:CIV"),
        ("Côte d'Ivoire", "country:CIV"),
        ("Burma", "country:MMR"),
        ("Britain", "country:GBR"),
        ("U.S.", "country:USA"),
        ("US", "country:USA"),
        ("America", "country:USA"),
        ("Russia", "country:RUS"),
        ("Soviet Union", "country:SUN"),
        ("Zaire", "country:ZAR"),
        ("Holland", "country:NLD"),
    ],
)
def test_country_names_resolve_to_the_country(gazetteer: Gazetteer, name: str, geo_id: str) -> None:
    resolution = resolve_name(name, gazetteer, context())
    assert resolution.entry is not None
    assert resolution.entry.geo_id == geo_id
    assert resolution.entry.feature == "country"


@pytest.mark.parametrize("name", ["Washingto", "Pyongyan", "Chinese", "American", "the West"])
def test_lookup_is_exact_not_substring(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name) == ()


@pytest.mark.parametrize(
    ("name", "ctx", "country", "feature"),
    [
        ("Paris", context(), "FRA", "capital"),
        ("London", context(), "GBR", "capital"),
        ("Washington", context(), "USA", "capital"),
        ("Moscow", context("USA"), "RUS", "capital"),
        ("Georgia", context(), "GEO", "country"),
        ("Georgia", context("USA", "USA", states=("FL",)), "USA", "admin1"),
        ("Tbilisi", context("USA"), "GEO", "capital"),
        ("Calif.", context(), "USA", "admin1"),
        ("Gaza Strip", context(), "PSE", "region"),
        ("Crimea", context(), "UKR", "region"),
        ("Europe", context(), None, "continent"),
    ],
)
def test_resolution_in_context(
    gazetteer: Gazetteer, name: str, ctx: Context, country: str | None, feature: str
) -> None:
    entry = resolve_name(name, gazetteer, ctx).entry
    assert entry is not None
    assert (entry.country, entry.feature) == (country, feature)


def test_written_qualifier_decides(gazetteer: Gazetteer) -> None:
    keys = qualifier_keys("Ill.", gazetteer)
    assert keys == {"USA-IL"}
    entry = resolve_name("Springfield", gazetteer, context(), keys).entry
    assert entry is not None and entry.admin1 == "IL"
    missouri = qualifier_keys("Mo.", gazetteer)
    entry = resolve_name("Springfield", gazetteer, context(), missouri).entry
    assert entry is not None and entry.admin1 == "MO"


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("north-west London", "GBR", "area"),
        ("Manila Cathedral", "PHL", "landmark"),
        ("the British Embassy Tokyo".removeprefix("the "), "JPN", "landmark"),
        ("Washington Square", None, None),  # named after a place, not inside it
        ("Zorblat Airport", None, None),
    ],
)
def test_names_inside_a_known_place(
    gazetteer: Gazetteer, name: str, country: str | None, feature: str | None
) -> None:
    entry = resolve_name(name, gazetteer, context()).entry
    if country is None:
        assert entry is None or entry.feature not in ("area", "landmark")
    else:
        assert entry is not None and (entry.country, entry.feature) == (country, feature)


def test_unknown_names_stay_unresolved(gazetteer: Gazetteer) -> None:
    resolution = resolve_name("Zorblat Plaza", gazetteer, context())
    assert resolution.entry is None and resolution.reason == "unknown"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("PYONGYANG (AFP) - Kim Jong Un met Xi.", "PYONGYANG"),
        ("TOKYO, April 11 - Japan will act.", "TOKYO"),
        ("DAR ES SALAAM, Tanzania (AP) _ Police said.", "DAR ES SALAAM"),
        ("N'DJAMENA, March 25 - Chad said.", "N'DJAMENA"),
        ("WASHINGTON — The Senate voted.", "WASHINGTON"),
        ("Hanoi (VNA) - Vietnam and Laos signed.", "Hanoi"),
        ("The ministers met in Tokyo.", None),
        ("A (B) - c", None),
    ],
)
def test_dateline(text: str, place: str | None) -> None:
    found = find_dateline(text)
    assert (found.text if found else None) == place
    if found:
        assert text[found.start : found.end] == place


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_files_are_well_formed(name: str) -> None:
    rows = list(_rows(name))
    assert rows
    for row in rows:
        if "lat" in row:
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row


def test_every_country_has_a_point_and_a_unique_code() -> None:
    codes = [row["iso3"] for row in _rows("countries.tsv")]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 3 and code.isupper() for code in codes)


# ---------------------------------------------------------------- the stage, with the model


def _places(pipeline_for, make_article, text: str):
    result = pipeline_for(("places",)).process(make_article(text))
    return {p.text: p for p in result.records.places}, result.records.places


@pytest.mark.model
def test_stage_resolves_dateline_countries_and_cities(pipeline_for, make_article) -> None:
    text = (
        "PYONGYANG (AFP) - Chinese President Xi Jinping arrived in North Korea on Thursday "
        "for talks, flying in from Beijing. Crowds lined the streets of the capital."
    )
    found, places = _places(pipeline_for, make_article, text)
    assert found["PYONGYANG"].rule == "dateline"
    assert found["PYONGYANG"].geo_id == "geonames:1871859"
    assert found["North Korea"].geo_id == "country:PRK"
    assert found["Beijing"].country == "CHN"
    assert "Chinese" not in found  # a demonym is not a place
    found, _ = _places(pipeline_for, make_article, "A missile hit a Kuwaiti tanker off Bahrain.")
    assert "Kuwaiti" not in found and found["Bahrain"].country == "BHR"
    for place in places:
        assert text[place.start : place.end] == place.text


@pytest.mark.model
def test_stage_leaves_metonyms_and_unknown_landmarks(pipeline_for, make_article) -> None:
    text = (
        "Washington said on Monday it would reply. Protesters gathered outside the "
        "Grobnik Memorial Hall in Vienna before marching to the embassy."
    )
    found, _ = _places(pipeline_for, make_article, text)
    assert "Washington" not in found
    assert found["Vienna"].country == "AUT"
    landmark = next((p for t, p in found.items() if "Grobnik" in t), None)
    if landmark is not None:
        assert landmark.geo_id is None and landmark.lat is None


@pytest.mark.model
def test_article_context_picks_the_us_state(pipeline_for, make_article) -> None:
    text = (
        "Storms hit Florida and Alabama on Tuesday. Further north, heavy rain flooded "
        "roads across Georgia as rivers rose."
    )
    found, _ = _places(pipeline_for, make_article, text)
    assert found["Georgia"].country == "USA" and found["Georgia"].feature == "admin1"


@pytest.mark.model
def test_written_state_follows_its_city(nlp, gazetteer: Gazetteer) -> None:
    places = extract_places("a1", nlp("Crews worked all night in Atlanta, Georgia."), gazetteer)
    found = {p.text: p for p in places}
    assert found["Atlanta"].country == "USA"
    assert (found["Georgia"].country, found["Georgia"].feature) == ("USA", "admin1")
    places = extract_places("a2", nlp("Crews worked all night in Tbilisi, Georgia."), gazetteer)
    assert {p.text: p.country for p in places}["Georgia"] == "GEO"


def _doc_with_entity(nlp, words: list[str], start: int, end: int, label: str):
    from spacy.tokens import Doc, Span

    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label)]
    return doc


@pytest.mark.model
@pytest.mark.parametrize(
    ("words", "start", "end", "label", "expected"),
    [
        (["They", "met", "in", "Boise", "today"], 3, 4, "ORG", "Boise"),  # town after "in"
        (["They", "met", "Boise", "today"], 2, 3, "ORG", None),  # no locative: a team?
        (["Ships", "left", "Cyprus", "today"], 2, 3, "ORG", "Cyprus"),  # a country by name
        (["They", "met", "Chinese", "officials"], 2, 3, "NORP", None),  # a demonym
        (["They", "met", "Zorblat", "today"], 2, 3, "GPE", "Zorblat"),  # unknown: unresolved
    ],
)
def test_entities_taken_as_places(nlp, gazetteer, words, start, end, label, expected) -> None:
    from tidings.places.recognize import Options, find_toponyms

    doc = _doc_with_entity(nlp, words, start, end, label)
    found = [t.text for t in find_toponyms(doc, gazetteer, Options(skip_metonyms=False))]
    assert found == ([expected] if expected else [])


@pytest.mark.model
def test_same_name_same_entry(nlp, gazetteer: Gazetteer) -> None:
    doc = nlp("Talks opened in Paris. Later in Paris, the ministers signed.")
    places = extract_places("a1", doc, gazetteer)
    ids = {p.geo_id for p in places if p.text == "Paris"}
    assert ids == {"geonames:2988507"}


@pytest.mark.model
@pytest.mark.shared
def test_resolution_on_annotated_dev_gold(shared_dir, pipeline_for) -> None:
    from tidings.eval import km_between, locate, read_gold
    from tidings.types import Span

    pipeline = pipeline_for(("places",))
    hits = total = 0
    for article, gold in read_gold([shared_dir / "eval" / "dev" / "articles-annotated.jsonl"]):
        places = pipeline.process(article).records.places
        for item in gold.get("places", []):
            span = locate(article.text, item["text"])
            if span is None or item.get("lat") is None:
                continue
            match = next((p for p in places if span.overlaps(Span(p.start, p.end))), None)
            if match is None:
                continue
            total += 1
            if match.lat is not None:
                hits += km_between(match.lat, match.lon, item["lat"], item["lon"]) <= 161
    assert total >= 20
    assert hits / total >= 0.75, (hits, total)


@pytest.mark.model
def test_find_places_reads_a_text(nlp, settings, tmp_path) -> None:
    from tidings.places import find_places

    no_store = settings.with_(db=str(tmp_path / "absent.duckdb"))
    article, places = find_places("TOKYO, April 11 - Ministers met in Osaka.", no_store, nlp)
    assert article.text.startswith("TOKYO")
    assert [(p.text, p.country, p.rule) for p in places] == [
        ("TOKYO", "JPN", "dateline"),
        ("Osaka", "JPN", "ner:unique"),
    ]


def test_coordinates_are_finite(gazetteer: Gazetteer) -> None:
    for number in range(0, len(gazetteer.rows), 97):
        entry = gazetteer.entry(number)
        assert math.isfinite(entry.lat) and math.isfinite(entry.lon)
        assert entry.geo_id.startswith(("geonames:", "country:", "extra:"))
