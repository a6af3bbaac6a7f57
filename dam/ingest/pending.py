"""Pending markers: a note written before an original's files are stored, removed once its catalog row commits.

A marker at `data/pending/<sha256>` lists the storage keys about to be written. If the process dies between
storing files and committing the row, recovery finds the marker, sees no row with that hash, and deletes exactly
those keys. Files shared with an asset already in the catalog (the same bytes in another brand) are left alone,
because a row with that hash exists.
"""

from __future__ import annotations

import os
from pathlib import Path

from dam.storage.base import THUMB_SIZES, blob_key, thumb_key


def pending_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "pending"


def keys_for(sha256: str) -> list[str]:
    """Every storage key ingest may write for one original (the large preview only for a video; any other's
    is made on first view, after the row has committed, so recovery never waits for it)."""
    return [blob_key(sha256), *(thumb_key(sha256, size) for size in THUMB_SIZES)]


def mark(folder: Path, sha256: str) -> None:
    """Durably note that files for this hash are about to be stored (fsync: the note must land before they do).

    The keys are written out for a person reading the folder; recovery derives them from the name.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / sha256
    with open(path, "w", encoding="ascii") as out:
        out.write("\n".join(keys_for(sha256)) + "\n")
        out.flush()
        os.fsync(out.fileno())
    # The new name must be durable too, or a power cut could keep the files and lose the note about them.
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def clear(folder: Path, sha256s: list[str]) -> None:
    """Forget markers whose rows have committed."""
    for sha256 in sha256s:
        (folder / sha256).unlink(missing_ok=True)


def markers(folder: Path) -> list[Path]:
    """Every marker left behind by an import that did not finish."""
    return sorted(folder.iterdir()) if folder.is_dir() else []


def is_sha256(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)
