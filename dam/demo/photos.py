"""Demo photos drawn from a seed: landscapes and abstract gradients here, the other scenes in studio and graphics."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
from PIL import Image, PngImagePlugin

from dam.demo import canvas as cv

# Sky stops and land colours per time of day: (top, middle, horizon, sun, near land).
SKIES = {
    "dawn": ("#2c3e6b", "#9a7fa8", "#f6c4a4", "#fff2d6", "#3a3550"),
    "morning": ("#3d7cc9", "#8fbfe6", "#dcecf5", "#fffdf0", "#35584a"),
    "noon": ("#2364b8", "#6fa8dc", "#cfe3f1", "#ffffff", "#2f5a3c"),
    "sunset": ("#25285a", "#c45d6a", "#fbb36a", "#fff0c2", "#3b2740"),
    "dusk": ("#0f1533", "#3b3a6e", "#d9807a", "#ffd6b0", "#1d1b33"),
}
MOODS = tuple(SKIES)
# How high the sun stands above the horizon (as a share of the image height) for each mood.
_SUN_HEIGHT = {"dawn": 0.05, "morning": 0.25, "noon": 0.42, "sunset": 0.07, "dusk": -0.03}


@dataclass(frozen=True)
class PhotoSpec:
    """Everything needed to draw one picture again, byte for byte."""

    scene: str  # landscape | gradient | product | poster | pattern
    seed: int
    size: tuple[int, int]
    palette: tuple[str, ...] = ("#2f5d50", "#e07a2f", "#e9dcc3", "#34495e")
    variant: str = ""  # scene-specific: mountains/sea/lake/dunes, bottle/can/jar/box, dots/stripes/topo/...
    mood: str = "sunset"  # time of day (landscapes) or light/dark (posters, studio)
    text: tuple[str, ...] = ()  # headline lines for posters, the label for products
    font: str = "sans-bold"
    grain: float = 1.0  # film grain strength; video frames turn it off (noise is expensive to encode)
    extras: dict = field(default_factory=dict, hash=False, compare=False)


def render(spec: PhotoSpec, t: float = 0.0) -> Image.Image:
    """Draw a spec; `t` in 0..1 moves light and shapes a little so that video frames can reuse the scenes."""
    from dam.demo import graphics, studio

    painters = {
        "landscape": landscape, "gradient": gradient, "product": studio.product,
        "poster": graphics.poster, "pattern": graphics.pattern,
    }  # fmt: skip
    return painters[spec.scene](spec, t)


def _sky(rng: np.random.Generator, w: int, h: int, horizon: float, mood: str, t: float):
    """Sky gradient, sun with glow and (at the ends of the day) lit cloud streaks. Returns image and sun x."""
    top, mid, hor, sun, _land = (cv.rgb(c) for c in SKIES[mood])
    img = cv.vertical(h, w, [(0.0, top), (horizon * 0.55, mid), (horizon, hor), (1.0, hor)]).copy()
    xs, ys = cv.grid(w, h)
    aspect = w / h
    sx = 0.2 + 0.6 * rng.random()
    sy = horizon - _SUN_HEIGHT[mood] + 0.06 * t  # the sun sets as t goes on
    d = np.sqrt(((xs - sx) * aspect) ** 2 + (ys - sy) ** 2)
    img += sun * (0.45 * np.exp(-d / 0.09) + 0.25 * np.exp(-d / 0.35))[..., None]
    disk = np.clip((0.035 - d) * h / 1.5, 0, 1) * (ys < horizon)
    img += (sun * 1.5 - img) * disk[..., None]  # over-bright so the vignette cannot grey it
    if mood in ("dawn", "sunset", "dusk"):
        # Streaks: random cells stretched wide, kept where they are brightest.
        cells = rng.random((14, 5)).astype(np.float32)
        streak = cv.upscale(cells, w, h)
        shift = int(t * w * 0.05)
        streak = np.roll(streak, shift, axis=1)
        cloud = np.clip((streak - 0.66) / 0.2, 0, 1) * np.clip((horizon - ys) / 0.1, 0, 1) * np.clip(ys / 0.15, 0, 1)
        lit = cv.mix(mid, sun, np.clip(1 - d / 0.8, 0, 1)[..., None])
        img += (lit - img) * (cloud * 0.7)[..., None]
    return img, sx


def _land(img: np.ndarray, layers: list[tuple[np.ndarray, np.ndarray, float]], haze: np.ndarray,
          rng: np.random.Generator) -> np.ndarray:  # fmt: skip
    """Composite land layers, far to near, each under its ridge line (pixels from the top): rim-lit by slope,
    textured, misty at its foot. A layer is only worked out down to where the next one hides it for good."""
    h, w = img.shape[:2]
    for n, (ridge_px, colour, mist) in enumerate(layers):
        y0 = max(0, int(ridge_px.min()))
        y1 = h if n == len(layers) - 1 else min(h, int(layers[n + 1][0].max()) + 2)
        if y1 <= y0:
            continue
        below = np.arange(y0, y1, dtype=np.float32)[:, None] - ridge_px[None, :]
        # Slopes facing the light (left) catch a rim of it just under the ridge; smoothed so that no single
        # column shows as a stripe. Broad patches of light and shadow stand for gullies, forest and rock.
        k = max(3, w // 120)
        slope = np.convolve(np.gradient(ridge_px), np.ones(k, dtype=np.float32) / k, mode="same")[None, :]
        shade = 1 + np.clip(-slope * 0.15, -0.2, 0.2) * np.exp(-np.clip(below, 0, None) / (0.03 * h))
        shade *= 0.94 + 0.12 * cv.upscale(rng.random((6, 20)).astype(np.float32), w, y1 - y0)
        fog = np.clip(below / (0.22 * h), 0, 1) * mist
        cover = np.clip(below, 0, 1)[..., None]
        layer = (colour * shade[..., None]) * (1 - fog[..., None]) + haze * fog[..., None]
        band = img[y0:y1]
        band += (layer - band) * cover
    return img


def landscape(spec: PhotoSpec, t: float = 0.0) -> Image.Image:
    # Drawn at half size: every part of a landscape is smooth, and `finish` adds full-size grain.
    w, h = spec.size[0] // 2, spec.size[1] // 2
    rng = np.random.default_rng(spec.seed)
    mood = spec.mood if spec.mood in SKIES else MOODS[spec.seed % len(MOODS)]
    variant = spec.variant or ("mountains", "sea", "lake", "dunes")[spec.seed % 4]
    horizon = (0.62 if variant in ("mountains", "dunes") else 0.55) + 0.06 * rng.random()
    img, sun_x = _sky(rng, w, h, horizon, mood, t)
    land = cv.rgb(SKIES[mood][4])
    haze = cv.rgb(SKIES[mood][2])
    if variant in ("mountains", "lake"):
        img = _mountains(img, rng, w, h, horizon, land, haze, 3 + spec.seed % 3, variant == "mountains")
        if variant == "lake":
            img = _reflect(img, int(h * (horizon + 0.03)), cv.rgb(SKIES[mood][1]), t)
    elif variant == "dunes":
        sand = cv.mix(cv.rgb("#d9a066"), land, 0.25)
        x = np.linspace(0, 1, w, dtype=np.float32)
        dunes = []
        for depth in (0.0, 0.5, 1.0):
            phase = rng.random(3) * 6.28 + t * 0.4
            wave = sum(np.sin(x * f * 6.28 + p) / f for f, p in zip((1.3, 2.9, 6.1), phase))
            ridge = (horizon - 0.08 + 0.14 * depth + 0.05 * (1 + 0.5 * depth) * wave) * h
            dunes.append((ridge, cv.mix(haze, sand, 0.45 + 0.55 * depth), 0.3 * (1 - depth)))
        img = _land(img, dunes, haze, rng)
    else:
        img = _sea(img, rng, w, h, horizon, sun_x, cv.rgb(SKIES[mood][3]), t)
    return cv.finish(cv.vignette(img, 0.3), spec.size, rng, 0.02 * spec.grain)


def _mountains(img, rng, w, h, horizon, land, haze, count: int, treeline: bool):
    layers = []
    for i in range(count):
        depth = i / (count - 1)  # 0 = farthest
        n = cv.noise1d(rng, w, base=2 + i, octaves=6, falloff=0.55)
        peaks = 0.4 * n + 0.6 * (1 - np.abs(2 * n - 1))  # ridged noise: sharp summits, not rolling hills
        top = horizon - 0.36 * (1 - 0.55 * depth)
        ridge_px = (top + 0.3 * (1 - 0.35 * depth) * (1 - peaks)) * h
        layers.append((ridge_px, cv.mix(haze, land, 0.2 + 0.8 * depth), 0.55 * (1 - depth) + 0.15))
    if treeline:
        # A forest edge in front: tiny jagged crowns on a gentle hill.
        crowns = cv.noise1d(rng, w, base=w // 6, octaves=2) * 0.025 + cv.noise1d(rng, w, base=2, octaves=2) * 0.07
        layers.append(((0.86 + crowns) * h, land * 0.55, 0.0))
    return _land(img, layers, haze, rng)


def _reflect(img: np.ndarray, waterline: int, water: np.ndarray, t: float) -> np.ndarray:
    """A lake: rows below the waterline mirror the rows above, rippled sideways and darkened with depth."""
    h, w = img.shape[:2]
    rows = np.arange(waterline, h)
    src_rows = np.clip(2 * waterline - rows, 0, h - 1)
    dist = (rows - waterline) / max(1, h - waterline)
    ripple = np.round(np.sin(rows * 0.35 + t * 12) * (1 + 3 * dist)).astype(int)
    cols = np.clip(np.arange(w)[None, :] + ripple[:, None], 0, w - 1)
    out = img.copy()
    mirrored = cv.mix(img[src_rows[:, None], cols], water * 0.8, 0.3)
    out[waterline:] = mirrored * (0.8 - 0.2 * dist)[:, None, None]
    out[waterline : waterline + 2] = out[waterline : waterline + 2] * 0.85
    return out


def _sea(img, rng, w, h, horizon, sun_x, sun, t):
    """Open sea with a glittering sun path, and a beach with a foam line on some seeds."""
    xs, ys = cv.grid(w, h)
    below = ys >= horizon
    hor_colour = img[int(horizon * h) - 2, w // 2]
    deep = cv.rgb("#12324f")
    sea = cv.mix(cv.mix(hor_colour, deep, 0.45), deep, np.clip((ys - horizon) / (1 - horizon), 0, 1)[..., None])
    # Waves: bands that crowd together towards the horizon, as perspective does.
    bands = np.sin(6.0 / (ys - horizon + 0.02) + xs * 3 + t * 6)
    sea = sea * (1 + 0.05 * bands)[..., None]
    spread = 0.02 + 0.35 * np.clip(ys - horizon, 0, 1)
    path = np.exp(-(((xs - sun_x) * w / h) / spread) ** 2)
    flicker = (rng.random((h, 1)) > 0.45) * (0.6 + 0.4 * np.sin(xs * 140 + rng.random((h, 1)) * 6 + t * 20))
    sea = sea + (sun * 0.8) * (path * flicker)[..., None]
    img = np.where(below[..., None], sea, img)
    if rng.random() < 0.6:
        shore = (0.8 + 0.08 * cv.noise1d(rng, w, base=2, octaves=4) + 0.01 * np.sin(t * 6)) * h
        ypx = np.arange(h, dtype=np.float32)[:, None]
        sand = cv.rgb("#e3c9a0")
        wet = np.clip((ypx - shore) / (0.05 * h), 0, 1)[..., None]
        beach = cv.mix(sand * 0.72, sand, wet) * (1 - 0.12 * (ypx / h))[..., None]
        cover = np.clip(ypx - shore, 0, 1)[..., None]
        img = img * (1 - cover) + beach * cover
        foam = np.exp(-(((ypx - shore) / 3.0) ** 2))[..., None]
        img = cv.mix(img, np.float32(1.0), foam * 0.85)
    return img


def gradient(spec: PhotoSpec, t: float = 0.0) -> Image.Image:
    """Soft mesh gradients in the brand's colours, sometimes with thin rings: backgrounds and social tiles."""
    w, h = spec.size
    w, h = w // 2, h // 2
    rng = np.random.default_rng(spec.seed)
    # Brand palettes are muted; pushed away from grey they glow the way gradient art does.
    colours = [np.clip(c.mean() + (c - c.mean()) * 1.6, 0, 1) for c in (cv.rgb(c) for c in spec.palette)]
    order = rng.permutation(len(colours))[:4]
    img = cv.blobs(rng, w, h, [colours[i] for i in order], colours[order[0]], t)
    if spec.variant == "rings":
        xs, ys = cv.grid(w, h)
        cx, cy = 0.3 + 0.4 * rng.random(), 0.3 + 0.4 * rng.random()
        r = np.sqrt(((xs - cx) * w / h) ** 2 + (ys - cy) ** 2) * h
        ring = np.exp(-(((r % 45) - 22) / 0.8) ** 2) * np.exp(-r / (0.6 * h))
        img = img + 0.25 * ring[..., None]
    return cv.finish(img, spec.size, rng, 0.012 * spec.grain)


