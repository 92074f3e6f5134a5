"""Scores pipeline output against gold files, as ../shared/eval/FORMAT.md specifies.

Each gold line is an article with optional lists of events, actors, quotes, times and
places. A missing list is not scored for that article. Matching is one-to-one, best
(largest overlap) first; optional gold items count when found and cost nothing when
missed. Counts are pooled over all articles and files.
"""

from __future__ import annotations

import gzip
import json
import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import EvalError
from .ingest import make_article
from .pipeline import Pipeline
from .types import Article, Records, Result, Span

KINDS = ("events", "actors", "quotes", "times", "places")
EVENT_LEVELS = ("root", "full", "plover")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    scored: bool = False  # whether any gold item at this level was seen
    hits: int = 0  # matched items that also meet the secondary criterion (value, resolved...)
    hit_base: int = 0  # matched items the secondary criterion applies to

    def add(self, tp: int, fp: int, fn: int, hits: int = 0, hit_base: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn
        self.hits += hits
        self.hit_base += hit_base
        self.scored = True

    def prf(self) -> dict[str, float] | None:
        if not self.scored:
            return None
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}

    def share(self) -> float | None:
        return round(self.hits / self.hit_base, 4) if self.hit_base else None


@dataclass
class Scores:
    tallies: dict[str, Tally] = field(default_factory=dict)
    articles: int = 0

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())


@dataclass(frozen=True)
class GoldItem:
    span: Span
    data: dict[str, Any]
    optional: bool


# ---------------------------------------------------------------- reading gold

def read_gold(paths: Iterable[str | Path]) -> Iterator[tuple[Article, dict[str, Any]]]:
    """(article, gold line) pairs; the article text is normalized as the pipeline sees it."""
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise EvalError(f"gold file {path} does not exist")
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    gold = json.loads(line)
                    text = gold["text"]
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    raise EvalError(f"{path}:{number}: not a gold article ({e})") from e
                article = make_article(
                    text=text, published=gold.get("published"), title=gold.get("title"),
                    url=gold.get("url"), source=gold.get("source"), origin=f"{path}:{number}",
                )
                yield article, gold


def locate(text: str, needle: str | None, hint: int | None = None) -> Span | None:
    """The span of the first occurrence of ``needle`` (gold strings are first occurrences)."""
    if not needle:
        return None
    at = text.find(needle)
    if at < 0:
        folded = " ".join(needle.split())
        at = text.find(folded)
        needle = folded
    return Span(at, at + len(needle)) if at >= 0 else None


def gold_items(text: str, items: list[dict[str, Any]], key: str) -> list[GoldItem]:
    out = []
    for item in items:
        span = locate(text, item.get(key))
        if span is not None:
            out.append(GoldItem(span, item, bool(item.get("optional"))))
    return out


# ---------------------------------------------------------------- matching

