"""Score cutoffs for Find similar and duplicates, calibrated on the benchmark (`python -m dam bench similar`).

How (dam/bench/similar.py prints both values; they are copied here): 122 originals cut from real
photographs, 8 edited copies of each and 10,000 distractors (real photographs and regions of them, from
scikit-image, scikit-learn and Debian packages), all described by descriptor version 2; a pair scores the better of
as-is and mirrored. SIMILAR_CUTOFF is the 99th percentile of the scores of unrelated pairs (every copy against every
distractor), so a result shown is closer than 99% of unrelated pictures: measured 0.689.
DUPLICATE_THRESHOLD is the lowest score (in steps of 0.005) whose duplicate groups are at least 98% pure on the
calibration half (even-numbered originals with their copies, even-numbered distractors): measured
0.99, which gave 98.4% pure groups over everything. It is high because
neighbouring regions of one scene (sky over a bridge, a lake at dusk) score as high as edited copies do: at this
threshold resized, re-encoded and brightness-changed copies group with their original, while crops, rotations and
text overlays are found by Find similar instead (the report of issue 7 gives the figures).
CLIP's cutoffs cannot be calibrated without real weights here: they are a conventional guess.
"""

from __future__ import annotations

SIMILAR_CUTOFF = {"descriptor": 0.689, "clip": 0.20}
DUPLICATE_THRESHOLD = {"descriptor": 0.99, "clip": 0.92}
