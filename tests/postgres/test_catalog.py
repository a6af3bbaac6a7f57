"""The PostgreSQL catalog: chosen by URL, migrated, refused with a reason, atomic, deadlocks told as conflicts.

Also: one catalog's index changes reach another's caches.
"""

from __future__ import annotations

import threading

import psycopg
import pytest

from dam.config import Settings
from dam.db import open_catalog
from dam.db.catalog import schema_version
from dam.db.changes import SharedChanges
from dam.db.postgres import PgCatalog
from dam.db.schema import SCHEMA_VERSION
from dam.errors import Conflict, DamError, LibraryVersionError, Rejected
from dam.repos import brands
from tests.postgres.server import CatalogUrls


@pytest.fixture
def urls(postgres_server):
    made = CatalogUrls(postgres_server)
    yield made
    made.drop_all()


def test_the_url_chooses_postgresql_and_anything_else_is_refused(urls, tmp_path):
    url = urls.new()
    with open_catalog(Settings(data_dir=tmp_path, catalog=url)) as catalog:
        assert isinstance(catalog, PgCatalog) and schema_version(catalog.cursor()) == SCHEMA_VERSION
    with pytest.raises(Rejected, match="postgresql://"):
        open_catalog(Settings(data_dir=tmp_path, catalog="mysql://db/library"))
    assert not (tmp_path / "library.duckdb").exists()


def test_an_empty_database_is_migrated_and_a_newer_one_refused(postgres_server):
    url = postgres_server.create_database("empty_for_migration")
    try:
        with PgCatalog(url) as catalog:
            assert schema_version(catalog.cursor()) == SCHEMA_VERSION
            assert catalog.query("SELECT count(*) FROM assets") == [(0,)]
            with catalog.transaction() as con:
                con.execute("UPDATE schema_info SET version = ?", [SCHEMA_VERSION + 1])
        with pytest.raises(LibraryVersionError, match="newer version"):
            PgCatalog(url)
    finally:
        postgres_server.drop_database("empty_for_migration")


def test_unreachable_or_wrongly_collated_databases_get_a_clear_message(postgres_server):
    with pytest.raises(DamError, match=r"Cannot open the catalog database postgresql://dam:\*\*\*@127.0.0.1:1/x"):
        PgCatalog("postgresql://dam:secret@127.0.0.1:1/x")
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE ascii_only TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'")
    try:
        with pytest.raises(DamError, match="needs UTF8 with C.UTF-8"):
            PgCatalog(postgres_server.url("ascii_only"))
    finally:
        postgres_server.drop_database("ascii_only")


def test_failed_transaction_leaves_nothing_and_reads_inside_see_own_writes(urls):
    with PgCatalog(urls.new()) as catalog:
        with pytest.raises(RuntimeError):
            with catalog.transaction() as con:
                brands.create(con, "Acme")
                assert [b.name for b in brands.all_brands(catalog.cursor())] == ["Acme"]  # the same connection
                raise RuntimeError("boom")
        assert brands.all_brands(catalog.cursor()) == []


def test_a_deadlock_between_two_writers_is_a_conflict_for_one_of_them(urls):
    with PgCatalog(urls.new()) as catalog:
        with catalog.transaction() as con:
            first, second = brands.create(con, "One").id, brands.create(con, "Two").id
        both_hold_one = threading.Barrier(2, timeout=10)
        outcome: list[str] = []

        def writer(ids: tuple[int, int]) -> None:
            try:
                with catalog.transaction() as con:
                    con.execute("UPDATE brands SET notes = 'x' WHERE id = ?", [ids[0]])
                    both_hold_one.wait()
                    con.execute("UPDATE brands SET notes = 'y' WHERE id = ?", [ids[1]])
                outcome.append("saved")
            except Conflict as exc:
                outcome.append(str(exc))

        threads = [threading.Thread(target=writer, args=(order,)) for order in ((first, second), (second, first))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(outcome)[1] == "saved" and "try again" in sorted(outcome)[0]


def test_index_changes_of_one_catalog_reach_another(urls, monkeypatch):
    url = urls.new()
    with PgCatalog(url) as one, PgCatalog(url) as other:
        start = other.changes.generation()
        one.changes.bump([3, 1])
        one.changes.bump([2])
        assert other.changes.generation() > start
        assert other.changes.changed_since(start) == {1, 2, 3}
        one.changes.bump(None)  # a bulk change: which assets is not known
        assert other.changes.changed_since(start) is None
        monkeypatch.setattr(SharedChanges, "KEEP", 5)
        seen = other.changes.generation()
        for n in range(120):  # old steps are folded away: a replica that far behind reloads
            one.changes.bump([n])
        assert other.changes.changed_since(seen) is None
        assert other.changes.changed_since(other.changes.generation() - 2) == {118, 119}


def test_a_name_taken_by_another_writer_meanwhile_is_a_conflict(urls):
    with PgCatalog(urls.new()) as catalog:
        with catalog.transaction() as con:
            brands.create(con, "Acme")
        with pytest.raises(Conflict, match="same name"):
            with catalog.transaction() as con:  # as if the check before the insert had run before the other's commit
                brands.create(con, "Acme")
        assert [b.name for b in brands.all_brands(catalog.cursor())] == ["Acme"]


def test_reads_survive_the_server_dropping_pooled_connections(urls, postgres_server):
    url = urls.new()
    with PgCatalog(url) as catalog:
        with catalog.transaction() as con:
            brands.create(con, "Acme")
        with catalog.pool.connection(), catalog.pool.connection(), catalog.pool.connection():
            pass  # three idle connections in the pool now
        with psycopg.connect(postgres_server.url(), autocommit=True) as admin:  # as a server restart would
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                          [url.rsplit("/", 1)[1]])  # fmt: skip
        assert [b.name for b in brands.all_brands(catalog.cursor())] == ["Acme"]
