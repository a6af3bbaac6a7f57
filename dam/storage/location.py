"""Which store holds a library's files: its own folder by default, or the object store recorded in storage.json.

The location is part of the library, not of one process's environment: `migrate --to` (or the first open of a new
library with DAM_STORAGE set) writes `<library>/storage.json`, and every later open reads it, so a library can
never be opened against the wrong store by a forgotten variable. Keys never go in that file; they come from the
environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

from dam.errors import Rejected
from dam.storage.base import BlobStore
from dam.storage.local import LocalStore

RECORD_NAME = "storage.json"
LOCAL = "local"


def recorded(data_dir: Path) -> dict | None:
    """The recorded location ({"location": "s3://...", "endpoint": ...}), or None for a library on its own disk."""
    path = Path(data_dir) / RECORD_NAME
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise Rejected(f"{path} cannot be read ({exc}); it should hold the library's storage location.") from None
    if not isinstance(record, dict) or not isinstance(record.get("location"), str):
        raise Rejected(f"{path} has no storage location in it.")
    return record


def record(data_dir: Path, location: str, endpoint: str | None) -> None:
    """Write the library's storage location durably (temp file, fsync, rename)."""
    path = Path(data_dir) / RECORD_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(RECORD_NAME + ".part")
    with open(partial, "w", encoding="utf-8") as out:
        json.dump({"location": location, "endpoint": endpoint}, out, indent=2)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)


def object_store(location: str, data_dir: Path, endpoint: str | None = None):
    """An S3Store for `s3://bucket/prefix`, keys from the environment; Rejected with the reason when unusable."""
    from dam.storage.s3 import S3Access, S3Location, S3Store

    try:
        return S3Store(S3Location.parse(location), S3Access.from_env(endpoint), Path(data_dir) / "tmp")
    except ValueError as exc:
        raise Rejected(f"Storage {location}: {exc}.") from None


def open_store(data_dir: Path, wanted: str, *, is_new: Callable[[], bool], read_only: bool) -> BlobStore:
    """The store a library's files are in; a new library takes DAM_STORAGE's location and records it."""
    data_dir = Path(data_dir)
    wanted = "" if wanted in ("", LOCAL) else wanted
    found = recorded(data_dir)
    if found is not None:
        if wanted and wanted != found["location"]:
            raise Rejected(f"This library's files are in {found['location']} (recorded in {data_dir / RECORD_NAME}), "
                           f"but DAM_STORAGE says {wanted}: unset DAM_STORAGE or make them agree.")  # fmt: skip
        return object_store(found["location"], data_dir, found.get("endpoint"))
    if not wanted:
        return LocalStore(data_dir)
    if not is_new():
        raise Rejected(f"This library's files are on local disk in {data_dir}; move them to {wanted} with "
                       f"`python -m dam migrate --to {wanted}` first.")  # fmt: skip
    store = object_store(wanted, data_dir)
    if not read_only:
        try:
            store.ensure_bucket()
        except OSError as exc:  # unreachable, or the keys are refused: say so before anything is stored
            raise Rejected(f"Storage {wanted}: {exc}.") from None
        record(data_dir, wanted, store.access.endpoint)
    return store
