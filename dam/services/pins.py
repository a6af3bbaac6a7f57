"""Pin to brand and the brand's logos: ordered lists of assets on a brand's kit (managers change them).

Pinned assets are the brand's anchors: they guide future generations (a generation request attaches them).
Logos are the assets designated as the brand's logos. Both work the same way:

    pins.set_pinned(library, actor, asset_id, True)            # pin at the end (False unpins)
    pins.pin_many(library, actor, [3, 5, 8]) -> BulkResult     # the bulk bar: one result per id
    pins.reorder_pins(library, actor, brand_id, [8, 3, 5])     # the kit's new order
    pins.pinned_ids(library, brand_id) -> [8, 3, 5]
    pins.set_logo / add_logos / reorder_logos / logo_ids       # the same for logos

An asset goes on its own brand's kit; it must be visible to the actor and not in the trash.
"""

from __future__ import annotations

from typing import Iterable

from dam.errors import Rejected
from dam.library import Library
from dam.permissions import Actor, require, require_visible
from dam.repos import assets, events
from dam.repos import pins as kit_lists
from dam.repos.pins import LOGOS, PINS, KitList
from dam.services.results import BulkResult, for_each

# What each list is called in events: (event when added, event when removed, event when reordered, field).
_EVENTS = {
    PINS: ("asset.pin", "asset.unpin", "brand.pins_order", "pinned"),
    LOGOS: ("asset.logo", "asset.unlogo", "brand.logos_order", "logo"),
}


def _set(library: Library, actor: Actor, kit: KitList, asset_id: int, on: bool) -> None:
    added, removed, _order, field = _EVENTS[kit]
    with library.catalog.transaction() as con:
        asset = assets.get(con, asset_id)
        require_visible(actor, asset)
        require(actor, "pin.manage" if kit is PINS else "kit.edit", asset.brand_id)
        before = kit_lists.contains(con, kit, asset.brand_id, asset_id)
        if on == before:
            return
        if on and asset.deleted_at is not None:
            raise Rejected("An asset in the trash cannot go on the brand kit.")
        if on:
            kit_lists.add(con, kit, asset.brand_id, asset_id, actor.user_id)
        else:
            kit_lists.remove(con, kit, asset.brand_id, asset_id)
        events.record(con, actor_id=actor.user_id, action=added if on else removed, entity="asset", entity_id=asset_id,
                      brand_id=asset.brand_id, before={field: before}, after={field: on})  # fmt: skip


def _reorder(library: Library, actor: Actor, kit: KitList, brand_id: int, asset_ids: list[int]) -> list[int]:
    """Put the listed assets first, in that order; the rest keep their order after them."""
    _added, _removed, order_event, _field = _EVENTS[kit]
    require(actor, "pin.manage" if kit is PINS else "kit.edit", brand_id)
    wanted = list(dict.fromkeys(int(i) for i in asset_ids))
    with library.catalog.transaction() as con:
        before = kit_lists.ids(con, kit, brand_id)
        strangers = [i for i in wanted if i not in before]
        if strangers:
            raise Rejected(f"Asset {strangers[0]} is not on this brand's kit.")
        after = wanted + [i for i in before if i not in wanted]
        if after == before:
            return after
        kit_lists.set_order(con, kit, brand_id, after)
        events.record(con, actor_id=actor.user_id, action=order_event, entity="brand", entity_id=brand_id,
                      brand_id=brand_id, before={"order": before}, after={"order": after})  # fmt: skip
    return after


def is_pinned(library: Library, asset_id: int) -> bool:
    """Whether the asset is pinned to its own brand's kit."""
    asset = assets.get(library.catalog.cursor(), asset_id)
    return kit_lists.is_pinned(library.catalog.cursor(), asset.brand_id, asset_id)


def set_pinned(library: Library, actor: Actor, asset_id: int, pinned: bool) -> None:
    """Pin the asset to its brand's kit (at the end of the order), or unpin it."""
    _set(library, actor, PINS, asset_id, pinned)


def pin_many(library: Library, actor: Actor, asset_ids: Iterable[int]) -> BulkResult:
    """Pin a selection, in the order given; one result per id (already pinned counts as done)."""
    return for_each(asset_ids, lambda asset_id: _set(library, actor, PINS, asset_id, True))


def reorder_pins(library: Library, actor: Actor, brand_id: int, asset_ids: list[int]) -> list[int]:
    """Reorder the brand's anchors; returns the whole new order."""
    return _reorder(library, actor, PINS, brand_id, asset_ids)


def pinned_ids(library: Library, brand_id: int) -> list[int]:
    """The brand's pinned asset ids in kit order, unfiltered (brand_kit.kit gives what an actor may see)."""
    return kit_lists.for_brand(library.catalog.cursor(), brand_id)


def set_logo(library: Library, actor: Actor, asset_id: int, is_logo: bool) -> None:
    """Designate the asset as one of its brand's logos (at the end), or take that away."""
    _set(library, actor, LOGOS, asset_id, is_logo)


def add_logos(library: Library, actor: Actor, asset_ids: Iterable[int]) -> BulkResult:
    """Designate a selection as logos, in the order given; one result per id."""
    return for_each(asset_ids, lambda asset_id: _set(library, actor, LOGOS, asset_id, True))


def reorder_logos(library: Library, actor: Actor, brand_id: int, asset_ids: list[int]) -> list[int]:
    """Reorder the brand's logos; returns the whole new order."""
    return _reorder(library, actor, LOGOS, brand_id, asset_ids)


def logo_ids(library: Library, brand_id: int) -> list[int]:
    """The brand's logo asset ids in kit order, unfiltered."""
    return kit_lists.ids(library.catalog.cursor(), LOGOS, brand_id)
