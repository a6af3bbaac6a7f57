"""The built-in descriptor on real photographs: edited copies score high, different photos low."""

from __future__ import annotations

import numpy as np
import pytest

from dam.bench.similar_photos import TRANSFORMS, transformed
from dam.similar import descriptor

SUBJECTS = ("astronaut", "coffee", "chelsea", "rocket", "motorcycle", "china")


@pytest.mark.parametrize("how", TRANSFORMS)
def test_an_edited_copy_is_closer_than_any_other_photo(photos, how):
    originals = np.stack([descriptor.describe(photos[name]) for name in SUBJECTS])
    for n, name in enumerate(SUBJECTS):
        copy = descriptor.describe(transformed(photos[name], how))
        scores = np.maximum(originals @ copy, descriptor.mirror(originals) @ copy)  # as searches score
        assert int(np.argmax(scores)) == n, (name, how, scores.round(3))


def test_vectors_are_unit_length_and_mirror_maps_a_flip(photos):
    from PIL import ImageOps

    v = descriptor.describe(photos["astronaut"])
    flipped = descriptor.describe(ImageOps.mirror(photos["astronaut"]))
    assert v.shape == (descriptor.DIMENSIONS,) and abs(np.linalg.norm(v) - 1) < 1e-5
    assert float(v @ flipped) < 0.9  # the vector keeps which way the picture faces...
    assert float(descriptor.mirror(v) @ flipped) > 0.98  # ...and mirror() turns it round
    padded = np.pad(v, (0, 21))  # as stored: zero-padded rows mirror the same
    assert np.allclose(descriptor.mirror(padded)[: descriptor.DIMENSIONS], descriptor.mirror(v))


def test_unrelated_photos_score_below_the_duplicate_threshold(photos):
    from dam.similar.thresholds import DUPLICATE_THRESHOLD

    vectors = np.stack([descriptor.describe(photos[name]) for name in SUBJECTS])
    scores = vectors @ vectors.T
    assert scores[~np.eye(len(SUBJECTS), dtype=bool)].max() < DUPLICATE_THRESHOLD["descriptor"]
