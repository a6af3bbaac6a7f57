"""Parquet export and load on the PostgreSQL catalog: the same files as the embedded library's, and the round trip.

A library is built on DuckDB and exported; its catalog copied into PostgreSQL exports the same files; that export
loaded into another PostgreSQL catalog exports them once more. Load refuses what it refuses on DuckDB, changing
nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dam.cli import main
from dam.config import Settings
from dam.db.transfer import copy_catalog
from dam.errors import Conflict, Rejected
from dam.exchange.export import export_library
from dam.exchange.load import load_library
from dam.library import Library
from dam.repos import brands
from tests.exchange.conftest import populate
from tests.exchange.test_load_refusals import edit_table, make_cycle, set_column
from tests.postgres.server import CatalogUrls


@pytest.fixture(scope="module")
def urls(postgres_server):
    made = CatalogUrls(postgres_server)
    yield made
    made.drop_all()


@pytest.fixture(scope="module")
def embedded_export(tmp_path_factory, urls) -> tuple[Path, Path, str]:
    """(the embedded library's folder, its export with files, a PostgreSQL catalog copied from it)."""
    root = tmp_path_factory.mktemp("pg-exchange")
    with Library.open(Settings(data_dir=root / "library")) as library:
        hostile = populate(library).hostile
        with library.catalog.transaction() as con:  # PostgreSQL text holds no NUL: ingest refuses control characters
            con.execute("UPDATE assets SET name = replace(name, chr(0), ''), original_name = replace(original_name,"
                        " chr(0), '') WHERE id = ?", [hostile])  # fmt: skip
        export_library(library, root / "embedded", with_files=True)
    url = urls.new()
    copy_catalog(root / "library" / "library.duckdb", url)
    return root / "library", root / "embedded", url


def assert_same_export(a: Path, b: Path) -> None:
    files = sorted(p.name for p in a.glob("*.parquet"))
    assert files and files == sorted(p.name for p in b.glob("*.parquet"))
    for name in files:
        left, right = pq.read_table(a / name), pq.read_table(b / name)
        assert left.schema == right.schema, name
        assert left.equals(right), name
    stored = lambda folder: {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}  # noqa: E731
    assert stored(a / "files") == stored(b / "files")


def test_postgresql_exports_what_duckdb_exports_and_round_trips(embedded_export, urls, tmp_path):
    folder, embedded, url = embedded_export
    with Library.open(Settings(data_dir=folder, catalog=url)) as shared:
        export_library(shared, tmp_path / "first", with_files=True)
    assert_same_export(embedded, tmp_path / "first")

    target = Settings(data_dir=tmp_path / "loaded", catalog=urls.new())
    with Library.open(target) as loaded:
        summary = load_library(loaded, tmp_path / "first")
        assert summary.rows["assets"] == 7 and summary.missing_originals == 0 and summary.files > 0
        export_library(loaded, tmp_path / "second", with_files=True)
        with loaded.catalog.transaction() as con:  # ids carry on after the loaded ones
            top = max(b.id for b in brands.all_brands(con))
            assert brands.create(con, "Later").id == top + 1
    assert_same_export(tmp_path / "first", tmp_path / "second")


def test_the_command_line_exports_and_loads_on_postgresql(embedded_export, urls, tmp_path, monkeypatch, capsys):
    folder, _, url = embedded_export
    monkeypatch.setenv("DAM_CATALOG", url)
    assert main(["--data", str(folder), "export", str(tmp_path / "out")]) == 0
    monkeypatch.setenv("DAM_CATALOG", urls.new())
    assert main(["--data", str(tmp_path / "fresh"), "load", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    assert main(["--data", str(tmp_path / "fresh"), "load", str(tmp_path / "out")]) == 2  # not empty any more
    assert "not empty" in capsys.readouterr().err


def test_a_broken_export_changes_nothing_on_postgresql(embedded_export, urls, tmp_path):
    folder, embedded, url = embedded_export
    with Library.open(Settings(data_dir=folder, catalog=url)) as shared:
        export_library(shared, tmp_path / "broken", with_files=True)
        with pytest.raises(Conflict, match="not empty"):
            load_library(shared, tmp_path / "broken")
    shutil.copytree(tmp_path / "broken", tmp_path / "nul")
    make_cycle(tmp_path / "broken")
    edit_table(tmp_path / "nul", "assets", lambda t: set_column(t, "name", ["pass\x00wd"] * len(t)))
    with Library.open(Settings(data_dir=tmp_path / "target", catalog=urls.new())) as target:
        with pytest.raises(Rejected, match="does not sit under its recorded path"):
            load_library(target, tmp_path / "broken")
        with pytest.raises(Rejected, match=r"PostgreSQL refused a value: .*0x00 \(COPY assets, line 1, column name"):
            load_library(target, tmp_path / "nul")  # DuckDB holds a NUL in text, PostgreSQL cannot
        con = target.catalog.cursor()
        assert con.execute("SELECT (SELECT count(*) FROM assets) + (SELECT count(*) FROM events)").fetchone()[0] == 0
        assert not [p for p in (tmp_path / "target" / "blobs").rglob("*") if p.is_file()]
        assert not list((tmp_path / "target" / "tmp").glob("exchange-*"))  # the scratch catalog is gone
