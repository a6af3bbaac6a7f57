"""Checks an export folder before anything is loaded: manifest, schema version, files, columns and row counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dam.db.catalog import Connection, schema_version
from dam.errors import Rejected
from dam.exchange.manifest import FILES_DIR, Manifest
from dam.exchange.tables import ExportedTable, exported_tables

# Storage keys as the catalog writes them: a top folder of the store, then parts that never start with a dot
# (so never `..`): a key from an export can name no file outside the export or the store.
_SAFE_KEY = re.compile(r"^(blobs|thumbs)(/[A-Za-z0-9][A-Za-z0-9._-]*)+$")


@dataclass(frozen=True)
class CheckedExport:
    """An export folder that passed every check, with what load needs to know about it."""

    folder: Path
    manifest: Manifest
    tables: list[ExportedTable]
    files: dict[str, Path]  # storage key -> file in the export to copy into the library


def check_export(con: Connection, folder: Path) -> CheckedExport:
    """Everything that can be checked without writing; raises Rejected with the first problem found."""
    folder = Path(folder)
    manifest = Manifest.read(folder)
    library_version = schema_version(con)
    if manifest.schema_version != library_version:
        # Older exports are brought up to date before they get here (see upgrade); newer ones cannot be.
        newer = "; upgrade The Library to load it" if manifest.schema_version > library_version else ""
        raise Rejected(
            f"{folder} was exported at schema version {manifest.schema_version}, this library is at "
            f"{library_version}{newer}."
        )
    tables = exported_tables(con)
    for table in tables:
        _check_file(folder, table, manifest.rows.get(table.name))
    unknown = sorted(set(manifest.rows) - {t.name for t in tables})
    if unknown:
        raise Rejected(f"{folder} has tables this library does not know: {', '.join(unknown)}.")
    files = _export_files(folder) if manifest.with_files else {}
    return CheckedExport(folder, manifest, tables, files)


def _check_file(folder: Path, table: ExportedTable, expected_rows: int | None) -> None:
    path = folder / table.file
    if not path.is_file():
        raise Rejected(f"{folder} is incomplete: {table.file} is missing.")
    try:
        metadata = pq.read_metadata(path)
        names = tuple(pq.read_schema(path).names)
    except (pa.ArrowException, OSError) as exc:
        raise Rejected(f"{table.file} is not a readable Parquet file: {exc}.") from None
    if names != table.file_columns:
        missing = [c for c in table.file_columns if c not in names]
        extra = [c for c in names if c not in table.file_columns]
        problems = [f"missing {', '.join(missing)}"] if missing else []
        problems += [f"unexpected {', '.join(extra)}"] if extra else []
        detail = "; ".join(problems) or "columns out of order"
        raise Rejected(f"{table.file} does not have the columns of table {table.name}: {detail}.")
    if expected_rows is None:
        raise Rejected(f"manifest.json does not list table {table.name}.")
    if metadata.num_rows != expected_rows:
        raise Rejected(
            f"{table.file} has {metadata.num_rows} rows but manifest.json says {expected_rows}: the export is damaged."
        )


def _export_files(folder: Path) -> dict[str, Path]:
    """Originals (all required, at their recorded size) and the thumbnails present, by storage key."""
    table = pq.read_table(
        folder / "assets.parquet", columns=["id", "byte_size", "blob_key", "thumb_small_key", "thumb_large_key"]
    )
    root = folder / FILES_DIR
    files: dict[str, Path] = {}
    for row in table.to_pylist():
        original = _safe_key(row["blob_key"], row["id"])
        path = root / original
        if not path.is_file():
            raise Rejected(f"The export is missing the original of asset {row['id']}: {FILES_DIR}/{original}.")
        if path.stat().st_size != row["byte_size"]:
            raise Rejected(
                f"The original of asset {row['id']} ({FILES_DIR}/{original}) has {path.stat().st_size} bytes, "
                f"not {row['byte_size']}: the export is damaged."
            )
        files[original] = path
        for key in (row["thumb_small_key"], row["thumb_large_key"]):
            # A missing thumbnail is rebuilt by `check --repair`; a missing original cannot be.
            if key and (root / _safe_key(key, row["id"])).is_file():
                files[key] = root / key
    return files


def _safe_key(key: str | None, asset_id: int) -> str:
    """A storage key from the export, refused when it could point outside the store."""
    if not key or not _SAFE_KEY.match(key):
        raise Rejected(f"Asset {asset_id} has an unsafe storage key {key!r} in assets.parquet.")
    return key
