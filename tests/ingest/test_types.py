"""Every supported type, made for real by the libraries studios' tools use, goes in with the right facts."""

from __future__ import annotations

import hashlib

import pytest

from dam.storage import blob_key, thumb_key
from tests.ingest import media
from tests.ingest.conftest import thumbnail

# name -> (maker, kind, mime, width, height)
CASES = {
    "photo.jpg": (lambda p: media.jpeg(p, 1, (96, 64)), "image", "image/jpeg", 96, 64),
    "graphic.png": (lambda p: media.save(media.picture(2, (80, 60), "RGBA"), p, "PNG"), "image", "image/png", 80, 60),
    "web.webp": (lambda p: media.save(media.picture(3), p, "WEBP"), "image", "image/webp", 96, 64),
    "loop.gif": (lambda p: media.animated_gif(p, (64, 48)), "image", "image/gif", 64, 48),
    "scan.tif": (lambda p: media.save(media.picture(4), p, "TIFF"), "image", "image/tiff", 96, 64),
    "old.bmp": (lambda p: media.save(media.picture(5), p, "BMP"), "image", "image/bmp", 96, 64),
    "phone.heic": (lambda p: media.heic(p, 6), "image", "image/heic", 96, 64),
    "modern.avif": (lambda p: media.save(media.picture(7), p, "AVIF", quality=60), "image", "image/avif", 96, 64),
    "logo.svg": (media.svg, "image", "image/svg+xml", 120, 60),
    "guide.pdf": (lambda p: media.pdf(p, pages=3, size=(120, 160)), "document", "application/pdf", 120, 160),
    "clip.mp4": (lambda p: media.video(p, "libx264"), "video", "video/mp4", 64, 48),
    "clip.mov": (lambda p: media.video(p, "libx264"), "video", "video/quicktime", 64, 48),
    "clip.m4v": (lambda p: media.video(p, "libx264", container="mp4"), "video", "video/mp4", 64, 48),
    "clip.webm": (lambda p: media.video(p, "libvpx-vp9"), "video", "video/webm", 64, 48),
}


@pytest.mark.parametrize("name", CASES)
def test_supported_type_is_added_with_its_facts_and_files(name, tmp_path, ingest, record, library):
    maker, kind, mime, width, height = CASES[name]
    path = maker(tmp_path / name)

    (result,) = ingest(path)

    assert result.status == "added", result.reason
    asset = record(result.asset_id)
    assert (asset["kind"], asset["mime"], asset["width"], asset["height"]) == (kind, mime, width, height)
    assert asset["original_name"] == name and asset["name"] == name.rsplit(".", 1)[0]
    assert asset["status"] == "draft" and asset["source"] == "uploaded"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert asset["sha256"] == sha and asset["byte_size"] == path.stat().st_size
    assert asset["blob_key"] == blob_key(sha)
    with library.store.open(blob_key(sha)) as f:
        assert f.read() == path.read_bytes()
    # The large preview's key is recorded; a video's poster gives it at once, any other kind's waits for a view.
    assert library.store.exists(thumb_key(sha, "large")) == (kind == "video")
    for size, box in (("small", 400), ("large", 1600)):
        assert asset[f"thumb_{size}_key"] == thumb_key(sha, size)
        thumb = thumbnail(library, result.asset_id, size)
        assert thumb.format == "WEBP" and max(thumb.size) <= box
    assert 1 <= len(asset["palette"]) <= 5
    assert all(c.startswith("#") and len(c) == 7 for c in asset["palette"])


def test_video_has_duration_fps_and_a_poster(tmp_path, ingest, record):
    (result,) = ingest(media.video(tmp_path / "clip.mp4", "libx264", frames=24, fps=12))
    asset = record(result.asset_id)
    assert asset["duration"] == pytest.approx(2.0, abs=0.1)
    assert asset["fps"] == pytest.approx(12.0)


def test_pdf_counts_pages_and_draws_the_first(tmp_path, ingest, record, library):
    (result,) = ingest(media.pdf(tmp_path / "guide.pdf", pages=3, size=(120, 160)))
    asset = record(result.asset_id)
    assert asset["page_count"] == 3
    for size in ("small", "large"):
        page = thumbnail(library, result.asset_id, size).convert("RGB")
        # The first page was drawn: its red block sits in the top-left corner, as in the picture it was made from.
        red, green, blue = page.getpixel((page.width // 8, page.height // 8))
        assert red > 180 and green < 90 and blue < 90


def test_svg_thumbnail_is_drawn_from_the_vector(tmp_path, ingest, record, library):
    (result,) = ingest(media.svg(tmp_path / "logo.svg"))
    asset = record(result.asset_id)
    # Vectors are drawn at full thumbnail size, whatever their own size.
    assert thumbnail(library, result.asset_id, "small").size == (400, 200)
    assert thumbnail(library, result.asset_id, "large").size == (1600, 800)
    assert "#facc15" in asset["palette"]  # the yellow dots


def test_animated_gif_uses_its_first_frame(tmp_path, ingest, library):
    (result,) = ingest(media.animated_gif(tmp_path / "loop.gif", (64, 48), frames=3))
    thumb = thumbnail(library, result.asset_id, "small").convert("RGB")
    first = media.picture(0, (64, 48)).convert("P").convert("RGB")
    assert _close(thumb.getpixel((40, 40)), first.getpixel((40, 40)))


def test_large_jpeg_gets_thumbnails_of_400_and_1600(tmp_path, ingest, library):
    (result,) = ingest(media.jpeg(tmp_path / "big.jpg", 9, (2000, 1500)))
    sizes = {size: thumbnail(library, result.asset_id, size).size for size in ("small", "large")}
    assert sizes == {"small": (400, 300), "large": (1600, 1200)}


def _close(a, b, tolerance=40):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))