def match(
    preds: list[Any],
    golds: list[GoldItem],
    pred_span: Callable[[Any], Span],
    accept: Callable[[Any, GoldItem], bool],
) -> list[tuple[Any, GoldItem]]:
    """One-to-one matching, largest overlap first, among pairs that ``accept`` allows."""
    candidates = []
    for i, pred in enumerate(preds):
        ps = pred_span(pred)
        for j, gold in enumerate(golds):
            overlap = min(ps.end, gold.span.end) - max(ps.start, gold.span.start)
            if overlap > 0 and accept(pred, gold):
                candidates.append((overlap, -int(gold.optional), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((preds[i], golds[j]))
    return pairs


def _tally_pairs(
    tally: Tally, pairs: list[tuple[Any, GoldItem]], n_preds: int, golds: list[GoldItem],
    hit: Callable[[Any, GoldItem], bool | None] | None = None,
) -> None:
    matched_gold = {id(g) for _, g in pairs}
    fn = sum(1 for g in golds if not g.optional and id(g) not in matched_gold)
    hits = base = 0
    if hit is not None:
        for pred, gold in pairs:
            outcome = hit(pred, gold)
            if outcome is not None:
                base += 1
                hits += int(outcome)
    tally.add(len(pairs), n_preds - len(pairs), fn, hits, base)


def _codes(value: Any) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _agree(predicted: tuple[str, ...], gold: Any, width: int | None) -> bool:
    wanted = _codes(gold)
    if wanted is None:
        return True
    cut = (lambda c: c[:width]) if width else (lambda c: c)
    have = {cut(c) for c in predicted if c}
    return any(cut(c) in have for c in wanted if c)


def _event_accept(level: str) -> Callable[[Any, GoldItem], bool]:
    def accept(event: Any, gold: GoldItem) -> bool:
        g = gold.data
        if level == "plover":
            ok = event.plover_type is not None and event.plover_type == g.get("plover")
            width: int | None = 3
        else:
            codes = [c for c in [g.get("cameo"), *(g.get("cameo_alt") or [])] if c]
            if level == "root":
                ok = event.root in {c[:2] for c in codes}
                width = 3
            else:
                ok = event.cameo in codes
                width = None
        return ok and _agree(event.source, g.get("source"), width) and _agree(
            event.target, g.get("target"), width
        )

    return accept


def score_events(scores: Scores, text: str, records: Records, gold: list[dict[str, Any]]) -> None:
    golds = gold_items(text, gold, "evidence")
    preds = list(records.events)
    for level in EVENT_LEVELS:
        if level == "plover":
            level_golds = [g for g in golds if g.data.get("plover")]
        else:
            level_golds = [g for g in golds if g.data.get("cameo")]
        if not level_golds:
            continue
        pairs = match(preds, level_golds, lambda e: Span(e.start, e.end), _event_accept(level))
        _tally_pairs(scores.tally(f"events.{level}"), pairs, len(preds), level_golds)


def score_actors(scores: Scores, text: str, records: Records, gold: list[dict[str, Any]]) -> None:
    golds = gold_items(text, gold, "text")
    # gold actor lists are not exhaustive: only predictions touching a gold span count
    preds = [
        a for a in records.actors
        if a.code and any(Span(a.start, a.end).overlaps(g.span) for g in golds)
    ]
    for level, width in (("full", None), ("country", 3)):
        def accept(actor: Any, g: GoldItem, width: int | None = width) -> bool:
            return _agree((actor.code,), g.data.get("code"), width)

        pairs = match(preds, golds, lambda a: Span(a.start, a.end), accept)
        _tally_pairs(scores.tally(f"actors.{level}"), pairs, len(preds), golds)


def score_quotes(scores: Scores, text: str, records: Records, gold: list[dict[str, Any]]) -> None:
    golds = gold_items(text, gold, "text")

    def accept(quote: Any, g: GoldItem) -> bool:
        overlap = min(quote.end, g.span.end) - max(quote.start, g.span.start)
        return overlap * 2 >= g.span.end - g.span.start

    def attributed(quote: Any, g: GoldItem) -> bool | None:
        speaker = g.data.get("speaker")
        if not speaker or not speaker.split():
            return None
        return speaker.split()[-1].lower() in (quote.speaker or "").lower()

    preds = list(records.quotes)
    pairs = match(preds, golds, lambda q: Span(q.start, q.end), accept)
    _tally_pairs(scores.tally("quotes"), pairs, len(preds), golds, attributed)


def score_times(scores: Scores, text: str, records: Records, gold: list[dict[str, Any]]) -> None:
    golds = gold_items(text, gold, "text")
    preds = list(records.times)
    pairs = match(preds, golds, lambda t: Span(t.start, t.end), lambda t, g: True)
    _tally_pairs(
        scores.tally("times"), pairs, len(preds), golds, lambda t, g: t.value == g.data.get("value")
    )


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def score_places(scores: Scores, text: str, records: Records, gold: list[dict[str, Any]]) -> None:
    golds = gold_items(text, gold, "text")

    def resolved(place: Any, g: GoldItem) -> bool | None:
        lat, lon, country = g.data.get("lat"), g.data.get("lon"), g.data.get("country")
        if lat is not None and lon is not None:
            if place.lat is None or place.lon is None:
                return False
            return km_between(place.lat, place.lon, lat, lon) <= 161
        if country:
            return place.country == country
        return None

    preds = list(records.places)
    pairs = match(preds, golds, lambda p: Span(p.start, p.end), lambda p, g: True)
    _tally_pairs(scores.tally("places"), pairs, len(preds), golds, resolved)


SCORERS = {
    "events": score_events,
    "actors": score_actors,
    "quotes": score_quotes,
    "times": score_times,
    "places": score_places,
}


def score_result(scores: Scores, result: Result, gold: dict[str, Any]) -> None:
    scores.articles += 1
    for kind, scorer in SCORERS.items():
        if isinstance(gold.get(kind), list):
            scorer(scores, result.article.text, result.records, gold[kind])


def report(scores: Scores, seconds: float) -> dict[str, Any]:
    """The JSON object of FORMAT.md."""
    t = scores.tallies

    def get(name: str) -> Tally:
        return t.get(name, Tally())

    def with_share(name: str, key: str) -> dict[str, Any] | None:
        prf = get(name).prf()
        return None if prf is None else {**prf, key: get(name).share()}

    events = {level: get(f"events.{level}").prf() for level in EVENT_LEVELS}
    actors = {level: get(f"actors.{level}").prf() for level in ("full", "country")}
    return {
        "articles": scores.articles,
        "events": events if any(events.values()) else None,
        "actors": actors if any(actors.values()) else None,
        "quotes": with_share("quotes", "attribution"),
        "times": with_share("times", "value"),
        "places": with_share("places", "resolved"),
        "seconds": round(seconds, 2),
    }


def evaluate(
    paths: Iterable[str | Path], settings: Settings, pipeline: Pipeline | None = None
) -> dict[str, Any]:
    """Run the pipeline over gold files and score it; returns the FORMAT.md JSON object."""
    started = time.perf_counter()
    pipeline = pipeline or Pipeline(settings)
    scores = Scores()
    golds: dict[str, dict[str, Any]] = {}

    def articles() -> Iterator[Article]:
        for article, gold in read_gold(paths):
            golds[article.origin or article.id] = gold
            yield article

    for result in pipeline.run(articles()):
        gold = golds.pop(result.article.origin or result.article.id)
        score_result(scores, result, gold)
    return report(scores, time.perf_counter() - started)
