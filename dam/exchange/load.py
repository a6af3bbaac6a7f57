"""Load: read an export into an empty library in one transaction, keeping every id, timestamp and event."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from dam.db import is_postgres
from dam.db.catalog import Connection, schema_version
from dam.errors import Conflict, Rejected
from dam.exchange.manifest import Manifest
from dam.exchange.rows import insert_rows
from dam.exchange.tables import FOLDED_TABLES, ExportedTable, row_count
from dam.exchange.upgrade import upgraded
from dam.exchange.validate import check_export
from dam.library import Library
from dam.storage import BlobStore


@dataclass(frozen=True)
class LoadSummary:
    rows: dict[str, int]
    files: int  # originals and thumbnails copied into the store
    missing_originals: int  # assets whose original is not in the store (an export made without --with-files)


def load_library(library: Library, folder: Path) -> LoadSummary:
    """Load the export in `folder` into this library, which must be empty; nothing changes unless all of it loads.

    An export from an older version of The Library is first brought up to date by the catalog's own migrations.
    """
    folder = Path(folder)
    if Manifest.read(folder).schema_version < schema_version(library.catalog.cursor()):
        with upgraded(folder, library.settings.data_dir / "tmp") as current:
            return _load(library, current)
    return _load(library, folder)


def _load(library: Library, folder: Path) -> LoadSummary:
    if is_postgres(library.catalog):  # loaded into a DuckDB scratch catalog first (exchange/staging)
        from dam.exchange.staging import scratch_catalog

        with scratch_catalog(library.settings.data_dir) as scratch:
            return _load_through(library, folder, scratch)
    return _load_through(library, folder, library.catalog)


def _load_through(library: Library, folder: Path, first) -> LoadSummary:
    """Load into the DuckDB catalog `first`: the library's own, or a scratch one whose rows then go to PostgreSQL."""
    export = check_export(first.cursor(), folder)
    _require_empty(library.catalog.cursor(), export.tables)
    # Files go first, so no catalog row ever points at a missing file; on failure the new ones are removed.
    added = _copy_in(library.store, export.files)
    try:
        with first.transaction() as con:
            insert_rows(con, export)
        if first is not library.catalog:
            from dam.db.transfer import copy_rows

            copy_rows(first, library.catalog)
    except BaseException as exc:
        for key in added:
            library.store.delete(key)
        if isinstance(exc, duckdb.Error) or type(exc).__module__.startswith("psycopg"):
            reason = str(exc).strip().splitlines()[0]
            raise Rejected(f"{export.folder} could not be loaded (nothing was changed): {reason}") from None
        raise
    con = library.catalog.cursor()
    originals = [r[0] for r in con.execute("SELECT DISTINCT blob_key FROM assets").fetchall()]
    return LoadSummary(
        rows={t.name: row_count(con, t.name) for t in export.tables},
        files=len(added),
        missing_originals=sum(1 for key in originals if not library.store.exists(key)),
    )


def _require_empty(con: Connection, tables: list[ExportedTable]) -> None:
    names = [t.name for t in tables] + list(FOLDED_TABLES)
    held = [(name, n) for name in names if (n := row_count(con, name))]
    if held:
        what = ", ".join(f"{n} {name}" for name, n in held[:4])
        raise Conflict(f"This library is not empty ({what}); load needs an empty one: use --data with a new folder.")


def _copy_in(store: BlobStore, files: dict[str, Path]) -> list[str]:
    """Copy the export's files into the store; returns the keys that were not there before."""
    added = []
    try:
        for key, path in files.items():
            if not store.exists(key):
                store.put_file(key, path)
                added.append(key)
    except BaseException:
        for key in added:
            store.delete(key)
        raise
    return added
