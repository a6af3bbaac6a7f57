"""Safe, unique file names for assets leaving the library: no path parts, no hidden characters, the right extension.

    >>> safe_file_name("../../etc/beach.png", "image/jpeg", "asset-7")
    '_.._etc_beach.jpg'
    >>> names = UniqueNames()
    >>> names.claim("beach.jpg"), names.claim("Beach.jpg")
    ('beach.jpg', 'Beach (2).jpg')
"""

from __future__ import annotations

import mimetypes
import unicodedata

# The extension each stored type gets, then the other spellings that may stay when a name already has one.
EXTENSIONS = {
    "image/jpeg": (".jpg", ".jpeg", ".jpe"), "image/png": (".png",), "image/webp": (".webp",),
    "image/gif": (".gif",), "image/tiff": (".tif", ".tiff"), "image/bmp": (".bmp",), "image/heic": (".heic",),
    "image/heif": (".heif", ".heic"), "image/avif": (".avif",), "image/svg+xml": (".svg",),
    "application/pdf": (".pdf",), "video/mp4": (".mp4",), "video/quicktime": (".mov", ".qt"),
    "video/x-m4v": (".m4v",), "video/webm": (".webm",),
}  # fmt: skip
_KNOWN_EXTENSIONS = {e for spellings in EXTENSIONS.values() for e in spellings} | set(mimetypes.types_map)
# Path separators and the characters Windows refuses in file names.
_UNSAFE = set('/\\<>:"|?*')
# Control and format characters (bidi overrides, zero-width joiners) can disguise a name's real extension.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs"}
# A leading = + - @ would make a spreadsheet run the name as a formula when manifest.csv is opened.
_LEADING_JUNK = " .=+-@"
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM_BYTES = 180  # keeps a whole entry name, with " (12)" and an extension, well under 255 bytes


def extensions_for(mime: str) -> tuple[str, ...]:
    """Accepted extensions for a type, the preferred one first (none for a type nobody knows)."""
    known = EXTENSIONS.get(mime)
    if known:
        return known
    guessed = mimetypes.guess_extension(mime)
    return (guessed,) if guessed else ()


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join("_" if c in _UNSAFE else c for c in text if unicodedata.category(c) not in _HIDDEN_CATEGORIES)
    return " ".join(text.split())


def _truncate(stem: str) -> str:
    encoded = stem.encode("utf-8")[:MAX_STEM_BYTES]
    return encoded.decode("utf-8", "ignore").rstrip(" .")


def safe_file_name(name: str, mime: str, fallback: str) -> str:
    """`name` made safe to write on any file system, ending in an extension that matches `mime`."""
    cleaned = _clean(name)
    allowed = extensions_for(mime)
    stem, dot, suffix = cleaned.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if not (dot and stem):
        stem, suffix = cleaned, ""
    elif suffix in allowed:
        allowed = (suffix,)
    elif suffix not in _KNOWN_EXTENSIONS:
        # Not an extension at all (`Q3.final`): the dot belongs to the name.
        stem = cleaned
    # Otherwise a wrong-type extension (`beach.png` holding a JPEG) is dropped for the right one.
    stem = _truncate(stem.lstrip(_LEADING_JUNK)) or fallback
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    return stem + (allowed[0] if allowed else "")


class UniqueNames:
    """Hands out names no earlier name clashes with, ignoring case as macOS and Windows do."""

    def __init__(self, reserved: tuple[str, ...] = ()):
        self._taken = {n.casefold() for n in reserved}

    def claim(self, name: str) -> str:
        stem, dot, suffix = name.rpartition(".")
        if not stem:
            stem, dot, suffix = name, "", ""
        candidate, number = name, 1
        while candidate.casefold() in self._taken:
            number += 1
            candidate = f"{stem} ({number}){dot}{suffix}"
        self._taken.add(candidate.casefold())
        return candidate
