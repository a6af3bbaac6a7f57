"""What decoding a file yields (Decoded), the bytes it is decoded from (Content), and the dispatch by format."""

from __future__ import annotations

import io
import mmap
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from dam.ingest import formats
from dam.ingest.formats import Format
from dam.ingest.metadata import Embedded, find_xmp_packet

# Files up to this size are read into memory once: hashed, decoded and stored from the same bytes, so a file that
# changes while it is imported cannot end up stored under another file's hash. Larger ones (videos) stream.
IN_MEMORY_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Content:
    """One file's bytes: held in memory when small, read from disk when large."""

    path: Path
    data: bytes | None = None

    @classmethod
    def load(cls, path: Path, size: int) -> "Content":
        if size <= IN_MEMORY_BYTES:
            return cls(path, path.read_bytes())
        return cls(path)

    def stream(self) -> BinaryIO:
        return io.BytesIO(self.data) if self.data is not None else open(self.path, "rb")

    def xmp_packet(self) -> bytes | None:
        """The XMP packet anywhere in the file: the fallback when a decoder does not hand one over."""
        if self.data is not None:
            return find_xmp_packet(self.data)
        with open(self.path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return find_xmp_packet(mapped)


@dataclass
class Decoded:
    """A decoded file: its upright dimensions, timing for video, pages for PDF, a picture to make thumbnails from."""

    picture: Image.Image  # upright, at most a few times the thumbnail size it was decoded for
    width: int | None
    height: int | None
    embedded: Embedded
    duration: float | None = None
    fps: float | None = None
    page_count: int | None = None


def decode(content: Content, fmt: Format, max_pixels: int, box: int) -> Decoded:
    """Decode a file of a sniffed format for a thumbnail of `box` px (a video's poster is always kept large enough
    for both); Rejected (or any exception, for the caller to word) when it cannot be."""
    # Imported here so that each worker loads only the decoders it needs, and the CLI starts fast.
    if fmt == formats.SVG:
        from dam.ingest import vector

        return vector.decode(content, box)
    if fmt == formats.PDF:
        from dam.ingest import document

        return document.decode(content, box)
    if fmt.kind == "video":
        from dam.ingest import video

        return video.decode(content, max_pixels)
    from dam.ingest import raster

    return raster.decode(content, fmt, max_pixels, box)
