"""process(article) and run(stream): the whole flow from Article to Result.

Stages are registered in one place, :data:`STAGES`, in the order they run. A stage is
built once from Settings (``build(settings) -> stage``) and called per article as
``stage(article, doc, records) -> tuple of records``; what it returns becomes its
field of :class:`~tidings.types.Records`, which later stages can read.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from .config import Settings
from .nlp import annotate, load_nlp
from .types import Article, Records, Result, Skip

log = logging.getLogger(__name__)

Stage = Callable[[Article, Doc, Records], tuple]

# name (a Records field) -> module whose build(settings) returns the stage.
STAGES: dict[str, str] = {
    "times": "tidings.times",
    "places": "tidings.places",
    "actors": "tidings.actors",
    "quotes": "tidings.quotes",
    "events": "tidings.events",
}


def build_stages(settings: Settings) -> list[tuple[str, Stage]]:
    """Build the enabled stages, in registry order."""
    return [
        (name, importlib.import_module(module).build(settings))
        for name, module in STAGES.items()
        if name in settings.stages
    ]


class Pipeline:
    """The spaCy model and the stages, loaded once and reused for every article."""

    def __init__(self, settings: Settings, nlp: Language | None = None) -> None:
        self.settings = settings
        self.nlp = nlp if nlp is not None else load_nlp(settings)
        self.stages = build_stages(settings)

    def analyse(self, article: Article, doc: Doc) -> Result:
        """Run every stage over an article already parsed into ``doc``."""
        annotate(doc, article.id, article.published_date)
        records = Records()
        for name, stage in self.stages:
            records = replace(records, **{name: tuple(stage(article, doc, records))})
        doc._.tidings_records = records
        return Result(article=article, records=records)

    def process(self, article: Article) -> Result:
        return self.analyse(article, self.nlp(article.text))

    def run(self, items: Iterable[Article | Skip]) -> Iterator[Result | Skip]:
        """Results in input order; Skips pass through. Batches of ``batch_size`` at a time."""
        size = self.settings.batch_size
        iterator = iter(items)
        while batch := list(islice(iterator, size)):
            articles = [a for a in batch if isinstance(a, Article)]
            docs = iter(self.nlp.pipe((a.text for a in articles), batch_size=size))
            for item in batch:
                yield self._analyse_or_skip(item, next(docs)) if isinstance(item, Article) else item

    def _analyse_or_skip(self, article: Article, doc: Doc) -> Result | Skip:
        """One article's failure is recorded as a Skip, never the end of a long run.

        The article is not stored, so a later run analyses it again.
        """
        try:
            return self.analyse(article, doc)
        except Exception as e:  # noqa: BLE001 - a boundary: any stage bug becomes a recorded skip
            log.warning("analysis of %s failed", article.origin or article.id, exc_info=True)
            return Skip(article.origin or article.id, f"analysis failed: {type(e).__name__}: {e}")


def process(article: Article, settings: Settings | None = None) -> Result:
    """Analyse one article. For many, build a :class:`Pipeline` once or use :func:`run`."""
    return Pipeline(settings or Settings()).process(article)


def run(items: Iterable[Article | Skip], settings: Settings | None = None) -> Iterator[Result | Skip]:
    """Analyse a stream of articles (Skips pass through), loading the model once."""
    return Pipeline(settings or Settings()).run(items)
