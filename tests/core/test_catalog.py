"""The catalog: created and migrated on open, refused when newer, writes atomic."""

from __future__ import annotations

import duckdb
import pytest

from dam.db.catalog import Catalog, schema_version
from dam.db.schema import SCHEMA_VERSION
from dam.errors import LibraryVersionError
from dam.repos import brands


def test_new_catalog_is_at_current_version(tmp_path):
    with Catalog(tmp_path / "c.duckdb") as catalog:
        assert schema_version(catalog.cursor()) == SCHEMA_VERSION


def test_catalog_from_newer_version_is_refused(tmp_path):
    path = tmp_path / "c.duckdb"
    Catalog(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE schema_info SET version = ?", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(LibraryVersionError, match="newer version"):
        Catalog(path)


def test_older_catalog_is_migrated_on_open(tmp_path):
    path = tmp_path / "c.duckdb"
    con = duckdb.connect(str(path))
    con.close()  # an empty file: version 0
    with Catalog(path) as catalog:
        assert schema_version(catalog.cursor()) == SCHEMA_VERSION
        assert catalog.query("SELECT count(*) FROM assets") == [(0,)]


def test_failed_transaction_leaves_nothing(tmp_path):
    with Catalog(tmp_path / "c.duckdb") as catalog:
        with pytest.raises(RuntimeError):
            with catalog.transaction() as con:
                brands.create(con, "Acme")
                raise RuntimeError("boom")
        assert brands.all_brands(catalog.cursor()) == []
