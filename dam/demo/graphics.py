"""Demo graphic design: typographic posters and repeat patterns in a brand's colours."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageDraw

from dam.demo import canvas as cv

if TYPE_CHECKING:
    from dam.demo.photos import PhotoSpec

POSTER_LAYOUTS = ("sun", "bars", "frame", "split")
PATTERNS = ("dots", "stripes", "topo", "truchet", "terrazzo")


def _colours(spec: "PhotoSpec") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Background, ink and accent: ink is whichever palette end contrasts with the background."""
    colours = sorted((cv.rgb(c) for c in spec.palette), key=cv.luminance)
    if spec.mood == "dark":
        bg = colours[0]
    elif spec.mood == "light":
        bg = colours[-1]
    else:
        bg = colours[spec.seed % len(colours)]
    ink = colours[0] if cv.luminance(bg) > 0.45 else colours[-1]
    if abs(cv.luminance(ink) - cv.luminance(bg)) < 0.35:
        ink = np.float32([0.08, 0.08, 0.08]) if cv.luminance(bg) > 0.45 else np.float32([0.97, 0.96, 0.94])
    others = [c for c in colours if c is not bg and c is not ink] or [ink]
    accent = max(others, key=lambda c: abs(cv.luminance(c) - cv.luminance(bg)) + float(np.ptp(c)))
    return bg, ink, accent


def _fill(colour: np.ndarray) -> tuple[int, int, int]:
    return cv.rgb255(cv.hex_of(colour))


