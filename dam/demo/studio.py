"""Demo product shots: bottles, cans, jars and boxes on a studio sweep with soft shadows and printed labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageDraw

from dam.demo import canvas as cv

if TYPE_CHECKING:
    from dam.demo.photos import PhotoSpec

# Each product is parts in box-relative coordinates (x0, y0, x1, y1, corner radius as a share of width, paint),
# a label area, its size relative to the image height (width, height) and how metallic it looks.
PRODUCTS = {
    "bottle": {
        "parts": [(0, 0.30, 1, 1, 0.22, "body"), (0, 0.2, 1, 0.55, 0.5, "body"),
                  (0.34, 0.08, 0.66, 0.3, 0.04, "body"), (0.3, 0.0, 0.7, 0.12, 0.06, "accent")],
        "label": (0.0, 0.5, 1.0, 0.84), "size": (0.17, 0.56), "metal": 0.35,
    },
    "dropper": {
        "parts": [(0, 0.36, 1, 1, 0.16, "body"), (0, 0.3, 1, 0.6, 0.45, "body"),
                  (0.3, 0.16, 0.7, 0.36, 0.04, "accent"), (0.38, 0.0, 0.62, 0.2, 0.4, "cap")],
        "label": (0.06, 0.56, 0.94, 0.86), "size": (0.15, 0.42), "metal": 0.3,
    },
    "can": {
        "parts": [(0, 0.02, 1, 0.98, 0.08, "body"), (0.04, 0.0, 0.96, 0.05, 0.5, "lid")],
        "label": (0.0, 0.22, 1.0, 0.8), "size": (0.2, 0.38), "metal": 0.6,
    },
    "jar": {
        "parts": [(0.03, 0.0, 0.97, 0.3, 0.06, "accent"), (0, 0.26, 1, 1, 0.14, "body")],
        "label": (0.08, 0.45, 0.92, 0.86), "size": (0.27, 0.23), "metal": 0.25,
    },
    "box": {"parts": [], "label": (0.08, 0.32, 0.7, 0.78), "size": (0.34, 0.42), "metal": 0.0},
}  # fmt: skip
SHAPES = tuple(PRODUCTS)
# A box as three faces (front, side, top) with the grey each is lit to (200 = as painted).
_BOX_FACES = (
    ([(0, 0.12), (0.78, 0.12), (0.78, 1), (0, 1)], 200),
    ([(0.78, 0.12), (1, 0), (1, 0.9), (0.78, 1)], 135),
    ([(0, 0.12), (0.22, 0), (1, 0), (0.78, 0.12)], 238),
)


def product(spec: "PhotoSpec", t: float = 0.0) -> Image.Image:
    w, h = spec.size
    rng = np.random.default_rng(spec.seed)
    colours = [cv.rgb(c) for c in spec.palette]
    lightest = max(colours, key=cv.luminance)
    darkest = min(colours, key=cv.luminance)
    img = _backdrop(w, h, spec.mood, lightest, darkest, colours[spec.seed % len(colours)])
    shape = spec.variant or SHAPES[spec.seed % len(SHAPES)]
    group = spec.extras.get("group", spec.seed % 3 == 0)
    floor = 0.8 * h
    # Back to front, so that nearer products cover farther ones.
    places = [(0.5, 1.0, 0.0)] if not group else [(0.3, 0.78, -0.02), (0.7, 0.78, -0.02), (0.5, 1.0, 0.03)]
    for n, (fx, scale, dy) in enumerate(places):
        body = colours[(spec.seed + n) % len(colours)]
        accent = colours[(spec.seed + n + 1) % len(colours)]
        if cv.luminance(body) > 0.8 and cv.luminance(accent) > 0.8:
            accent = darkest
        # The highlight slides across the product as t goes on: a turntable for the video.
        light = -0.45 + 0.9 * t + 0.1 * rng.random()
        img = _place(img, shape, fx * w, floor + dy * h, scale * h, body, accent, spec, light)
    return cv.finish(img, spec.size, rng, 0.008 * spec.grain)


def _backdrop(w: int, h: int, mood: str, lightest, darkest, colour) -> np.ndarray:
    """A paper sweep: wall and floor blend into each other, a pool of light behind the product."""
    if mood == "dark":
        wall, floor = darkest * 0.55, darkest * 0.8
    elif mood == "colour":
        wall, floor = cv.mix(colour, lightest, 0.35), cv.mix(colour, lightest, 0.55)
    else:
        wall, floor = cv.mix(lightest, np.float32(1.0), 0.2) * 0.9, cv.mix(lightest, np.float32(1.0), 0.35)
    # Smooth everywhere: drawn at an eighth of the size and scaled up.
    sw, sh = max(8, w // 8), max(8, h // 8)
    small = cv.vertical(sh, sw, [(0.0, wall * 0.82), (0.62, wall), (0.8, floor), (1.0, floor * 0.86)])
    xs, ys = cv.grid(sw, sh)
    spot = np.exp(-(((xs - 0.5) * w / h) ** 2 + (ys - 0.5) ** 2) / 0.12)
    return cv.upscale(cv.vignette(small * (0.85 + 0.25 * spot)[..., None], 0.18), w, h)


def _shadow(img: np.ndarray, cx: float, base: float, pw: float) -> np.ndarray:
    """A soft contact shadow plus a long faint one falling away from the key light."""
    h, w = img.shape[:2]
    y0, y1 = int(max(0, base - 0.3 * pw)), int(min(h, base + 0.4 * pw))
    x0, x1 = int(max(0, cx - 1.2 * pw)), int(min(w, cx + 2.2 * pw))
    ys = np.arange(y0, y1, dtype=np.float32)[:, None]
    xs = np.arange(x0, x1, dtype=np.float32)[None, :]
    contact = np.exp(-(((xs - cx) / (0.55 * pw)) ** 2 + ((ys - base) / (0.05 * pw + 4)) ** 2))
    cast = np.exp(-(((xs - cx - 0.45 * pw) / (1.0 * pw)) ** 2 + ((ys - base + 0.02 * pw) / (0.12 * pw)) ** 2))
    dark = 1 - np.clip(0.55 * contact + 0.22 * cast, 0, 0.8)
    img[y0:y1, x0:x1] *= dark[..., None]
    return img


def _place(img, shape, cx, base, scale, body, accent, spec: "PhotoSpec", light: float) -> np.ndarray:
    info = PRODUCTS[shape]
    pw, ph = info["size"][0] * scale, info["size"][1] * scale
    bw, bh = int(pw), int(ph)
    x0, y0 = int(cx - pw / 2), int(base - ph)
    img = _shadow(img, cx, base, pw)
    paints = {"body": body, "accent": accent, "cap": accent * 0.6, "lid": cv.rgb("#c8ccd0")}
    albedo = Image.new("RGB", (bw, bh), cv.rgb255(cv.hex_of(body)))
    mask = cv.supersampled(bw, bh)
    draw_a, draw_m = ImageDraw.Draw(albedo), ImageDraw.Draw(mask)
    if shape == "box":
        faces = Image.new("L", (bw, bh), 200)
        draw_f = ImageDraw.Draw(faces)
        for points, grey in _BOX_FACES:
            draw_m.polygon([(x * bw * 2, y * bh * 2) for x, y in points], fill=255)
            draw_f.polygon([(x * bw, y * bh) for x, y in points], fill=grey)
        shade = (np.asarray(faces, dtype=np.float32) / 200.0)[..., None]
        draw_a.polygon([(x * bw, y * bh) for x, y in _BOX_FACES[2][0]], fill=cv.rgb255(cv.hex_of(accent)))
    else:
        for px0, py0, px1, py1, radius, paint in info["parts"]:
            box = (px0 * bw, py0 * bh, px1 * bw - 1, py1 * bh - 1)
            draw_a.rounded_rectangle(box, radius * bw, fill=cv.rgb255(cv.hex_of(paints[paint])))
            draw_m.rounded_rectangle([v * 2 for v in box], radius * bw * 2, fill=255)
        shade = _cylinder(bw, light, info["metal"])
    _label(draw_a, info["label"], bw, bh, accent, body, spec)
    alpha = (np.asarray(mask.reduce(2), dtype=np.float32) / 255.0)[..., None]
    colour = np.asarray(albedo, dtype=np.float32) / 255.0 * shade[..., :1] + (shade[..., 1:] if shade.shape[-1] > 1 else 0)
    # Clip the product's box to the image so that products near an edge still draw.
    h, w = img.shape[:2]
    sx0, sy0, sx1, sy1 = max(0, x0), max(0, y0), min(w, x0 + bw), min(h, y0 + bh)
    a = alpha[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0]
    c = colour[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0]
    img[sy0:sy1, sx0:sx1] = img[sy0:sy1, sx0:sx1] * (1 - a) + c * a
    return img


def _cylinder(bw: int, light: float, metal: float) -> np.ndarray:
    """Per-column shading of a cylinder lit from the left: (1, w, 2) holding diffuse factor and specular add."""
    u = np.linspace(-1, 1, bw, dtype=np.float32)
    n = np.sqrt(np.clip(1 - u * u, 0, 1))
    diffuse = 0.42 + 0.62 * np.clip(0.85 * n - 0.35 * u, 0, 1)
    spec = (0.25 + 0.5 * metal) * np.exp(-(((u - light) / (0.06 + 0.05 * (1 - metal))) ** 2))
    rim = 0.12 * np.exp(-(((u - 0.93) / 0.05) ** 2))  # bounce light from a reflector on the right
    return np.stack([diffuse, spec + rim], axis=-1)[None, :, :]


def _label(draw: ImageDraw.ImageDraw, area, bw: int, bh: int, accent, body, spec: "PhotoSpec") -> None:
    """The printed label: brand name fitted to the width, a product line below, a thin rule between."""
    x0, y0, x1, y1 = area[0] * bw, area[1] * bh, area[2] * bw, area[3] * bh
    paper = cv.mix(body, np.float32(1.0), 0.75) if cv.luminance(body) < 0.55 else cv.mix(body, accent, 0.15)
    draw.rectangle((x0, y0, x1, y1), fill=cv.rgb255(cv.hex_of(paper)))
    ink = cv.rgb255("#1c1c1c") if cv.luminance(paper) > 0.5 else cv.rgb255("#f5f5f5")
    title, *rest = spec.text or ("BRAND",)
    pad = 0.12 * (x1 - x0)
    f = cv.fit_font(draw, title, spec.font, (x1 - x0) - 2 * pad, int((y1 - y0) * 0.3))
    mid_y = y0 + (y1 - y0) * 0.42
    draw.text(((x0 + x1) / 2, mid_y), title, font=f, fill=ink, anchor="ms")
    draw.line((x0 + pad * 1.5, mid_y + 0.06 * (y1 - y0), x1 - pad * 1.5, mid_y + 0.06 * (y1 - y0)),
              fill=cv.rgb255(cv.hex_of(accent)), width=max(1, bw // 90))  # fmt: skip
    if rest:
        small = cv.fit_font(draw, rest[0], "sans", (x1 - x0) - 2 * pad, int((y1 - y0) * 0.12))
        draw.text(((x0 + x1) / 2, mid_y + 0.25 * (y1 - y0)), rest[0], font=small, fill=ink, anchor="ms")
