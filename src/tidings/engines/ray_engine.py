"""Analysis on a Ray cluster: one loaded pipeline per Ray actor, batches in, records out.

The driver (this process) reads the inputs, asks the store what it already has, and writes
the results, exactly as the local engine does; only the analysis moves to the cluster. At
most two batches per actor are in flight and results are taken in input order, so memory
stays flat and the records are identical to a local run.

Ray is an optional dependency: ``pip install -e '.[ray]'``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator

from ..config import Settings
from ..errors import ConfigError
from ..pipeline import Pipeline
from ..types import Article, Result, Skip

log = logging.getLogger(__name__)


class _Analyser:
    """A Ray actor holding one pipeline (the model is loaded once per actor)."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = Pipeline(settings)

    def analyse(self, batch: list[Article]) -> list[Result | Skip]:
        return list(self.pipeline.run(batch))


def _ray():
    try:
        import ray
    except ImportError as e:
        raise ConfigError("the Ray engine needs Ray: pip install -e '.[ray]'") from e
    return ray


def analyse_on_ray(
    batches: Iterator[list[Article]],
    settings: Settings,
    address: str | None = None,
    temp_dir: str | None = None,
) -> Iterator[list[Result | Skip]]:
    """Results for each batch, in order. Connects to ``address`` (a running cluster, e.g.
    ``ray://head:10001`` or ``auto``) or starts a local one for the duration of the run."""
    ray = _ray()
    started_here = not ray.is_initialized()
    if started_here:
        options = {"include_dashboard": False, "log_to_driver": False}
        if address:
            ray.init(address=address, **options)
        else:
            workers = settings.workers if settings.workers > 0 else None
            ray.init(num_cpus=workers, _temp_dir=temp_dir, **options)
    try:
        cpus = int(ray.cluster_resources().get("CPU", 1))
        count = settings.workers if settings.workers > 0 else cpus
        remote = ray.remote(num_cpus=1)(_Analyser)
        actors = [remote.remote(settings) for _ in range(count)]
        log.info("analysing on %d Ray actors (%d CPUs in the cluster)", count, cpus)
        pending: deque = deque()
        for i, batch in enumerate(batches):
            pending.append(actors[i % count].analyse.remote(batch))
            if len(pending) >= 2 * count:
                yield ray.get(pending.popleft())
        while pending:
            yield ray.get(pending.popleft())
    except ray.exceptions.RayError as e:
        raise ConfigError(f"the Ray cluster failed: {e}") from e
    finally:
        if started_here:
            ray.shutdown()
