"""Score cutoffs for Find similar and duplicates, calibrated on the benchmark (`python -m dam bench similar`).

How: the benchmark embeds 85 originals of real photographs, 8 edited copies of each and 10,000 distractor
photos. SIMILAR_CUTOFF is the 99th percentile of the scores of unrelated pairs (a copy against the distractors),
so a result shown is closer than 99% of unrelated pictures. DUPLICATE_THRESHOLD is the lowest score at which
pairs above it are at least 99% true copies among the calibration half of the originals; the benchmark reports
precision on the other half. CLIP's cutoffs cannot be calibrated without real weights here: they are a
conventional guess, and the bench prints the numbers to use once a real model is configured.
"""

from __future__ import annotations

SIMILAR_CUTOFF = {"descriptor": 0.80, "clip": 0.20}
DUPLICATE_THRESHOLD = {"descriptor": 0.90, "clip": 0.92}
