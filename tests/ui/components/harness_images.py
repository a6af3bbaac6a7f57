"""Pillow-drawn test pictures (landscapes, product shots, a transparent logo) at thumbnail and preview sizes."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

PALETTES = [
    ((255, 183, 94), (237, 100, 166), (52, 31, 89)),
    ((137, 207, 240), (62, 122, 201), (14, 37, 74)),
    ((250, 225, 200), (212, 140, 90), (74, 44, 32)),
    ((190, 235, 200), (70, 160, 120), (18, 60, 52)),
    ((244, 236, 255), (160, 130, 235), (48, 30, 96)),
    ((255, 236, 179), (245, 158, 66), (120, 52, 20)),
]
THUMB_COUNT = 12
LARGE_COUNT = 6


def _palette(seed: int) -> tuple[tuple[int, int, int], ...]:
    return PALETTES[(seed * 5 + seed // len(PALETTES)) % len(PALETTES)]


def _gradient(size: tuple[int, int], top: tuple[int, ...], bottom: tuple[int, ...]) -> Image.Image:
    w, h = size
    column = Image.new("RGB", (1, h))
    for y in range(h):
        t = y / max(h - 1, 1)
        column.putpixel((0, y), tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize((w, h))


def landscape(size: tuple[int, int], seed: int) -> Image.Image:
    """A sunset: sky gradient, a soft sun and layered hills."""
    rnd = random.Random(seed)
    sky, mid, deep = _palette(seed)
    w, h = size
    img = _gradient(size, sky, mid).convert("RGBA")
    # The sun's glow is drawn and blurred small, then scaled up: the same look at a fraction of the cost.
    small = (max(w // 8, 1), max(h // 8, 1))
    glow = Image.new("RGBA", small, (255, 246, 220, 0))
    cx, cy, r = small[0] * rnd.uniform(0.3, 0.7), small[1] * rnd.uniform(0.3, 0.5), min(small) * 0.14
    ImageDraw.Draw(glow).ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 246, 220, 240))
    img = Image.alpha_composite(img, glow.filter(ImageFilter.GaussianBlur(r * 0.35)).resize(size, Image.BILINEAR)).convert("RGB")
    for layer in range(3):
        shade = tuple(int(m + (d - m) * (0.45 + layer * 0.27)) for m, d in zip(mid, deep))
        base = h * (0.58 + layer * 0.13)
        points = [(0, h)] + [(x, base - rnd.uniform(0, h * 0.12)) for x in range(0, w + 80, 80)] + [(w, h)]
        ImageDraw.Draw(img).polygon(points, fill=shade)
    return img


def product(size: tuple[int, int], seed: int) -> Image.Image:
    """A studio product shot: a bottle on a seamless backdrop with a soft shadow."""
    light, colour, dark = _palette(seed)
    w, h = size
    img = _gradient(size, (246, 244, 241), (226, 222, 216))
    shadow = Image.new("RGBA", size, (0, 0, 0, 0))
    bw, bh = int(w * 0.2), int(h * 0.55)
    x0, y0 = (w - bw) // 2, int(h * 0.25)
    ImageDraw.Draw(shadow).ellipse((x0 - bw * 0.3, y0 + bh - 12, x0 + bw * 1.3, y0 + bh + 22), fill=(0, 0, 0, 90))
    img = Image.alpha_composite(img.convert("RGBA"), shadow.filter(ImageFilter.GaussianBlur(12))).convert("RGB")
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((x0, y0, x0 + bw, y0 + bh), radius=bw // 4, fill=colour)
    draw.rounded_rectangle((x0 + bw * 0.3, y0 - bh * 0.12, x0 + bw * 0.7, y0 + 4), radius=6, fill=dark)
    draw.rounded_rectangle((x0 + 6, y0 + bh * 0.42, x0 + bw - 6, y0 + bh * 0.66), radius=4, fill=light)
    draw.rectangle((x0 + bw * 0.12, y0 + bh * 0.08, x0 + bw * 0.2, y0 + bh * 0.8), fill=tuple(min(255, c + 40) for c in colour))
    return img


def logo(size: tuple[int, int], seed: int) -> Image.Image:
    """A transparent logo mark: rings and a bar on nothing, so the card's checkerboard shows."""
    _, colour, dark = _palette(seed)
    w, h = size
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    r = int(min(w, h) * 0.3)
    cx, cy = w // 2, h // 2
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour + (255,), width=max(6, r // 5))
    draw.ellipse((cx - r // 3, cy - r // 3, cx + r // 3, cy + r // 3), fill=dark + (255,))
    draw.rectangle((cx + r * 0.7, cy - r * 0.12, cx + r * 1.45, cy + r * 0.12), fill=dark + (255,))
    return img


MAKERS = (landscape, product, landscape, logo, product, landscape)


def picture(i: int, size: tuple[int, int]) -> Image.Image:
    return MAKERS[i % len(MAKERS)](size, i)


def write_images(folder: Path) -> None:
    """t00..t11.png thumbnails (mixed orientations) and l00..l05.png 1600px previews."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(THUMB_COUNT):
        size = (480, 320) if i % 4 != 2 else (300, 420)
        picture(i, size).save(folder / f"t{i:02d}.png")
    for i in range(LARGE_COUNT):
        size = (1600, 1067) if i % 3 != 1 else (1100, 1600)
        picture(i, size).save(folder / f"l{i:02d}.png")
