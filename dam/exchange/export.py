"""Export: the whole catalog as Parquet files in a folder, with the originals and thumbnails on request.

One file per catalog table (`brands.parquet`, `users.parquet`, `events.parquet`, ...), rows ordered by primary key
and columns in table order, so the same catalog always exports the same content. `assets.parquet` also names each
asset's brand and creator and carries its tags, collection paths, campaigns, lineage inputs and text embedding as
list columns; `collections.parquet` adds the brand's name and the full path.

users.parquet carries password hashes (never passwords) so that people can still sign in after a load: treat an
export like the library itself and keep it private.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq

import dam
from dam.db import is_postgres
from dam.db.catalog import Connection, schema_version
from dam.errors import Conflict, NotFound
from dam.exchange.manifest import FILES_DIR, Manifest
from dam.exchange.records import assets_file_sql, collections_file_sql
from dam.exchange.tables import ExportedTable, exported_tables, quoted
from dam.library import Library
from dam.storage import BlobStore

BATCH_ROWS = 50_000
COPY_BUFFER = 1024 * 1024
PASSWORD_NOTE = "users.parquet holds password hashes (never passwords) so sign-in keeps working: keep it private."

# Files whose rows need more than their own table; every other table is exported as it is.
_ENRICHED = {"assets": assets_file_sql, "collections": collections_file_sql}


@dataclass(frozen=True)
class ExportSummary:
    folder: Path
    rows: dict[str, int]
    files: int
    file_bytes: int


def export_library(library: Library, folder: Path, *, with_files: bool = False) -> ExportSummary:
    """Write the catalog (and with `with_files` the originals and thumbnails) into an empty or new folder."""
    folder = Path(folder)
    _prepare(folder)
    try:
        return _export(library, folder, with_files)
    except BaseException:
        # The folder was empty before: a failed export leaves it that way, not half written.
        for child in folder.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        raise


def _prepare(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise Conflict(f"{folder} is a file; export needs a folder.")
    if folder.exists() and any(folder.iterdir()):
        raise Conflict(f"{folder} is not empty; export into a new or empty folder.")
    folder.mkdir(parents=True, exist_ok=True)


def _export(library: Library, folder: Path, with_files: bool) -> ExportSummary:
    if is_postgres(library.catalog):  # the same DuckDB queries, on a copy of the shared catalog (exchange/staging)
        from dam.exchange.staging import copy_from_postgres, scratch_catalog

        with scratch_catalog(library.settings.data_dir) as scratch:
            copy_from_postgres(library.catalog, scratch)
            keys, rows, version = _write_catalog(scratch, library.store, folder, with_files)
    else:
        keys, rows, version = _write_catalog(library.catalog, library.store, folder, with_files)
    file_bytes = _copy_out(library.store, keys, folder / FILES_DIR)
    # Written last: a folder with a manifest holds a complete export.
    Manifest(
        schema_version=version,
        library_version=dam.__version__,
        exported_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        with_files=with_files,
        rows=rows,
        files=len(keys),
        file_bytes=file_bytes,
        notes=[PASSWORD_NOTE],
    ).write(folder)
    return ExportSummary(folder, rows, len(keys), file_bytes)


def _write_catalog(catalog, store: BlobStore, folder: Path, with_files: bool) -> tuple[list[str], dict[str, int], int]:
    """Write a DuckDB catalog's files; (storage keys to copy, rows per table, schema version)."""
    # A connection of its own, in one read transaction: every file sees the catalog at the same moment while the
    # app keeps writing, and no half-read result of the caller's blocks the streamed queries.
    con = catalog.cursor().cursor()
    try:
        con.execute("BEGIN TRANSACTION")
        keys = _stored_keys(con, store) if with_files else []
        return keys, write_tables(con, folder), schema_version(con)
    finally:
        con.close()


def table_sql(table: ExportedTable) -> str:
    """The query whose rows make up a table's file."""
    enrich = _ENRICHED.get(table.name)
    if enrich:
        return enrich(table)
    columns = ", ".join(quoted(c) for c in table.columns)
    return f"SELECT {columns} FROM {quoted(table.name)} ORDER BY {', '.join(quoted(k) for k in table.key)}"


def write_tables(con: Connection, folder: Path) -> dict[str, int]:
    """Write one Parquet file per exported table; returns the rows in each."""
    return {table.name: _write_table(con, table, folder / table.file) for table in exported_tables(con)}


def _write_table(con: Connection, table: ExportedTable, path: Path) -> int:
    """Stream one query into a Parquet file batch by batch; returns the number of rows."""
    reader = con.sql(table_sql(table)).to_arrow_reader(BATCH_ROWS)
    rows = 0
    with pq.ParquetWriter(path, reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows


def _stored_keys(con: Connection, store: BlobStore) -> list[str]:
    """Storage keys of every original (which must exist) and every thumbnail that does."""
    rows = con.execute(
        "SELECT id, blob_key, thumb_small_key, thumb_large_key FROM assets ORDER BY id"
    ).fetchall()
    keys: dict[str, None] = {}
    for asset_id, original, *thumbs in rows:
        if not store.exists(original):
            raise NotFound(
                f"The original of asset {asset_id} is missing ({original}); run `python -m dam check` first."
            )
        keys[original] = None
        # A missing thumbnail is not worth failing an export for: `check --repair` rebuilds it after a load.
        keys.update((t, None) for t in thumbs if t and store.exists(t))
    return list(keys)


def _copy_out(store: BlobStore, keys: list[str], root: Path) -> int:
    total = 0
    for key in keys:
        target = root / key
        target.parent.mkdir(parents=True, exist_ok=True)
        with store.open(key) as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out, COPY_BUFFER)
        total += target.stat().st_size
    return total
