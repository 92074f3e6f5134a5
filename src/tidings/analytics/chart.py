"""A dyad series drawn as a self-contained SVG, or an HTML page holding it (no JavaScript,
no network): bars for events each way, a line for the mean Goldstein value."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from ..errors import ConfigError

WIDTH, HEIGHT, PAD = 900, 360, 48
COLOURS = {"a_to_b": "#3b6ea5", "b_to_a": "#e0a030", "goldstein": "#b03030"}


def _ticks(top: int) -> list[int]:
    step = max(1, -(-top // 5))
    return list(range(0, top + 1, step))


def dyad_svg(rows: list[dict[str, Any]], a: str, b: str) -> str:
    """The chart as an SVG document (a note instead of bars when there are no rows)."""
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    top = max((r["events"] for r in rows), default=0) or 1
    slot = plot_w / max(len(rows), 1)
    bar = max(slot * 0.7, 1.0)
    y_count = lambda n: PAD + plot_h * (1 - n / top)  # noqa: E731
    y_gold = lambda g: PAD + plot_h * (10 - g) / 20  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f'<title>{escape(a)} and {escape(b)}: events and mean Goldstein value</title>',
        f'<rect x="{PAD}" y="{PAD}" width="{plot_w}" height="{plot_h}" fill="#fafafa" stroke="#ccc"/>',
    ]
    parts.append(f'<text x="12" y="{PAD + plot_h / 2}" transform="rotate(-90 12 {PAD + plot_h / 2})" '
                 'text-anchor="middle">events</text>')
    for tick in _ticks(top):
        y = y_count(tick)
        parts.append(f'<text x="{PAD - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for g in (-10, -5, 0, 5, 10):
        y = y_gold(g)
        parts.append(f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>')
        label = f"{g:+d}" if g else "0"
        parts.append(f'<text x="{WIDTH - PAD + 6}" y="{y + 4:.1f}" fill="{COLOURS["goldstein"]}">{label}</text>')
    points, label_every = [], max(1, len(rows) // 12)
    for i, row in enumerate(rows):
        x = PAD + i * slot + (slot - bar) / 2
        base = PAD + plot_h
        for key in ("a_to_b", "b_to_a"):
            h = plot_h * row[key] / top
            base -= h
            parts.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS[key]}"><title>{escape(str(row["period"]))}: {row[key]} '
                         f'{key.replace("_", " ")}</title></rect>')
        if row["goldstein_mean"] is not None:
            points.append(f'{x + bar / 2:.1f},{y_gold(row["goldstein_mean"]):.1f}')
        if i % label_every == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - PAD + 14}" text-anchor="middle">'
                         f'{escape(str(row["period"]))}</text>')
    if points:
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{COLOURS["goldstein"]}" stroke-width="2"/>')
    if not rows:
        parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">no events</text>')
    legend = [(COLOURS["a_to_b"], f"{a} → {b}"), (COLOURS["b_to_a"], f"{b} → {a}"),
              (COLOURS["goldstein"], "mean Goldstein (right axis)")]
    for i, (colour, text) in enumerate(legend):
        x = PAD + i * 220
        parts.append(f'<rect x="{x}" y="{PAD - 30}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 18}" y="{PAD - 20}">{escape(text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def write_dyad_chart(rows: list[dict[str, Any]], a: str, b: str, path: Path) -> None:
    """Write the chart to ``path``: .svg as is, .html as a page with the SVG inline."""
    svg = dyad_svg(rows, a, b)
    suffix = path.suffix.lower()
    if suffix == ".svg":
        text = svg
    elif suffix in (".html", ".htm"):
        title = escape(f"{a} and {b}")
        text = (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>\n'
                f'<body style="font-family:sans-serif"><h1>{title}</h1>\n{svg}\n</body></html>\n')
    else:
        raise ConfigError(f"cannot draw a chart as {path.suffix or 'a file without suffix'}; use .html or .svg")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
