"""Linked events as POLECAT-style JSON records: PLOVER event type and mode, actor and
recipient lists, dates, location, and where the event was reported.

Field names follow PLOVER's JSON conventions (``actor`` and ``recipient`` are lists of
entities; ``event_type``, ``mode``, ``context``). Events with no PLOVER type (CAMEO 01
public statements, which PLOVER dropped) are not exported in this format.
"""

from __future__ import annotations

from typing import Any

from .gdelt import GROUP_PREFIXES


def _entity(code: str, name: str | None) -> dict[str, Any]:
    group = code[:3] in GROUP_PREFIXES
    return {
        "code": code,
        "country": None if group else code[:3],
        "sector": code[3:6] if not group and len(code) > 3 else (code[:3] if group else None),
        "name": name,
    }


def polecat_record(event: dict[str, Any], version: str) -> dict[str, Any] | None:
    if not event["plover_type"]:
        return None
    source, target = list(event["source"] or []), list(event["target"] or [])
    location = None
    if event["place_geo_id"] or event["place"]:
        geo = event["place_geo_id"] or ""
        location = {
            "name": event["place"], "country": event["place_country"],
            "geonames_id": geo.split(":", 1)[1] if geo.startswith("geonames:") else None,
            "feature": event["place_feature"], "lat": event["lat"], "lon": event["lon"],
        }
    return {
        "id": event["id"],
        "event_date": event["date"],
        "last_date": event["last_date"],
        "event_type": event["plover_type"],
        "mode": event["plover_mode"],
        "context": None,
        "actor": [_entity(c, event["source_text"] if len(source) == 1 else None) for c in source],
        "recipient": [_entity(c, event["target_text"] if len(target) == 1 else None) for c in target],
        "location": location,
        "quad_class": event["quad_class"],
        "cameo": event["cameo"],
        "goldstein": event["goldstein"],
        "polarity": event["polarity"],
        "status": event["status"],
        "confidence": event["confidence"],
        "mentions": event["mentions"],
        "sources": event["sources"],
        "articles": event["articles"],
        "story_id": event["first_article_id"],
        "url": event["url"],
        "date_added": event["added"],
        "coder": f"tidings {version}",
    }
