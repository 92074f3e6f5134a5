"""Reports of one real-world event, from different sentences, articles and sources, linked.

The ``events`` table holds one row per event *mention*: what one sentence of one article
says happened. Linking groups mentions into ``linked_events`` (one row per event, with
counts of mentions, sources and articles, as GDELT's events table has) and records in
``event_mentions`` which event each mention reports (GDELT's mentions table).

The rule. Two mentions report the same event when all of these hold:

1. **Same key**: the same CAMEO root, the same source actor codes and the same target actor
   codes (compound actors compared as sets), the same polarity, and the same kind of status:
   realized and reported events can link; a future or hypothetical event links only with
   events of that same status (a threat to visit is not the visit).
2. **Close dates**: the mention's day is at most ``window_days`` (default 1) from the day of
   the first mention of the event. A mention's day is its event date when that is a day;
   otherwise (a month, a year, or no date) the article's publication day. Anchoring on the
   first day rather than chaining keeps a daily series of attacks from becoming one event.
3. **Same place when known**: a place counts as known when the places stage resolved it to
   a gazetteer entry. Two known places agree when they are the same entry, or when one is a
   country and the other lies in it (the event then takes the more precise place). A mention
   with no known place can join an event with one.

Mentions without actor codes on both sides, or without any day, are never linked: each
stays an event of its own. Among compatible events a mention joins the one with the same
place first, then the most recent one. Mentions are taken in order of day, then article id
and offset, so the result depends only on the stored events: linking is idempotent, and
linking incrementally gives the same tables as linking everything again.

Which values an event takes from its mentions: the most frequent CAMEO code (ties: the more
specific, then the lower code) with its QuadClass, Goldstein value and PLOVER type; the most
frequent actor names; the first day (``date``) and the last (``last_date``); the highest
confidence; the URL of the first article to report it (earliest published, then lowest id);
and the time of the first run that stored one of its articles (``added``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from ..types import record_id
from .base import Store
from .schema import arrow_schema

log = logging.getLogger(__name__)

DEFAULT_WINDOW_DAYS = 1

_MENTION_COLUMNS = """
    e.id, e.article_id, e.start, e."end", e.trigger_start, e.trigger_end, e.confidence,
    e.source, e.target, e.source_text, e.target_text, e.cameo, e.root, e.quad_class,
    e.goldstein, e.plover_type, e.plover_mode, e.polarity, e.status, e.date,
    p.geo_id, p.name AS place_name, p.country AS place_country, p.feature AS place_feature,
    p.lat, p.lon, a.published, a.source AS outlet, a.url, r.started,
    (strpos(a.text, ?) = 0 OR e.start < strpos(a.text, ?)) AS in_lead
    FROM events e JOIN articles a ON a.id = e.article_id
    LEFT JOIN places p ON p.id = e.place_id
    LEFT JOIN runs r ON r.id = a.run_id"""
_PARAGRAPH = ["\n\n", "\n\n"]  # the lead is the text before the first blank line
_UNLINKED = "NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.id = e.id)"
_KEYS = "(SELECT unnest(CAST(? AS TEXT[])))"


@dataclass(frozen=True)
class LinkSummary:
    keys: int  # linking keys (re)computed
    mentions: int  # event records linked
    events: int  # linked events written

    def as_json(self) -> dict[str, int]:
        return {"keys": self.keys, "mentions": self.mentions, "events": self.events}


def _status_group(status: str | None) -> str:
    return "occurred" if status in (None, "realized", "reported") else status


def link_key(root: str, source: Iterable[str], target: Iterable[str], polarity: str | None,
             status: str | None) -> str:
    """The key mentions must share to be linked; it starts with the root."""
    return "|".join((root, polarity or "asserted", _status_group(status),
                     "+".join(sorted(source)) + ">" + "+".join(sorted(target))))


def _key_of(row: dict[str, Any]) -> str:
    return link_key(row["root"], row["source"] or (), row["target"] or (), row["polarity"], row["status"])


def _day(row: dict[str, Any]) -> date | None:
    for value in (row["date"], row["published"]):
        if value and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


@dataclass
class _Cluster:
    anchor: date | None
    place: dict[str, Any] | None
    rows: list[dict[str, Any]] = field(default_factory=list)


def _is_country(place: dict[str, Any]) -> bool:
    return place["place_feature"] == "country" or str(place["geo_id"]).startswith("country:")


def _place_fit(known: dict[str, Any] | None, place: dict[str, Any] | None) -> int:
    """2: same place; 1: compatible (one unknown, or a country and a place in it); 0: not."""
    if known is None or place is None:
        return 1
    if known["geo_id"] == place["geo_id"]:
        return 2
    if (_is_country(known) or _is_country(place)) and known["place_country"] and (
        known["place_country"] == place["place_country"]
    ):
        return 1
    return 0


def _more_precise(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    if a is None or (b is not None and _is_country(a) and not _is_country(b)):
        return b
    return a


def _order(row: dict[str, Any]) -> tuple:
    day = row["_day"]
    return (day is None, day or date.min, row["article_id"], row["start"], row["id"])


def cluster(rows: list[dict[str, Any]], window_days: int = DEFAULT_WINDOW_DAYS) -> list[_Cluster]:
    """Mentions that share a key, grouped into events by the rule in the module docstring."""
    window = timedelta(days=window_days)
    for row in rows:
        row["_day"] = _day(row)
    clusters: list[_Cluster] = []
    open_: list[_Cluster] = []
    for row in sorted(rows, key=_order):
        day = row["_day"]
        place = {k: row[k] for k in ("geo_id", "place_name", "place_country", "place_feature", "lat", "lon")} \
            if row["geo_id"] else None
        if day is None or not (row["source"] and row["target"]):
            clusters.append(_Cluster(day, place, [row]))
            continue
        open_ = [c for c in open_ if day - c.anchor <= window]
        fits = [(fit, i) for i, c in enumerate(open_) if (fit := _place_fit(c.place, place))]
        if fits:
            chosen = open_[max(fits)[1]]
            chosen.place = _more_precise(chosen.place, place)
            chosen.rows.append(row)
        else:
            chosen = _Cluster(day, place, [row])
            clusters.append(chosen)
            open_.append(chosen)
    return clusters


def _most_common(values: list[Any]) -> Any:
    if len(values) == 1:  # most events are reported once: skip the counting
        return values[0] or None
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], str(v))) if counts else None


def _event_rows(key: str, found: _Cluster) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    rows = found.rows
    first = rows[0]
    place = found.place
    event_id = record_id("linked", key, found.anchor, place["geo_id"] if place else None,
                         first["id"] if found.anchor is None else "")
    if len(rows) == 1:
        cameo, status, earliest = first["cameo"], first["status"], first
    else:
        cameos = Counter(r["cameo"] for r in rows)
        cameo = min(cameos, key=lambda c: (-cameos[c], -len(c), c))
        statuses = Counter(r["status"] for r in rows)
        status = min(statuses, key=lambda s: (-statuses[s], s or ""))
        earliest = min(rows, key=lambda r: (r["published"] is None, r["published"] or "", r["article_id"]))
    coded = next(r for r in rows if r["cameo"] == cameo)
    days = [r["_day"] for r in rows if r["_day"]]
    added = [r["started"] for r in rows if r["started"]]
    event = {
        "id": event_id, "key": key, "source": sorted(first["source"] or []),
        "target": sorted(first["target"] or []),
        "source_text": _most_common([r["source_text"] for r in rows]),
        "target_text": _most_common([r["target_text"] for r in rows]),
        "cameo": cameo, "root": first["root"], "quad_class": coded["quad_class"],
        "goldstein": coded["goldstein"], "plover_type": coded["plover_type"],
        "plover_mode": coded["plover_mode"], "polarity": first["polarity"],
        "status": status,
        "date": min(days).isoformat() if days else None,
        "last_date": max(days).isoformat() if days else None,
        "place": place["place_name"] if place else None,
        "place_geo_id": place["geo_id"] if place else None,
        "place_country": place["place_country"] if place else None,
        "place_feature": place["place_feature"] if place else None,
        "lat": place["lat"] if place else None, "lon": place["lon"] if place else None,
        "mentions": len(rows),
        "sources": len({r["outlet"] or r["article_id"] for r in rows}),
        "articles": len({r["article_id"] for r in rows}),
        "confidence": max((r["confidence"] or 0.0) for r in rows),
        "is_root": any(bool(r["in_lead"]) for r in rows),
        "first_article_id": earliest["article_id"], "url": earliest["url"],
        "added": min(added) if added else None,
    }
    mentions = [
        {"id": r["id"], "linked_event_id": event_id, "key": key, "article_id": r["article_id"],
         "outlet": r["outlet"], "date": r["_day"].isoformat() if r["_day"] else None,
         "start": r["start"], "end": r["end"], "trigger_start": r["trigger_start"],
         "trigger_end": r["trigger_end"], "confidence": r["confidence"], "in_lead": bool(r["in_lead"])}
        for r in rows
    ]
    return event, mentions


def _touched_keys(store: Store) -> set[str]:
    """Keys of events not linked yet, and of mentions whose event is gone (forgotten)."""
    keys = {
        _key_of(row)
        for row in store.query(
            f"SELECT DISTINCT e.root, e.source, e.target, e.polarity, e.status FROM events e WHERE {_UNLINKED}"
        )
    }
    keys |= {
        row["key"]
        for row in store.query(
            "SELECT DISTINCT m.key FROM event_mentions m "
            "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.id)"
        )
    }
    return keys


def _relink_root(
    store: Store, root: str, keys: set[str] | None, window_days: int
) -> tuple[int, int, int]:
    """Recompute the events of ``keys`` (every key when None) whose root is ``root``."""
    if keys is None:
        rows = store.query(f"SELECT {_MENTION_COLUMNS} WHERE e.root = ?", [*_PARAGRAPH, root])
        deletes = [(f"DELETE FROM {t} WHERE key LIKE ?", [root + "|%"]) for t in ("linked_events", "event_mentions")]
    else:
        wanted = sorted(keys)
        rows = store.query(
            f"SELECT {_MENTION_COLUMNS} WHERE e.root = ? AND ({_UNLINKED} OR e.id IN "
            f"(SELECT m.id FROM event_mentions m WHERE m.key IN {_KEYS}))",
            [*_PARAGRAPH, root, wanted],
        )
        deletes = [(f"DELETE FROM {t} WHERE key IN {_KEYS}", [wanted]) for t in ("linked_events", "event_mentions")]
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(_key_of(row), []).append(row)
    events, mentions = [], []
    for key, members in groups.items():
        for found in cluster(members, window_days):
            event, its_mentions = _event_rows(key, found)
            events.append(event)
            mentions.extend(its_mentions)
    store.apply(deletes, {
        "linked_events": pa.Table.from_pylist(events, schema=arrow_schema("linked_events")),
        "event_mentions": pa.Table.from_pylist(mentions, schema=arrow_schema("event_mentions")),
    })
    return len(rows), len(events), len(groups)


def link_events(store: Store, full: bool = False, window_days: int = DEFAULT_WINDOW_DAYS) -> LinkSummary:
    """Bring ``linked_events`` and ``event_mentions`` up to date with ``events``.

    By default only the keys touched since the last linking are recomputed (events not yet
    linked, events forgotten); ``full`` recomputes everything, one CAMEO root at a time.
    Linkers take turns (several writers share a PostgreSQL store), so each one reads what
    the others committed before it computes.
    """
    with store.exclusive("link_events"):
        return _link(store, full, window_days)


def _link(store: Store, full: bool, window_days: int) -> LinkSummary:
    if not full and not store.query("SELECT 1 AS one FROM event_mentions LIMIT 1"):
        full = True  # nothing linked yet: linking everything skips the search for touched keys
    if full:
        roots = {r["root"] for r in store.query("SELECT DISTINCT root FROM events")}
        roots |= {r["root"] for r in store.query("SELECT DISTINCT root FROM linked_events")}
        by_root: dict[str, set[str] | None] = dict.fromkeys(roots)
    else:
        by_root = {}
        for key in _touched_keys(store):
            by_root.setdefault(key.split("|", 1)[0], set()).add(key)  # type: ignore[union-attr]
    mentions = events = key_count = 0
    for root in sorted(by_root):
        found, made, keys = _relink_root(store, root, by_root[root], window_days)
        mentions, events, key_count = mentions + found, events + made, key_count + keys
    log.info("linked %d mentions into %d events (%d keys)", mentions, events, key_count)
    return LinkSummary(keys=key_count, mentions=mentions, events=events)


def unlinked_count(store: Store) -> int:
    """How many stored events no linked event accounts for yet."""
    return store.query(f"SELECT count(*) AS n FROM events e WHERE {_UNLINKED}")[0]["n"]
