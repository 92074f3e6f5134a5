"""The `tidings` command: one group; each command calls one library function."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from .config import Settings
from .errors import TidingsError

app = typer.Typer(
    invoke_without_command=True,
    help="tidings reads news and writes political event data: who did what to whom, when, "
    "where, and who said so.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)
console = Console()
errors = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option("--db", help="Store: a DuckDB file or postgresql://… URL.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="A tidings.toml settings file.")]
ModelOption = Annotated[str | None, typer.Option("--model", help="spaCy pipeline to load.")]


def _settings(config: Path | None = None, **overrides: Any) -> Settings:
    return Settings.load(config).with_(**overrides)


def _fail(error: Exception) -> None:
    errors.print(f"[bold red]error:[/] {error}")
    raise typer.Exit(2)


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        from . import __version__

        console.print(f"tidings {__version__}")
        raise typer.Exit()
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


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
    from .engines import run_into_store
    from .pipeline import Pipeline
    from .store import open_store
    from .render import RunProgress, print_summary

    try:
        settings = _settings(config, db=db, spacy_model=model, workers=workers,
                             actor_files=tuple(actors or ()) or None)
        pipeline = Pipeline(settings) if settings.workers == 1 and engine == "local" else None
        with open_store(settings.db) as store, RunProgress(console, enabled=not as_json) as progress:
            summary = run_into_store(paths, settings, store, pipeline, progress.advance, reprocess,
                                     engine=engine, address=address)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(summary.as_json())
    else:
        print_summary(console, summary, settings.db)


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
    from .engines.watch import parse_interval, watch as watch_feeds
    from .store import open_store

    def report(summary) -> None:
        console.print(f"{summary.seen} entries, [bold]{summary.new} new[/], {len(summary.skipped)} skipped")
        for skip in summary.skipped:
            console.print(f"  skipped {skip.source}: {skip.reason}")

    try:
        settings = _settings(config, db=db)
        with open_store(settings.db) as store:
            watch_feeds(feeds, settings, store, parse_interval(every), once=once, on_poll=report, timeout=timeout)
    except TidingsError as e:
        _fail(e)
    except KeyboardInterrupt:
        console.print("stopped")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="An article id (or a unique prefix).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show an article with its records, their spans highlighted.

    Example: `tidings show 3f2a9c` (ids are listed by `tidings events`)
    """
    from .store.queries import load_article
    from .store import open_store
    from .render import print_article

    try:
        settings = _settings(db=db)
        with open_store(settings.db, read_only=True) as store:
            result = load_article(store, article_id)
    except TidingsError as e:
        _fail(e)
    if as_json:
        from .store.schema import to_row

        _print_json({"article": to_row(result.article),
                     **{k: [to_row(r) for r in getattr(result.records, k)] for k in result.records.counts()}})
    else:
        print_article(console, result)


@app.command()
def events(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Source or target code starts with this (CHNGOV, PRK).")] = None,
    country: Annotated[str | None, typer.Option(help="Source or target country (3 letters).")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code or prefix (04, 042).")] = None,
    since: Annotated[str | None, typer.Option(help="Event date on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Event date on or before YYYY-MM-DD.")] = None,
    status: Annotated[str | None, typer.Option(help="realized, future, hypothetical or reported.")] = None,
    polarity: Annotated[str | None, typer.Option(help="asserted or negated.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List events, newest first, with filters.

    Example: `tidings events --actor CHN --code 04 --since 2019-01-01 --status realized`
    """
    from .store.queries import EventFilter, list_events
    from .store import open_store
    from .render import print_events

    try:
        settings = _settings(db=db)
        flt = EventFilter(actor=actor, country=country, code=code, since=since, until=until,
                          status=status, polarity=polarity, limit=limit)
        with open_store(settings.db, read_only=True) as store:
            rows = list_events(store, flt)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(rows)
    else:
        print_events(console, rows)


@app.command()
def quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(help="Speaker name contains this.")] = None,
    actor: Annotated[str | None, typer.Option(help="Speaker's actor code starts with this (KOREDU, CHN).")] = None,
    text: Annotated[str | None, typer.Option(help="Quote text contains this.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List quotes with their speakers.

    Example: `tidings quotes --actor CHNGOV --text sanctions`
    """
    from .store.queries import QuoteFilter, list_quotes
    from .store import open_store
    from .render import print_quotes

    try:
        settings = _settings(db=db)
        flt = QuoteFilter(speaker=speaker, actor=actor, text=text, since=since, until=until, limit=limit)
        with open_store(settings.db, read_only=True) as store:
            rows = list_quotes(store, flt)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(rows)
    else:
        print_quotes(console, rows)


@app.command()
def times(
    text_or_id: Annotated[str, typer.Argument(help="A text, or the id (or a unique prefix) of a stored article.")],
    published: Annotated[str | None, typer.Option("--date", help="Publication date YYYY-MM-DD (default: the stored article's; none for a text).")] = None,
    db: DbOption = None,
    model: ModelOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the temporal expressions of a text or article with their TIMEX3 values, for checking.

    Example: `tidings times "Ministers met on Thursday, a day after talks stalled." --date 2019-06-20`
    """
    from .nlp import load_nlp
    from .times import find_times

    try:
        anchor = date.fromisoformat(published) if published else None
    except ValueError:
        _fail(typer.BadParameter(f"--date {published!r} is not YYYY-MM-DD"))
    try:
        settings = _settings(db=db, spacy_model=model)
        text = text_or_id
        if " " not in text_or_id and Path(settings.db).is_file():
            from .store import open_store
            from .store.queries import load_article

            with open_store(settings.db, read_only=True) as store:
                article = load_article(store, text_or_id).article
            text, anchor = article.text, anchor or article.published_date
        found = find_times(text, anchor, load_nlp(settings), settings)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json([{"start": t.start, "end": t.end, "text": t.text, "value": t.value,
                      "granularity": t.granularity, "rule": t.rule} for t in found])
        return
    table = Table(title=f"times (published {anchor or 'unknown'})")
    for column in ("span", "text", "value", "granularity", "rule"):
        table.add_column(column)
    for t in found:
        table.add_row(f"{t.start}-{t.end}", t.text, t.value or "-", t.granularity, t.rule)
    console.print(table)


@app.command()
def places(
    text_or_id: Annotated[str, typer.Argument(help="A text, or the id (or a unique prefix) of a stored article.")],
    db: DbOption = None,
    model: ModelOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the places of a text or article with their gazetteer entries, for checking.

    Example: `tidings places "PYONGYANG (AFP) - Xi Jinping arrived in North Korea on Thursday."`
    """
    from dataclasses import asdict

    from .places import find_places

    try:
        _, found = find_places(text_or_id, _settings(db=db, spacy_model=model))
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json([asdict(p) for p in found])
        return
    table = Table(title="places")
    for column in ("span", "text", "name", "country", "lat, lon", "feature", "geo_id", "rule"):
        table.add_column(column)
    for p in found:
        where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "-"
        table.add_row(f"{p.start}-{p.end}", p.text, p.name or "-", p.country or "-", where,
                      p.feature or "-", p.geo_id or "-", p.rule)
    console.print(table)


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
    from .eval import evaluate

    try:
        settings = _settings(config, spacy_model=model, stages=stages)
        scores = evaluate(gold, settings)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(scores)
    else:
        from .render import print_scores

        print_scores(console, scores)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
