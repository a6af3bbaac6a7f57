"""Real photographs for the near-duplicate benchmark: originals, their edited copies and many distractors.

No internet here, so the photos are the real ones shipped inside scikit-image (`skimage.data`) and scikit-learn
(`load_sample_images`): 17 photographs (astronaut, cameraman, cat, coffee, coins, Hubble deep field, retina,
rocket, moon, microscopy, clock, motorcycle, Chinese temple, flower, a photographed page and text). Pure
textures (grass, gravel, brick), drawings (horse, logo) and the stereo twin of the motorcycle are left out.

Originals are each photo whole and its four corner regions (60% of each side). Distractors are many more
regions of the same photos, at 12-50% of the short side, each overlapping every original and every other
distractor by less than a quarter (intersection over union < 0.25): real photographic content, distinct
framing, but honestly a narrower variety of scenes than 10,000 independent photos would give.
"""

from __future__ import annotations

import io
import random
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFont, ImageOps

PHOTOS = ("astronaut", "camera", "chelsea", "coffee", "coins", "hubble_deep_field", "retina", "rocket", "moon",
          "immunohistochemistry", "clock", "cell", "motorcycle", "page", "text", "china", "flower")  # fmt: skip
TRANSFORMS = ("resize30", "crop80", "jpeg30", "brighter25", "darker25", "rotate5", "flip", "text")
MAX_OVERLAP = 0.25


def source_photos() -> dict[str, Image.Image]:
    """The shipped photographs as RGB images."""
    from skimage import data
    from sklearn.datasets import load_sample_images

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        china, flower = load_sample_images().images
        found = {"motorcycle": data.stereo_motorcycle()[0], "china": china, "flower": flower}
        for name in PHOTOS:
            if name not in found:
                found[name] = getattr(data, name)()
    return {name: Image.fromarray(np.asarray(found[name])).convert("RGB") for name in PHOTOS}


@dataclass(frozen=True)
class Region:
    photo: str
    box: tuple[int, int, int, int]  # left, top, right, bottom


def _iou(a: tuple, b: tuple) -> float:
    w = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    area = lambda r: (r[2] - r[0]) * (r[3] - r[1])  # noqa: E731
    return inter / (area(a) + area(b) - inter)


def _max_iou(box: tuple, others: list[tuple]) -> float:
    o = np.asarray(others, np.float64).reshape(-1, 4)
    w = np.clip(np.minimum(box[2], o[:, 2]) - np.maximum(box[0], o[:, 0]), 0, None)
    h = np.clip(np.minimum(box[3], o[:, 3]) - np.maximum(box[1], o[:, 1]), 0, None)
    inter = w * h
    union = (box[2] - box[0]) * (box[3] - box[1]) + (o[:, 2] - o[:, 0]) * (o[:, 3] - o[:, 1]) - inter
    return float((inter / union).max()) if len(o) else 0.0


def original_regions(photos: dict[str, Image.Image]) -> list[Region]:
    regions = []
    for name, image in photos.items():
        w, h = image.size
        cw, ch = int(w * 0.6), int(h * 0.6)
        regions.append(Region(name, (0, 0, w, h)))
        regions += [Region(name, (x, y, x + cw, y + ch)) for x in (0, w - cw) for y in (0, h - ch)]
    return regions


def distractor_regions(photos: dict[str, Image.Image], originals: list[Region], count: int, seed: int = 7) -> list[Region]:
    """`count` regions spread evenly over the photos, none overlapping another region by MAX_OVERLAP or more."""
    rng = random.Random(seed)
    taken: dict[str, list[tuple]] = {name: [r.box for r in originals if r.photo == name] for name in photos}
    found: list[Region] = []
    per_photo = -(-count // len(photos))
    for name, image in photos.items():
        w, h = image.size
        short = min(w, h)
        placed, attempts = 0, 0
        while placed < per_photo and attempts < per_photo * 400:
            attempts += 1
            side = rng.uniform(0.12, 0.5) * short
            aspect = rng.uniform(0.75, 1.33)
            cw, ch = max(16, int(side * aspect ** 0.5)), max(16, int(side / aspect ** 0.5))
            x, y = rng.randrange(0, w - cw + 1), rng.randrange(0, h - ch + 1)
            box = (x, y, x + cw, y + ch)
            if _max_iou(box, taken[name]) < MAX_OVERLAP:
                taken[name].append(box)
                found.append(Region(name, box))
                placed += 1
    return found[:count]


def render(photos: dict[str, Image.Image], region: Region, rng: random.Random | None = None) -> Image.Image:
    """A region as an image of its own; distractors get a random size between 200 and 400 pixels."""
    image = photos[region.photo].crop(region.box)
    if rng is not None:
        long_side = rng.randint(200, 400)
        scale = long_side / max(image.size)
        image = image.resize((max(8, round(image.width * scale)), max(8, round(image.height * scale))),
                             Image.Resampling.LANCZOS)  # fmt: skip
    return image


def transformed(image: Image.Image, how: str) -> Image.Image:
    """One edited copy of an original, as an editor or a re-upload would make it."""
    w, h = image.size
    if how == "resize30":
        return image.resize((max(8, round(w * 0.3)), max(8, round(h * 0.3))), Image.Resampling.LANCZOS)
    if how == "crop80":
        dx, dy = round(w * 0.1), round(h * 0.1)
        return image.crop((dx, dy, w - dx, h - dy))
    if how == "jpeg30":
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=30)
        return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    if how in ("brighter25", "darker25"):
        return ImageEnhance.Brightness(image).enhance(1.25 if how == "brighter25" else 0.75)
    if how == "rotate5":
        return image.rotate(5, resample=Image.Resampling.BILINEAR)  # black corners, as a plain rotate leaves
    if how == "flip":
        return ImageOps.mirror(image)
    if how == "text":
        copy = image.copy()
        draw = ImageDraw.Draw(copy)
        font = ImageFont.load_default(size=max(10, h // 9))
        draw.text((w * 0.06, h * 0.68), "SUMMER SALE -50%", font=font, fill=(255, 255, 255),
                  stroke_width=max(1, h // 150), stroke_fill=(0, 0, 0))  # fmt: skip
        return copy
    raise ValueError(how)
