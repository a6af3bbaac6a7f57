"""The Catalog in PostgreSQL, shared by several app replicas: the DuckDB Catalog's interface over a psycopg pool.

`cursor()` gives the calling thread a PgCursor with the part of DuckDB's cursor API the repositories use
(execute returning itself, fetchone, fetchall, executemany, description, sql(...).to_arrow_table(),
register/unregister of Arrow tables). Outside a transaction each statement borrows a pooled connection in
autocommit mode; inside `transaction()` every statement of the thread runs on that transaction's connection,
so reads see the transaction's own writes, as with DuckDB's one cursor per thread.

Writers are not serialised: each transaction is a real PostgreSQL transaction (READ COMMITTED), so replicas
and threads write side by side. Links (tags, collections, campaigns) are rows inserted with ON CONFLICT DO
NOTHING, so concurrent adds both survive; a column update is last writer wins.
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from typing import Any, Iterator

import psycopg
from psycopg_pool import ConnectionPool

from dam.db import dialect, pgtypes
from dam.db.catalog import CatalogBase, refuse_newer, schema_version
from dam.db.changes import SharedChanges
from dam.db.schema import MIGRATIONS, SCHEMA_VERSION
from dam.errors import Conflict, DamError

MIGRATION_LOCK = 0x64616D01  # pg_advisory_lock key: one replica migrates at a time
SIBLING_NAMES = "collections_sibling_name"
# PostgreSQL's own indexes, made by the first writable open that finds one missing. DuckDB needs none of
# these (it skips row groups by their min/max); PostgreSQL would otherwise scan a whole table for each lookup.
POSTGRES_INDEXES = (
    # Live assets of a brand, newest last: the grid's page and every count are index-only scans of this.
    "CREATE INDEX IF NOT EXISTS assets_live ON assets (brand_id, created_at, id) WHERE deleted_at IS NULL",
    "CREATE INDEX IF NOT EXISTS assets_trashed ON assets (brand_id, id) WHERE deleted_at IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS assets_added ON assets (created_at, id)",
    "CREATE INDEX IF NOT EXISTS assets_sha ON assets (sha256)",
    "CREATE INDEX IF NOT EXISTS asset_tags_tag ON asset_tags (tag_id, asset_id)",
    "CREATE INDEX IF NOT EXISTS asset_campaigns_campaign ON asset_campaigns (campaign_id, asset_id)",
    "CREATE INDEX IF NOT EXISTS collection_assets_asset ON collection_assets (asset_id)",
    "CREATE INDEX IF NOT EXISTS collections_brand ON collections (brand_id, parent_id)",
    "CREATE INDEX IF NOT EXISTS events_entity ON events (entity, entity_id)",
    # Sibling collection names, as the collections repository compares them (case folded; a root has no parent).
    # The repository checks before it writes; this stops two replicas that both passed the check at once.
    f"CREATE UNIQUE INDEX IF NOT EXISTS {SIBLING_NAMES} ON collections (brand_id, coalesce(parent_id, 0), lower(name))",
)
# Orders are compared as DuckDB compares them (code points), and lower() must fold any letter, not only ASCII.
CODE_POINT_COLLATIONS = ("C", "POSIX", "C.UTF-8", "C.utf8")
BUSY = "Someone else changed the same thing at the same moment; nothing was saved, try again."
TAKEN = "Someone else just made one with the same name; nothing was saved, try again."
# Unique indexes with a message of their own when a concurrent change trips them.
TAKEN_BY_INDEX = {SIBLING_NAMES: "Someone else just made a collection with that name in the same place; nothing was "
                                 "saved, try again."}  # fmt: skip


def unreachable(exc: Exception, then: str) -> str:
    return f"The catalog database did not answer ({str(exc).strip().splitlines()[0]}); {then}."


def redacted(url: str) -> str:
    """A catalog URL safe to print: the password replaced."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


