"""The built-in visual descriptor: layout, colour and texture features of an image, no model needed.

Brightness and contrast are taken out by normalising grey levels with robust statistics (median and the 10-90%
spread, then clipped), so a caption or a logo laid over a tenth of the picture barely moves the scale the rest is
measured on (plain mean and deviation let white text re-scale a dark photo). Colour is chromaticity, unchanged
when brightness scales. The image is weighted towards its centre, so an 80% crop, a rotation's black corners or
an overlay near an edge move the vector little. Blocks are centred and L2-normalised separately, weighted and
joined, so cosine similarity reads like a correlation.

A horizontal flip is not folded into the vector (that would throw away the sign of half the layout terms and let
unrelated pictures match): `mirror` turns a vector into the vector of the mirrored picture, and searches and
duplicate grouping score a pair as the better of the two.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

VERSION = "2"  # stored with the vectors: a library embedded by another version must be reindexed
SIDE = 64  # working resolution: enough for layout and texture, cheap (about 3 ms per image with the resize)
DCT_BLOCK = 8  # low-frequency block kept from the 32x32 DCT of the grey image
CHROMA_BINS = 6
ORIENT_BINS = 8
BANDS = 3  # horizontal bands: a flip maps each onto itself
TONE_BINS = 12
SPREAD_FLOOR = 0.03  # a near-flat picture keeps its flatness instead of having its noise blown up
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


def _layout(grey_n: np.ndarray) -> np.ndarray:
    small = (grey_n * CENTRE).reshape(32, 2, 32, 2).mean(axis=(1, 3))
    coeffs = _DCT32 @ small @ _DCT32.T  # [v (vertical), u (horizontal)]
    return np.array([coeffs[v, u] for u, v in _zigzag], np.float32) * _FREQ_WEIGHT


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


def _orientations(grey_n: np.ndarray) -> np.ndarray:
    gy, gx = np.gradient(grey_n)
    magnitude = np.hypot(gx, gy) * CENTRE
    angle = np.arctan2(gy, gx)  # bins centred on 0, pi/8...: a mirror maps bin i onto bin -i exactly
    bins = np.floor(angle / np.pi * ORIENT_BINS + 0.5).astype(int) % ORIENT_BINS  # orientation, not direction
    out = []
    for band_bins, band_mag in zip(np.array_split(bins, BANDS), np.array_split(magnitude, BANDS)):
        h = np.bincount(band_bins.ravel(), weights=band_mag.ravel(), minlength=ORIENT_BINS)
        out.append(np.sqrt(h / (h.sum() + 1e-6)))
    return np.concatenate(out).astype(np.float32)


def describe(image: Image.Image) -> np.ndarray:
    """The unit-length descriptor of one image (float32, DIMENSIONS long)."""
    rgb = _pixels(image)
    grey = rgb @ np.array([0.299, 0.587, 0.114], np.float32)
    low, middle, high = np.percentile(grey, [10, 50, 90])
    # 2.56 deviations span 10-90% of a normal distribution. Clipped: a bright caption must not outweigh the scene.
    grey_n = np.clip((grey - middle) / max((high - low) / 2.56, SPREAD_FLOOR), -2.0, 2.0)
    blocks = {
        "dct": _layout(grey_n),
        "colour": _chroma_histogram(rgb),
        "tones": _tones(grey_n),
        "orient": _orientations(grey_n),
    }
    vector = np.concatenate([WEIGHTS[name] * _unit(block) for name, block in blocks.items()])
    return (vector / np.linalg.norm(vector)).astype(np.float32)


# What a mirror image does to the vector: odd horizontal frequencies change sign; an orientation angle a becomes
# pi - a, which maps bin i onto bin -i (mod ORIENT_BINS); histograms of colour and tone stay as they are.
_SIGN = np.ones(DIMENSIONS, np.float32)
_SIGN[: len(_zigzag)] = [(-1.0) ** u for u, _ in _zigzag]
_ORDER = np.arange(DIMENSIONS)
_start = len(_zigzag) + CHROMA_BINS**2 + TONE_BINS
for _band in range(BANDS):
    _at = _start + _band * ORIENT_BINS
    _ORDER[_at : _at + ORIENT_BINS] = _at + (-np.arange(ORIENT_BINS)) % ORIENT_BINS


def mirror(vectors: np.ndarray) -> np.ndarray:
    """The vectors of the horizontally mirrored pictures, from the vectors alone (rows may be zero-padded)."""
    vectors = np.asarray(vectors, np.float32)
    out = vectors.copy()
    out[..., :DIMENSIONS] = vectors[..., _ORDER] * _SIGN
    return out
