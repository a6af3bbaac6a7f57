"""The built-in visual descriptor: layout, colour and texture features of an image, no model needed.

Every block is made invariant to a horizontal flip by construction (absolute values of the DCT's odd horizontal
frequencies, orientation angles folded onto a quarter turn, regions that a flip maps onto themselves), and to
brightness by normalising intensity and using chromaticity rather than raw colour. The image is weighted towards
its centre so that an 80% crop or a text overlay near an edge moves the vector little. Blocks are centred and
L2-normalised separately, then weighted and joined, so cosine similarity reads like a correlation.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

SIDE = 64  # working resolution: enough for layout and texture, cheap (about 10 ms per image with the resize)
DCT_BLOCK = 8  # low-frequency block kept from the 32x32 DCT of the grey image
CHROMA_BINS = 6
ORIENT_BINS = 8
BANDS = 3  # horizontal bands: a flip maps each onto itself
TONE_BINS = 12
WEIGHTS = {"dct": 1.0, "colour": 0.5, "tones": 0.4, "orient": 0.35}


def _dct_matrix(n: int) -> np.ndarray:
    k = np.arange(n)[:, None]
    m = np.cos(np.pi * (2 * np.arange(n)[None, :] + 1) * k / (2 * n)) * np.sqrt(2 / n)
    m[0] /= np.sqrt(2)
    return m.astype(np.float32)


_DCT32 = _dct_matrix(32)
_yy, _xx = np.mgrid[0:SIDE, 0:SIDE].astype(np.float32)
_r2 = ((_xx - (SIDE - 1) / 2) ** 2 + (_yy - (SIDE - 1) / 2) ** 2) / (SIDE / 2) ** 2
CENTRE = np.exp(-_r2 / (2 * 0.55**2)).astype(np.float32)  # Gaussian window: the centre counts, edges fade
_zigzag = [(u, v) for u in range(DCT_BLOCK) for v in range(DCT_BLOCK) if (u, v) != (0, 0) and u + v < DCT_BLOCK]
DIMENSIONS = len(_zigzag) + CHROMA_BINS**2 + TONE_BINS + BANDS * ORIENT_BINS
# Lower frequencies move least under crops, rotation and overlays: they weigh more.
_FREQ_WEIGHT = np.array([1.0 / (1.0 + 0.25 * (u + v)) for u, v in _zigzag], np.float32)


def _pixels(image: Image.Image) -> np.ndarray:
    """The image as SIDE x SIDE float RGB in 0..1 (aspect ignored: crops and resizes keep it close anyway)."""
    image = image.convert("RGB")
    image.draft("RGB", (SIDE * 2, SIDE * 2))  # JPEGs decode straight at a small scale
    return np.asarray(image.resize((SIDE, SIDE), Image.Resampling.BOX), dtype=np.float32) / 255.0


def _unit(v: np.ndarray) -> np.ndarray:
    v = v - v.mean()
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-8 else v


def _dct_block(grey: np.ndarray) -> np.ndarray:
    small = grey.reshape(32, 2, 32, 2).mean(axis=(1, 3))
    small = (small - small.mean()) / (small.std() + 1e-6)  # brightness and contrast out
    coeffs = _DCT32 @ small @ _DCT32.T  # [v (vertical), u (horizontal)]
    # A flip negates odd horizontal frequencies: their magnitudes survive it.
    kept = np.array([coeffs[v, u] if u % 2 == 0 else abs(coeffs[v, u]) for u, v in _zigzag], np.float32)
    return kept * _FREQ_WEIGHT


def _chroma_histogram(rgb: np.ndarray) -> np.ndarray:
    total = rgb.sum(axis=2) + 1e-3
    r, g = rgb[..., 0] / total, rgb[..., 1] / total  # chromaticity: unchanged when brightness scales
    weight = CENTRE * np.clip(total / 3 * 4, 0, 1)  # near-black pixels have no reliable colour
    hist, _, _ = np.histogram2d(r.ravel(), g.ravel(), bins=CHROMA_BINS, range=((0.1, 0.6), (0.1, 0.6)),
                                weights=weight.ravel())  # fmt: skip
    return np.sqrt(hist.ravel() / (hist.sum() + 1e-6)).astype(np.float32)


def _tones(grey_n: np.ndarray) -> np.ndarray:
    """Histogram of normalised grey levels: tells grey photos apart where the colour block cannot."""
    hist = np.histogram(grey_n.ravel(), bins=TONE_BINS, range=(-2.0, 2.0), weights=CENTRE.ravel())[0]
    return np.sqrt(hist / (hist.sum() + 1e-6)).astype(np.float32)


def _orientations(grey: np.ndarray) -> np.ndarray:
    gy, gx = np.gradient(grey)
    magnitude = np.hypot(gx, gy) * CENTRE
    angle = np.mod(np.arctan2(gy, gx), np.pi)  # orientation, not direction
    folded = np.minimum(angle, np.pi - angle)  # a flip maps angle a to pi - a
    bins = np.minimum((folded / (np.pi / 2) * ORIENT_BINS).astype(int), ORIENT_BINS - 1)
    out = []
    for band_bins, band_mag in zip(np.array_split(bins, BANDS), np.array_split(magnitude, BANDS)):
        h = np.bincount(band_bins.ravel(), weights=band_mag.ravel(), minlength=ORIENT_BINS)
        out.append(np.sqrt(h / (h.sum() + 1e-6)))
    return np.concatenate(out).astype(np.float32)


def describe(image: Image.Image) -> np.ndarray:
    """The unit-length descriptor of one image (float32, DIMENSIONS long)."""
    rgb = _pixels(image)
    grey = rgb @ np.array([0.299, 0.587, 0.114], np.float32)
    # Clipped: a bright caption or a few stars must not outweigh the scene.
    grey_n = np.clip((grey - grey.mean()) / (grey.std() + 1e-6), -2.0, 2.0)
    weighted = grey_n * CENTRE
    blocks = {
        "dct": _dct_block(weighted),
        "colour": _chroma_histogram(rgb),
        "tones": _tones(grey_n),
        "orient": _orientations(grey_n),
    }
    vector = np.concatenate([WEIGHTS[name] * _unit(block) for name, block in blocks.items()])
    return (vector / np.linalg.norm(vector)).astype(np.float32)
