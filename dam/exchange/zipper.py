"""Streamed zips of a selection: originals stored as they are, safe unique names, and a manifest.csv.

The archive is produced chunk by chunk as it is read (never whole in memory, zip64 when large), so the CLI writes
it to a file and the web app hands the same iterator to a StreamingResponse:

    download = prepare_zip(library, [12, 15, 19])   # raises NotFound before any byte is sent
    StreamingResponse(iter(download), media_type="application/zip",
                      headers={"Content-Length": str(download.size)})

Callers check access first: this module packages whatever ids it is given.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from zipstream import ZIP_STORED, ZipStream

from dam.db.catalog import Connection
from dam.errors import NotFound, Rejected
from dam.exchange.names import UniqueNames, safe_file_name
from dam.exchange.records import asset_records
from dam.library import Library
from dam.storage import BlobStore

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = (
    "id", "entry", "name", "brand", "kind", "mime", "byte_size", "sha256", "width", "height", "status", "rating",
    "tags", "collections", "campaigns", "created_at",
)  # fmt: skip
_CATALOG_COLUMNS = ("name", "kind", "mime", "byte_size", "sha256", "width", "height", "status", "rating",
                    "created_at", "blob_key")  # fmt: skip
# Cells people type that a spreadsheet would run as a formula; entry names never start like this (see names).
_TEXT_CELLS = ("name", "brand", "tags", "collections", "campaigns")
_FORMULA_START = ("=", "+", "-", "@")
LIST_SEPARATOR = "; "
CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ZipEntry:
    """One asset in the archive: the name it gets there and the metadata its manifest row shows."""

    asset_id: int
    entry_name: str
    blob_key: str
    byte_size: int
    record: dict[str, Any]


def zip_entries(con: Connection, asset_ids: Iterable[int]) -> list[ZipEntry]:
    """The entries for these assets, in the order given (repeats dropped); NotFound names any missing id."""
    wanted = list(dict.fromkeys(int(i) for i in asset_ids))
    if not wanted:
        raise Rejected("Choose at least one asset to zip.")
    records = asset_records(con, wanted, _CATALOG_COLUMNS)
    missing = [i for i in wanted if i not in records]
    if missing:
        raise NotFound(f"No asset with id {', '.join(map(str, missing))}.")
    names = UniqueNames(reserved=(MANIFEST_NAME,))
    entries = []
    for asset_id in wanted:
        record = records[asset_id]
        entry = names.claim(safe_file_name(record["name"], record["mime"], f"asset-{asset_id}"))
        entries.append(ZipEntry(asset_id, entry, record["blob_key"], record["byte_size"], record))
    return entries


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(map(str, value))
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if column in _TEXT_CELLS and text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def manifest_csv(entries: list[ZipEntry]) -> bytes:
    """One row per entry; lists joined with '; '. UTF-8 with a byte-order mark so spreadsheets read accents."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for entry in entries:
        values = {**entry.record, "id": entry.asset_id, "entry": entry.entry_name}
        writer.writerow([_cell(column, values[column]) for column in MANIFEST_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def _chunks(store: BlobStore, key: str) -> Iterator[bytes]:
    """The original's bytes a chunk at a time; the file opens only when the archive reaches it."""
    with store.open(key) as source:
        while chunk := source.read(CHUNK_BYTES):
            yield chunk


@dataclass
class ZipDownload:
    """A zip ready to stream: iterate it once for the bytes; `size` is its exact length."""

    entries: list[ZipEntry]
    size: int
    _archive: ZipStream

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._archive)


def prepare_zip(library: Library, asset_ids: Iterable[int]) -> ZipDownload:
    """Resolve names and check every original is present, so errors come before the first byte."""
    entries = zip_entries(library.catalog.cursor(), asset_ids)
    # Sized: sizes are known up front, so the length is too (a Content-Length, a progress bar in the browser).
    archive = ZipStream(compress_type=ZIP_STORED, sized=True)
    archive.add(manifest_csv(entries), MANIFEST_NAME)
    for entry in entries:
        if not library.store.exists(entry.blob_key):
            raise NotFound(f"The original of asset {entry.asset_id} is missing; run `python -m dam check`.")
        size = library.store.size(entry.blob_key)
        if size != entry.byte_size:
            raise Rejected(f"The original of asset {entry.asset_id} has {size} bytes, not {entry.byte_size}: "
                           "run `python -m dam check`.")  # fmt: skip
        archive.add(_chunks(library.store, entry.blob_key), entry.entry_name, size=size)
    return ZipDownload(entries, len(archive), archive)


def zip_stream(library: Library, asset_ids: Iterable[int]) -> Iterator[bytes]:
    """The zip of these assets as an iterator of byte chunks; raises NotFound up front for an unknown id."""
    return iter(prepare_zip(library, asset_ids))


def write_zip(library: Library, asset_ids: Iterable[int], out: Path) -> ZipDownload:
    """Write the zip to a file through a temporary name, so a failed run leaves no half archive behind."""
    download = prepare_zip(library, asset_ids)
    out = Path(out)
    partial = out.with_name(out.name + ".part")
    try:
        with open(partial, "wb") as target:
            for chunk in download:
                target.write(chunk)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return download