class PgCatalog(CatalogBase):
    """An open PostgreSQL catalog: a pool of connections, migrated on open like the DuckDB file."""

    dialect = "postgres"

    def __init__(self, url: str, *, read_only: bool = False, pool_size: int = 10):
        self.url = url
        self.read_only = read_only
        self._local = threading.local()
        options = "-c TimeZone=UTC" + (" -c default_transaction_read_only=on" if read_only else "")
        kwargs = {"autocommit": True, "options": options}
        try:
            with psycopg.connect(url, connect_timeout=10, **kwargs) as conn:  # the real reason when unreachable
                check_database(conn)
                migrate(PgCursor(self, conn), read_only=read_only)
                if not read_only:
                    SharedChanges.ensure(conn)
        except psycopg.OperationalError as exc:
            raise DamError(f"Cannot open the catalog database {redacted(url)}: {str(exc).strip()}") from None
        self.pool = ConnectionPool(url, kwargs=kwargs, min_size=1, max_size=max(1, pool_size), open=False,
                                   configure=pgtypes.configure, name="catalog")  # fmt: skip
        self.pool.open(wait=True, timeout=30)
        self.changes = SharedChanges(self)

    def cursor(self) -> "PgCursor":
        """The calling thread's cursor: its open transaction's, or one that borrows a connection per statement."""
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            return tx
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._local.cursor = PgCursor(self)
        return cur

    @contextmanager
    def transaction(self) -> Iterator["PgCursor"]:
        """Run writes atomically: all of them commit, or none do."""
        if getattr(self._local, "tx", None) is not None:
            raise RuntimeError("a catalog transaction is already open in this thread")
        try:
            with self.pool.connection() as conn, conn.transaction():
                self._local.tx = PgCursor(self, conn)
                try:
                    yield self._local.tx
                finally:
                    self._local.tx = None
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):  # nothing was written
            raise Conflict(BUSY) from None
        except psycopg.errors.UniqueViolation as exc:  # checked before writing, but another replica got there first
            raise Conflict(TAKEN_BY_INDEX.get(exc.diag.constraint_name, TAKEN)) from None
        except psycopg.OperationalError as exc:
            raise DamError(unreachable(exc, "nothing was saved, try again")) from None

    def size_bytes(self) -> int:
        return self.query("SELECT pg_database_size(current_database())")[0][0]

    def close(self) -> None:
        self.pool.close()


class _Result:
    """What DuckDB's `con.sql(...)` returns, as far as the repositories use it."""

    def __init__(self, description, rows: list[tuple]):
        self.description, self.rows = description, rows

    def to_arrow_table(self):
        return pgtypes.to_arrow(self.description, self.rows)

    def fetchall(self) -> list[tuple]:
        return self.rows


class PgCursor:
    """DuckDB's cursor API over PostgreSQL: statements translated by dam/db/dialect.py, results read at once."""

    dialect = "postgres"

    def __init__(self, catalog: PgCatalog, conn: psycopg.Connection | None = None):
        self._catalog, self._conn = catalog, conn
        self._tables: dict[str, Any] = {}
        self._broken = False  # whether the last statement's connection was lost
        self._rows: list[tuple] = []
        self._at = 0
        self.description = None
        self.rowcount = -1

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        if self._conn is not None:
            yield self._conn
        else:
            with self._catalog.pool.connection() as conn:
                yield conn

    def _translate(self, sql: str, params: Any) -> tuple[str, list]:
        tables = {name: (lambda alias, t=table: pgtypes.rows_from(t, alias)) for name, table in self._tables.items()}
        return dialect.translate(sql, params, tables)

    def execute(self, sql: str, params: Any = ()) -> "PgCursor":
        if dialect.SKIPPED.match(sql):
            self._rows, self._at, self.description = [], 0, None
            return self
        text, values = self._translate(sql, params)
        try:
            self._run(text, values)
        except psycopg.OperationalError as exc:
            if self._conn is not None:
                raise  # transaction() says that nothing was saved
            if not self._broken:
                raise DamError(unreachable(exc, "try again in a moment")) from None
            # The server dropped pooled connections (a restart, a failover): check them all, then once more.
            self._catalog.pool.check()
            try:
                self._run(text, values)
            except psycopg.OperationalError as again:
                raise DamError(unreachable(again, "try again in a moment")) from None
        return self

    def _run(self, text: str, values: list) -> None:
        self._broken = False
        with self._connection() as conn:
            try:
                cur = conn.execute(text, values, binary=True)
            finally:
                self._broken = conn.broken
            self.description, self.rowcount = cur.description, cur.rowcount
            self._rows = cur.fetchall() if cur.description else []
        self._at = 0

    def executemany(self, sql: str, rows: list) -> None:
        if not rows:
            return
        # Translate once with positions for values, then lay every row out in that order.
        text, order = self._translate(sql, list(range(len(rows[0]))))
        with self._connection() as conn, conn.cursor() as cur:
            cur.executemany(text, [[row[i] for i in order] for row in rows])

    def copy_in(self, table: str, columns: list[str], types: list[str], rows) -> None:
        """Stream rows into a table with COPY (binary); `types` are the columns' PostgreSQL type names."""
        names = ", ".join(f'"{c}"' for c in columns)
        with self._connection() as conn, conn.cursor() as cur:
            with cur.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(types)
                for row in rows:
                    copy.write_row(row)

    def fetchone(self) -> tuple | None:
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchall(self) -> list[tuple]:
        rest, self._at = self._rows[self._at :], len(self._rows)
        return rest

    def sql(self, sql: str, params: Any = None) -> _Result:
        self.execute(sql, params or ())
        return _Result(self.description, self.fetchall())

    def register(self, name: str, table) -> None:
        """Make an Arrow table readable by name in this cursor's statements (sent with each one that uses it)."""
        self._tables[name] = table

    def unregister(self, name: str) -> None:
        self._tables.pop(name, None)


