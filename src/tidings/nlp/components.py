"""tidings' stages as spaCy pipeline components, for people who keep their own pipeline.

Importing this module registers the factories::

    import spacy
    import tidings.nlp.components  # noqa: F401  (registers the factories)

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("tidings")                       # every stage, in order
    doc = nlp("Xi Jinping met Kim Jong Un in Pyongyang on Thursday.")
    doc._.tidings_records.events

or one stage at a time (``tidings_times``, ``tidings_places``, ``tidings_actors``,
``tidings_quotes``, ``tidings_events``), each adding its records to
``doc._.tidings_records``. Set ``doc._.tidings_published`` (a date) before the components
run to resolve relative dates against it; the article is built from ``doc.text``.
The components need the parser and NER, so add them after those.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..config import ALL_STAGES, Settings
from ..ingest import article_id
from ..pipeline import Stage, build_stages
from ..types import Article, Records
from . import register_extensions


def _settings(stages: list[str], options: dict[str, Any]) -> Settings:
    return Settings().with_(stages=tuple(stages), **options)


def _article(doc: Doc) -> Article:
    """The article a Doc stands for; its text is the Doc's text so spans line up."""
    identity = doc._.tidings_article_id or article_id(doc.text)
    doc._.tidings_article_id = identity
    return Article(id=identity, text=doc.text, published=doc._.tidings_published)


class TidingsComponent:
    """Runs tidings stages on a Doc and stores the Records on ``doc._.tidings_records``."""

    def __init__(self, stages: list[tuple[str, Stage]]) -> None:
        register_extensions()
        self.stages = stages

    def __call__(self, doc: Doc) -> Doc:
        article = _article(doc)
        records = doc._.tidings_records or Records()
        for name, stage in self.stages:
            records = replace(records, **{name: tuple(stage(article, doc, records))})
        doc._.tidings_records = records
        return doc


@Language.factory(
    "tidings",
    default_config={"stages": list(ALL_STAGES), "options": {}},
    requires=["token.dep", "doc.ents"],
)
def make_tidings(
    nlp: Language, name: str, stages: list[str], options: dict[str, Any]
) -> TidingsComponent:
    """All enabled stages; ``options`` are Settings fields (e.g. min_event_confidence)."""
    return TidingsComponent(build_stages(_settings(stages, options)))


def _stage_factory(stage_name: str) -> None:
    def make(nlp: Language, name: str, options: dict[str, Any]) -> TidingsComponent:
        return TidingsComponent(build_stages(_settings([stage_name], options)))

    make.__doc__ = f"Only the {stage_name} stage; earlier stages' records are read from the Doc."
    Language.factory(
        f"tidings_{stage_name}",
        default_config={"options": {}},
        requires=["token.dep", "doc.ents"],
        func=make,
    )


for _stage in ALL_STAGES:
    _stage_factory(_stage)
