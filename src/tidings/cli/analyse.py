"""Commands that analyse articles: run, watch, eval."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import TidingsError
from .common import (
    ConfigOption,
    DbOption,
    JsonOption,
    ModelOption,
    app,
    console,
    fail,
    load_settings,
    print_json,
)


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .json .jsonl(.gz) .html")],
    db: DbOption = None,
    as_json: JsonOption = False,
    config: ConfigOption = None,
    model: ModelOption = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor file(s), same format as the packaged ones.")] = None,
    reprocess: Annotated[bool, typer.Option(help="Analyse articles already in the store again.")] = False,
    workers: Annotated[int | None, typer.Option(help="Worker processes (0: one per core).")] = None,
    engine: Annotated[str, typer.Option(help="local, or ray to analyse on a Ray cluster.")] = "local",
    address: Annotated[str | None, typer.Option(help="Ray cluster address (default: start a local one).")] = None,
) -> None:
    """Analyse articles and store their records.

    Example: `tidings run examples/ --db tidings.duckdb --workers 2`
    (on a Ray cluster: `tidings run archive/ --engine ray --address auto`)
    """
    from ..engines import run_into_store
    from ..pipeline import Pipeline
    from ..render import RunProgress, print_event_sample, print_summary
    from ..store import open_store
    from ..store.queries import EventFilter, list_events

    try:
        settings = load_settings(config, db=db, spacy_model=model, workers=workers,
                             actor_files=tuple(actors or ()) or None)
        pipeline = Pipeline(settings) if settings.workers == 1 and engine == "local" else None
        with open_store(settings.db) as store, RunProgress(console, enabled=not as_json) as progress:
            summary = run_into_store(paths, settings, store, pipeline, progress.advance, reprocess,
                                     engine=engine, address=address)
            latest = [] if as_json else list_events(store, EventFilter(limit=8))
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(summary.as_json())
        return
    print_summary(console, summary, settings.db)
    if latest:
        print_event_sample(console, latest, "latest events in the store")
        console.print("More: [bold]tidings events[/], [bold]tidings show ARTICLE_ID[/], [bold]tidings serve[/]")


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    every: Annotated[str, typer.Option(help="Poll interval: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option(help="Poll once and exit.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a feed or page.")] = 20.0,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Keep the store current from feeds: fetch new article pages and analyse them.

    Example: `tidings watch https://example.org/world.rss --every 15m`
    """
    from ..engines.watch import parse_interval
    from ..engines.watch import watch as watch_feeds
    from ..store import open_store

    def report(summary) -> None:
        console.print(f"{summary.seen} entries, [bold]{summary.new} new[/], {len(summary.skipped)} skipped")
        for skip in summary.skipped:
            console.print(f"  skipped {skip.source}: {skip.reason}")

    try:
        settings = load_settings(config, db=db)
        with open_store(settings.db) as store:
            watch_feeds(feeds, settings, store, parse_interval(every), once=once, on_poll=report, timeout=timeout)
    except TidingsError as e:
        fail(e)
    except KeyboardInterrupt:
        console.print("stopped")


@app.command("eval")
def eval_(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files (see FORMAT.md).")],
    as_json: JsonOption = False,
    config: ConfigOption = None,
    model: ModelOption = None,
    stages: Annotated[str | None, typer.Option(help="Comma-separated stages to run (default: all).")] = None,
) -> None:
    """Score the pipeline against gold files.

    Example: `tidings eval ../shared/eval/dev/*.jsonl --json`
    """
    from ..eval import evaluate

    try:
        settings = load_settings(config, spacy_model=model, stages=stages)
        scores = evaluate(gold, settings)
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(scores)
    else:
        from ..render import print_scores

        print_scores(console, scores)


# --- linking, exports and analytics over the store ---