def check_database(conn: psycopg.Connection) -> None:
    """Refuse a database whose encoding or collation would make names sort or fold differently from DuckDB."""
    encoding, collate, ctype = conn.execute(
        "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database WHERE datname = current_database()"
    ).fetchone()
    if encoding != "UTF8" or collate not in CODE_POINT_COLLATIONS or ctype in ("C", "POSIX"):
        raise DamError(
            f"The catalog database has encoding {encoding}, collation {collate} and character type {ctype}; "
            "The Library needs UTF8 with C.UTF-8 for both. Create it with: CREATE DATABASE ... TEMPLATE template0 "
            "ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'."
        )


def _missing_indexes(con: PgCursor) -> list[str]:
    rows = con.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()").fetchall()
    made = {r[0] for r in rows}
    return [s for s in POSTGRES_INDEXES if s.split(" EXISTS ")[1].split()[0] not in made]


def migrate(con: PgCursor, *, read_only: bool = False) -> int:
    """The DuckDB migrations, types translated, one transaction each; one replica at a time."""
    version = schema_version(con)
    refuse_newer(version)
    if read_only or (version == SCHEMA_VERSION and not _missing_indexes(con)):
        return version
    conn = con._conn
    conn.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        for number in range(schema_version(con), SCHEMA_VERSION):  # again: another replica may have migrated
            with conn.transaction():
                for statement in MIGRATIONS[number]:
                    conn.execute(dialect.ddl(statement))
                conn.execute("CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)")
                conn.execute("DELETE FROM schema_info")
                conn.execute("INSERT INTO schema_info VALUES (%s)", [number + 1])
        for statement in _missing_indexes(con):
            if SIBLING_NAMES in statement:
                _rename_sibling_twins(con)
            conn.execute(statement)
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])
    return SCHEMA_VERSION


def _rename_sibling_twins(con: PgCursor) -> None:
    """Before sibling names became unique here, two replicas could both create one name under one parent: keep
    the older collection's name and rename the others "Name (2)", "Name (3)", ..., each with an event."""
    from dam.repos import collections, events

    twins = con.execute(
        "SELECT id, brand_id, parent_id, name FROM (SELECT *, row_number() OVER (PARTITION BY brand_id,"
        " coalesce(parent_id, 0), lower(name) ORDER BY id) AS n FROM collections) c WHERE n > 1 ORDER BY id"
    ).fetchall()
    with con._conn.transaction():
        for collection_id, brand_id, parent_id, name in twins:
            number = 2
            while collections.child_named(con, brand_id, parent_id, f"{name} ({number})") is not None:
                number += 1
            collections.rename(con, collection_id, f"{name} ({number})")
            events.record(con, actor_id=None, action="collection.rename", entity="collection", entity_id=collection_id,
                          brand_id=brand_id, before={"name": name}, after={"name": f"{name} ({number})"})  # fmt: skip
