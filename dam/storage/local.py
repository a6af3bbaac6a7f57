"""A BlobStore on the local file system, writing through temp file, fsync and rename."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator


class LocalStore:
    """Objects as files under a root folder; keys are relative paths."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.tmp_dir = self.root / "tmp"

    def _path(self, key: str) -> Path:
        if key.startswith("/") or ".." in key.split("/"):
            raise ValueError(f"bad storage key: {key!r}")
        return self.root / key

    def _write_atomically(self, key: str, write) -> None:
        target = self._path(key)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp_dir, prefix="put-")
        try:
            with os.fdopen(fd, "wb") as out:
                write(out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def put_file(self, key: str, source: Path) -> None:
        def write(out: BinaryIO) -> None:
            with open(source, "rb") as src:
                shutil.copyfileobj(src, out, 1024 * 1024)

        self._write_atomically(key, write)

    def put_bytes(self, key: str, data: bytes) -> None:
        self._write_atomically(key, lambda out: out.write(data))

    def open(self, key: str) -> BinaryIO:
        return open(self._path(key), "rb")

    def open_range(self, key: str, start: int, stop: int) -> BinaryIO:
        f = open(self._path(key), "rb")
        f.seek(start)
        return RangeReader(f, stop - start)

    @contextmanager
    def local_copy(self, key: str) -> Iterator[Path]:
        yield self._path(key)  # already a file: no copy

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def size(self, key: str) -> int:
        return self._path(key).stat().st_size

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix: str = "") -> Iterator[str]:
        base = self._path(prefix.rstrip("/")) if prefix else self.root
        if not base.exists():
            return
        for dirpath, _dirs, files in os.walk(base):
            for name in files:
                yield Path(dirpath, name).relative_to(self.root).as_posix()

    def local_path(self, key: str) -> Path | None:
        return self._path(key)

    def clear_tmp(self) -> int:
        """Remove partial writes left by a killed process; returns how many were removed."""
        return clear_folder(self.tmp_dir)

    def describe(self) -> str:
        return str(self.root)


def clear_folder(folder: Path) -> int:
    """Empty a scratch folder of what a killed process left there; returns how many entries were removed."""
    removed = 0
    if folder.exists():
        for leftover in folder.iterdir():
            # Uploads spool into a folder under tmp/ (dam/web/routes.py); a file unlink would fail on it.
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
            removed += 1
    return removed


class RangeReader(io.RawIOBase):
    """A readable that ends after `length` bytes of an underlying stream (which it closes with itself)."""

    def __init__(self, raw: BinaryIO, length: int):
        self.raw, self.left = raw, max(0, length)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.left <= 0:
            return 0
        view = memoryview(buffer)[: self.left]
        data = self.raw.read(len(view))
        view[: len(data)] = data
        self.left -= len(data)
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()
