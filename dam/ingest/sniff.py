"""Tell a file's format from its first bytes, never from its name."""

from __future__ import annotations

import re

from dam.errors import Rejected
from dam.ingest import formats
from dam.ingest.formats import Format

# How much of a file sniffing reads: enough for an ISO-BMFF brand list, an EBML doc type and an SVG root after
# a long XML prologue or comment.
HEAD_BYTES = 8192

_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"}
_HEIF_BRANDS = {b"mif1", b"msf1", b"mif2"}
_AVIF_BRANDS = {b"avif", b"avis"}
_MP4_BRANDS = {b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"mp71", b"avc1", b"dash",
               b"MSNV", b"NDAS", b"f4v ", b"mmp4", b"XAVC"}  # fmt: skip
_M4V_BRANDS = {b"M4V ", b"M4VH", b"M4VP"}
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}
_SVG_ROOT = re.compile(rb"<svg[\s>/]")

# Signatures of common files we do not take, so the reason can say what the file is.
_FOREIGN_MAGIC = (
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"OggS", "Ogg media"),
    (b"8BPS", "Photoshop document"),
    (b"%!PS", "PostScript"),
    (b"\x7fELF", "program"),
    (b"MZ", "Windows program"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"\xff\x0a", "JPEG XL image"),
    (b"\x00\x00\x00\x0cJXL ", "JPEG XL image"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000 image"),
    (b"\x76\x2f\x31\x01", "OpenEXR image"),
    (b"SQLite format 3", "SQLite database"),
)


def sniff(head: bytes) -> Format:
    """The supported format these leading bytes belong to; Rejected with a plain reason for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return formats.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return formats.PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return formats.GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return formats.WEBP
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return formats.TIFF
    if head[:2] == b"BM" and len(head) >= 18 and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES:
        return formats.BMP
    if head[4:8] == b"ftyp":
        return _iso_bmff(head)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return _ebml(head)
    if b"%PDF-" in head[:1024]:
        return formats.PDF
    if _looks_like_svg(head):
        return formats.SVG
    raise Rejected(f"unsupported file type ({_foreign_label(head)})")


def _iso_bmff(head: bytes) -> Format:
    """HEIF, AVIF, MP4, M4V and QuickTime share one container; the `ftyp` box's brands say which it is."""
    size = int.from_bytes(head[:4], "big")
    major = head[8:12]
    compatible = {head[i : i + 4] for i in range(16, min(max(size, 16), len(head)), 4)}
    brands = {major} | compatible
    if major in _AVIF_BRANDS or (brands & _AVIF_BRANDS and major not in _HEIC_BRANDS):
        return formats.AVIF
    if brands & _HEIC_BRANDS:
        return formats.HEIC
    if brands & _HEIF_BRANDS:
        return formats.HEIF
    if major == b"qt  ":
        return formats.MOV
    if major in _M4V_BRANDS:
        return formats.M4V
    if brands & (_MP4_BRANDS | _M4V_BRANDS) or major.startswith(b"3g"):
        return formats.MP4
    if brands & _AUDIO_BRANDS:
        raise Rejected("unsupported file type (MPEG-4 audio)")
    if major == b"crx ":
        raise Rejected("unsupported file type (camera raw)")
    raise Rejected(f"unsupported file type (ISO media with brand {major.decode('latin-1').strip()!r})")


def _ebml(head: bytes) -> Format:
    """WebM and Matroska share EBML; only the doc type in the header tells them apart."""
    if b"webm" in head[:64]:
        return formats.WEBM
    raise Rejected("unsupported file type (Matroska video; WebM is supported)")


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    opens_like_svg = text.startswith((b"<?xml", b"<svg", b"<!--", b"<!DOCTYPE svg"))  # not an HTML page's DOCTYPE
    return opens_like_svg and bool(_SVG_ROOT.search(head))


def _foreign_label(head: bytes) -> str:
    for magic, label in _FOREIGN_MAGIC:
        if head.startswith(magic):
            return label
    if head[:4] == b"RIFF":
        return {b"AVI ": "AVI video", b"WAVE": "WAV audio"}.get(head[8:12], "RIFF file")
    if head[:2] == b"BM":
        return "damaged BMP header"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "HTML page"
    if stripped.startswith(b"<?xml"):
        return "XML document that is not SVG"
    if _is_text(head):
        return "text"
    return "not an image, video or PDF we recognise"


def _is_text(head: bytes) -> bool:
    # Bytes above 127 pass: they are UTF-8 (or Latin-1) letters, and a cut-off final character must not matter.
    return bool(head) and all(b >= 32 or b in b"\t\r\n" for b in head)
