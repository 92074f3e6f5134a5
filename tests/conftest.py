"""Every shared fixture. Tests that need the model, ../shared or a server say so with a marker."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from tidings.config import Settings
from tidings.types import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _model_installed() -> bool:
    try:
        import spacy.util

        return spacy.util.is_package(Settings().spacy_model)
    except ImportError:
        return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_model = pytest.mark.skip(reason="spaCy model not installed")
    skip_shared = pytest.mark.skip(reason=f"{SHARED} is absent")
    has_model, has_shared = _model_installed(), SHARED.is_dir()
    for item in items:
        if "model" in item.keywords and not has_model:
            item.add_marker(skip_model)
        if "shared" in item.keywords and not has_shared:
            item.add_marker(skip_shared)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent")
    return SHARED


def postgres_url() -> str | None:
    """The test server's URL (TIDINGS_TEST_POSTGRES, set by .ci/run), if it answers."""
    url = os.environ.get("TIDINGS_TEST_POSTGRES")
    if not url:
        return None
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
    except Exception:  # noqa: BLE001 - any failure means "no server here": skip, don't error
        return None
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    import uuid
    from urllib.parse import quote

    import psycopg

    base = postgres_url()
    if base is None:
        pytest.skip("no PostgreSQL server (set TIDINGS_TEST_POSTGRES; .ci/run starts one)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(base, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store of each backend."""
    if request.param == "duckdb":
        return str(tmp_path / "store.duckdb")
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings):
    """The spaCy model, loaded once per test session."""
    from tidings.nlp import load_nlp

    return load_nlp(settings)


@pytest.fixture(scope="session")
def pipeline_for(nlp, settings: Settings) -> Callable:
    """pipeline_for(("times", "actors")) -> a Pipeline with those stages, sharing one model."""
    from tidings.pipeline import Pipeline

    cache: dict[tuple[str, ...], Pipeline] = {}

    def make(stages: tuple[str, ...] = settings.stages) -> Pipeline:
        if stages not in cache:
            cache[stages] = Pipeline(settings.with_(stages=tuple(stages)), nlp=nlp)
        return cache[stages]

    return make


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """make_article("text", published=date(2019, 6, 20)) -> an Article with a content id."""
    from tidings.ingest import make_article as build

    def make(text: str, published: date | None = date(2019, 6, 20), **fields) -> Article:
        return build(text=text, published=published, **fields)

    return make


# --- hand-coded reports of events, for the store's linking, exports and analytics tests ---

_CAMEO = {  # code: (root, quad_class, goldstein, plover_type, plover_mode)
    "040": ("04", 1, 1.0, "CONSULT", None), "042": ("04", 1, 1.9, "CONSULT", "visit"),
    "036": ("03", 1, 4.0, "AGREE", None), "112": ("11", 3, -2.0, "ACCUSE", None),
    "190": ("19", 4, -10.0, "ASSAULT", None),
}
_PLACES = {  # name: (geo_id, country, feature, lat, lon)
    "Pyongyang": ("geonames:1871859", "PRK", "capital", 39.03, 125.75),
    "North Korea": ("country:PRK", "PRK", "country", 40.0, 127.0),
    "Beijing": ("geonames:1816670", "CHN", "capital", 39.91, 116.40),
}


