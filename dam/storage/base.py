"""The storage interface and the content-addressed key layout shared by every backend."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO, Iterator, Protocol

from dam.errors import DamError

THUMB_SIZES = {"small": 400, "large": 1600}
# The top folders a library's files live in: assets' originals and thumbnails, and comments' attachments.
STORED_PREFIXES = ("blobs/", "thumbs/", "attachments/")


class StorageError(OSError, DamError):
    """The store could not be reached or refused a request: a disk error to ingest, a one-line message to people."""


def blob_key(sha256: str) -> str:
    """Key of an original: content-addressed, fanned out so no folder grows too large."""
    return f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def thumb_key(sha256: str, size: str) -> str:
    """Key of a WebP thumbnail (`small` for the grid, `large` for the viewer) of the original with this hash."""
    return f"thumbs/{sha256[:2]}/{sha256[2:4]}/{sha256}-{THUMB_SIZES[size]}.webp"


class BlobStore(Protocol):
    """Stores immutable objects under keys. Every write is atomic: a key holds all its bytes or does not exist."""

    def put_file(self, key: str, source: Path) -> None:
        """Copy a local file into the store under `key` (a no-op when the key already exists)."""

    def put_bytes(self, key: str, data: bytes) -> None:
        """Write bytes under `key` atomically."""

    def open(self, key: str) -> BinaryIO:
        """Open the object for reading (FileNotFoundError when it is not there)."""

    def open_range(self, key: str, start: int, stop: int) -> BinaryIO:
        """Open bytes [start, stop) of the object for reading (a video seek, a resumed download)."""

    def local_copy(self, key: str) -> AbstractContextManager[Path]:
        """The object as a local file for a decoder that needs a path, for the length of a `with` block."""

    def exists(self, key: str) -> bool:
        """Whether the object is present."""

    def size(self, key: str) -> int:
        """The object's size in bytes (FileNotFoundError when it is not there)."""

    def delete(self, key: str) -> None:
        """Remove the object if present."""

    def keys(self, prefix: str = "") -> Iterator[str]:
        """Every key under a prefix (`blobs/`, `thumbs/`)."""

    def local_path(self, key: str) -> Path | None:
        """A path on local disk for the object when the backend has one (lets servers send files efficiently)."""

    def clear_tmp(self) -> int:
        """Remove partial writes a killed process left in the local scratch folder; returns how many."""

    def describe(self) -> str:
        """Where the objects live, for people: a folder or an `s3://bucket/prefix`."""
