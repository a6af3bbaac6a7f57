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
        scores = originals @ copy
        assert int(np.argmax(scores)) == n, (name, how, scores.round(3))


def test_vectors_are_unit_length_and_flip_invariant(photos):
    from PIL import ImageOps

    v = descriptor.describe(photos["astronaut"])
    assert v.shape == (descriptor.DIMENSIONS,) and abs(np.linalg.norm(v) - 1) < 1e-5
    assert float(v @ descriptor.describe(ImageOps.mirror(photos["astronaut"]))) > 0.995


def test_unrelated_photos_score_below_the_duplicate_threshold(photos):
    from dam.similar.thresholds import DUPLICATE_THRESHOLD

    vectors = np.stack([descriptor.describe(photos[name]) for name in SUBJECTS])
    scores = vectors @ vectors.T
    assert scores[~np.eye(len(SUBJECTS), dtype=bool)].max() < DUPLICATE_THRESHOLD["descriptor"]
