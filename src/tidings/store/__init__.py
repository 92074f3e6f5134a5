"""Where records live: DuckDB by default, behind one small Store protocol."""

from __future__ import annotations

from .base import Store
from .duckdb_store import DuckDBStore
from .schema import RECORD_TABLES, SCHEMA_VERSION, TABLES, from_row


def open_store(url: str, read_only: bool = False) -> Store:
    """Open (creating if needed) the store at ``url``: a DuckDB path, ``:memory:``, or a
    ``postgresql://`` URL."""
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres_store import PostgresStore

        return PostgresStore(url, read_only=read_only)
    if url.startswith("duckdb://"):
        url = url.removeprefix("duckdb://")
    return DuckDBStore(url, read_only=read_only)


__all__ = ["RECORD_TABLES", "SCHEMA_VERSION", "TABLES", "DuckDBStore", "Store", "from_row", "open_store"]
