"""Drawing helpers shared by the demo generators: colours, fonts, smooth fields, grain and text fitting."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

# Liberation first (metric-compatible with the fonts designers use), DejaVu as the Debian default, then
# Pillow's bundled font so that a machine without any system font still draws text.
_FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu"))
_FONT_FILES = {
    "sans": ("LiberationSans-Regular.ttf", "DejaVuSans.ttf"),
    "sans-bold": ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
    "narrow-bold": ("LiberationSansNarrow-Bold.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "serif": ("LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"),
    "serif-bold": ("LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"),
    "serif-italic": ("LiberationSerif-Italic.ttf", "DejaVuSerif-Italic.ttf"),
    "mono": ("LiberationMono-Bold.ttf", "DejaVuSansMono-Bold.ttf"),
}


def rgb(hex_colour: str) -> np.ndarray:
    """'#rrggbb' as three floats in 0..1."""
    h = hex_colour.lstrip("#")
    return np.array([int(h[i : i + 2], 16) for i in (0, 2, 4)], dtype=np.float32) / 255.0


def hex_of(colour: np.ndarray) -> str:
    r, g, b = (int(round(float(c) * 255)) for c in np.clip(colour, 0, 1))
    return f"#{r:02x}{g:02x}{b:02x}"


def rgb255(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def mix(a: np.ndarray, b: np.ndarray, t: float | np.ndarray) -> np.ndarray:
    return a + (b - a) * t


def luminance(colour: np.ndarray) -> float:
    return float(colour @ np.array([0.2126, 0.7152, 0.0722], dtype=np.float32))


@lru_cache(maxsize=64)
def font(style: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in _FONT_FILES[style]:
        for folder in _FONT_DIRS:
            if (folder / name).is_file():
                return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def fit_font(draw: ImageDraw.ImageDraw, text: str, style: str, max_width: float, max_size: int):
    """The largest font of a style (down to 8 px) in which `text` fits `max_width`."""
    size = max_size
    while size > 8:
        f = font(style, size)
        if draw.textlength(text, font=f) <= max_width:
            return f
        size = int(size * 0.9)
    return font(style, 8)


def grid(w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixel-centre coordinates normalised to 0..1, shaped for broadcasting (1, w) and (h, 1)."""
    xs = (np.arange(w, dtype=np.float32) + 0.5) / w
    ys = (np.arange(h, dtype=np.float32) + 0.5) / h
    return xs[None, :], ys[:, None]


def vertical(h: int, w: int, stops: list[tuple[float, np.ndarray]]) -> np.ndarray:
    """An (h, w, 3) vertical gradient through colour stops given as (position 0..1, colour)."""
    ys = (np.arange(h, dtype=np.float32) + 0.5) / h
    pos = [p for p, _ in stops]
    column = np.stack([np.interp(ys, pos, [c[i] for _, c in stops]) for i in range(3)], axis=-1)
    return np.broadcast_to(column[:, None, :], (h, w, 3)).astype(np.float32)


def upscale(field: np.ndarray, w: int, h: int) -> np.ndarray:
    """A small smooth field (h', w') or (h', w', 3) resized to full size: smooth things are computed small."""
    if field.ndim == 2:
        return np.asarray(Image.fromarray(field.astype(np.float32), "F").resize((w, h), Image.BICUBIC))
    # Colour goes through 8-bit RGB, which Pillow resizes several times faster than three float planes;
    # the pictures end as 8-bit JPEGs anyway.
    return to_array(to_image(field).resize((w, h), Image.BICUBIC))


