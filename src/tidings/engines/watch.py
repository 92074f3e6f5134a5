"""Keep a store current from feeds: poll, fetch what is new, analyse, write, sleep."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ..config import Settings
from ..errors import ConfigError
from ..ingest.feeds import FeedEntry, fetch_entry, read_feeds
from ..pipeline import Pipeline
from ..store import Store
from ..store.linking import link_events
from ..types import Article, Result, Skip

log = logging.getLogger(__name__)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """'15m' -> 900.0; plain numbers are seconds."""
    match = _INTERVAL.match(text.lower())
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"interval {text!r} is not like 30s, 15m, 1h or 1d")
    return float(match.group(1)) * _SECONDS[match.group(2)]


@dataclass
class PollSummary:
    new: int = 0
    seen: int = 0
    skipped: list[Skip] = field(default_factory=list)


def known_urls(store: Store, urls: list[str]) -> set[str]:
    if not urls:
        return set()
    rows = store.query("SELECT url FROM articles WHERE url IN (SELECT unnest(CAST(? AS TEXT[])))", [urls])
    return {r["url"] for r in rows}


def poll_once(
    feeds: list[str], settings: Settings, store: Store, pipeline: Pipeline, run_id: str,
    timeout: float = 20.0,
) -> PollSummary:
    """One pass over the feeds: only entries whose URL the store lacks are fetched."""
    summary = PollSummary()
    entries: list[FeedEntry] = []
    for item in read_feeds(feeds, timeout):
        if isinstance(item, Skip):
            summary.skipped.append(item)
        else:
            entries.append(item)
    known = known_urls(store, [e.link for e in entries])
    fresh = list({e.link: e for e in entries if e.link not in known}.values())
    summary.seen = len(entries)
    pages = [fetch_entry(e, timeout, settings.max_chars) for e in fresh]
    articles = [p for p in pages if isinstance(p, Article)]
    summary.skipped.extend(p for p in pages if isinstance(p, Skip))
    already = store.known_articles([a.id for a in articles])
    outcomes = list(pipeline.run([a for a in articles if a.id not in already]))
    results = [r for r in outcomes if isinstance(r, Result)]
    summary.skipped.extend(r for r in outcomes if isinstance(r, Skip))
    store.write(results, summary.skipped, run_id)
    if results:
        link_events(store)
    summary.new = len(results)
    log.info("polled %d feeds: %d entries, %d new, %d skipped", len(feeds), summary.seen, summary.new,
             len(summary.skipped))
    return summary


def watch(
    feeds: list[str], settings: Settings, store: Store, every: float, once: bool = False,
    stop: threading.Event | None = None, on_poll: Callable[[PollSummary], None] | None = None,
    timeout: float = 20.0,
) -> None:
    """Poll ``feeds`` every ``every`` seconds until ``stop`` is set (or once)."""
    from .. import __version__

    stop = stop or threading.Event()
    pipeline = Pipeline(settings)
    run_id = store.begin_run(settings.public(), feeds, __version__)
    try:
        while True:
            summary = poll_once(feeds, settings, store, pipeline, run_id, timeout)
            if on_poll:
                on_poll(summary)
            if once or stop.wait(every):
                break
    finally:
        store.finish_run(run_id, {"feeds": feeds})
