"""Photo-like 12 MP JPEGs for the ingest benchmark, made once and kept in a cache folder.

Each photo is a sky-to-ground gradient, overlapping soft shapes, blotchy mid-frequency texture (foliage, fabric)
and fine sensor grain, saved at quality 90 with camera EXIF. That decodes and compresses like a real photo
(about 3 MB, entropy-bound like one), where flat colour would flatter every number.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

SIZE = (4000, 3000)  # 12 MP, 4:3 like most phone and compact cameras
QUALITY = 90
CAMERAS = (("Canon", "Canon EOS R6"), ("FUJIFILM", "X-T4"), ("Apple", "iPhone 15 Pro"), ("SONY", "ILCE-7M4"))


def ensure_photos(folder: Path, count: int, *, workers: int | None = None, progress=None) -> list[Path]:
    """`count` benchmark photos in `folder`, generating only those not already there."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"photo-{i:04d}.jpg" for i in range(count)]
    missing = [i for i, path in enumerate(paths) if not path.exists()]
    if missing:
        context = get_context("spawn")
        with ProcessPoolExecutor(workers or os.cpu_count() or 1, mp_context=context) as pool:
            for data, index in zip(pool.map(make_photo, missing), missing):
                _write_atomically(paths[index], data)
                if progress:
                    progress()
    return paths


def make_photo(seed: int, size: tuple[int, int] = SIZE) -> bytes:
    """One photo-like JPEG, the same bytes for the same seed."""
    import numpy as np
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    width, height = size
    half = (width // 2, height // 2)
    # Sky-to-ground gradient, drawn small and enlarged (smooth areas are what photos have most of).
    small = (width // 16, height // 16)
    ys = np.linspace(0.0, 1.0, small[1], dtype=np.float32)[:, None, None]
    xs = np.linspace(0.0, 1.0, small[0], dtype=np.float32)[None, :, None]
    top, bottom, side = (rng.uniform(0, 255, 3).astype(np.float32) for _ in range(3))
    base = top * (1 - ys) + bottom * ys + (side - 128) * 0.3 * xs
    picture = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB").resize(half, Image.Resampling.BICUBIC)

    # Shapes drawn at half size: enlarging them afterwards gives the soft edges of a real lens.
    draw = ImageDraw.Draw(picture)
    for _ in range(int(rng.integers(15, 40))):
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        x, y = int(rng.integers(0, half[0])), int(rng.integers(0, half[1]))
        r = int(rng.integers(20, half[0] // 5))
        if rng.random() < 0.5:
            draw.ellipse([x - r, y - r, x + r, y + r // 2], fill=colour)
        else:
            points = [(x + int(rng.integers(-r, r)), y + int(rng.integers(-r, r))) for _ in range(5)]
            draw.polygon(points, fill=colour)
    pixels = np.asarray(picture.resize(size, Image.Resampling.BICUBIC), dtype=np.int16)

    # Mid-frequency texture (foliage, fabric), strongest towards the ground, then fine sensor grain.
    coarse = rng.integers(128 - 24, 128 + 25, size=(height // 6, width // 6), dtype=np.uint8)
    enlarged = Image.fromarray(coarse, "L").resize(size, Image.Resampling.BILINEAR)
    texture = np.asarray(enlarged, dtype=np.int16) - 128
    weight = np.linspace(0.2, 1.0, height, dtype=np.float32)[:, None]
    pixels += (texture * weight).astype(np.int16)[:, :, None]
    pixels += rng.integers(-8, 9, size=(height, width, 1), dtype=np.int16)
    picture = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")

    exif = Image.Exif()
    make, model = CAMERAS[seed % len(CAMERAS)]
    exif[0x010F], exif[0x0110], exif[0x0112] = make, model, 1
    exif.get_ifd(0x8769)[0x9003] = f"2025:{1 + seed % 12:02d}:{1 + seed % 28:02d} 10:{seed % 60:02d}:00"
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=QUALITY, exif=exif)
    return out.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
