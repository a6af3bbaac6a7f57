"""Load refuses a non-empty library and every kind of broken export with a clear reason, changing nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from dam.errors import Conflict, DamError
from dam.exchange.export import export_library
from dam.exchange.load import load_library
from dam.exchange.tables import catalog_tables, quoted


def edit_manifest(folder: Path, **changes) -> None:
    path = folder / "manifest.json"
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def edit_table(folder: Path, name: str, change, *, recount: bool = True) -> None:
    """Rewrite one Parquet file; the manifest's row count follows unless the case is about exactly that."""
    path = folder / f"{name}.parquet"
    table = change(pq.read_table(path))
    pq.write_table(table, path)
    if recount:
        rows = json.loads((folder / "manifest.json").read_text())["rows"]
        edit_manifest(folder, rows={**rows, name: table.num_rows})


def set_column(table: pa.Table, name: str, values: list) -> pa.Table:
    index = table.column_names.index(name)
    return table.set_column(index, table.schema.field(name), pa.array(values, table.schema.field(name).type))


def first_original(folder: Path) -> Path:
    key = pq.read_table(folder / "assets.parquet").column("blob_key")[0].as_py()
    return folder / "files" / key


def make_cycle(folder: Path) -> None:
    def change(table: pa.Table) -> pa.Table:
        ids, parents = table.column("id").to_pylist(), table.column("parent_id").to_pylist()
        root = ids[0]
        child = ids[parents.index(root)]
        # The root now hangs under its own child: neither can be reached from a root any more.
        return set_column(table, "parent_id", [child if i == root else p for i, p in zip(ids, parents)])

    edit_table(folder, "collections", change)


BROKEN = {
    "no manifest": (lambda f: (f / "manifest.json").unlink(), "has no manifest.json"),
    "manifest not json": (lambda f: (f / "manifest.json").write_text("{nope"), "not valid JSON"),
    "someone else's json": (lambda f: (f / "manifest.json").write_text('{"format": "other"}'), "does not describe"),
    "newer schema": (lambda f: edit_manifest(f, schema_version=999), "upgrade The Library"),
    "schema that never was": (lambda f: edit_manifest(f, schema_version=0), "which never existed"),
    "newer format": (lambda f: edit_manifest(f, format_version=2), "export format"),
    "missing table file": (lambda f: (f / "events.parquet").unlink(), "events.parquet is missing"),
    "not parquet": (lambda f: (f / "brands.parquet").write_bytes(b"hello"), "not a readable Parquet file"),
    "column dropped": (lambda f: edit_table(f, "assets", lambda t: t.drop_columns(["rating"])), "missing rating"),
    "rows lost": (lambda f: edit_table(f, "events", lambda t: t.slice(0, 1), recount=False), "manifest.json says 2"),
    "unknown table": (lambda f: edit_manifest(f, rows={**json.loads((f / "manifest.json").read_text())["rows"],
                                                       "mystery": 1}), "does not know: mystery"),  # fmt: skip
    "missing original": (lambda f: first_original(f).unlink(), "missing the original of asset"),
    "truncated original": (lambda f: first_original(f).write_bytes(b"x"), "has 1 bytes"),
    "hostile storage key": (
        lambda f: edit_table(f, "assets", lambda t: set_column(t, "blob_key", ["../../../etc/passwd"] * len(t))),
        "unsafe storage key",
    ),
    "tag not defined": (lambda f: edit_table(f, "tags", lambda t: t.filter(pc.field("name") != "summer")),
                        "lists tags that the export does not define"),  # fmt: skip
    "duplicate ids": (lambda f: edit_table(f, "brands", lambda t: set_column(t, "id", [1] * len(t))),
                      "could not be loaded (nothing was changed)"),  # fmt: skip
    "collection cycle": (make_cycle, "does not sit under its recorded path"),
}


@pytest.fixture
def exported(studio, tmp_path) -> Path:
    export_library(studio.library, tmp_path / "export", with_files=True)
    return tmp_path / "export"


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_export_is_refused_and_nothing_changes(case, exported, open_library):
    breaks, message = BROKEN[case]
    breaks(exported)
    copy = open_library("copy")
    with pytest.raises(DamError, match=re.escape(message)):
        load_library(copy, exported)
    con = copy.catalog.cursor()
    held = {t: n for t in catalog_tables(con) if t != "schema_info"
            if (n := con.execute(f"SELECT count(*) FROM {quoted(t)}").fetchone()[0])}  # fmt: skip
    assert held == {}
    assert list(copy.store.keys("blobs/")) == []


def test_load_into_a_library_with_assets_is_refused(studio, tmp_path):
    export_library(studio.library, tmp_path / "export")
    with pytest.raises(Conflict, match=r"not empty \(.*7 assets.*\).*new folder"):
        load_library(studio.library, tmp_path / "export")


def test_load_of_a_folder_that_is_not_there(library, tmp_path):
    with pytest.raises(DamError, match="is not a folder"):
        load_library(library, tmp_path / "nowhere")


def test_export_into_a_folder_with_files_is_refused(studio, tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(Conflict, match="not empty"):
        export_library(studio.library, tmp_path / "busy")
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.txt"]


def test_export_with_files_refuses_a_missing_original(studio, tmp_path):
    from dam.repos import assets

    studio.library.store.delete(assets.get(studio.library.catalog.cursor(), studio.logo).blob_key)
    with pytest.raises(DamError, match=f"original of asset {studio.logo} is missing"):
        export_library(studio.library, tmp_path / "out", with_files=True)
    assert list((tmp_path / "out").iterdir()) == [], "a failed export leaves nothing behind"
