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
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


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
) -> None:
    """Analyse articles and store their records.

    Example: `tidings run examples/ --db tidings.duckdb`
    """
    from .engines import run_into_store
    from .pipeline import Pipeline
    from .store import open_store
    from .render import RunProgress, print_summary

    try:
        settings = _settings(config, db=db, spacy_model=model, workers=workers,
                             actor_files=tuple(actors or ()) or None)
        pipeline = Pipeline(settings) if settings.workers == 1 else None
        with open_store(settings.db) as store, RunProgress(console, enabled=not as_json) as progress:
            summary = run_into_store(paths, settings, store, pipeline, progress.advance, reprocess)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(summary.as_json())
    else:
        print_summary(console, summary, settings.db)


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
