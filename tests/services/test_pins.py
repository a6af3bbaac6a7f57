"""Pin to brand: managers pin and unpin, in order; others cannot."""

from __future__ import annotations

import pytest

from dam.permissions import PermissionDenied
from dam.repos import events
from dam.services import pins
from tests.factories import make_asset, make_brand, make_user


def test_pin_order_unpin_and_events(library):
    acme = make_brand(library, "Acme")
    boss = make_user(library, "boss", {acme: "manager"})
    first, second = make_asset(library, acme, 1, status="approved"), make_asset(library, acme, 2, status="approved")
    pins.set_pinned(library, boss, second, True)
    pins.set_pinned(library, boss, first, True)
    pins.set_pinned(library, boss, first, True)  # pinning twice changes nothing
    assert pins.pinned_ids(library, acme) == [second, first]
    pins.set_pinned(library, boss, second, False)
    assert pins.pinned_ids(library, acme) == [first] and pins.is_pinned(library, first)
    actions = [e["action"] for e in events.for_entity(library.catalog.cursor(), "asset", second)]
    assert actions == ["asset.pin", "asset.unpin"]


def test_creator_cannot_pin(library):
    acme = make_brand(library, "Acme")
    carl = make_user(library, "carl", {acme: "creator"})
    asset_id = make_asset(library, acme, 3, status="approved")
    with pytest.raises(PermissionDenied):
        pins.set_pinned(library, carl, asset_id, True)
    assert pins.pinned_ids(library, acme) == []
