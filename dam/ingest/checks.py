"""Cheap checks that reject a file before any decoding: its name, its size, an extension that lies, its pixels."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath

from dam.errors import Rejected
from dam.ingest.formats import Format, describe_extension

MAX_NAME_BYTES = 255  # what common file systems allow for one name

# Bidirectional overrides can disguise `photo\u202egpj.exe` as `photoexe.jpg`; reject them with control characters.
_DISGUISING = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


def check_name(name: str) -> None:
    """A file name we can store and later hand back (in a download, a zip entry) without surprises."""
    if not name or not name.strip():
        raise Rejected("file name is empty")
    if "/" in name or "\\" in name:
        raise Rejected(f"file name contains a path separator: {name!r}")
    if name in (".", "..") or name.startswith(".."):
        raise Rejected(f"file name refers to a parent folder: {name!r}")
    if any(unicodedata.category(c) == "Cc" or c in _DISGUISING for c in name):
        raise Rejected(f"file name contains control characters: {name!r}")
    if len(name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        raise Rejected(f"file name is longer than {MAX_NAME_BYTES} bytes")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise Rejected(f"file name is not valid UTF-8: {name!r}") from None


def check_size(size: int, max_bytes: int) -> None:
    if size == 0:
        raise Rejected("empty file")
    if size > max_bytes:
        raise Rejected(f"file is {_human(size)}, over the {_human(max_bytes)} limit")


def check_extension(name: str, fmt: Format) -> None:
    """An extension we know must name this content; unknown or missing extensions leave the bytes to decide."""
    extension = PurePosixPath(name).suffix.lower()
    if not extension or extension in fmt.extensions:
        return
    claimed = describe_extension(extension)
    if claimed == "camera raw":
        raise Rejected(f"unsupported file type (camera raw {extension})")
    if claimed is not None:
        raise Rejected(f"file extension {extension} does not match its content ({fmt.label})")


def check_pixels(width: int, height: int, max_pixels: int) -> None:
    """Refuse decompression bombs from the header's dimensions, before a single pixel is decoded."""
    if width <= 0 or height <= 0:
        raise Rejected(f"image has no pixels ({width}×{height})")
    if width * height > max_pixels:
        raise Rejected(f"image is {width}×{height} ({_mp(width * height)} MP), over the {_mp(max_pixels)} MP limit")


def _mp(pixels: int) -> str:
    megapixels = pixels / 1e6
    return f"{megapixels:.0f}" if megapixels >= 100 else f"{megapixels:.3g}"


def _human(size: int) -> str:
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"
