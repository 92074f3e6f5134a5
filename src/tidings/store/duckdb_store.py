"""The embedded store: one DuckDB file, nothing to start."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import SchemaVersionError, StoreError, StoreLockedError
from .base import CommonStore
from .schema import INDEXES, SCHEMA_VERSION, TABLES


def _ddl(table: str) -> str:
    cols = ", ".join(
        f"\"{c.name}\" {c.sql.replace('TEXT[]', 'VARCHAR[]')}" + (" PRIMARY KEY" if c.name == "id" else "")
        for c in TABLES[table]
    )
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"


class DuckDBStore(CommonStore):
    """A single-writer store in a DuckDB file (or in memory with ``:memory:``)."""

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.url = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            if read_only and not Path(path).exists():
                raise StoreError(f"no store at {path}; run `tidings run PATH --db {path}` first")
        try:
            self.con = duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise StoreLockedError(
                    f"{path} is open for writing by another process; DuckDB allows one writer. "
                    "Wait for it to finish, or use PostgreSQL (--db postgresql://...) for "
                    "several writers."
                ) from e
            raise StoreError(f"cannot open {path}: {e}") from e
        except duckdb.Error as e:
            raise StoreError(f"cannot open {path} as a DuckDB store: {e}") from e
        # A DuckDB connection must not be used by two threads at once (the API answers in a
        # thread pool): query() runs on a cursor of its own per thread.
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._cursors_lock = threading.Lock()
        self._prepare(read_only)

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = self.con.cursor()
            with self._cursors_lock:
                self._cursors.append(cursor)
        return cursor

    def _prepare(self, read_only: bool) -> None:
        has_meta = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchone()[0]
        if has_meta:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            found = int(row[0]) if row else 0
            if found != SCHEMA_VERSION:
                from .migrations import upgrade

                if read_only:
                    raise SchemaVersionError(
                        f"{self.url} has schema version {found}, this tidings reads "
                        f"{SCHEMA_VERSION}; open it once for writing to upgrade it"
                    )
                upgrade(self, found)
            return
        if read_only:
            raise StoreError(f"{self.url} is not a tidings store (no meta table)")
        tables = self.con.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0]
        if tables:
            raise SchemaVersionError(
                f"{self.url} holds tables but no tidings schema version; refusing to touch it"
            )
        self.con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for table in TABLES:
            self.con.execute(_ddl(table))
        for table, cols in INDEXES.items():
            for col in cols:
                self.con.execute(f"CREATE INDEX IF NOT EXISTS {table}_{col} ON {table} ({col})")
        self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def apply(
        self, deletes: Sequence[tuple[str, Sequence[Any]]], inserts: Mapping[str, pa.Table]
    ) -> None:
        """Run ``deletes`` (SQL, params) then insert Arrow ``inserts``, in one transaction."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for sql, params in deletes:
                self.con.execute(sql, list(params))
            for name, table in inserts.items():
                self.con.register("incoming", table)
                names = ", ".join(f'"{c}"' for c in table.column_names)
                self.con.execute(f"INSERT OR IGNORE INTO {name} ({names}) SELECT {names} FROM incoming")
                self.con.unregister("incoming")
            self.con.execute("COMMIT")
        except duckdb.Error as e:
            self.con.execute("ROLLBACK")
            raise StoreError(f"writing to {self.url} failed: {e}") from e

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Nothing to do: a DuckDB file has one writer (see PostgresStore.exclusive)."""
        yield

    def iter_rows(
        self, sql: str, params: Sequence[Any] = (), size: int = 10_000
    ) -> Iterator[list[dict[str, Any]]]:
        """The rows of a query in lists of at most ``size``, without holding them all."""
        cursor = self.con.cursor()
        try:
            try:
                cursor.execute(sql, list(params))
            except duckdb.Error as e:
                raise StoreError(f"query failed on {self.url}: {e}") from e
            names = [d[0] for d in cursor.description]
            while rows := cursor.fetchmany(size):
                yield [dict(zip(names, row, strict=True)) for row in rows]
        finally:
            cursor.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self._cursor().execute(sql, list(params))
        except duckdb.Error as e:
            raise StoreError(f"query failed on {self.url}: {e}") from e
        if cursor.description is None:
            return []
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def close(self) -> None:
        with self._cursors_lock:
            for cursor in self._cursors:
                cursor.close()
            self._cursors.clear()
        self.con.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
