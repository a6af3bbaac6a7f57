"""Real photographs for the near-duplicate benchmark: originals, their edited copies and many distractors.

No internet here, so the photos are real ones shipped by installed packages. The originals under test are the
17 photographs inside scikit-image (`skimage.data`) and scikit-learn (`load_sample_images`) (astronaut,
cameraman, cat, coffee, coins, Hubble deep field, retina, rocket, moon, microscopy, clock, motorcycle, Chinese
temple, flower, a photographed page and text), each whole and its four corner regions, plus the 37 Debian
wallpaper photographs whole (dam/bench/similar_sources.py). Pure textures (grass, gravel, brick), drawings
(horse, logo) and the stereo twin of the motorcycle are left out.

Distractors come from all of them and from about 250 more photographs (gcompris): each photo not under test
whole, then regions of it at 128 pixels up to half its short side, each overlapping every original and every
other distractor by less than a quarter (intersection over union < 0.25). So a distractor is never a
near-duplicate of an original (a crop80 copy overlaps its original by 0.64); it can be a wider or closer view
of the same scene, which is the hard case a real library has too.
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
MIN_REGION = 128  # pixels of the photo: smaller regions would be blown up into blur


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


def benchmark_set() -> tuple[dict[str, Image.Image], list["Region"]]:
    """Every photo of the benchmark and the original regions under test."""
    from dam.bench import similar_sources

    shipped = source_photos()
    extra = similar_sources.debian_photos()
    wallpapers = tuple(name for name in extra if not name.startswith("gcompris/"))
    photos = {**shipped, **similar_sources.dedupe(extra, keep=shipped)}
    return photos, original_regions({n: photos[n] for n in (*shipped, *wallpapers) if n in photos}, wallpapers)


@dataclass(frozen=True)
class Region:
    photo: str
    box: tuple[int, int, int, int]  # left, top, right, bottom


def _max_iou(box: tuple, others: list[tuple]) -> float:
    o = np.asarray(others, np.float64).reshape(-1, 4)
    w = np.clip(np.minimum(box[2], o[:, 2]) - np.maximum(box[0], o[:, 0]), 0, None)
    h = np.clip(np.minimum(box[3], o[:, 3]) - np.maximum(box[1], o[:, 1]), 0, None)
    inter = w * h
    union = (box[2] - box[0]) * (box[3] - box[1]) + (o[:, 2] - o[:, 0]) * (o[:, 3] - o[:, 1]) - inter
    return float((inter / union).max()) if len(o) else 0.0


def original_regions(photos: dict[str, Image.Image], whole_only: tuple[str, ...] = ()) -> list[Region]:
    """Each shipped photo whole and its four corner regions (60% of each side); the `whole_only` photos whole."""
    regions = []
    for name, image in photos.items():
        w, h = image.size
        regions.append(Region(name, (0, 0, w, h)))
        if name in whole_only:
            continue
        cw, ch = int(w * 0.6), int(h * 0.6)
        regions += [Region(name, (x, y, x + cw, y + ch)) for x in (0, w - cw) for y in (0, h - ch)]
    return regions


def detail(image: Image.Image) -> float:
    """Mean grey gradient at 64 pixels: how much there is to see (plain sky is near 0, a street scene 0.05)."""
    grey = np.asarray(image.convert("L").resize((64, 64), Image.Resampling.BOX), np.float32) / 255.0
    gy, gx = np.gradient(grey)
    return float(np.hypot(gx, gy).mean())


def distractor_regions(photos: dict[str, Image.Image], originals: list[Region], count: int, seed: int = 7,
                       min_detail: float = 0.0) -> list[Region]:  # fmt: skip
    """`count` regions taken round-robin over the photos, none overlapping another region by MAX_OVERLAP or more.

    A photo that is not an original gives itself whole first; then regions of 128 pixels up to half its short
    side (log-uniform, so every scale is represented), until it has no room left. Round-robin keeps the photos
    equally represented until the small ones are full; the large ones give the rest. Regions with less `detail`
    than `min_detail` (the benchmark passes that of its least detailed original) are skipped: a crop of plain
    sky or of a blurred background is no photograph anyone files, and any two of them look the same to any
    matcher, so they would count as false duplicate groups that say nothing about the descriptor.
    """
    rng = random.Random(seed)
    taken: dict[str, list[tuple]] = {name: [r.box for r in originals if r.photo == name] for name in photos}
    found: list[Region] = []
    open_photos = list(photos)
    while open_photos and len(found) < count:
        for name in list(open_photos):
            box = _room_for_one(photos[name].size, taken[name], rng)
            if box is None:
                open_photos.remove(name)
                continue
            taken[name].append(box)  # taken even when too plain: the next try lands elsewhere
            if detail(photos[name].crop(box)) < min_detail:
                continue
            found.append(Region(name, box))
            if len(found) == count:
                break
    return found


def _room_for_one(size: tuple[int, int], taken: list[tuple], rng: random.Random, attempts: int = 300) -> tuple | None:
    w, h = size
    if not taken:
        return (0, 0, w, h)
    low, high = MIN_REGION, min(w, h) / 2
    if high < low:
        return None
    for _ in range(attempts):
        side = float(np.exp(rng.uniform(np.log(low), np.log(high))))
        aspect = rng.uniform(0.75, 1.33)
        cw, ch = min(w, int(side * aspect**0.5)), min(h, int(side / aspect**0.5))
        x, y = rng.randrange(0, w - cw + 1), rng.randrange(0, h - ch + 1)
        box = (x, y, x + cw, y + ch)
        if _max_iou(box, taken) < MAX_OVERLAP:
            return box
    return None


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
