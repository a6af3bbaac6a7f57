"""More real photographs for the near-duplicate benchmark, from Debian packages (no internet at run time).

scikit-image and scikit-learn ship only 17 photographs: too few scenes to cut 10,000 honest distractors from.
These Debian packages ship a few hundred more real photographs (checked by eye; drawings, renders and abstract
art are left out):
- mate-backgrounds, lomiri-wallpapers-16.04, plasma-workspace-wallpapers: 40 wallpapers, 1.3 to 20 megapixels
  (landscapes, flowers, insects, water, forests, boats, a kite...);
- gcompris-qt-data: about 300 photographs of animals, monuments, tools, fish and buildings (WebP, 200 to 1,920
  pixels) that live inside its Qt resource files, read here by finding each embedded WebP file.
Photos that are copies of one another (gcompris reuses some) are dropped, keeping the first.
"""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path

import numpy as np
from PIL import Image

PACKAGES = ("mate-backgrounds", "lomiri-wallpapers-16.04", "plasma-workspace-wallpapers", "gcompris-qt-data")
_MATE = "/usr/share/backgrounds/mate/nature/{}.jpg"
_LOMIRI = "/usr/share/backgrounds/{}.jpg"
_PLASMA = "/usr/share/wallpapers/{}/contents/images/2560x1600.jpg"
WALLPAPERS = (
    [_MATE.format(n) for n in ("Aqua", "Blinds", "Dune", "FreshFlower", "Garden", "GreenMeadow", "LadyBird",
                                "RainDrops", "Storm", "TwoWings", "Wood", "YellowFlower")]
    + [_LOMIRI.format(n) for n in ("Bridge_by_Sander_Klootwijk", "Dragonfly_by_Bolly", "Picture_0B_by_freespace",
                                   "Picture_1A_by_freespace", "Wine_by_Jakkub_Mede", "aitzgorri_by_Aitzol_Berasategi",
                                   "free_by_Peter_Nerlich", "friends_by_Aitzol_Berasategi",
                                   "life_by_Aitzol_Berasategi", "picosdeeuropa_by_Aitzol_Berasategi",
                                   "seeding_by_Clements_Engelhardt", "sunset_by_Aitzol_Berasategi")]
    + [_PLASMA.format(n) for n in ("Autumn", "BytheWater", "ColdRipple", "ColorfulCups", "DarkestHour",
                                   "EveningGlow", "FallenLeaf", "Grey", "Kite", "OneStandsOut", "Path", "summer_1am")]
    + ["/usr/share/wallpapers/Volna/contents/images/5120x2880.jpg"]
)  # fmt: skip
GCOMPRIS = Path("/usr/share/gcompris-qt/rcc")
# Activities whose pictures are photographs (the others hold drawings, maps, paintings or puzzle pieces).
GCOMPRIS_PHOTOS = ("erase", "explore_monuments", "explore_world_animals", "explore_farm_animals", "categorization",
                   "details")  # fmt: skip
MIN_SIDE = 200  # smaller pictures are icons and puzzle pieces
MAX_SIDE = 2400  # decoded no larger: room for enough regions, and 300 photos still fit in about 1 GB
TWIN_SCORE = 0.95  # grey thumbnails this correlated are one photo shipped twice


def missing() -> list[str]:
    """The Debian packages not installed here (the benchmark says how to install them)."""
    found = {"gcompris-qt-data": GCOMPRIS.is_dir()}
    for path in WALLPAPERS:
        package = ("mate-backgrounds" if "/mate/" in path else "plasma-workspace-wallpapers" if "/wallpapers/" in path
                   else "lomiri-wallpapers-16.04")  # fmt: skip
        found[package] = found.get(package, True) and Path(path).exists()
    return [p for p in PACKAGES if not found[p]]


def _decoded(image: Image.Image) -> Image.Image:
    image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEGs decode at a reduced scale straight away
    image = image.convert("RGB")
    if max(image.size) > MAX_SIDE:
        scale = MAX_SIDE / max(image.size)
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    return image


def _gcompris() -> dict[str, Image.Image]:
    found = {}
    for activity in GCOMPRIS_PHOTOS:
        data = (GCOMPRIS / f"{activity}.rcc").read_bytes()
        for n, match in enumerate(re.finditer(rb"RIFF(....)WEBP", data, re.S)):
            size = struct.unpack("<I", match.group(1))[0]
            try:
                image = Image.open(io.BytesIO(data[match.start() : match.start() + 8 + size]))
                image.load()
            except (OSError, ValueError):
                continue
            if min(image.size) >= MIN_SIDE:
                found[f"gcompris/{activity}/{n}"] = _decoded(image)
    return found


def _signature(image: Image.Image) -> np.ndarray:
    grey = np.asarray(image.convert("L").resize((16, 16), Image.Resampling.BOX), np.float32).ravel()
    grey -= grey.mean()
    return grey / (np.linalg.norm(grey) + 1e-6)


def debian_photos() -> dict[str, Image.Image]:
    """The wallpaper photographs (named by file) and gcompris's photographs, copies of one another dropped."""
    photos = {Path(p).parent.parent.parent.name if "/contents/" in p else Path(p).stem: _decoded(Image.open(p))
              for p in WALLPAPERS}  # fmt: skip
    photos.update(_gcompris())
    return dedupe(photos)


def dedupe(photos: dict[str, Image.Image], keep: dict[str, Image.Image] | None = None) -> dict[str, Image.Image]:
    """Drop photos whose grey thumbnail (and shape) match one kept before them, or one in `keep`."""
    kept: list[tuple[np.ndarray, float]] = [(_signature(i), i.width / i.height) for i in (keep or {}).values()]
    out = {}
    for name, image in photos.items():
        signature, aspect = _signature(image), image.width / image.height
        if any(float(s @ signature) > TWIN_SCORE and abs(np.log(a / aspect)) < 0.1 for s, a in kept):
            continue
        kept.append((signature, aspect))
        out[name] = image
    return out
