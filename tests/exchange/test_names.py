"""Entry names: safe on every file system, with the extension the content calls for, unique ignoring case."""

from __future__ import annotations

import pytest

from dam.exchange.names import UniqueNames, safe_file_name


@pytest.mark.parametrize(
    "name, mime, expected",
    [
        ("beach.jpg", "image/jpeg", "beach.jpg"),
        ("Beach.JPEG", "image/jpeg", "Beach.jpeg"),
        ("beach", "image/jpeg", "beach.jpg"),
        ("beach.png", "image/jpeg", "beach.jpg"),  # the extension follows the bytes, not the old name
        ("Q3.final", "image/png", "Q3.final.png"),  # a dot that is not an extension stays
        ("brief.pdf", "application/pdf", "brief.pdf"),
        ("clip", "video/quicktime", "clip.mov"),
        ("../../etc/passwd", "image/png", "_.._etc_passwd.png"),
        ("C:\\Users\\ana\\logo.svg", "image/svg+xml", "C__Users_ana_logo.svg"),
        ("tab\there\nnew\x00line.jpg", "image/jpeg", "tabherenewline.jpg"),
        ("invoice\u202egpj.exe", "image/jpeg", "invoicegpj.jpg"),  # a right-to-left override hid ".exe"
        ("  spaced   out  .jpg", "image/jpeg", "spaced out.jpg"),
        ("...", "image/jpeg", "asset-1.jpg"),
        ("", "image/png", "asset-1.png"),
        ("CON.png", "image/png", "_CON.png"),
        ("=SUM(A1).jpg", "image/jpeg", "SUM(A1).jpg"),
        ("é" * 200 + ".jpg", "image/jpeg", "é" * 90 + ".jpg"),  # 180 bytes of UTF-8 for the stem
        ("notes", "application/x-unknown-thing", "notes"),
    ],
)
def test_safe_file_name(name, mime, expected):
    assert safe_file_name(name, mime, "asset-1") == expected


def test_unique_names_number_clashes_ignoring_case():
    names = UniqueNames(reserved=("manifest.csv",))
    claimed = [names.claim(n) for n in ("beach.jpg", "Beach.jpg", "beach.jpg", "beach (2).jpg", "manifest.csv")]
    assert claimed == ["beach.jpg", "Beach (2).jpg", "beach (3).jpg", "beach (2) (2).jpg", "manifest (2).csv"]


def test_unique_names_without_extension():
    names = UniqueNames()
    assert [names.claim("notes"), names.claim("notes")] == ["notes", "notes (2)"]
