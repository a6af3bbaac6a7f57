"""Fixtures for the generation tests: one local generator server per module, and a library configured for it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

from dam.library import Library
from tests.factories import make_asset, make_brand, make_user
from tests.generation.server import GeneratorServer


@pytest.fixture(scope="module")
def server():
    running = GeneratorServer()
    yield running
    running.close()


@pytest.fixture
def gen_library(settings, server):
    """A library whose generator is the test server's /ok (other behaviours are reached with their own backend)."""
    lib = Library.open(dataclasses.replace(settings, generator_url=server.url("/ok"), generator_timeout=1, workers=1))
    yield lib
    lib.close()


@dataclass
class Studio:
    brand: int
    other: int
    boss: object  # the brand's manager
    cora: object  # a creator
    vic: object  # a viewer
    photo: int  # an approved photo, pinned as an anchor
    board: int  # an approved mood board, pinned too
    campaign: int
    collection: int


def studio(library) -> Studio:
    from dam.services import collections as collection_service
    from dam.services import campaigns, pins

    brand, other = make_brand(library, "Acme"), make_brand(library, "Other")
    boss = make_user(library, "boss", {brand: "manager", other: "manager"})
    cora = make_user(library, "cora", {brand: "creator"})
    vic = make_user(library, "vic", {brand: "viewer"})
    photo = make_asset(library, brand, 1, status="approved", palette=["#c0392b", "#f1c40f"])
    board = make_asset(library, brand, 2, status="approved", palette=["#2c3e50"])
    pins.pin_many(library, boss, [board, photo])
    campaign = campaigns.create(library, boss, brand, "Summer 26").id
    collection = collection_service.create(library, boss, brand, "Generated")
    return Studio(brand, other, boss, cora, vic, photo, board, campaign, collection)
