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
