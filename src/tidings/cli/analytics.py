"""Commands that answer questions over the store: link, export, dyad, network, top, timeline, speakers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..errors import TidingsError
from .common import (
    DbOption,
    JsonOption,
    MentionsOption,
    SinceOption,
    StatusOption,
    UntilOption,
    app,
    console,
    errors,
    event_scope,
    fail,
    load_settings,
    print_json,
)


def _warn_unlinked(store: Any) -> None:
    from ..store.linking import unlinked_count

    if missing := unlinked_count(store):
        errors.print(f"[yellow]warning:[/] {missing} events are not linked yet; run `tidings link` to count them")


_LABELS = {"a_to_b": "a→b", "b_to_a": "b→a", "goldstein_sum": "Goldstein sum",
           "goldstein_mean": "Goldstein mean", "quad_shares": "% QuadClass 1/2/3/4"}


def _print_rows(title: str, rows: list[dict[str, Any]], columns: list[str]) -> None:
    cells = [[
        ",".join(row[c]) if isinstance(row.get(c), list | tuple) else
        (f"{row[c]:.2f}" if isinstance(row.get(c), float) else ("" if row.get(c) is None else str(row[c])))
        for c in columns
    ] for row in rows]
    table = Table(title=title, header_style="bold")
    for i, column in enumerate(columns):
        # short values (codes, dates, numbers) keep their width; long texts wrap
        widest = max((len(r[i]) for r in cells), default=0)
        table.add_column(_LABELS.get(column, column.replace("_", " ")), overflow="fold",
                         min_width=widest if widest <= 12 else None)
    for row in cells:
        table.add_row(*row)
    console.print(table)


@app.command()
def link(
    db: DbOption = None,
    full: Annotated[bool, typer.Option(help="Relink every event, not only those new since the last linking.")] = False,
    window: Annotated[int, typer.Option(help="Days a report may lie from an event's first day and still join it.")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Link reports of the same event across articles (done at the end of every `tidings run`).

    Example: `tidings link --db tidings.duckdb --full`
    """
    from ..store import open_store
    from ..store.linking import link_events

    try:
        with open_store(load_settings(db=db).db) as store:
            summary = link_events(store, full=full, window_days=window)
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(summary.as_json())
    else:
        console.print(f"linked {summary.mentions} event mentions into {summary.events} events "
                      f"({summary.keys} actor/event keys updated)")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="gdelt, polecat, parquet, csv or jsonl.")],
    out: Annotated[Path, typer.Option("--out", help="File to write (parquet without --table: a folder).")],
    db: DbOption = None,
    table: Annotated[str | None, typer.Option(help="Table for csv/jsonl/parquet (default: events; parquet: every table).")] = None,
    actor: Annotated[str | None, typer.Option(help="Source or target code starts with this.")] = None,
    country: Annotated[str | None, typer.Option(help="Source or target country (3 letters).")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code or prefix.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOption = None,
    polarity: Annotated[str | None, typer.Option(help="asserted or negated (default: both).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Export events as GDELT 2.0 rows, POLECAT-style JSON, or tables as Parquet, CSV or JSONL.

    Example: `tidings export --format gdelt --out events.tsv --actor CHN --status realized,reported`
    """
    from ..exports import export as write_export
    from ..store import open_store

    try:
        scope = event_scope(actor, country, code, since, until, status, polarity)
        with open_store(load_settings(db=db).db, read_only=True) as store:
            summary = write_export(store, fmt, out, scope, table)
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(summary.as_json())
    else:
        rows = ", ".join(f"{n} {t}" for t, n in summary.rows.items())
        console.print(f"wrote {summary.path} ({summary.format}): {rows}"
                      + (f"; {summary.left_out} left out (the format cannot hold them)" if summary.left_out else ""))


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="First actor code or prefix (CHN, CHNGOV).")],
    b: Annotated[str, typer.Argument(help="Second actor code or prefix.")],
    db: DbOption = None,
    by: Annotated[str, typer.Option(help="day, week or month.")] = "month",
    direction: Annotated[str, typer.Option(help="both, ab (A on B) or ba (B on A).")] = "both",
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOption = None,
    polarity: Annotated[str, typer.Option(help="asserted, negated or any.")] = "asserted",
    mentions: MentionsOption = False,
    chart: Annotated[Path | None, typer.Option(help="Also draw a chart: .html (self-contained) or .svg.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Events between two actors per period: counts each way, Goldstein sum and mean, QuadClass shares.

    Example: `tidings dyad CHN PRK --by month --chart chn-prk.html`
    """
    from ..analytics import dyad_series
    from ..analytics.chart import write_dyad_chart
    from ..store import open_store

    try:
        scope = event_scope(since=since, until=until, status=status, polarity=polarity, linked=not mentions)
        with open_store(load_settings(db=db).db, read_only=True) as store:
            if scope.linked:
                _warn_unlinked(store)
            rows = dyad_series(store, a, b, by=by, direction=direction, scope=scope)
        if chart:
            write_dyad_chart(rows, a.upper(), b.upper(), chart)
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(rows)
        return
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    shown = [{**row, "quad_shares": "/".join(f"{100 * row[q]:.0f}" for q in quads)} for row in rows]
    _print_rows(f"{a.upper()} and {b.upper()} by {by}", shown,
                ["period", "events", "a_to_b", "b_to_a", "goldstein_sum", "goldstein_mean", "quad_shares"])
    if chart:
        console.print(f"chart written to {chart}")


@app.command()
def network(
    db: DbOption = None,
    out: Annotated[Path | None, typer.Option(help="Write the graph: .graphml (GraphML) or .json.")] = None,
    level: Annotated[str, typer.Option(help="code (CHNGOV) or country (CHN).")] = "code",
    min_events: Annotated[int, typer.Option(help="Leave out edges with fewer events.")] = 1,
    actor: Annotated[str | None, typer.Option(help="Only events with a code starting with this.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOption = None,
    polarity: Annotated[str, typer.Option(help="asserted, negated or any.")] = "asserted",
    mentions: MentionsOption = False,
    as_json: JsonOption = False,
) -> None:
    """The actor network: who acts on whom, weighted by events, with mean Goldstein values.

    Example: `tidings network --since 2019-01-01 --level country --out actors.graphml`
    """
    from ..analytics import actor_network
    from ..analytics.network import write_network
    from ..store import open_store

    try:
        scope = event_scope(actor=actor, since=since, until=until, status=status, polarity=polarity, linked=not mentions)
        with open_store(load_settings(db=db).db, read_only=True) as store:
            if scope.linked:
                _warn_unlinked(store)
            graph = actor_network(store, scope, level=level, min_events=min_events)
        written = write_network(graph, out) if out else None
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(graph.as_json())
        return
    _print_rows(f"{len(graph.nodes)} actors, {len(graph.edges)} edges", graph.edges[:30],
                ["source", "target", "events", "goldstein_mean"])
    if out:
        console.print(f"{written} written to {out}")


@app.command()
def top(
    kind: Annotated[str, typer.Argument(help="actors, events (most reported) or codes.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many.")] = 20,
    actor: Annotated[str | None, typer.Option(help="Only events with a code starting with this.")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code or prefix.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOption = None,
    polarity: Annotated[str, typer.Option(help="asserted, negated or any.")] = "asserted",
    mentions: MentionsOption = False,
    as_json: JsonOption = False,
) -> None:
    """The most active actors, the most reported events, or the most frequent event codes.

    Example: `tidings top actors --since 2019-06-01 --limit 10`
    """
    from .. import analytics
    from ..store import open_store

    functions = {"actors": analytics.top_actors, "events": analytics.top_events, "codes": analytics.top_codes}
    columns = {"actors": ["code", "events", "as_source", "as_target", "goldstein_mean"],
               "events": ["date", "source", "cameo", "target", "place", "mentions", "articles"],
               "codes": ["cameo", "plover_type", "events", "goldstein_mean"]}
    if kind not in functions:
        fail(typer.BadParameter(f"{kind!r}: choose actors, events or codes"))
    try:
        scope = event_scope(actor=actor, code=code, since=since, until=until, status=status, polarity=polarity,
                       linked=not mentions)
        with open_store(load_settings(db=db).db, read_only=True) as store:
            if scope.linked or kind == "events":
                _warn_unlinked(store)
            rows = functions[kind](store, scope, limit)
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(rows)
    else:
        _print_rows(f"top {kind}", rows, columns[kind])


@app.command()
def timeline(
    db: DbOption = None,
    by: Annotated[str, typer.Option(help="day, week or month.")] = "month",
    kind: Annotated[str, typer.Option(help="Event type: root (CAMEO), plover or quad.")] = "root",
    actor: Annotated[str | None, typer.Option(help="Only events with a code starting with this.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOption = None,
    polarity: Annotated[str, typer.Option(help="asserted, negated or any.")] = "asserted",
    mentions: MentionsOption = False,
    as_json: JsonOption = False,
) -> None:
    """Event types over time: events per period and type, with mean Goldstein values.

    Example: `tidings timeline --by week --kind plover --actor PRK`
    """
    from ..analytics import event_types_over_time
    from ..store import open_store

    try:
        scope = event_scope(actor=actor, since=since, until=until, status=status, polarity=polarity, linked=not mentions)
        with open_store(load_settings(db=db).db, read_only=True) as store:
            if scope.linked:
                _warn_unlinked(store)
            rows = event_types_over_time(store, by=by, kind=kind, scope=scope)
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(rows)
    else:
        _print_rows(f"event types by {by}", rows, ["period", "type", "events", "goldstein_mean"])


@app.command()
def speakers(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Speaker's actor code starts with this.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(help="How many speakers.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Quotes by speaker: who is quoted most, in how many articles, from when to when.

    Example: `tidings speakers --actor CHN --since 2019-01-01`
    """
    from ..analytics import quotes_by_speaker
    from ..store import open_store

    try:
        with open_store(load_settings(db=db).db, read_only=True) as store:
            rows = quotes_by_speaker(store, actor=actor, since=since, until=until, limit=limit)
    except TidingsError as e:
        fail(e)
    if as_json:
        print_json(rows)
    else:
        _print_rows("quotes by speaker", rows,
                    ["speaker", "code", "quotes", "articles", "first", "last"])
