"""Attachments: pictures and PDFs checked like uploads, stored apart from assets, shown as WebP thumbnails."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import replace

import pytest
from PIL import Image

from dam.errors import NotFound, Rejected
from dam.library import Library
from dam.repos import comments
from dam.services import thread_view, threads
from dam.services.attachments import PREFIX, Upload
from tests.factories import make_asset, make_brand, make_user


def picture(fmt: str, size=(640, 480), seed: int = 1, **params) -> bytes:
    image = Image.new("RGB", size, ((seed * 37) % 256, 90, 160))
    image.paste((250, 30, 30), (0, 0, size[0] // 3, size[1] // 3))
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def pdf(pages: int = 2) -> bytes:
    frames = [Image.new("RGB", (200, 260), (255, 255 - 40 * i, 255)) for i in range(pages)]
    out = io.BytesIO()
    frames[0].save(out, "PDF", save_all=True, append_images=frames[1:])
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG declaring a huge size and then stopping: the front of a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))


SAFE_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="#3a7"/></svg>'
MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64


def stored_keys(library: Library) -> set[str]:
    return set(library.store.keys(PREFIX))


GOOD = {
    "screenshot.png": lambda: picture("PNG"),
    "photo.jpg": lambda: picture("JPEG", quality=85),
    "brief.pdf": lambda: pdf(),
    "logo.svg": lambda: SAFE_SVG,
    "loop.gif": lambda: picture("GIF"),
    "no-extension": lambda: picture("PNG", seed=3),
}


@pytest.mark.parametrize("name", GOOD)
def test_pictures_and_pdfs_are_attached_with_a_webp_thumbnail(studio, name):
    data = GOOD[name]()
    cid = threads.post(studio.library, studio.viewer, studio.asset, "See attached", attachments=[Upload(name, data)])
    (item,) = thread_view.load(studio.library, studio.viewer, studio.asset).comments[0].attachments
    assert item.comment_id == cid and item.name == name and item.byte_size == len(data)
    assert item.blob_key.startswith(PREFIX + "blobs/") and item.thumb_key.startswith(PREFIX + "thumbs/")
    original, mime, shown = thread_view.attachment_file(studio.library, studio.viewer, item.id)
    assert original == data and mime == item.mime and shown == name
    thumb, thumb_mime, _ = thread_view.attachment_file(studio.library, studio.viewer, item.id, thumbnail=True)
    with Image.open(io.BytesIO(thumb)) as image:
        assert image.format == "WEBP" and max(image.size) <= 400 and thumb_mime == "image/webp"


def test_a_comment_may_be_only_an_attachment(studio):
    threads.post(studio.library, studio.viewer, studio.asset, "", attachments=[Upload("a.png", picture("PNG"))])
    assert comments.for_asset(studio.con, studio.asset)[0].body == ""


BAD = {
    "lying extension": ("photo.jpg", lambda: picture("PNG"), "file extension .jpg does not match its content (PNG)"),
    "text as a picture": ("notes.png", lambda: b"meeting notes\n", "unsupported file type (text)"),
    "html page": ("page.png", lambda: b"<!doctype html><script>alert(1)</script>", "unsupported file type (HTML page)"),
    "corrupt png": ("broken.png", lambda: picture("PNG")[:80] + b"\x00garbage" * 40, "corrupt or truncated PNG file"),
    "truncated jpeg": ("cut.jpg", lambda: picture("JPEG", (800, 600))[:2000], "corrupt or truncated JPEG file"),
    "decompression bomb": ("bomb.png", lambda: png_header_only(30_000, 30_000), "over the 250 MP limit"),
    "svg with script": ("evil.svg", lambda: SAFE_SVG.replace(b"</svg>", b"<script>alert(1)</script></svg>"), "script"),
    "svg with onload": ("evil.svg", lambda: SAFE_SVG.replace(b"<svg ", b'<svg onload="alert(1)" '), "onload"),
    "svg with remote link": ("ext.svg", lambda: SAFE_SVG.replace(b"<rect", b'<image href="https://evil.example/x.png"/><rect'), "http"),
    "a video": ("clip.mp4", lambda: MP4_HEAD, "not MP4 video"),
    "an archive": ("pack.zip", lambda: b"PK\x03\x04" + b"\x00" * 64, "ZIP archive"),
    "empty": ("empty.png", lambda: b"", "empty file"),
    "path in the name": ("../../etc/passwd.png", lambda: picture("PNG"), "path separator"),
    "backslash path": ("..\\evil.png", lambda: picture("PNG"), "path separator"),
    "disguised extension": ("photo\u202egnp.exe", lambda: picture("PNG"), "control characters"),
    "control character": ("bell\x07.png", lambda: picture("PNG"), "control characters"),
    "blank name": ("   ", lambda: picture("PNG"), "file name is empty"),
    "parent folder": ("..", lambda: picture("PNG"), "parent folder"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_attachments_are_refused_and_nothing_is_saved(studio, case):
    name, make, reason = BAD[case]
    with pytest.raises(Rejected) as refused:
        threads.post(studio.library, studio.viewer, studio.asset, "With a file", attachments=[Upload(name, make())])
    message = str(refused.value)
    assert reason.lower() in message.lower() and "\n" not in message
    assert comments.for_asset(studio.con, studio.asset) == []
    assert stored_keys(studio.library) == set()


def test_the_size_limit_is_a_setting(library, tmp_path):
    small = Library.open(replace(library.settings, data_dir=tmp_path / "small", attachment_max_bytes=2048))
    try:
        acme = make_brand(small, "Acme")
        someone = make_user(small, "sam", {acme: "creator"})
        asset = make_asset(small, acme, 1, status="approved")
        with pytest.raises(Rejected, match="over the 2.0 KiB limit"):
            threads.post(small, someone, asset, "big", attachments=[Upload("big.png", picture("PNG", (900, 900)))])
        assert set(small.store.keys(PREFIX)) == set()
    finally:
        small.close()


def test_a_refused_second_file_leaves_no_file_of_the_first(studio):
    uploads = [Upload("ok.png", picture("PNG", seed=5)), Upload("bad.png", picture("PNG")[:90])]
    with pytest.raises(Rejected, match="bad.png"):
        threads.post(studio.library, studio.viewer, studio.asset, "Two files", attachments=uploads)
    assert stored_keys(studio.library) == set()


def test_a_refused_mention_is_found_before_any_file_is_stored(studio):
    with pytest.raises(Rejected, match="no access"):
        threads.post(studio.library, studio.viewer, studio.asset, "@otto", attachments=[Upload("a.png", picture("PNG"))])
    assert stored_keys(studio.library) == set()


def test_too_many_files_are_refused(studio):
    uploads = [Upload(f"{i}.png", picture("PNG", (8, 8), seed=i)) for i in range(11)]
    with pytest.raises(Rejected, match="at most 10"):
        threads.post(studio.library, studio.viewer, studio.asset, "Many", attachments=uploads)


def test_attachments_are_stored_apart_from_assets_files(studio):
    data = picture("PNG", seed=9)
    threads.post(studio.library, studio.viewer, studio.asset, "x", attachments=[Upload("a.png", data)])
    keys = stored_keys(studio.library)
    assert len(keys) == 2 and all(k.startswith(PREFIX) for k in keys)  # the original and its small thumbnail
    assert not any(k.startswith(("blobs/", "thumbs/")) and "attach" in k for k in studio.library.store.keys(""))


def test_deleting_a_comment_removes_its_files_unless_another_comment_shows_them(studio):
    data = picture("PNG", seed=11)
    first = threads.post(studio.library, studio.viewer, studio.asset, "one", attachments=[Upload("a.png", data)])
    second = threads.post(studio.library, studio.creator, studio.asset, "two", attachments=[Upload("b.png", data)])
    threads.delete(studio.library, studio.viewer, first)
    assert len(stored_keys(studio.library)) == 2  # still shown by the second comment
    threads.delete(studio.library, studio.creator, second)
    assert stored_keys(studio.library) == set()


def test_attachment_files_follow_the_thread_s_permissions(studio):
    threads.post(studio.library, studio.creator, studio.draft, "draft notes", attachments=[Upload("d.png", picture("PNG"))])
    (item,) = comments.attachments_for(studio.con, [comments.for_asset(studio.con, studio.draft)[0].id]).popitem()[1]
    assert thread_view.attachment_file(studio.library, studio.manager, item.id)[0]
    for reader in (studio.viewer, studio.outsider):  # the viewer cannot see a draft; otto is not in Acme
        with pytest.raises(NotFound, match=f"No attachment with id {item.id}"):
            thread_view.attachment_file(studio.library, reader, item.id)


@pytest.mark.parametrize("name", ["<img src=x onerror=alert(1)>.png", "[x](javascript:alert(1)).png", "&lt;b&gt;.png"])
def test_odd_but_harmless_file_names_are_kept_as_typed(studio, name):
    threads.post(studio.library, studio.viewer, studio.asset, "named", attachments=[Upload(name, picture("PNG"))])
    (item,) = thread_view.load(studio.library, studio.viewer, studio.asset).comments[0].attachments
    assert item.name == name  # the thread shows it with st.text and offers it only as a download name


def test_purging_an_asset_s_thread_leaves_no_rows_and_frees_its_files(studio):
    from dam.services.attachments import discard

    cid = threads.post(studio.library, studio.viewer, studio.asset, "a", attachments=[Upload("a.png", picture("PNG"))])
    threads.react(studio.library, studio.creator, cid, "👍")
    threads.resolve(studio.library, studio.creator, studio.asset)
    with studio.library.catalog.transaction() as con:
        files = comments.purge_for_asset(con, studio.asset)
    discard(studio.library, files)
    assert comments.for_asset(studio.con, studio.asset) == [] and comments.resolution(studio.con, studio.asset) is None
    assert comments.reactions_for(studio.con, [cid]) == [] and stored_keys(studio.library) == set()
