"""A run on this machine: read inputs, skip what the store already has, analyse, write."""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .. import __version__
from ..config import Settings
from ..errors import ConfigError
from ..ingest import dedupe, read_paths
from ..pipeline import Pipeline
from ..store import Store
from ..store.linking import link_events
from ..types import RECORD_KINDS, Article, Result, Skip
from .workers import analyse_parallel, worker_count

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (articles read in this batch, inputs skipped in it)


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
    workers: int = 1
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
            "workers": self.workers,
            "run_id": self.run_id,
            "store": self.store,
        }


@dataclass(frozen=True)
class Chunk:
    """A bounded slice of the input: what to analyse, and what to report as-is."""

    todo: list[Article]
    unchanged: int
    skips: list[Skip]


def _chunks(
    items: Iterable[Article | Skip], store: Store, size: int, reprocess: bool
) -> Iterator[Chunk]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        articles = [item for item in batch if isinstance(item, Article)]
        skips = [item for item in batch if isinstance(item, Skip)]
        if reprocess:
            if articles:
                store.forget([a.id for a in articles])
            known: set[str] = set()
        else:
            known = store.known_articles([a.id for a in articles])
        todo = [a for a in articles if a.id not in known]
        yield Chunk(todo, len(articles) - len(todo), skips)


def run_into_store(
    paths: Iterable[str | Path],
    settings: Settings,
    store: Store,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
    reprocess: bool = False,
    engine: str = "local",
    address: str | None = None,
    temp_dir: str | None = None,
) -> RunSummary:
    """Process every article under ``paths`` into ``store``, in bounded batches.

    Articles already in the store are left as they are unless ``reprocess`` is set, so a
    re-run, or a run resumed after a crash, never duplicates and never redoes work. With
    ``settings.workers`` other than 1, analysis runs on a process pool; with ``engine="ray"``
    on a Ray cluster (``address``, or a local one started in ``temp_dir``). Reading and
    writing always stay in this process.
    """
    started = time.perf_counter()
    paths = [str(p) for p in paths]
    workers = worker_count(settings)
    summary = RunSummary(run_id=store.begin_run(settings.public(), paths, __version__), workers=workers)
    chunks = _chunks(dedupe(read_paths(paths, settings)), store, settings.write_batch, reprocess)
    if engine == "ray":
        from .ray_engine import analyse_on_ray

        analysed = _paired(chunks, lambda todo: analyse_on_ray(todo, settings, address, temp_dir))
    elif engine != "local":
        raise ConfigError(f"unknown engine {engine!r}; choose local or ray")
    elif workers == 1:
        pipeline = pipeline or Pipeline(settings)
        analysed = ((c, list(pipeline.run(c.todo))) for c in chunks)
    else:
        analysed = _paired(chunks, lambda todo: analyse_parallel(todo, settings))
    for chunk, outcomes in analysed:
        results = [r for r in outcomes if isinstance(r, Result)]
        skips = chunk.skips + [s for s in outcomes if isinstance(s, Skip)]
        store.write(results, skips, summary.run_id)
        log.info("stored %d articles, %d skipped", len(results), len(skips))
        summary.new += len(results)
        summary.unchanged += chunk.unchanged
        summary.articles += len(results) + chunk.unchanged
        summary.skipped.extend(skips)
        for result in results:
            summary.records.update(result.records.counts())
        if progress:
            progress(len(results) + chunk.unchanged, len(skips))
    link_events(store)  # reports of one event across articles (derived; see store/linking.py)
    summary.seconds = time.perf_counter() - started
    summary.store = store.counts()
    store.finish_run(summary.run_id, summary.as_json())
    return summary


def _paired(
    chunks: Iterator[Chunk], analyse: Callable[[Iterator[list[Article]]], Iterator[list[Result | Skip]]]
) -> Iterator[tuple[Chunk, list[Result | Skip]]]:
    """Each chunk with its results from an order-keeping parallel ``analyse``."""
    held: deque[Chunk] = deque()

    def todo_lists() -> Iterator[list[Article]]:
        for chunk in chunks:
            held.append(chunk)
            yield chunk.todo

    for results in analyse(todo_lists()):
        yield held.popleft(), results
