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
    status: Annotated[str | None, typer.Option(help="Comma list of realized, future, hypothetical, reported.")] = None,
    polarity: Annotated[str | None, typer.Option(help="asserted or negated.")] = None,
    text: Annotated[str | None, typer.Option(help="The sentence contains this.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List event mentions, newest first, with filters.

    Example: `tidings events --actor CHN --code 04 --since 2019-01-01 --status realized`
    """
    from .store.queries import EventFilter, list_events
    from .store import open_store
    from .render import print_events

    try:
        settings = _settings(db=db)
        flt = EventFilter(_scope(actor, country, code, since, until, status, polarity), text=text, limit=limit)
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


# --- linking, exports and analytics over the store ---

StatusOption = Annotated[str | None, typer.Option(help="Only these statuses, comma-separated: realized,reported,future,hypothetical.")]
SinceOption = Annotated[str | None, typer.Option(help="Event date on or after YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Event date on or before YYYY-MM-DD.")]
MentionsOption = Annotated[bool, typer.Option("--mentions", help="Count every report of an event, not each linked event once.")]


def _scope(actor: str | None = None, country: str | None = None, code: str | None = None,
           since: str | None = None, until: str | None = None, status: str | None = None,
           polarity: str | None = None, linked: bool = False) -> Any:
    from .store.filters import Scope

    return Scope(actor=actor, country=country, code=code, since=since, until=until,
                 status=tuple(s.strip() for s in status.split(",") if s.strip()) if status else (),
                 polarity=None if polarity in (None, "any") else polarity, linked=linked)


def _warn_unlinked(store: Any) -> None:
    from .store.linking import unlinked_count

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
    from .store import open_store
    from .store.linking import link_events

    try:
        with open_store(_settings(db=db).db) as store:
            summary = link_events(store, full=full, window_days=window)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(summary.as_json())
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
    from .exports import export as write_export
    from .store import open_store

    try:
        scope = _scope(actor, country, code, since, until, status, polarity)
        with open_store(_settings(db=db).db, read_only=True) as store:
            summary = write_export(store, fmt, out, scope, table)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(summary.as_json())
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
    from .analytics import dyad_series
    from .analytics.chart import write_dyad_chart
    from .store import open_store

    try:
        scope = _scope(since=since, until=until, status=status, polarity=polarity, linked=not mentions)
        with open_store(_settings(db=db).db, read_only=True) as store:
            if scope.linked:
                _warn_unlinked(store)
            rows = dyad_series(store, a, b, by=by, direction=direction, scope=scope)
        if chart:
            write_dyad_chart(rows, a.upper(), b.upper(), chart)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(rows)
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
    from .analytics import actor_network
    from .analytics.network import write_network
    from .store import open_store

    try:
        scope = _scope(actor=actor, since=since, until=until, status=status, polarity=polarity, linked=not mentions)
        with open_store(_settings(db=db).db, read_only=True) as store:
            if scope.linked:
                _warn_unlinked(store)
            graph = actor_network(store, scope, level=level, min_events=min_events)
        written = write_network(graph, out) if out else None
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(graph.as_json())
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
    from . import analytics
    from .store import open_store

    functions = {"actors": analytics.top_actors, "events": analytics.top_events, "codes": analytics.top_codes}
    columns = {"actors": ["code", "events", "as_source", "as_target", "goldstein_mean"],
               "events": ["date", "source", "cameo", "target", "place", "mentions", "articles"],
               "codes": ["cameo", "plover_type", "events", "goldstein_mean"]}
    if kind not in functions:
        _fail(typer.BadParameter(f"{kind!r}: choose actors, events or codes"))
    try:
        scope = _scope(actor=actor, code=code, since=since, until=until, status=status, polarity=polarity,
                       linked=not mentions)
        with open_store(_settings(db=db).db, read_only=True) as store:
            if scope.linked or kind == "events":
                _warn_unlinked(store)
            rows = functions[kind](store, scope, limit)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(rows)
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
    from .analytics import event_types_over_time
    from .store import open_store

    try:
        scope = _scope(actor=actor, since=since, until=until, status=status, polarity=polarity, linked=not mentions)
        with open_store(_settings(db=db).db, read_only=True) as store:
            if scope.linked:
                _warn_unlinked(store)
            rows = event_types_over_time(store, by=by, kind=kind, scope=scope)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(rows)
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
    from .analytics import quotes_by_speaker
    from .store import open_store

    try:
        with open_store(_settings(db=db).db, read_only=True) as store:
            rows = quotes_by_speaker(store, actor=actor, since=since, until=until, limit=limit)
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(rows)
    else:
        _print_rows("quotes by speaker", rows,
                    ["speaker", "code", "quotes", "articles", "first", "last"])


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; the default answers this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Enable POST /api/articles (opens the store for writing).")] = False,
    token_env: Annotated[str | None, typer.Option("--token-env", help="Environment variable holding the bearer token ingest requires.")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option("--cors-origin", help="An origin allowed to read the API from a browser (CORS is off by default).")] = None,
    config: ConfigOption = None,
) -> None:
    """Serve the store over HTTP: JSON API under /api (documented at /docs) and the web UI.

    Example: `tidings serve --db tidings.duckdb --port 8000`
    (with ingest: `TIDINGS_TOKEN=secret tidings serve --allow-ingest --token-env TIDINGS_TOKEN`)
    """
    import os

    from .api import serve as serve_api

    token = os.environ.get(token_env) if token_env else None
    if token_env and not token:
        _fail(typer.BadParameter(f"environment variable {token_env} is not set or empty"))
    try:
        serve_api(_settings(config, db=db), host, port, allow_ingest=allow_ingest, token=token,
                  cors_origins=cors_origin or ())
    except TidingsError as e:
        _fail(e)


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

    from .actors import lookup

    try:
        day = date.fromisoformat(on) if on else date.today()
    except ValueError:
        _fail(typer.BadParameter(f"--date {on!r} is not YYYY-MM-DD"))
    try:
        found = lookup(name, day, _settings(config, actor_files=tuple(actors) if actors else None))
    except TidingsError as e:
        _fail(e)
    if as_json:
        _print_json(asdict(found))
        return
    console.print(f"{found.name} on {found.on}: [bold]{found.code or 'unknown'}[/] "
                  f"({found.canonical or 'no entry'}; rule {found.rule}; entry {found.entry or '-'})")
    for term in found.terms:
        console.print(f"  {term}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
