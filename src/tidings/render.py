"""Terminal output for the CLI: progress, summaries, tables, highlighted articles."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .engines.local import RunSummary
from .types import Result

STYLES = {
    "actors": "bold cyan",
    "events": "underline",
    "quotes": "italic green",
    "times": "magenta",
    "places": "yellow",
}


class RunProgress:
    """A live count of articles read and skipped, with a rate; silent when disabled."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self.enabled = enabled
        self.progress = Progress(
            SpinnerColumn(), TextColumn("[bold]analysing"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[skipped]} skipped · {task.fields[rate]}"), TimeElapsedColumn(),
            console=console, transient=True,
        )
        self.task = self.progress.add_task("run", total=None, skipped=0, rate="")

    def __enter__(self) -> RunProgress:
        if self.enabled:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.progress.stop()

    def advance(self, articles: int, skipped: int) -> None:
        task = self.progress.tasks[0]
        done = task.completed + articles
        elapsed = task.elapsed or 0.0
        rate = f"{done / elapsed:.1f} articles/s" if elapsed else ""
        self.progress.update(self.task, completed=done, skipped=task.fields["skipped"] + skipped, rate=rate)


def print_summary(console: Console, summary: RunSummary, db: str) -> None:
    data = summary.as_json()
    table = Table(title=f"tidings run → {db}", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("this run", justify="right")
    table.add_column("in store", justify="right")
    table.add_row("articles read", str(data["articles"]), str(summary.store.get("articles", "")))
    table.add_row("  analysed now", str(data["new"]), "")
    table.add_row("  already stored", str(data["unchanged"]), "")
    table.add_row("skipped", str(len(summary.skipped)), str(summary.store.get("skipped", "")))
    for kind, count in data["records"].items():
        table.add_row(kind, str(count), str(summary.store.get(kind, "")))
    table.add_row("seconds", f"{data['seconds']:.1f}", "")
    table.add_row("articles/s", f"{data['articles_per_second']:.1f}", "")
    console.print(table)
    if summary.skipped:
        skipped = Table(title="skipped inputs", header_style="bold")
        skipped.add_column("source")
        skipped.add_column("reason")
        for skip in summary.skipped:
            skipped.add_row(skip.source, skip.reason)
        console.print(skipped)


def highlighted(result: Result) -> Text:
    """The article text with every record's span styled by kind (later kinds on top)."""
    text = Text(result.article.text)
    for kind in ("events", "quotes", "times", "places", "actors"):
        for record in getattr(result.records, kind):
            text.stylize(STYLES[kind], record.start, record.end)
    return text


def print_article(console: Console, result: Result) -> None:
    a = result.article
    console.rule(f"[bold]{a.title or '(untitled)'}")
    console.print(f"id {a.id} · {a.source or 'unknown source'} · published {a.published or 'unknown'} · {a.url or ''}")
    legend = Text("  ").join(Text(kind, style=style) for kind, style in STYLES.items())
    console.print(legend)
    console.print(highlighted(result))
    records = result.records
    if records.events:
        table = Table(title="events", header_style="bold")
        for col in ("source", "cameo", "target", "plover", "status", "date", "place", "trigger", "rule", "conf"):
            table.add_column(col)
        for e in records.events:
            table.add_row(
                ",".join(e.source), e.cameo, ",".join(e.target), f"{e.plover_type or ''} {e.plover_mode or ''}",
                f"{e.status}{' (negated)' if e.polarity == 'negated' else ''}",
                f"{e.date or ''}{'*' if e.date_is_publication else ''}", e.place or "", e.trigger, e.rule,
                f"{e.confidence:.2f}",
            )
        console.print(table)
    if records.quotes:
        table = Table(title="quotes", header_style="bold")
        for col in ("speaker", "code", "kind", "cue", "text"):
            table.add_column(col)
        for q in records.quotes:
            table.add_row(q.speaker or "?", q.speaker_code or "", q.kind, q.cue or "", q.text)
        console.print(table)
    if records.actors:
        table = Table(title="actors", header_style="bold")
        for col in ("text", "code", "name", "rule"):
            table.add_column(col)
        for ac in records.actors:
            table.add_row(ac.text, ac.code or "unknown", ac.name or "", ac.rule)
        console.print(table)


def _rows_table(title: str, rows: list[dict[str, Any]], columns: list[str]) -> Table:
    table = Table(title=title, header_style="bold")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*[
            ",".join(row[c]) if isinstance(row.get(c), list) else ("" if row.get(c) is None else str(row[c]))
            for c in columns
        ])
    return table


def _clip(text: str | None, width: int) -> str:
    """One line of at most ``width`` characters: sentences wrap badly in narrow columns."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def print_event_sample(console: Console, rows: list[dict[str, Any]], title: str) -> None:
    """A compact table: who did what to whom, and the start of the sentence."""
    table = Table(title=title, header_style="bold")
    for col in ("date", "source", "cameo", "target", "status", "sentence"):
        table.add_column(col, no_wrap=col != "sentence")
    for row in rows:
        table.add_row(row.get("date") or "", ",".join(row["source"]), row["cameo"], ",".join(row["target"]),
                      row["status"] + (" (negated)" if row["polarity"] == "negated" else ""),
                      _clip(row.get("sentence"), 90))
    console.print(table)


def print_events(console: Console, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        row["sentence"] = _clip(row.get("sentence"), 400)
    console.print(_rows_table(
        f"{len(rows)} events", rows,
        ["date", "source", "cameo", "target", "plover_type", "status", "polarity", "place", "sentence", "article_id"],
    ))


def print_quotes(console: Console, rows: list[dict[str, Any]]) -> None:
    console.print(_rows_table(
        f"{len(rows)} quotes", rows, ["published", "speaker", "speaker_code", "kind", "cue", "text", "article_id"]
    ))


def print_scores(console: Console, scores: dict[str, Any]) -> None:
    table = Table(title=f"eval: {scores['articles']} articles in {scores['seconds']} s", header_style="bold")
    for col in ("kind", "level", "p", "r", "f1", "extra"):
        table.add_column(col)

    def fmt(v: Any) -> str:
        return "—" if v is None else f"{v:.3f}"

    for kind in ("events", "actors"):
        levels = scores.get(kind) or {}
        for level, prf in levels.items():
            prf = prf or {}
            table.add_row(kind, level, fmt(prf.get("p")), fmt(prf.get("r")), fmt(prf.get("f1")), "")
    for kind, extra in (("quotes", "attribution"), ("times", "value"), ("places", "resolved")):
        prf = scores.get(kind) or {}
        table.add_row(kind, "", fmt(prf.get("p")), fmt(prf.get("r")), fmt(prf.get("f1")),
                      f"{extra} {fmt(prf.get(extra))}" if prf else "")
    console.print(table)
