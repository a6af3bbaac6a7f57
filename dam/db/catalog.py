"""The Catalog: one DuckDB file per library, migrated on open, with a single serialised writer."""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import duckdb

from dam.db.changes import LocalChanges
from dam.db.schema import MIGRATIONS, SCHEMA_VERSION
from dam.errors import LibraryLocked, LibraryVersionError

Connection = duckdb.DuckDBPyConnection


class CatalogBase:
    """What every catalog offers on top of its own `cursor()`, `transaction()` and `close()`."""

    def query(self, sql: str, params: list[Any] | tuple = ()) -> list[tuple]:
        """Run a read query and return all rows."""
        return self.cursor().execute(sql, params).fetchall()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Catalog(CatalogBase):
    """An open catalog file. Readers take a cursor each; writers go one at a time through `transaction()`."""

    dialect = "duckdb"

    def __init__(self, path: Path | str, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.changes = LocalChanges()  # one process writes the file, so its log of index changes is in memory
        self._write_lock = threading.RLock()
        self._local = threading.local()
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._root = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise LibraryLocked(
                    f"The library {self.path} is open in another process (stop the app or use another --data folder)."
                ) from None
            raise
        migrate(self._root, read_only=read_only)

    def cursor(self) -> Connection:
        """A connection for the calling thread (DuckDB cursors are cheap and not shared across threads)."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._root.cursor()
            self._local.cursor = cur
        return cur

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """Run writes atomically: all of them commit, or none do."""
        with self._write_lock:
            con = self.cursor()
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            else:
                con.execute("COMMIT")

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in (self.path, self.path.with_name(self.path.name + ".wal")) if p.exists())

    def close(self) -> None:
        self._root.close()


# A plain INSERT of one row of parameters, optionally ignoring rows already there.
_ONE_ROW_INSERT = re.compile(r"^(INSERT INTO \w+ \([\w, ]+\) VALUES) (\((?:\?, )*\?\))( ON CONFLICT DO NOTHING)?$")


def execute_many(con: Connection, sql: str, rows: list) -> None:
    """Run one statement per row; nothing for no rows (DuckDB's executemany refuses an empty list).

    DuckDB's executemany costs milliseconds per row, so a one-row INSERT is sent as multi-row VALUES instead,
    hundreds of rows per statement (the same rows, and with DO NOTHING the same conflicts skipped).
    """
    if not rows:
        return
    insert = _ONE_ROW_INSERT.match(sql)
    if insert is None:
        con.executemany(sql, rows)
        return
    head, one, tail = insert.group(1), insert.group(2), insert.group(3) or ""
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        con.execute(f"{head} {', '.join([one] * len(chunk))}{tail}", [value for row in chunk for value in row])


def schema_version(con: Connection) -> int:
    """The number of migrations applied to this catalog (0 for a new file)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_info'"
    ).fetchone()[0]
    if not exists:
        return 0
    row = con.execute("SELECT version FROM schema_info").fetchone()
    return row[0] if row else 0


def refuse_newer(version: int) -> None:
    """A catalog written by a newer version of The Library cannot be read safely by this one."""
    if version > SCHEMA_VERSION:
        raise LibraryVersionError(
            f"This library was written by a newer version of The Library (schema {version}; "
            f"this version knows up to {SCHEMA_VERSION}). Upgrade The Library to open it."
        )


def migrate(con: Connection, *, read_only: bool = False) -> int:
    """Bring an older catalog up to this version; refuse one written by a newer version."""
    version = schema_version(con)
    refuse_newer(version)
    if version == SCHEMA_VERSION or read_only:
        return version
    for number in range(version, SCHEMA_VERSION):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[number]:
                con.execute(statement)
            con.execute("CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)")
            con.execute("DELETE FROM schema_info")
            con.execute("INSERT INTO schema_info VALUES (?)", [number + 1])
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    return SCHEMA_VERSION
