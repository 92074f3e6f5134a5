"""Upgrading stores made by older versions of tidings, or refusing them clearly.

Each entry of :data:`STEPS` upgrades a store from version N to N+1 with SQL that works
on both backends. A store newer than this tidings is refused: reading it could misread it.
"""

from __future__ import annotations

from typing import Any

from ..errors import SchemaVersionError
from .schema import SCHEMA_VERSION

# version N -> statements that bring a store from N to N+1. Written out in full (not derived
# from schema.py) so that a step keeps meaning what it meant when later versions change tables.
STEPS: dict[int, tuple[str, ...]] = {
    # 2: events linked across articles. The new tables start empty; the next `tidings run`
    # or `tidings link` fills them from the events already stored.
    1: (
        "CREATE TABLE IF NOT EXISTS linked_events (id TEXT PRIMARY KEY, key TEXT, source TEXT[], "
        "target TEXT[], source_text TEXT, target_text TEXT, cameo TEXT, root TEXT, "
        "quad_class BIGINT, goldstein DOUBLE PRECISION, plover_type TEXT, plover_mode TEXT, "
        "polarity TEXT, status TEXT, date TEXT, last_date TEXT, place TEXT, place_geo_id TEXT, "
        "place_country TEXT, place_feature TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, "
        "mentions BIGINT, sources BIGINT, articles BIGINT, confidence DOUBLE PRECISION, "
        "is_root BOOLEAN, first_article_id TEXT, url TEXT, added TEXT)",
        'CREATE TABLE IF NOT EXISTS event_mentions (id TEXT PRIMARY KEY, linked_event_id TEXT, '
        'key TEXT, article_id TEXT, outlet TEXT, date TEXT, start BIGINT, "end" BIGINT, '
        'trigger_start BIGINT, trigger_end BIGINT, confidence DOUBLE PRECISION, in_lead BOOLEAN)',
    ),
}


def upgrade(store: Any, found: int) -> None:
    if found > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{store.url} was written by a newer tidings (schema {found}, this one reads "
            f"{SCHEMA_VERSION}); upgrade tidings to read it"
        )
    for version in range(found, SCHEMA_VERSION):
        if version not in STEPS:
            raise SchemaVersionError(
                f"{store.url} has schema version {found} and there is no upgrade from "
                f"{version}; re-run `tidings run` into a new store"
            )
        for statement in STEPS[version]:
            store.query(statement)
        store.query("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version + 1)])