def noise1d(rng: np.random.Generator, n: int, base: int = 3, octaves: int = 5, falloff: float = 0.5) -> np.ndarray:
    """Smooth 1-D value noise in 0..1 (ridge lines, shorelines): octaves of smoothstep-interpolated randoms."""
    x = np.linspace(0.0, 1.0, n, dtype=np.float64)
    out = np.zeros(n)
    amp, total, freq = 1.0, 0.0, base
    for _ in range(octaves):
        knots = rng.random(freq + 2)
        p = x * freq
        i = np.floor(p).astype(int)
        f = p - i
        s = f * f * (3 - 2 * f)
        out += amp * (knots[i] * (1 - s) + knots[i + 1] * s)
        total += amp
        amp *= falloff
        freq *= 2
    return (out / total).astype(np.float32)


def blobs(rng: np.random.Generator, w: int, h: int, colours: list[np.ndarray], base: np.ndarray, t: float = 0.0):
    """A mesh-gradient look: colours spread from random centres, blended by distance (computed at 1/8 size)."""
    sw, sh = max(8, w // 8), max(8, h // 8)
    xs, ys = grid(sw, sh)
    total = np.full((sh, sw, 1), 0.15, dtype=np.float32)
    acc = total * base
    for colour in colours:
        cx, cy, r = rng.random(), rng.random(), 0.25 + 0.35 * rng.random()
        # `t` drifts each centre along its own small circle so that videos can animate the same field.
        phase = rng.random() * 2 * np.pi
        cx += 0.12 * np.cos(phase + 2 * np.pi * t)
        cy += 0.12 * np.sin(phase + 2 * np.pi * t)
        weight = np.exp(-(((xs - cx) * w / h) ** 2 + (ys - cy) ** 2) / (r * r))[..., None]
        acc = acc + weight * colour
        total = total + weight
    return upscale(acc / total, w, h)


def vignette(img: np.ndarray, strength: float = 0.25) -> np.ndarray:
    h, w = img.shape[:2]
    xs, ys = grid(w, h)
    r2 = ((xs - 0.5) ** 2 + (ys - 0.5) ** 2) * 2
    return img * (1 - strength * r2)[..., None]


def grain(img: np.ndarray, rng: np.random.Generator, amount: float = 0.015) -> np.ndarray:
    """Film grain: a little luminance noise makes flat procedural colour read as a photograph."""
    h, w = img.shape[:2]
    return img + _grain_field(rng, w, h) * amount


@lru_cache(maxsize=1)
def _grain_tile() -> np.ndarray:
    return np.random.default_rng(7).standard_normal((512, 512), dtype=np.float32)


def _grain_field(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    # One cached noise tile, repeated from a random offset, is several times cheaper than fresh noise per
    # picture, and a repeat every 512 px is invisible in grain.
    oy, ox = (int(v) for v in rng.integers(0, 512, 2))
    big = np.tile(_grain_tile(), ((h + oy) // 512 + 1, (w + ox) // 512 + 1))
    return big[oy : oy + h, ox : ox + w, None]


def finish(img: np.ndarray, size: tuple[int, int], rng: np.random.Generator, amount: float = 0.015) -> Image.Image:
    """A picture drawn small, scaled up to `size` and given grain at full size (smooth scenes are drawn at half
    size: four times less work, and the grain on top keeps them looking sharp)."""
    image = to_image(img)
    if image.size != size:
        image = image.resize(size, Image.BILINEAR)
    if amount <= 0:
        return image
    w, h = size
    # Grain as a grey picture around 128, added by Pillow in C: no full-size arrays in Python.
    grey = np.clip(128 + _grain_field(rng, w, h)[..., 0] * (amount * 255), 0, 255).astype(np.uint8)
    return ImageChops.add(image, Image.fromarray(grey, "L").convert("RGB"), 1.0, -128)


def to_image(img: np.ndarray) -> Image.Image:
    return Image.fromarray((np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8), "RGB")


def to_array(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"), dtype=np.float32) / 255.0


def supersampled(w: int, h: int, mode: str = "L", fill: int | tuple = 0) -> Image.Image:
    """A canvas at twice the size; draw on it and call `.reduce(2)` for anti-aliased shapes."""
    return Image.new(mode, (w * 2, h * 2), fill)
