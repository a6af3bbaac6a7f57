"""Real media files for the ingest tests, made by the libraries studios' tools use (small, so tests stay fast)."""

from __future__ import annotations

import io
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pillow_heif
from PIL import Image

EXIFTOOL = shutil.which("exiftool")
pillow_heif.register_heif_opener()  # lets Pillow save "HEIF" as well as open it


def picture(seed: int = 0, size: tuple[int, int] = (96, 64), mode: str = "RGB") -> Image.Image:
    """A picture whose pixels (and so the file's sha256) depend on the seed: a gradient with a bright block."""
    width, height = size
    rng = np.random.default_rng(seed)
    xs = np.linspace(0, 255, width, dtype=np.float32)[None, :]
    ys = np.linspace(0, 255, height, dtype=np.float32)[:, None]
    base = np.stack([xs + 0 * ys, ys + 0 * xs, np.full((height, width), float(seed * 40 % 256))], axis=-1)
    base += rng.normal(0, 8, base.shape)
    base[: height // 3, : width // 3] = (250, 30, 30)  # a red block in the top-left corner
    image = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB")
    return image.convert(mode) if mode != "RGB" else image


def save(image: Image.Image, path: Path, fmt: str, **params) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, fmt, **params)
    return path


def jpeg(path: Path, seed: int = 0, size=(96, 64), orientation: int | None = None, **params) -> Path:
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    return save(picture(seed, size), path, "JPEG", quality=90, exif=exif, **params)


def heic(path: Path, seed: int = 0, size=(96, 64)) -> Path:
    return save(picture(seed, size), path, "HEIF", quality=80)


def animated_gif(path: Path, size=(64, 48), frames: int = 3) -> Path:
    images = [picture(seed, size).convert("P") for seed in range(frames)]
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, "GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    return path


def pdf(path: Path, pages: int = 3, size=(120, 160)) -> Path:
    images = [picture(seed, size) for seed in range(pages)]
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=72.0)
    return path


SVG_LOGO = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
  <defs>
    <linearGradient id="g">
      <stop offset="0" stop-color="#1d4ed8"/><stop offset="1" stop-color="#9333ea"/>
    </linearGradient>
  </defs>
  <rect width="120" height="60" rx="8" fill="url(#g)"/>
  <circle id="dot" cx="30" cy="30" r="14" fill="#facc15"/>
  <use href="#dot" x="60"/>
</svg>
"""


def svg(path: Path, text: str = SVG_LOGO) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def video(
    path: Path, codec: str, *, frames: int = 24, fps: int = 12, size=(64, 48), container: str | None = None
) -> Path:
    """A real short clip encoded by FFmpeg through PyAV: a moving bright block on a gradient."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format=container) as out:
        stream = out.add_stream(codec, rate=Fraction(fps, 1))
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for i in range(frames):
            frame = av.VideoFrame.from_image(picture(i, size))
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def encoded(image: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def exiftool(path: Path, *args: str) -> None:
    """Write metadata the way a photographer's tools do, with Phil Harvey's exiftool."""
    subprocess.run(
        [EXIFTOOL, "-q", "-overwrite_original", "-charset", "iptc=UTF8", *args, str(path)], check=True, timeout=60
    )
