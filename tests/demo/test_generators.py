"""The demo's file generators: the same plan gives the same bytes, and each file is what it claims to be."""

from __future__ import annotations

import hashlib

import av
import pypdfium2
import pytest
from PIL import Image

from dam.demo import graphics, media, photos, plan, studio
from dam.demo.brands import BRANDS
from dam.demo.seed import make_file
from dam.ingest.metadata import find_xmp_packet, from_xmp


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sample() -> list[plan.PlannedAsset]:
    """One planned asset of every kind of file the demo makes."""
    assets = plan.planned_assets(plan.build(0.05))
    picked: dict[tuple, plan.PlannedAsset] = {}
    for asset in assets:
        scene = asset.spec.scene if asset.make == "photo" else None
        picked.setdefault((asset.make, scene, asset.filename.rsplit(".", 1)[-1]), asset)
    return list(picked.values())


def test_plan_is_the_same_on_every_build():
    assert plan.build(0.3) == plan.build(0.3)


def test_every_generator_makes_the_same_bytes_twice(tmp_path):
    assets = sample()
    assert {a.make for a in assets} == {"photo", "video", "logo", "guide"}
    first = [sha(make_file(a, tmp_path / "one")) for a in assets]
    second = [sha(make_file(a, tmp_path / "two")) for a in assets]
    assert first == second
    assert len(set(first)) == len(first)


@pytest.mark.parametrize("scene", ["landscape", "gradient", "product", "poster", "pattern"])
def test_scenes_vary_with_the_seed(scene):
    palette = ("#2f5d50", "#e07a2f", "#e9dcc3", "#34495e", "#7fb3d5")
    one = photos.render(photos.PhotoSpec(scene, 1, (320, 240), palette, text=("GO", "FURTHER", "now")))
    two = photos.render(photos.PhotoSpec(scene, 2, (320, 240), palette, text=("GO", "FURTHER", "now")))
    assert one.size == (320, 240) and one.mode == "RGB"
    assert one.tobytes() != two.tobytes()


def test_variants_are_all_drawable():
    palette = ("#3b2418", "#c0803e", "#f3e6d3", "#1f6f6b", "#b5452c")
    for shape in studio.SHAPES:
        assert photos.render(photos.PhotoSpec("product", 3, (300, 300), palette, shape, text=("A", "b"))).size == (300, 300)
    for kind in graphics.PATTERNS:
        assert photos.render(photos.PhotoSpec("pattern", 3, (300, 300), palette, kind)).size == (300, 300)
    for layout in graphics.POSTER_LAYOUTS:
        assert photos.render(photos.PhotoSpec("poster", 3, (300, 420), palette, layout, text=("A", "b"))).size == (300, 420)


def test_camera_photo_carries_exif_and_xmp(tmp_path):
    camera = photos.Camera("FUJIFILM", "X-T5", "XF16-55mm", plan.ANCHOR, orientation=6)
    xmp = photos.xmp_packet("Ridge at dawn", "First light.", 4, ("mountains", "sunrise"))
    path = photos.save(photos.render(photos.PhotoSpec("landscape", 5, (400, 300))), tmp_path / "a.jpg", camera, xmp)
    with Image.open(path) as image:
        exif = image.getexif()
        assert (exif[0x010F], exif[0x0110], exif[0x0112]) == ("FUJIFILM", "X-T5", 6)
        assert exif.get_ifd(0x8769)[0x9003] == plan.ANCHOR.strftime("%Y:%m:%d %H:%M:%S")
        assert image.size == (300, 400)  # stored sideways; shown upright after the orientation is applied
    embedded = from_xmp(find_xmp_packet(path.read_bytes()))
    assert (embedded.title, embedded.description, embedded.rating) == ("Ridge at dawn", "First light.", 4)
    assert embedded.tags == ("mountains", "sunrise")


@pytest.mark.parametrize("suffix, codec", [(".mp4", "h264"), (".webm", "vp9")])
def test_videos_are_short_real_encodes(tmp_path, suffix, codec):
    spec = media.video_spec(photos.PhotoSpec("gradient", 9, (320, 180)), (320, 180))
    path = media.video(tmp_path / f"clip{suffix}", spec, seconds=1.0, fps=12)
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == codec
        frames = [f.to_ndarray() for f in container.decode(video=0)]
    assert len(frames) == 12
    assert (frames[0] != frames[-1]).any()  # the picture moves


def test_logo_is_plain_svg_and_guide_a_multipage_pdf(tmp_path):
    look = BRANDS[0].look
    svg = media.logo(tmp_path / "logo.svg", look).read_text()
    assert "<script" not in svg and "href" not in svg and "<!ENTITY" not in svg
    assert look.name.split()[0].upper() in svg
    pdf = pypdfium2.PdfDocument(str(media.guide(tmp_path / "guide.pdf", look)))
    assert len(pdf) == 4
    assert "Colour palette" in pdf[1].get_textpage().get_text_range()