def hand_coded_result(article_id: str, text: str, published: str, outlet: str,
                      events: list[dict], url: str | None = None):
    """A Result whose events are given as dicts: sentence, trigger, cameo, source, target,
    date, and optionally place, status, polarity, source_text, target_text."""
    from datetime import date as day

    from tidings.types import Event, Place, Records, Result

    places, coded = {}, []
    for spec in events:
        start = text.index(spec["sentence"])
        trigger_start = text.index(spec["trigger"], start)
        root, quad, goldstein, plover_type, plover_mode = _CAMEO[spec["cameo"]]
        place_id = None
        if spec.get("place"):
            geo_id, country, feature, lat, lon = _PLACES[spec["place"]]
            at = text.index(spec["place"], start)
            place = Place(article_id, at, at + len(spec["place"]), spec["place"], geo_id=geo_id,
                          name=spec["place"], country=country, lat=lat, lon=lon, feature=feature)
            places[place.id] = place
            place_id = place.id
        coded.append(Event(
            article_id=article_id, start=start, end=start + len(spec["sentence"]), cameo=spec["cameo"],
            root=root, quad_class=quad, goldstein=goldstein, plover_type=plover_type,
            plover_mode=plover_mode, source=tuple(spec["source"]), target=tuple(spec["target"]),
            source_text=spec.get("source_text"), target_text=spec.get("target_text"),
            polarity=spec.get("polarity", "asserted"), status=spec.get("status", "realized"),
            date=spec["date"], place=spec.get("place"), place_id=place_id,
            trigger_start=trigger_start, trigger_end=trigger_start + len(spec["trigger"]),
            trigger=spec["trigger"], confidence=spec.get("confidence", 0.8), rule="hand",
        ))
    article = Article(id=article_id, text=text, title=text.split(".")[0], url=url or f"https://{outlet.lower().replace(' ', '')}.example/{article_id}",
                      source=outlet, published=day.fromisoformat(published))
    return Result(article, Records(places=tuple(places.values()), events=tuple(coded)))


def _reports():
    xi, kim = ["CHNGOV"], ["PRKGOV"]
    visit = dict(source=xi, target=kim, source_text="Xi Jinping", target_text="Kim Jong Un")
    a = ("Chinese President Xi Jinping met North Korean leader Kim Jong Un in Pyongyang on Thursday.\n\n"
         "The two leaders held talks for several hours.")
    b = "Xi Jinping arrived in North Korea on Thursday for talks with Kim Jong Un."
    c = "Xi Jinping ended his visit to Pyongyang on Friday, the first by a Chinese leader in 14 years."
    d = ("Xi Jinping met Kim Jong Un again a week later. Kim Jong Un will visit Beijing next month, "
         "officials said. Xi Jinping did not meet Kim Jong Un's sister.")
    e = "Xi Jinping met Kim Jong Un in Beijing on Thursday, a rival paper claimed."
    f = "North Korea accused the United States of hostile acts on Thursday."
    return [
        hand_coded_result("a" * 16, a, "2019-06-21", "Wire One", [
            dict(sentence=a.split("\n")[0], trigger="met", cameo="042", date="2019-06-20", place="Pyongyang", **visit),
            dict(sentence="The two leaders held talks for several hours.", trigger="held talks", cameo="040",
                 date="2019-06-20", source=xi, target=kim),
        ]),
        hand_coded_result("b" * 16, b, "2019-06-20", "Wire Two", [
            dict(sentence=b, trigger="arrived", cameo="042", date="2019-06-20", place="North Korea", **visit),
        ]),
        hand_coded_result("c" * 16, c, "2019-06-22", "Wire Three", [
            dict(sentence=c.split(",")[0] + ",", trigger="visit", cameo="042", date="2019-06-21", place="Pyongyang", **visit),
        ]),
        hand_coded_result("d" * 16, d, "2019-06-28", "Wire One", [
            dict(sentence="Xi Jinping met Kim Jong Un again a week later.", trigger="met", cameo="040",
                 date="2019-06-27", source=xi, target=kim),
            dict(sentence="Kim Jong Un will visit Beijing next month, officials said.", trigger="visit", cameo="042",
                 date="2019-07", status="future", source=kim, target=xi, place="Beijing"),
            dict(sentence="Xi Jinping did not meet Kim Jong Un's sister.", trigger="meet", cameo="040",
                 date="2019-06-28", polarity="negated", source=xi, target=kim),
        ]),
        hand_coded_result("e" * 16, e, "2019-06-21", "Wire Four", [
            dict(sentence=e, trigger="met", cameo="040", date="2019-06-20", place="Beijing", **visit),
        ]),
        hand_coded_result("f" * 16, f, "2019-06-21", "Wire Two", [
            dict(sentence=f, trigger="accused", cameo="112", date="2019-06-20", source=["PRK"], target=["USA"],
                 source_text="North Korea", target_text="the United States"),
        ]),
    ]


@pytest.fixture(scope="session")
def reports() -> list:
    """Six hand-coded articles: one visit reported four ways in three articles (two of them
    placing it, one at country level), and near misses that must stay apart (a later
    meeting, a future visit, a negated meeting, the same day in another city, another dyad)."""
    return _reports()
