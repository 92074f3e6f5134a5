"""The shared store: PostgreSQL, same schema as DuckDB, safe with several writers.

Batches are copied into a temporary table with COPY and merged with
``INSERT ... ON CONFLICT DO NOTHING`` in one transaction, so concurrent writers of the same
records neither fail nor duplicate, and a batch lands whole or not at all.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from ..errors import SchemaVersionError, StoreError
from ..types import record_id
from .base import CommonStore
from .schema import INDEXES, SCHEMA_VERSION, TABLES

_PLACEHOLDER = re.compile(r"\?")
# An arbitrary constant: the advisory lock that serialises schema creation between writers.
_SCHEMA_LOCK = 7_353_541


def _ddl(table: str) -> str:
    cols = ", ".join(
        f'"{c.name}" {c.sql}' + (" PRIMARY KEY" if c.name == "id" else "") for c in TABLES[table]
    )
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"


class PostgresStore(CommonStore):
    def __init__(self, url: str, read_only: bool = False) -> None:
        import psycopg

        self.url = url
        self._psycopg = psycopg
        try:
            self.con = psycopg.connect(url, autocommit=True)
        except psycopg.Error as e:
            raise StoreError(f"cannot connect to {url}: {e}") from e
        self._prepare(read_only)

    def _prepare(self, read_only: bool) -> None:
        with self.con.transaction():
            self.con.execute("SELECT pg_advisory_xact_lock(%s)", [_SCHEMA_LOCK])
            exists = self.con.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()[0]
            if exists:
                row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                found = int(row[0]) if row else 0
                if found != SCHEMA_VERSION:
                    from .migrations import upgrade

                    if read_only:
                        raise SchemaVersionError(
                            f"{self.url} has schema version {found}, this tidings reads {SCHEMA_VERSION}"
                        )
                    upgrade(self, found)
                return
            if read_only:
                raise StoreError(f"{self.url} holds no tidings store; run `tidings run PATH --db {self.url}` first")
            self.con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            for table in TABLES:
                self.con.execute(_ddl(table))
            for table, cols in INDEXES.items():
                for col in cols:
                    self.con.execute(f'CREATE INDEX IF NOT EXISTS {table}_{col} ON {table} ("{col}")')
            self.con.execute("INSERT INTO meta VALUES ('schema_version', %s)", [str(SCHEMA_VERSION)])

    def apply(
        self, deletes: Sequence[tuple[str, Sequence[Any]]], inserts: Mapping[str, pa.Table]
    ) -> None:
        """Run ``deletes`` (SQL with ``?``, params) then insert Arrow ``inserts``, atomically."""
        try:
            with self.con.transaction():
                for sql, params in deletes:
                    self.con.execute(_PLACEHOLDER.sub("%s", sql.replace("%", "%%")), list(params))
                for name, table in inserts.items():
                    names = ", ".join(f'"{c}"' for c in table.column_names)
                    self.con.execute(f"CREATE TEMP TABLE incoming (LIKE {name}) ON COMMIT DROP")
                    with self.con.cursor().copy(f"COPY incoming ({names}) FROM STDIN") as copy:
                        for batch in table.to_batches(50_000):
                            columns = [batch.column(c).to_pylist() for c in table.column_names]
                            for row in zip(*columns, strict=True):
                                copy.write_row(row)
                    self.con.execute(
                        f"INSERT INTO {name} ({names}) SELECT {names} FROM incoming ON CONFLICT DO NOTHING"
                    )
                    self.con.execute("DROP TABLE incoming")
        except self._psycopg.Error as e:
            raise StoreError(f"writing to {self.url} failed: {e}") from e

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Hold a server-wide lock named ``name``: writers that derive data take turns."""
        key = int(record_id("lock", name)[:15], 16)
        self.con.execute("SELECT pg_advisory_lock(%s)", [key])
        try:
            yield
        finally:
            self.con.execute("SELECT pg_advisory_unlock(%s)", [key])

    def iter_rows(
        self, sql: str, params: Sequence[Any] = (), size: int = 10_000
    ) -> Iterator[list[dict[str, Any]]]:
        """The rows of a query in lists of at most ``size``, through a server-side cursor."""
        sql = _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))
        try:
            with self.con.transaction(), self.con.cursor(name=f"rows_{uuid.uuid4().hex[:8]}") as cursor:
                cursor.execute(sql, list(params))
                names = [d.name for d in cursor.description]
                while rows := cursor.fetchmany(size):
                    yield [dict(zip(names, row, strict=True)) for row in rows]
        except self._psycopg.Error as e:
            raise StoreError(f"query failed on {self.url}: {e}") from e

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        sql = _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))
        try:
            cursor = self.con.execute(sql, list(params))
        except self._psycopg.Error as e:
            raise StoreError(f"query failed on {self.url}: {e}") from e
        if cursor.description is None:
            return []
        names = [d.name for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
