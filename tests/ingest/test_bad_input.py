"""Bad input gets a clear one-line reason, is rejected, and the batch goes on."""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace

import pytest
from PIL import Image

from dam.ingest import ImportOptions, import_file, import_paths
from dam.library import Library
from tests.ingest import media
from tests.ingest.conftest import stored_keys


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a size in its header and then stops: what a decompression bomb looks like up front."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))


def written(path, data: bytes):
    path.write_bytes(data)
    return path


def truncated(path, keep: float = 0.5):
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


BAD_FILES = {
    "empty.jpg": (lambda p: written(p, b""), "empty file"),
    "cut.jpg": (lambda p: truncated(media.jpeg(p, 1, (400, 300))), "corrupt or truncated JPEG file"),
    "garbled.png": (
        lambda p: written(p, media.encoded(media.picture(2), "PNG")[:60] + b"\x00garbage" * 50),
        "corrupt or truncated PNG file",
    ),
    "cut.mp4": (lambda p: truncated(media.video(p, "libx264", frames=36)), "video"),
    "cut.webm": (lambda p: truncated(media.video(p, "libvpx-vp9", frames=36), 0.6), "truncated video"),
    "noise.webm": (lambda p: written(p, b"\x1a\x45\xdf\xa3\x42\x82\x84webm" + bytes(range(256)) * 8), "corrupt"),
    "notes.txt": (lambda p: written(p, b"meeting notes\n"), "unsupported file type (text)"),
    "archive.zip": (lambda p: written(p, b"PK\x03\x04" + b"\x00" * 100), "unsupported file type (ZIP"),
    "lying.jpg": (lambda p: media.save(media.picture(3), p, "PNG"),
                  "file extension .jpg does not match its content (PNG)"),
    "photo.txt": (lambda p: media.jpeg(p, 4), "file extension .txt does not match its content (JPEG)"),
    "IMG_0001.CR2": (lambda p: media.save(media.picture(5), p, "TIFF"), "unsupported file type (camera raw .cr2)"),
    "bomb.png": (lambda p: written(p, png_header_only(30_000, 30_000)),
                 "image is 30000×30000 (900 MP), over the 250 MP limit"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_is_rejected_with_a_reason(name, tmp_path, ingest, library):
    maker, reason = BAD_FILES[name]
    path = maker(tmp_path / name)

    (result,) = ingest(path)

    assert result.status == "rejected" and result.asset_id is None
    assert reason in result.reason
    assert "\n" not in result.reason and len(result.reason) < 240
    assert stored_keys(library) == set()  # nothing stored for a rejected file


def test_the_batch_goes_on_past_bad_files(tmp_path, ingest):
    good = [media.jpeg(tmp_path / f"good-{i}.jpg", seed=10 + i) for i in range(3)]
    bad = [(tmp_path / "empty.png"), media.save(media.picture(1), tmp_path / "lying.gif", "PNG")]
    bad[0].write_bytes(b"")

    results = ingest(good[0], bad[0], good[1], bad[1], good[2])

    assert [r.status for r in results] == ["added", "rejected", "added", "rejected", "added"]
    assert [r.path for r in results] == [str(p) for p in (good[0], bad[0], good[1], bad[1], good[2])]


def test_missing_file_and_folder_entries_are_reported(tmp_path, ingest):
    (result,) = ingest(tmp_path / "nowhere.jpg")
    assert result.status == "rejected" and "No such file" in result.reason


@pytest.mark.parametrize(
    "name, reason",
    [
        ("../escape.png", "path separator"),
        ("..\\escape.png", "path separator"),
        ("..", "parent folder"),
        ("bell\x07.png", "control characters"),
        ("line\nbreak.png", "control characters"),
        ("photo\u202egnp.exe", "control characters"),
        ("x" * 300 + ".png", "longer than 255 bytes"),
        ("   ", "empty"),
    ],
)
def test_hostile_names_are_rejected(name, reason, tmp_path, library):
    upload = media.save(media.picture(1), tmp_path / "upload.tmp", "PNG")

    result = import_file(library, upload, ImportOptions(brand="Acme"), display_name=name)

    assert result.status == "rejected" and reason in result.reason


def test_hostile_name_on_disk_is_rejected_but_its_folder_path_is_fine(tmp_path, ingest):
    folder = tmp_path / "shoot .. (copy)"
    media.jpeg(folder / "ok.jpg", 1)
    media.jpeg(folder / "tab\there.jpg", 2)

    results = {r.path.rsplit("/", 1)[-1]: r for r in ingest(folder)}

    assert results["ok.jpg"].status == "added"
    assert results["tab\there.jpg"].status == "rejected" and "control characters" in results["tab\there.jpg"].reason


def test_limits_come_from_settings(tmp_path, settings):
    limited = replace(settings, data_dir=tmp_path / "limited", max_bytes=2000, max_pixels=50 * 50)
    big_file = media.jpeg(tmp_path / "big.jpg", 1, (400, 300))
    many_pixels = media.save(Image.new("RGB", (60, 60), "teal"), tmp_path / "wide.png", "PNG")
    with Library.open(limited) as library:
        results = list(import_paths(library, [big_file, many_pixels], ImportOptions(brand="Acme")))
    assert results[0].reason.startswith("file is ") and "over the 2.0 KiB limit" in results[0].reason
    assert results[1].reason == "image is 60×60 (0.0036 MP), over the 0.0025 MP limit"