# EXIF tags written on camera photos (numbers from the EXIF 2.3 spec).
_MAKE, _MODEL, _SOFTWARE, _ORIENTATION, _EXIF_IFD = 0x010F, 0x0110, 0x0131, 0x0112, 0x8769
_DATETIME_ORIGINAL, _LENS_MODEL, _FNUMBER, _EXPOSURE, _ISO, _FOCAL = 0x9003, 0xA434, 0x829D, 0x829A, 0x8827, 0x920A


@dataclass(frozen=True)
class Camera:
    """What the camera wrote into a photo's EXIF."""

    make: str
    model: str
    lens: str
    taken_at: datetime
    f_number: float = 4.0
    exposure: float = 1 / 250
    iso: int = 200
    focal: float = 35.0
    orientation: int = 1  # 6 = the camera was held upright: stored sideways, shown rotated 90 degrees clockwise


def save(image: Image.Image, path: Path, camera: Camera | None = None, xmp: bytes | None = None) -> Path:
    """Write JPEG (with EXIF when a camera is given), PNG or WebP by the path's extension, with an XMP packet."""
    suffix = path.suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        kwargs: dict = {"quality": 88}
        if camera is not None:
            if camera.orientation == 6:
                # Store the pixels the way a sensor held upright records them; viewers rotate them back.
                image = image.transpose(Image.Transpose.ROTATE_90)
            kwargs["exif"] = _exif(camera)
        image.save(path, "JPEG", **({"xmp": xmp} if xmp else {}), **kwargs)
    elif suffix == ".png":
        info = PngImagePlugin.PngInfo()
        if xmp:
            info.add_itxt("XML:com.adobe.xmp", xmp.decode("utf-8"))  # where Adobe's tools put XMP in a PNG
        image.save(path, "PNG", pnginfo=info, compress_level=1)  # flat graphics compress well even at level 1
    elif suffix == ".webp":
        image.save(path, "WEBP", quality=85, method=2, **({"xmp": xmp} if xmp else {}))
    else:
        raise ValueError(f"no photo format for {path.name}")
    return path


