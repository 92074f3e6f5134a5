"""The article view's data: highlighted text, and every record with its explanation."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from ..events.codebook import QUAD_CLASSES
from ..store import Store
from ..store.queries import load_article
from .highlight import marks_of, nest
from .labels import code_label
from .views import cameo_name


def _side(codes: tuple[str, ...], text: str | None) -> str:
    shown = ", ".join(codes) if codes else "—"
    return f"{text} ({shown})" if text else shown


def article_view(store: Store, article_id: str) -> dict[str, Any]:
    result = load_article(store, article_id)
    article, records = result.article, result.records
    events = []
    labels: dict[str, str] = {}
    for e in records.events:
        action = cameo_name(e.cameo)
        label = f"{'/'.join(e.source) or '?'} → {action} → {'/'.join(e.target) or '?'}"
        labels[e.id] = label
        events.append({
            **asdict(e), "label": label, "action": action,
            "quad_name": QUAD_CLASSES.get(e.quad_class, ""),
            "source_side": _side(e.source, e.source_text), "target_side": _side(e.target, e.target_text),
            "sentence": article.text[e.start:e.end],
        })
    mentions = Counter(a.code for a in records.actors if a.code)
    actors = [{"code": code, "label": code_label(code), "mentions": n}
              for code, n in mentions.most_common()]
    return {
        "article": article,
        "parts": nest(article.text, marks_of(article.text, records, labels)),
        "events": events,
        "actors": actors,
        "unresolved": sum(1 for a in records.actors if not a.code),
        "quotes": records.quotes,
        "times": records.times,
        "places": records.places,
        "counts": records.counts(),
    }
