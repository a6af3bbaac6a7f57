"""The test's own library served as the app would serve it, for the page tests here."""

from __future__ import annotations

import pytest

from dam.web import runtime


@pytest.fixture
def served(library, monkeypatch):
    """The test's library as the one this process serves, restored afterwards."""
    monkeypatch.setattr(runtime, "_state", {})
    runtime.configure(library)
    return library
