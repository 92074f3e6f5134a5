"""Upgrading stores made by older versions of tidings, or refusing them clearly.

Each entry of :data:`STEPS` upgrades a store from version N to N+1 with SQL that works
on both backends. A store newer than this tidings is refused: reading it could misread it.
"""

from __future__ import annotations

from typing import Any

from ..errors import SchemaVersionError
from .schema import SCHEMA_VERSION

# version N -> statements that bring a store from N to N+1
STEPS: dict[int, tuple[str, ...]] = {}


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
