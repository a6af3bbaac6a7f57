"""A brand with one person in each role, for the brand kit and campaign tests."""

from __future__ import annotations

import pytest

from tests.factories import make_brand, make_user


@pytest.fixture
def acme(library):
    """(brand id, its manager, a creator, a viewer)."""
    brand = make_brand(library, "Acme")
    boss = make_user(library, "boss", {brand: "manager"})
    cora = make_user(library, "cora", {brand: "creator"})
    vic = make_user(library, "vic", {brand: "viewer"})
    return brand, boss, cora, vic
