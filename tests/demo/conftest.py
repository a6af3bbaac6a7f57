"""A small demo library, seeded once per test process and shared by the demo and app tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dam.config import Settings
from dam.demo import plan, seed
from dam.library import Library

SMALL = 0.02  # one asset of each group per brand (about 30), still every status, source and kind


@dataclass
class SeededDemo:
    settings: Settings
    summary: seed.Summary
    batches: list[plan.Batch]


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory) -> SeededDemo:
    settings = Settings(data_dir=tmp_path_factory.mktemp("small-demo") / "library")
    with Library.open(settings) as library:
        summary = seed.seed(library, scale=SMALL)
    return SeededDemo(settings, summary, plan.build(SMALL))