def xmp_packet(title: str | None, description: str | None, rating: int | None, tags: tuple[str, ...]) -> bytes | None:
    """The XMP a photographer's tool (Lightroom, Bridge) writes: title, caption, star rating and keywords."""
    if not (title or description or rating or tags):
        return None

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    parts = []
    if title:
        parts.append(f"<dc:title>{alt(title)}</dc:title>")
    if description:
        parts.append(f"<dc:description>{alt(description)}</dc:description>")
    if tags:
        parts.append("<dc:subject><rdf:Bag>" + "".join(f"<rdf:li>{escape(t)}</rdf:li>" for t in tags) + "</rdf:Bag></dc:subject>")
    rating_attr = f' xmp:Rating="{rating}"' if rating else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:xmp="http://ns.adobe.com/xap/1.0/"{rating_attr}>{"".join(parts)}</rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode("utf-8")


def _exif(camera: Camera) -> Image.Exif:
    from fractions import Fraction

    from PIL.TiffImagePlugin import IFDRational

    def rational(value: float, limit: int) -> IFDRational:
        f = Fraction(value).limit_denominator(limit)
        return IFDRational(f.numerator, f.denominator)

    exif = Image.Exif()
    exif[_MAKE] = camera.make
    exif[_MODEL] = camera.model
    exif[_SOFTWARE] = "Capture One 23"
    exif[_ORIENTATION] = camera.orientation
    ifd = exif.get_ifd(_EXIF_IFD)
    ifd[_DATETIME_ORIGINAL] = camera.taken_at.strftime("%Y:%m:%d %H:%M:%S")
    ifd[_LENS_MODEL] = camera.lens
    ifd[_FNUMBER] = rational(camera.f_number, 10)
    ifd[_EXPOSURE] = rational(camera.exposure, 8000)
    ifd[_ISO] = camera.iso
    ifd[_FOCAL] = rational(camera.focal, 10)
    return exif
