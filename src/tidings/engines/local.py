"""A run on this machine: read inputs, skip what the store already has, analyse, write."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .. import __version__
from ..config import Settings
from ..ingest import dedupe, read_paths
from ..pipeline import Pipeline
from ..store import Store
from ..types import RECORD_KINDS, Article, Result, Skip

Progress = Callable[[int, int], None]  # (articles done in this batch, skipped in this batch)


@dataclass
class RunSummary:
    """What a run did. ``articles`` counts inputs read as articles, new or already stored."""

    run_id: str
    articles: int = 0
    new: int = 0
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    records: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    store: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "new": self.new,
            "unchanged": self.unchanged,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "records": {kind: self.records.get(kind, 0) for kind in RECORD_KINDS},
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.new / self.seconds, 2) if self.seconds else 0.0,
            "run_id": self.run_id,
            "store": self.store,
        }


def _batches(items: Iterable[Article | Skip], size: int) -> Iterator[list[Article | Skip]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run_into_store(
    paths: Iterable[str | Path],
    settings: Settings,
    store: Store,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
    reprocess: bool = False,
) -> RunSummary:
    """Process every article under ``paths`` into ``store``, in bounded batches.

    Articles already in the store are left as they are unless ``reprocess`` is set, so a
    re-run, or a run resumed after a crash, never duplicates and never redoes work.
    """
    started = time.perf_counter()
    paths = [str(p) for p in paths]
    pipeline = pipeline or Pipeline(settings)
    summary = RunSummary(run_id=store.begin_run(settings.public(), paths, __version__))
    for batch in _batches(dedupe(read_paths(paths, settings)), settings.write_batch):
        articles = [item for item in batch if isinstance(item, Article)]
        skips = [item for item in batch if isinstance(item, Skip)]
        known = set() if reprocess else store.known_articles([a.id for a in articles])
        if reprocess and articles:
            store.forget([a.id for a in articles])
        todo = [a for a in articles if a.id not in known]
        results = [r for r in pipeline.run(todo) if isinstance(r, Result)]
        store.write(results, skips, summary.run_id)
        summary.articles += len(articles)
        summary.new += len(results)
        summary.unchanged += len(articles) - len(todo)
        summary.skipped.extend(skips)
        for result in results:
            summary.records.update(result.records.counts())
        if progress:
            progress(len(articles), len(skips))
    summary.seconds = time.perf_counter() - started
    summary.store = store.counts()
    store.finish_run(summary.run_id, summary.as_json())
    return summary
