"""The CPU stages of ingest, run in worker processes: identify (checks, sniff, hash) and prepare (decode, thumbnails,
palette, store). Each returns a plain picklable value; a Refusal carries the one-line reason.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from dam.errors import Rejected
from dam.ingest import formats, pending
from dam.ingest.checks import check_extension, check_name, check_size
from dam.ingest.metadata import Embedded
from dam.ingest.sniff import HEAD_BYTES, sniff
from dam.storage.base import BlobStore, blob_key, thumb_key

HASH_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One file to ingest: where its bytes are, its own name (checked, kept as original_name), how results show it."""

    path: Path
    name: str
    shown: str


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pixels: int


@dataclass
class Clock:
    """Seconds spent per stage, summed; the benchmark reports their shares."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


@dataclass(frozen=True)
class Refusal:
    reason: str
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Identified:
    sha256: str
    size: int
    mime: str
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Prepared:
    """Everything the catalog row needs from the file itself; its blob and thumbnails are already stored."""

    sha256: str
    size: int
    mime: str
    kind: str
    width: int | None
    height: int | None
    duration: float | None
    fps: float | None
    page_count: int | None
    embedded: Embedded
    palette: list[str]
    seconds: dict[str, float] = field(default_factory=dict)


def identify(source: Source, limits: Limits) -> Identified | Refusal:
    """Name, size, type and extension checks, then the hash the duplicate check needs."""
    clock = Clock()
    try:
        with clock.stage("checks"):
            check_name(source.name)
            info = os.stat(source.path)
            if not stat.S_ISREG(info.st_mode):
                raise Rejected("not a regular file")
            check_size(info.st_size, limits.max_bytes)
            with open(source.path, "rb") as f:
                fmt = sniff(f.read(HEAD_BYTES))
            check_extension(source.name, fmt)
        with clock.stage("hash"):
            digest = file_sha256(source.path)
    except Rejected as exc:
        return Refusal(str(exc), clock.seconds)
    except OSError as exc:
        return Refusal(f"cannot read file ({exc.strerror or exc})", clock.seconds)
    return Identified(sha256=digest, size=info.st_size, mime=fmt.mime, seconds=clock.seconds)


def prepare(
    source: Source, found: Identified, limits: Limits, store: BlobStore, pending_dir: Path
) -> Prepared | Refusal:
    """Decode, make thumbnails and palette, then store original and thumbnails under a pending marker."""
    # Imported here: identify-only work (and the main process) need none of the image and video libraries.
    from dam.ingest import thumbnails
    from dam.ingest.media import Content, decode

    fmt = formats.BY_MIME[found.mime]
    clock = Clock()
    try:
        with clock.stage("read"):
            content = Content.load(source.path, found.size)
            if content.data is not None and hashlib.sha256(content.data).hexdigest() != found.sha256:
                raise Rejected("file changed while it was being imported")
        with clock.stage("decode"):
            decoded = decode(content, fmt, limits.max_pixels)
        with clock.stage("thumbnails"):
            small, large = thumbnails.sized(decoded.picture)
            small_webp, large_webp = thumbnails.encode_webp(small), thumbnails.encode_webp(large)
        with clock.stage("palette"):
            palette = thumbnails.palette(small)
    except Rejected as exc:
        return Refusal(str(exc), clock.seconds)
    except MemoryError:
        return Refusal(f"not enough memory to decode this {fmt.label} file", clock.seconds)
    except Exception as exc:  # whatever a decoder raises on bad data, the batch goes on with a reason
        return Refusal(f"corrupt or truncated {fmt.label} file ({describe_error(exc)})", clock.seconds)
    try:
        with clock.stage("store"):
            pending.mark(pending_dir, found.sha256)
            if content.data is not None:
                store.put_bytes(blob_key(found.sha256), content.data)
            else:
                store.put_file(blob_key(found.sha256), source.path)
            store.put_bytes(thumb_key(found.sha256, "small"), small_webp)
            store.put_bytes(thumb_key(found.sha256, "large"), large_webp)
    except OSError as exc:  # the marker stays: recovery removes whatever part of the files did get written
        return Refusal(f"could not store the file ({exc.strerror or describe_error(exc)})", clock.seconds)
    return Prepared(
        sha256=found.sha256, size=found.size, mime=fmt.mime, kind=fmt.kind, width=decoded.width,
        height=decoded.height, duration=decoded.duration, fps=decoded.fps, page_count=decoded.page_count,
        embedded=decoded.embedded, palette=palette, seconds=clock.seconds,
    )  # fmt: skip


def redraw(store: BlobStore, key: str, max_pixels: int):
    """Thumbnails and palette drawn again from a stored original (for `check --repair`)."""
    from dam.ingest import thumbnails
    from dam.ingest.media import Content, decode

    local = store.local_path(key)
    if local is not None:
        content = Content.load(local, local.stat().st_size)  # large videos stay on disk
    else:
        with store.open(key) as f:
            content = Content(Path(key), f.read())
    with content.stream() as f:
        fmt = sniff(f.read(HEAD_BYTES))
    return thumbnails.render(decode(content, fmt, max_pixels).picture)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def describe_error(exc: Exception) -> str:
    """An exception as a short single line, without object addresses that mean nothing to a user."""
    text = " ".join(str(exc).split())
    if not text or " object at 0x" in text:
        text = type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
