"""What every command shares: the Typer app, the consoles, common options and helpers."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from ..config import Settings

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
StatusOption = Annotated[str | None, typer.Option(help="Only these statuses, comma-separated: realized,reported,future,hypothetical.")]
SinceOption = Annotated[str | None, typer.Option(help="Event date on or after YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Event date on or before YYYY-MM-DD.")]
MentionsOption = Annotated[bool, typer.Option("--mentions", help="Count every report of an event, not each linked event once.")]


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, tidings.toml or --config, TIDINGS_* variables, then the command's flags."""
    return Settings.load(config).with_(**overrides)


def fail(error: Exception) -> NoReturn:
    errors.print(f"[bold red]error:[/] {error}")
    raise typer.Exit(2)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        from .. import __version__

        console.print(f"tidings {__version__}")
        raise typer.Exit()
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


def event_scope(actor: str | None = None, country: str | None = None, code: str | None = None,
           since: str | None = None, until: str | None = None, status: str | None = None,
           polarity: str | None = None, linked: bool = False) -> Any:
    from ..store.filters import Scope

    return Scope(actor=actor, country=country, code=code, since=since, until=until,
                 status=tuple(s.strip() for s in status.split(",") if s.strip()) if status else (),
                 polarity=None if polarity in (None, "any") else polarity, linked=linked)
