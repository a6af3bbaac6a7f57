"""A real PostgreSQL for tests: initdb'd and started on loopback in a temp folder, removed afterwards."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from dam.db.pglocal import LocalPostgres, binaries, free_port

TEMPLATE = "dam_template"


@contextmanager
def running_server() -> Iterator[LocalPostgres]:
    """A started server whose `template` database is already migrated (tests clone it: much faster than migrating)."""
    if binaries() is None:
        pytest.skip("PostgreSQL server binaries are not installed (Debian: apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="dam-pg-"))
    folder.chmod(0o755)  # the server runs as the postgres user when tests run as root
    server = LocalPostgres(folder / "cluster", free_port(), fast=True)
    try:
        server.start()
        from dam.db.postgres import PgCatalog

        PgCatalog(server.create_database(TEMPLATE), pool_size=1).close()
        server.template = TEMPLATE
        yield server
    finally:
        try:
            server.stop()
        except RuntimeError:
            pass  # never started
        shutil.rmtree(folder, ignore_errors=True)


class CatalogUrls:
    """Catalog URLs for tests: "" (the library folder's DuckDB file) without a server; with one, databases cloned
    from the migrated template. `new()` is a database of its own; `reused()` is one per module, emptied each
    time (a few milliseconds, where a clone takes a few hundred)."""

    def __init__(self, server: LocalPostgres | None):
        self.server = server
        self.made: list[str] = []
        self._reused: str | None = None

    def new(self) -> str:
        if self.server is None:
            return ""
        self.made.append(f"test_{id(self)}_{len(self.made)}")
        return self.server.create_database(self.made[-1], template=self.server.template)

    def reused(self) -> str:
        if self.server is None:
            return ""
        if self._reused is None:
            self._reused = self.new()
        else:
            empty(self._reused)
        return self._reused

    def drop_all(self) -> None:
        for name in self.made:
            self.server.drop_database(name)


def empty(url: str) -> None:
    """Delete every row and restart every id sequence, as in a just-migrated catalog."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables"
            " WHERE schemaname IN ('public', 'search_index') AND tablename <> 'schema_info'")]  # fmt: skip
        sequences = [r[0] for r in conn.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")]
        restarts = ", ".join(f"setval('{s}', 1, false)" for s in sequences)
        with conn.transaction():
            for table in tables:
                conn.execute(f"DELETE FROM {table}")
            conn.execute(f"SELECT {restarts}")
