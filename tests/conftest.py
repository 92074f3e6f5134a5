"""Every shared fixture. Tests that need the model, ../shared or a server say so with a marker."""

from __future__ import annotations

from collections.abc import Callable
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
