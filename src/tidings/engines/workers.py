"""Analysis on several local processes: one model per process, batches in, Results out.

Workers return extracted records, never spaCy Docs (pickling Docs back costs more than
parsing them). At most two batches per worker are in flight, so memory stays flat however
long the input stream is, and results come back in input order, so a run with N workers
writes exactly what a run with one worker writes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from ..config import Settings
from ..pipeline import Pipeline
from ..types import Article, Result, Skip

# Each worker process loads its own pipeline once, in the pool initializer.
_worker_pipeline: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)


def _analyse(batch: list[Article]) -> list[Result | Skip]:
    assert _worker_pipeline is not None, "worker used before its initializer ran"
    return list(_worker_pipeline.run(batch))


def worker_count(settings: Settings) -> int:
    return settings.workers if settings.workers > 0 else (os.cpu_count() or 1)


@contextmanager
def _single_threaded_children() -> Iterator[None]:
    """Workers inherit OMP_NUM_THREADS=1: N processes each spawning N BLAS threads thrash."""
    saved = os.environ.get("OMP_NUM_THREADS")
    os.environ["OMP_NUM_THREADS"] = "1"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = saved


def analyse_parallel(batches: Iterable[list[Article]], settings: Settings) -> Iterator[list[Result | Skip]]:
    """Results for each batch, in order, analysed by ``worker_count(settings)`` processes."""
    workers = worker_count(settings)
    context = multiprocessing.get_context("spawn")
    with _single_threaded_children():
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(settings,))
    with pool:
        pending: deque[Future[list[Result | Skip]]] = deque()
        for batch in batches:
            pending.append(pool.submit(_analyse, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
