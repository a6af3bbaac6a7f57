"""Shared fixtures: a real library folder with a real DuckDB catalog per test."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from dam.config import Settings  # noqa: E402
from dam.library import Library  # noqa: E402


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings for a fresh library under the test's temp folder."""
    return Settings(data_dir=tmp_path / "library")


@pytest.fixture
def library(settings):
    """An open, empty library; closed after the test."""
    lib = Library.open(settings)
    yield lib
    lib.close()
