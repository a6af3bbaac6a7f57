"""The CPU stages of ingest, run in worker processes: identify (checks, sniff, hash) and prepare (decode, thumbnails,
palette, visual vector, store). Each returns a plain picklable value; a Refusal carries the one-line reason.
`redraw` draws one thumbnail again from a stored original (a repair, or a large preview on first view).
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from dam.errors import Rejected
from dam.ingest import formats, pending
from dam.ingest.checks import check_extension, check_name, check_size
from dam.ingest.metadata import Embedded
from dam.ingest.sniff import HEAD_BYTES, sniff
from dam.storage.base import THUMB_SIZES, BlobStore, blob_key, thumb_key

if TYPE_CHECKING:
    import numpy as np

HASH_CHUNK = 1024 * 1024
# Kinds whose large preview is made at ingest. Any other's is made on first view (dam/ingest/previews.py), which
# lets ingest decode for the small thumbnail only; a video's poster frame costs a pass over the whole file (and
# on an object store, downloading it), too dear to pay again when someone opens the viewer.
EAGER_PREVIEW_KINDS = frozenset({"video"})


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
    """Everything the catalog row needs from the file itself; its blob and small thumbnail are already stored
    (and its large preview, for the kinds in EAGER_PREVIEW_KINDS)."""

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
    # The built-in visual descriptor of the small thumbnail (dam/similar): made here, in the worker, so the
    # main process stores it with the row instead of reading every new thumbnail back after each batch.
    vector: np.ndarray | None = None


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
    """Decode, make the small thumbnail, palette and visual vector, and store original and thumbnails under a pending
    marker. The large preview is left to be made on first view, except for EAGER_PREVIEW_KINDS.

    The original is stored by a second thread while this one decodes: its write and fsync (about 10 ms for a
    12 MP photo) would otherwise leave the core idle.
    """
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
    except Exception as exc:
        return Refusal(_reason(exc, fmt), clock.seconds)
    try:
        with clock.stage("store"):
            original = _Original(store, pending_dir, found.sha256, content)
    except OSError as exc:
        return _unstored(exc, clock)
    try:
        eager = fmt.kind in EAGER_PREVIEW_KINDS
        with clock.stage("decode"):
            decoded = decode(content, fmt, limits.max_pixels, thumbnails.LARGE if eager else thumbnails.SMALL)
        with clock.stage("thumbnails"):
            if eager:
                small, large = thumbnails.sized(decoded.picture)
                large_webp = thumbnails.encode_webp(large)
            else:
                small, large_webp = thumbnails.fitted(decoded.picture, thumbnails.SMALL), None
            small_webp = thumbnails.encode_webp(small)
        with clock.stage("palette"):
            palette = thumbnails.palette(small)
        with clock.stage("visual vector"):
            vector = thumbnails.visual_vector(small_webp)
    except Exception as exc:  # whatever a decoder raises on bad data, the batch goes on with a reason
        original.undo()
        return Refusal(_reason(exc, fmt), clock.seconds)
    try:
        with clock.stage("store"):
            original.wait()
            store.put_bytes(thumb_key(found.sha256, "small"), small_webp)
            if large_webp is not None:
                store.put_bytes(thumb_key(found.sha256, "large"), large_webp)
    except OSError as exc:
        return _unstored(exc, clock)
    return Prepared(
        sha256=found.sha256, size=found.size, mime=fmt.mime, kind=fmt.kind, width=decoded.width,
        height=decoded.height, duration=decoded.duration, fps=decoded.fps, page_count=decoded.page_count,
        embedded=decoded.embedded, palette=palette, seconds=clock.seconds, vector=vector,
    )  # fmt: skip


def _reason(exc: Exception, fmt: formats.Format) -> str:
    if isinstance(exc, Rejected):
        return str(exc)
    if isinstance(exc, MemoryError):
        return f"not enough memory to decode this {fmt.label} file"
    return f"corrupt or truncated {fmt.label} file ({describe_error(exc)})"


def _unstored(exc: OSError, clock: Clock) -> Refusal:
    # The marker stays: recovery removes whatever part of the files did get written.
    return Refusal(f"could not store the file ({exc.strerror or describe_error(exc)})", clock.seconds)


class _Original:
    """An original being stored in a background thread, under a pending marker written first."""

    def __init__(self, store: BlobStore, pending_dir: Path, sha256: str, content) -> None:
        self.store, self.pending_dir, self.sha256 = store, pending_dir, sha256
        self.key = blob_key(sha256)
        pending.mark(pending_dir, sha256)  # durable before any file is: what recovery goes by
        self.shared = store.exists(self.key)  # the same bytes are already an asset (another brand): keep them
        self.error: OSError | None = None
        self.thread = threading.Thread(target=self._put, args=(content,), name="store-original", daemon=True)
        self.thread.start()

    def _put(self, content) -> None:
        try:
            if self.shared:
                return
            if content.data is not None:
                self.store.put_bytes(self.key, content.data)
            else:
                self.store.put_file(self.key, content.path)
        except OSError as exc:
            self.error = exc

    def wait(self) -> None:
        """Return once the original is stored; its OSError, if storing failed."""
        self.thread.join()
        if self.error is not None:
            raise self.error

    def undo(self) -> None:
        """The file was refused after all: remove the original stored for it, then its marker.

        An original that was there before is left, and so is the marker: recovery keeps it if an asset has
        those bytes, and removes it if it was left by an attempt that crashed. Recovery also finishes the job
        if removing fails here.
        """
        self.thread.join()
        if self.shared:
            return
        try:
            self.store.delete(self.key)
            pending.clear(self.pending_dir, [self.sha256])
        except OSError:
            pass


def redraw(store: BlobStore, key: str, max_pixels: int, size: str) -> bytes:
    """One WebP thumbnail (`small` or `large`) drawn from the stored original under `key`, as ingest draws it."""
    from dam.ingest import thumbnails
    from dam.ingest.media import Content, decode

    box = THUMB_SIZES[size]
    # A local file (the store's own, or a temporary copy from an object store): large videos stay on disk.
    with store.local_copy(key) as local:
        content = Content.load(local, local.stat().st_size)
        with content.stream() as f:
            fmt = sniff(f.read(HEAD_BYTES))
        picture = decode(content, fmt, max_pixels, box).picture
    return thumbnails.encode_webp(thumbnails.fitted(picture, box))


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
