"""Safe file names for downloads: no path parts, no control characters, the extension the content has."""

from __future__ import annotations

import re

from dam.models import Asset

EXTENSIONS = {
    "image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif", "image/tiff": ".tif",
    "image/bmp": ".bmp", "image/heic": ".heic", "image/heif": ".heif", "image/avif": ".avif",
    "image/svg+xml": ".svg", "application/pdf": ".pdf", "video/mp4": ".mp4", "video/quicktime": ".mov",
    "video/x-m4v": ".m4v", "video/webm": ".webm",
}  # fmt: skip
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(name: str, fallback: str = "asset") -> str:
    """A name with separators, control and reserved characters replaced, never empty or a dot-name."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned[:180] or fallback


def download_name(asset: Asset) -> str:
    """The asset's name with the extension its content type calls for."""
    extension = EXTENSIONS.get(asset.mime, "")
    stem = safe_name(asset.name, f"asset-{asset.id}")
    if extension and stem.lower().endswith(extension):
        return stem
    base, dot, old = stem.rpartition(".")
    if dot and base and old.lower() in {e.lstrip(".") for e in EXTENSIONS.values()} | {"jpeg", "tiff", "mpg"}:
        stem = base
    return stem + extension
