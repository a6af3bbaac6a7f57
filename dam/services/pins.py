"""Pin to brand: anchor assets on a brand's kit, in order, to guide future generations."""

from __future__ import annotations

from dam.library import Library
from dam.permissions import Actor, require, require_visible
from dam.repos import assets, events, pins


def is_pinned(library: Library, asset_id: int) -> bool:
    asset = assets.get(library.catalog.cursor(), asset_id)
    return pins.is_pinned(library.catalog.cursor(), asset.brand_id, asset_id)


def set_pinned(library: Library, actor: Actor, asset_id: int, pinned: bool) -> None:
    """Pin the asset to its brand's kit (at the end of the order), or unpin it."""
    with library.catalog.transaction() as con:
        asset = assets.get(con, asset_id)
        require_visible(actor, asset)
        require(actor, "pin.manage", asset.brand_id)
        before = pins.is_pinned(con, asset.brand_id, asset_id)
        if pinned == before:
            return
        if pinned:
            pins.pin(con, asset.brand_id, asset_id, actor.user_id)
        else:
            pins.unpin(con, asset.brand_id, asset_id)
        events.record(con, actor_id=actor.user_id, action="asset.pin" if pinned else "asset.unpin", entity="asset",
                      entity_id=asset_id, brand_id=asset.brand_id, before={"pinned": before},
                      after={"pinned": pinned})  # fmt: skip


def pinned_ids(library: Library, brand_id: int) -> list[int]:
    return pins.for_brand(library.catalog.cursor(), brand_id)
