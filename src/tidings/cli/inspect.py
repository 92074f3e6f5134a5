"""Commands that look at what was found: show, events, quotes, times, places, actors."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..errors import TidingsError
from .common import (
    ConfigOption,
    DbOption,
    JsonOption,
    ModelOption,
    app,
    console,
    event_scope,
    fail,
    load_settings,
    print_json,
)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="An article id (or a unique prefix).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show an article with its records, their spans highlighted.

    Example: `tidings show 3f2a9c` (ids are listed by `tidings events`)
    """
    from ..render import print_article
    from ..store import open_store
    from ..store.queries import load_article

    try:
        settings = load_settings(db=db)
        with open_store(settings.db, read_only=True) as store:
            result = load_article(store, article_id)
    except TidingsError as e:
        fail(e)
    if as_json:
        from ..store.schema import to_row

        print_json({"article": to_row(result.article),
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
    status: Annotated[str | None, typer.Option(help="Comma list of realized, future, hypothetical, reported.")] = None,
    polarity: Annotated[str | None, typer.Option(help="asserted or negated.")] = None,
    text: Annotated[str | None, typer.Option(help="The sentence contains this.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List event mentions, newest first, with filters.

    Example: `tidings events --actor CHN --code 04 --since 2019-01-01 --status realized`
    """
    from ..render import print_events
    from ..store import open_store
    from ..store.queries import EventFilter, list_events

    try:
        settings = load_settings(db=db)
        flt = EventFilter(event_scope(actor, country, code, since, until, status, polarity), text=text, limit=limit)
        with open_store(settings.db, read_only=True) as store:
            rows = list_events(store, flt)
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(rows)
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
    from ..render import print_quotes
    from ..store import open_store
    from ..store.queries import QuoteFilter, list_quotes

    try:
        settings = load_settings(db=db)
        flt = QuoteFilter(speaker=speaker, actor=actor, text=text, since=since, until=until, limit=limit)
        with open_store(settings.db, read_only=True) as store:
            rows = list_quotes(store, flt)
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(rows)
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
    from ..nlp import load_nlp
    from ..times import find_times

    try:
        anchor = date.fromisoformat(published) if published else None
    except ValueError:
        fail(typer.BadParameter(f"--date {published!r} is not YYYY-MM-DD"))
    try:
        settings = load_settings(db=db, spacy_model=model)
        text = text_or_id
        if " " not in text_or_id and Path(settings.db).is_file():
            from ..store import open_store
            from ..store.queries import load_article

            with open_store(settings.db, read_only=True) as store:
                article = load_article(store, text_or_id).article
            text, anchor = article.text, anchor or article.published_date
        found = find_times(text, anchor, load_nlp(settings), settings)
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json([{"start": t.start, "end": t.end, "text": t.text, "value": t.value,
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

    from ..places import find_places

    try:
        _, found = find_places(text_or_id, load_settings(db=db, spacy_model=model))
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json([asdict(p) for p in found])
        return
    table = Table(title="places")
    for column in ("span", "text", "name", "country", "lat, lon", "feature", "geo_id", "rule"):
        table.add_column(column)
    for p in found:
        where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "-"
        table.add_row(f"{p.start}-{p.end}", p.text, p.name or "-", p.country or "-", where,
                      p.feature or "-", p.geo_id or "-", p.rule)
    console.print(table)


actors_app = typer.Typer(help="The actor knowledge base: what names resolve to, and why.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("lookup")
def actors_lookup(
    name: Annotated[str, typer.Argument(help="A name, alias, demonym, capital or organisation.")],
    on: Annotated[str | None, typer.Option("--date", help="The date to resolve on, YYYY-MM-DD (default: today).")] = None,
    config: ConfigOption = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor file(s), same format as the packaged ones.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Print what a name resolves to on a date, and why.

    Example: `tidings actors lookup "Donald Trump" --date 2023-05-01`
    """
    from dataclasses import asdict

    from ..actors import lookup

    try:
        day = date.fromisoformat(on) if on else date.today()
    except ValueError:
        fail(typer.BadParameter(f"--date {on!r} is not YYYY-MM-DD"))
    try:
        found = lookup(name, day, load_settings(config, actor_files=tuple(actors) if actors else None))
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(asdict(found))
        return
    console.print(f"{found.name} on {found.on}: [bold]{found.code or 'unknown'}[/] "
                  f"({found.canonical or 'no entry'}; rule {found.rule}; entry {found.entry or '-'})")
    for term in found.terms:
        console.print(f"  {term}")