def poster(spec: "PhotoSpec", t: float = 0.0) -> Image.Image:
    """A campaign poster: shapes drawn at double size for clean edges, then the type set on top."""
    w, h = spec.size
    rng = np.random.default_rng(spec.seed)
    bg, ink, accent = _colours(spec)
    layout = spec.variant or POSTER_LAYOUTS[spec.seed % len(POSTER_LAYOUTS)]
    shapes = Image.new("RGB", (w * 2, h * 2), _fill(bg))
    d = ImageDraw.Draw(shapes)
    if layout == "sun":
        r = w * (0.55 + 0.2 * rng.random())
        cx, cy = w * 2 * (0.6 + 0.3 * rng.random()), h * 2 * (0.3 - 0.15 * t)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_fill(accent))
        for i in range(6):  # horizon stripes cut through the sun, thinner towards the top
            y = cy + r * (0.15 + 0.14 * i)
            d.rectangle((0, y, w * 2, y + r * 0.02 * (i + 1)), fill=_fill(bg))
    elif layout == "bars":
        for i in range(5):
            x = w * 2 * (0.15 + 0.2 * i) + t * w * 0.4
            colour = accent if i % 2 == 0 else cv.mix(bg, ink, 0.25)
            d.polygon([(x, 0), (x + w * 0.25, 0), (x - w * 0.5, h * 2), (x - w * 0.75, h * 2)], fill=_fill(colour))
    elif layout == "frame":
        m = w * 0.12
        d.rectangle((m, m, w * 2 - m, h * 2 - m), outline=_fill(accent), width=int(w * 0.012))
        d.ellipse((w - w * 0.3, h * 0.45, w + w * 0.3, h * 0.45 + w * 0.6), outline=_fill(ink), width=int(w * 0.006))
    if layout == "split":
        top = cv.blobs(rng, w, h // 2, [cv.rgb(c) for c in spec.palette], accent * 0.7, t)
        image = shapes.reduce(2)
        image.paste(cv.to_image(top), (0, 0))
    else:
        image = shapes.reduce(2)
    _type(image, spec, ink, accent, layout, t)
    return image


def _type(image: Image.Image, spec: "PhotoSpec", ink, accent, layout: str, t: float) -> None:
    """Headline lines large at the lower left (centred in a frame), the last line as a smaller strapline."""
    w, h = image.size
    d = ImageDraw.Draw(image)
    lines = list(spec.text or ("NEW SEASON", "Out now"))
    headline, strap = (lines[:-1], lines[-1]) if len(lines) > 1 else (lines, "")
    if spec.extras.get("reveal"):
        # Kinetic type for video: letters appear one after another.
        shown = int(sum(len(s) for s in headline) * min(1.0, 0.2 + t * 1.3))
        cut = []
        for s in headline:
            cut.append(s[: max(0, shown)])
            shown -= len(s)
        headline = cut
    margin = w * 0.08
    size = int(min(h * 0.13, w * 0.2))
    longest = max(spec.text[:-1] if len(spec.text) > 1 else spec.text or ("NEW SEASON",), key=len)
    f = cv.fit_font(d, longest, spec.font, w - 2 * margin, size)
    line_h = f.size * 1.05
    centred = layout == "frame"
    y = h * 0.52 if centred else h - margin - line_h * len(headline) - h * 0.1
    for line in headline:
        x, anchor = ((w / 2, "ma") if centred else (margin, "la"))
        d.text((x, y), line, font=f, fill=_fill(ink), anchor=anchor)
        y += line_h
    if strap:
        small = cv.font("sans", max(10, int(f.size * 0.28)))
        x, anchor = ((w / 2, "ma") if centred else (margin, "la"))
        d.text((x, y + line_h * 0.2), strap, font=small, fill=_fill(accent if layout != "sun" else ink), anchor=anchor)
    brand = spec.extras.get("brand", "")
    if brand:
        tiny = cv.font("sans-bold", max(10, int(w * 0.022)))
        d.text((margin, margin * 0.7), brand.upper(), font=tiny, fill=_fill(ink))


def pattern(spec: "PhotoSpec", t: float = 0.0) -> Image.Image:
    w, h = spec.size
    rng = np.random.default_rng(spec.seed)
    bg, ink, accent = _colours(spec)
    kind = spec.variant or PATTERNS[spec.seed % len(PATTERNS)]
    if kind == "topo":
        return cv.finish(_topo(rng, w // 2, h // 2, bg, ink, accent, t), spec.size, rng, 0.006 * spec.grain)
    big = Image.new("RGB", (w * 2, h * 2), _fill(bg))
    d = ImageDraw.Draw(big)
    colours = [_fill(cv.rgb(c)) for c in spec.palette if cv.hex_of(cv.rgb(c)) != cv.hex_of(bg)]
    if kind == "stripes":
        _stripes(d, rng, w * 2, h * 2, [_fill(cv.rgb(c)) for c in rng.permutation(spec.palette)], t)
    elif kind == "dots":
        # Halftone: dot size follows a smooth field, like a photo screened for print.
        step = w * 2 / (18 + spec.seed % 12)
        field = cv.upscale(rng.random((4, 4)).astype(np.float32), int(w * 2 / step) + 2, int(h * 2 / step) + 2)
        for j in range(field.shape[0]):
            for i in range(field.shape[1]):
                r = step * 0.48 * float(np.clip(field[j, i], 0.08, 1))
                cx, cy = i * step + (step / 2 if j % 2 else 0), j * step
                d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_fill(ink))
    elif kind == "truchet":
        step = int(w * 2 / (6 + spec.seed % 6))
        width = max(2, step // 7)
        for j in range(0, h * 2 + step, step):
            for i in range(0, w * 2 + step, step):
                flip = rng.random() < 0.5
                colour = colours[int(rng.integers(len(colours)))] if colours else _fill(ink)
                corners = [(i, j), (i + step, j + step)] if flip else [(i + step, j), (i, j + step)]
                starts = [(0, 90), (180, 270)] if flip else [(90, 180), (270, 360)]
                for (cx, cy), (a0, a1) in zip(corners, starts):
                    r = step / 2
                    d.arc((cx - r, cy - r, cx + r, cy + r), a0, a1, fill=colour, width=width)
    else:  # terrazzo: chips of stone scattered on a light ground
        for _ in range(int(260 * (w * h) / 1.44e6)):
            cx, cy = rng.random() * w * 2, rng.random() * h * 2
            r = w * 2 * (0.006 + 0.025 * rng.random() ** 2)
            n = int(rng.integers(3, 7))
            points = [
                (cx + r * (0.6 + 0.4 * rng.random()) * math.cos(a), cy + r * (0.6 + 0.4 * rng.random()) * math.sin(a))
                for a in np.sort(rng.random(n)) * 2 * math.pi
            ]
            d.polygon(points, fill=colours[int(rng.integers(len(colours)))] if colours else _fill(ink))
    return cv.finish(cv.to_array(big.reduce(2)), spec.size, rng, 0.006 * spec.grain)


def _stripes(d: ImageDraw.ImageDraw, rng, w: int, h: int, colours: list, t: float) -> None:
    """Diagonal bands of varying width, each a long polygon (the canvas clips it)."""
    angle = math.radians(30 + 30 * rng.random())
    nx, ny = math.cos(angle), math.sin(angle)
    reach = w + h  # far enough along the band's direction to cross the whole canvas
    base = w / (5 + 4 * rng.random())
    s = -base * (1 - t)
    k = 0
    while s < nx * w + ny * h:
        s1 = s + base * (0.4 + 1.2 * rng.random())
        corners = [(s, -reach), (s, reach), (s1, reach), (s1, -reach)]
        d.polygon([(a * nx - b * ny, a * ny + b * nx) for a, b in corners], fill=colours[k % len(colours)])
        s, k = s1, k + 1


def _topo(rng, w: int, h: int, bg, ink, accent, t: float) -> np.ndarray:
    """A contour map of smooth random hills: lines a constant pixel width, every fifth one heavier."""
    field = cv.upscale(rng.random((5, 5)).astype(np.float32), w, h) + t * 0.05
    levels = field * 40
    frac = np.abs(levels - np.round(levels))
    gy, gx = np.gradient(levels)
    px = frac / (np.sqrt(gx * gx + gy * gy) + 1e-6)
    index = (np.round(levels).astype(int) % 5) == 0
    line = np.clip(np.where(index, 1.4, 0.8) - px, 0, 1)[..., None]
    return cv.mix(np.broadcast_to(bg, (h, w, 3)), np.where(index[..., None], accent, ink), line * 0.85)
