"""Sniffing tells formats apart by their bytes alone."""

from __future__ import annotations

import pytest

from dam.errors import Rejected
from dam.ingest import formats
from dam.ingest.sniff import sniff


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body + b"\x00" * 16


@pytest.mark.parametrize(
    "head, expected",
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", formats.JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00", formats.PNG),
        (b"GIF89a\x01\x00", formats.GIF),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", formats.WEBP),
        (b"II*\x00\x08\x00\x00\x00", formats.TIFF),
        (b"MM\x00*\x00\x00\x00\x08", formats.TIFF),
        (b"BM" + b"\x00" * 12 + (40).to_bytes(4, "little"), formats.BMP),
        (ftyp(b"heic", b"mif1", b"heic"), formats.HEIC),
        (ftyp(b"mif1", b"mif1", b"miaf"), formats.HEIF),
        (ftyp(b"avif", b"avif", b"mif1", b"miaf"), formats.AVIF),
        (ftyp(b"mif1", b"avif", b"mif1"), formats.AVIF),
        (ftyp(b"isom", b"isom", b"avc1"), formats.MP4),
        (ftyp(b"M4V ", b"M4V ", b"mp42"), formats.M4V),
        (ftyp(b"qt  ", b"qt  "), formats.MOV),
        (b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x84webm", formats.WEBM),
        (b"%PDF-1.7\n", formats.PDF),
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg"/>', formats.SVG),
        (b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>', formats.SVG),
    ],
)
def test_supported_formats_are_recognised(head, expected):
    assert sniff(head) == expected


@pytest.mark.parametrize(
    "head, label",
    [
        (b"", "not an image, video or PDF"),
        (b"hello, world\n", "text"),
        (b"<!DOCTYPE html><html><body><svg></svg></body></html>", "HTML page"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"ID3\x04\x00", "MP3 audio"),
        (b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska", "Matroska"),
        (ftyp(b"M4A ", b"M4A "), "MPEG-4 audio"),
        (ftyp(b"crx ", b"crx "), "camera raw"),
        (b"RIFF\x00\x00\x00\x00AVI LIST", "AVI video"),
        (b"8BPS\x00\x01", "Photoshop document"),
        (bytes(range(256)), "not an image, video or PDF"),
    ],
)
def test_other_files_are_named_in_the_reason(head, label):
    with pytest.raises(Rejected, match="unsupported file type") as refused:
        sniff(head)
    assert label in str(refused.value)
