"""Metadata as cameras and photographers' tools write it: EXIF orientation, and EXIF/XMP/IPTC written by exiftool."""

from __future__ import annotations

from datetime import datetime

import pytest
from PIL import Image

from tests.ingest import media
from tests.ingest.conftest import thumbnail

needs_exiftool = pytest.mark.skipif(
    media.EXIFTOOL is None, reason="exiftool is not installed (`make test` installs libimage-exiftool-perl)"
)

LIGHTROOM = (
    "-XMP-xmp:Rating=4",
    "-XMP-dc:Subject=beach",
    "-XMP-dc:Subject=summer",
    "-XMP-lr:HierarchicalSubject=Places|France|Paris",
    "-XMP-dc:Title=Golden hour",
    "-XMP-dc:Description=Dunes at dusk",
)


@pytest.mark.parametrize(
    "orientation, corner", [(1, "top left"), (3, "bottom right"), (6, "top right"), (8, "bottom left")]
)
def test_exif_orientation_is_applied(orientation, corner, tmp_path, ingest, record, library):
    # The picture has a red block in its top-left corner; the camera says how to turn it upright.
    (result,) = ingest(media.jpeg(tmp_path / "turned.jpg", 1, (96, 64), orientation=orientation))

    asset = record(result.asset_id)
    sideways = orientation in (6, 8)
    assert (asset["width"], asset["height"]) == ((64, 96) if sideways else (96, 64))
    for size in ("small", "large"):  # the small one made at ingest, the large one on first view
        thumb = thumbnail(library, result.asset_id, size).convert("RGB")
        assert thumb.size == (asset["width"], asset["height"])
        x = 4 if "left" in corner else thumb.width - 5
        y = 4 if "top" in corner else thumb.height - 5
        red, green, blue = thumb.getpixel((x, y))
        assert red > 180 and green < 90 and blue < 90, f"red block expected at the {corner} of the {size} one"


@needs_exiftool
def test_lightroom_xmp_iptc_and_exif_in_a_jpeg(tmp_path, ingest, record):
    path = media.jpeg(tmp_path / "DSC_0042.jpg", 2)
    media.exiftool(
        path, *LIGHTROOM, "-IPTC:Keywords=dunes", "-IPTC:Keywords=Sand Dunes",
        "-EXIF:DateTimeOriginal=2024:05:01 14:30:00", "-EXIF:Make=Canon", "-EXIF:Model=Canon EOS R5",
    )  # fmt: skip

    (result,) = ingest(path, tags=("client-x",))

    asset = record(result.asset_id)
    assert asset["name"] == "Golden hour" and asset["original_name"] == "DSC_0042.jpg"
    assert asset["description"] == "Dunes at dusk"
    assert asset["rating"] == 4
    # dc:subject, the leaf of the Lightroom hierarchy, IPTC keywords and the import's own tag.
    assert asset["tags"] == ["beach", "client-x", "dunes", "paris", "sand dunes", "summer"]
    assert asset["taken_at"] == datetime(2024, 5, 1, 14, 30)
    assert asset["camera"] == "Canon EOS R5"


@needs_exiftool
def test_iptc_alone_gives_title_caption_and_keywords(tmp_path, ingest, record):
    path = media.jpeg(tmp_path / "wire.jpg", 3)
    media.exiftool(
        path, "-IPTC:ObjectName=Harbour at dawn", "-IPTC:Caption-Abstract=Fishing boats leaving Ystad",
        "-IPTC:Keywords=harbour", "-IPTC:Keywords=Skåne", "-EXIF:Make=FUJIFILM", "-EXIF:Model=X-T4",
    )  # fmt: skip

    asset = record(ingest(path)[0].asset_id)

    assert asset["name"] == "Harbour at dawn"
    assert asset["description"] == "Fishing boats leaving Ystad"
    assert asset["tags"] == ["harbour", "skåne"]
    assert asset["camera"] == "FUJIFILM X-T4"
    assert asset["rating"] is None


@needs_exiftool
@pytest.mark.parametrize("name, make", [
    ("graphic.png", lambda p: media.save(media.picture(4), p, "PNG")),
    ("scan.tif", lambda p: media.save(media.picture(5), p, "TIFF")),
    ("web.webp", lambda p: media.save(media.picture(6), p, "WEBP")),
    ("phone.heic", lambda p: media.heic(p, 7)),
    ("guide.pdf", lambda p: media.pdf(p, pages=2)),
    ("clip.mp4", lambda p: media.video(p, "libx264")),
])  # fmt: skip
def test_xmp_is_read_from_every_container_exiftool_writes(name, make, tmp_path, ingest, record):
    path = make(tmp_path / name)
    media.exiftool(path, *LIGHTROOM)

    (result,) = ingest(path)

    assert result.status == "added", result.reason
    asset = record(result.asset_id)
    assert (asset["name"], asset["rating"]) == ("Golden hour", 4)
    assert {"beach", "summer", "paris"} <= set(asset["tags"])


@needs_exiftool
def test_unrated_and_rejected_ratings_mean_no_rating(tmp_path, ingest, record):
    unrated = media.jpeg(tmp_path / "a.jpg", 8)
    rejected = media.jpeg(tmp_path / "b.jpg", 9)
    media.exiftool(unrated, "-XMP-xmp:Rating=0")
    media.exiftool(rejected, "-XMP-xmp:Rating=-1")
    assert [record(r.asset_id)["rating"] for r in ingest(unrated, rejected)] == [None, None]


def test_options_override_what_the_file_says(tmp_path, ingest, record):
    path = media.jpeg(tmp_path / "c.jpg", 10)
    asset = record(ingest(path, rating=2, description="Chosen for the spring deck")[0].asset_id)
    assert (asset["rating"], asset["description"]) == (2, "Chosen for the spring deck")


def test_pdf_title_names_the_document(tmp_path, ingest, record):
    path = media.pdf(tmp_path / "bg-v3-final.pdf", pages=1)
    media.save(media.picture(1, (120, 160)), path, "PDF", title="Brand guidelines 2026")
    assert record(ingest(path)[0].asset_id)["name"] == "Brand guidelines 2026"


@pytest.mark.parametrize("name, fmt", [("a.heic", "HEIF"), ("a.avif", "AVIF"), ("a.webp", "WEBP"), ("a.png", "PNG")])
def test_orientation_is_applied_in_every_container_that_carries_it(name, fmt, tmp_path, ingest, record, library):
    exif = Image.Exif()
    exif[0x0112] = 6  # turn 90° clockwise to view: HEIF stores it as an irot box, the others as EXIF
    path = media.save(media.picture(1, (96, 64)), tmp_path / name, fmt, exif=exif.tobytes())

    asset = record(ingest(path)[0].asset_id)

    assert (asset["width"], asset["height"]) == (64, 96)
    for size in ("small", "large"):
        red, green, blue = thumbnail(library, asset["id"], size).convert("RGB").getpixel((60, 4))
        assert red > 180 and green < 90 and blue < 90  # the red block is now top right
