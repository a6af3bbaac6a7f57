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


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test in a test process (Playwright's sync API allows one at a time)."""
    from playwright.sync_api import expect, sync_playwright

    from tests.streamlit_server import CHROMIUM, CHROMIUM_ARGS

    expect.set_options(timeout=30_000)  # each click is a Streamlit rerun; on a busy 2-core machine that takes time
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
