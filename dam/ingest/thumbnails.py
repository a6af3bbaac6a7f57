"""Thumbnails (WebP, two sizes), the dominant-colour palette and the visual vector, made from a decoded picture.

Ingest makes the small (grid) thumbnail; the large (viewer) preview is made from the original the first time it is
asked for (dam/ingest/previews.py), except for videos, whose poster costs a pass over the whole file.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from dam.storage.base import THUMB_SIZES

LARGE = THUMB_SIZES["large"]
SMALL = THUMB_SIZES["small"]
PALETTE_COLOURS = 5
WEBP_QUALITY = 80
# method=0 is libwebp's fastest setting: a 1600 px thumbnail encodes several times faster than the default (4)
# for a file about 20% larger, which a thumbnail can afford.
WEBP_METHOD = 0
# Decoders hand over pictures at most this many times the thumbnail they are decoded for: enough to shrink from
# with a good filter, small enough to stay cheap.
WORKING_FACTOR = 2
# Area averaging: the right filter for shrinking and the cheapest one that is (a 2000 -> 1600 px shrink takes
# 19 ms with it, 28 ms bilinear). Integer factors go through Pillow's even faster reduce() first.
RESAMPLE = Image.Resampling.BOX


def fit(size: tuple[int, int], box: int) -> tuple[int, int]:
    """The size of a picture shrunk (never enlarged) to fit in a box x box square."""
    width, height = size
    scale = min(1.0, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def shrink(picture: Image.Image, box: int) -> Image.Image:
    """The picture fitted into a box x box square (the same object when it already fits)."""
    target = fit(picture.size, box)
    if target == picture.size:
        return picture
    return picture.resize(target, RESAMPLE, reducing_gap=1.0)


def displayable(picture: Image.Image) -> Image.Image:
    """The picture in RGB, or RGBA when it has real transparency, whatever mode it was decoded in."""
    mode = picture.mode
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        picture = _to_8_bit(picture)
    elif mode in ("P", "PA", "LA", "La", "RGBa", "RGBA") or "transparency" in picture.info:
        picture = picture.convert("RGBA")
        if picture.getextrema()[3][0] == 255:  # an alpha channel that hides nothing only slows encoding
            picture = picture.convert("RGB")
    elif mode != "RGB":
        picture = picture.convert("RGB")
    return picture


def _to_8_bit(picture: Image.Image) -> Image.Image:
    # 16-bit and float pictures (scientific TIFFs, 16-bit PNGs) are stretched to their own range.
    values = np.asarray(picture, dtype=np.float32)
    low, high = float(values.min()), float(values.max())
    scaled = (values - low) * (255.0 / (high - low)) if high > low else np.zeros_like(values)
    return Image.fromarray(scaled.astype(np.uint8), "L").convert("RGB")


def fitted(picture: Image.Image, box: int) -> Image.Image:
    """A decoded, upright picture as a thumbnail picture fitted into a box x box square."""
    return shrink(displayable(picture), box)


def sized(picture: Image.Image) -> tuple[Image.Image, Image.Image]:
    """The small and large thumbnail pictures of a decoded, upright picture (both made at once: a video's poster).

    The small one is shrunk from the large one, not from the decoded picture: a quarter of the pixels to read
    (a 1600 px picture goes to 400 px by Pillow's integer reduce alone), for the same result.
    """
    large = fitted(picture, LARGE)
    return shrink(large, SMALL), large


def encode_webp(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    return out.getvalue()


def palette(picture: Image.Image, colours: int = PALETTE_COLOURS) -> list[str]:
    """Up to `colours` dominant colours as "#rrggbb", most covered first; transparent pixels do not count."""
    sample = displayable(picture).copy()
    sample.thumbnail((64, 64), Image.Resampling.BOX)
    pixels = np.asarray(sample.convert("RGBA")).reshape(-1, 4)
    pixels = pixels[pixels[:, 3] >= 128][:, :3]
    if len(pixels) == 0:
        return []
    strip = Image.fromarray(np.ascontiguousarray(pixels).reshape(1, -1, 3), "RGB")
    quantized = strip.quantize(colors=colours, method=Image.Quantize.MEDIANCUT)
    lut = quantized.getpalette() or []
    counts = sorted(quantized.getcolors() or [], reverse=True)
    found = ["#{:02x}{:02x}{:02x}".format(*lut[3 * index : 3 * index + 3]) for _count, index in counts]
    return list(dict.fromkeys(found))[:colours]


def visual_vector(small_webp: bytes) -> np.ndarray:
    """The built-in similarity descriptor of a small thumbnail, read back from its WebP bytes.

    Read back rather than taken from the picture before encoding: `python -m dam reindex` describes the stored
    thumbnail (dam/similar/compute.py), and both must give the same vector.
    """
    from dam.similar.embedders import Descriptor

    with Image.open(io.BytesIO(small_webp)) as image:
        image.load()
        return Descriptor().embed([image])[0]
