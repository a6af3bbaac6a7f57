"""Fixtures for the query engine: one shared, read-mostly library per module, built once."""

from __future__ import annotations

import pytest

from dam.config import Settings
from dam.library import Library
from tests.query.world import build_world


@pytest.fixture(scope="module")
def world_library(tmp_path_factory, catalog_urls):
    """A library of 160 assets over two brands (see world.py) and the oracle's copy of its rows."""
    lib = Library.open(Settings(data_dir=tmp_path_factory.mktemp("query") / "library", catalog=catalog_urls.new()))
    world = build_world(lib)
    yield lib, world
    lib.close()
