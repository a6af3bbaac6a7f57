"""The file formats ingest accepts, and the extensions that name them (or name something else entirely)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One accepted format: how users call it, its MIME type, the asset kind and the extensions that may name it."""

    label: str  # shown in reasons: "file extension .jpg does not match its content (PNG)"
    mime: str
    kind: str  # image | video | document
    extensions: tuple[str, ...]
    pil: str | None = None  # the Pillow plugin that must open it (None when another library decodes it)


# ISO-BMFF video containers are told apart by their brand, but phones and editors mix up .mp4/.mov/.m4v freely,
# so any of the three names is honest for any of the three contents.
_ISO_VIDEO_EXTENSIONS = (".mp4", ".m4v", ".mov", ".qt")
_HEIF_EXTENSIONS = (".heic", ".heif", ".hif")

JPEG = Format("JPEG", "image/jpeg", "image", (".jpg", ".jpeg", ".jpe", ".jfif"), "JPEG")
PNG = Format("PNG", "image/png", "image", (".png",), "PNG")
WEBP = Format("WebP", "image/webp", "image", (".webp",), "WEBP")
GIF = Format("GIF", "image/gif", "image", (".gif",), "GIF")
TIFF = Format("TIFF", "image/tiff", "image", (".tif", ".tiff"), "TIFF")
BMP = Format("BMP", "image/bmp", "image", (".bmp", ".dib"), "BMP")
HEIC = Format("HEIC", "image/heic", "image", _HEIF_EXTENSIONS, "HEIF")
HEIF = Format("HEIF", "image/heif", "image", _HEIF_EXTENSIONS, "HEIF")
AVIF = Format("AVIF", "image/avif", "image", (".avif",), "AVIF")
SVG = Format("SVG", "image/svg+xml", "image", (".svg",))
# Illustrator files (.ai) are PDF documents with extra private data, so that name is honest too.
PDF = Format("PDF", "application/pdf", "document", (".pdf", ".ai"))
MP4 = Format("MP4", "video/mp4", "video", _ISO_VIDEO_EXTENSIONS)
M4V = Format("M4V", "video/x-m4v", "video", _ISO_VIDEO_EXTENSIONS)
MOV = Format("QuickTime", "video/quicktime", "video", _ISO_VIDEO_EXTENSIONS)
WEBM = Format("WebM", "video/webm", "video", (".webm",))

SUPPORTED = (JPEG, PNG, WEBP, GIF, TIFF, BMP, HEIC, HEIF, AVIF, SVG, PDF, MP4, M4V, MOV, WEBM)
BY_MIME = {f.mime: f for f in SUPPORTED}

# Extensions of things we do not take, so that a JPEG named `.txt` counts as a lying extension while a JPEG named
# `.jpg_original` (an exiftool backup) or with no extension at all is judged by its bytes alone.
FOREIGN_EXTENSIONS = {
    **dict.fromkeys((".txt", ".md", ".csv", ".json", ".html", ".htm", ".js", ".css", ".rtf"), "text"),
    **dict.fromkeys((".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".pages", ".key"), "office document"),
    **dict.fromkeys((".zip", ".gz", ".tgz", ".7z", ".rar", ".tar", ".bz2", ".xz"), "archive"),
    **dict.fromkeys((".mp3", ".wav", ".aac", ".m4a", ".flac", ".ogg", ".opus"), "audio"),
    **dict.fromkeys((".mkv", ".avi", ".wmv", ".flv", ".mpg", ".mpeg", ".3gp"), "video we do not support"),
    **dict.fromkeys((".psd", ".psb", ".eps", ".ps", ".ico", ".jp2", ".jxl", ".exr", ".hdr", ".tga"),
                    "image we do not support"),
    **dict.fromkeys((".exe", ".dll", ".so", ".sh", ".bat", ".py", ".bin", ".iso", ".dmg"), "program or disk image"),
}  # fmt: skip

# Camera raw files are TIFF (or ISO-BMFF) inside; name them plainly rather than calling their extension a lie.
RAW_EXTENSIONS = frozenset(
    (".cr2", ".cr3", ".crw", ".nef", ".nrw", ".arw", ".srf", ".sr2", ".dng", ".raf", ".orf", ".rw2", ".pef", ".srw",
     ".x3f", ".3fr", ".iiq", ".erf", ".mef", ".mos", ".kdc", ".dcr")
)  # fmt: skip


def describe_extension(extension: str) -> str | None:
    """What an extension claims the file is, or None when we do not know the extension."""
    extension = extension.lower()
    for fmt in SUPPORTED:
        if extension in fmt.extensions:
            return fmt.label
    if extension in RAW_EXTENSIONS:
        return "camera raw"
    return FOREIGN_EXTENSIONS.get(extension)
