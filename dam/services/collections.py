"""Managing a brand's collection tree: create, rename, move and delete (assets always stay)."""

from __future__ import annotations

from dam.errors import Rejected
from dam.library import Library
from dam.models import Collection
from dam.permissions import Actor, require
from dam.repos import collections, events


def tree(library: Library, actor: Actor, brand_id: int) -> list[Collection]:
    """Every collection of a brand with its path, sorted by path."""
    require(actor, "asset.view", brand_id)
    return collections.all_for_brand(library.catalog.cursor(), brand_id)


def _record(con, actor: Actor, action: str, collection: Collection, before, after) -> None:
    events.record(con, actor_id=actor.user_id, action=action, entity="collection", entity_id=collection.id,
                  brand_id=collection.brand_id, before=before, after=after)  # fmt: skip


def create(library: Library, actor: Actor, brand_id: int, name: str, parent_id: int | None = None) -> int:
    require(actor, "collection.manage", brand_id)
    with library.catalog.transaction() as con:
        if parent_id is not None and collections.by_id(con, parent_id).brand_id != brand_id:
            raise Rejected("The parent collection belongs to another brand.")
        new_id = collections.create(con, brand_id, name, parent_id)
        _record(con, actor, "collection.create", collections.by_id(con, new_id), None, {"name": name, "parent_id": parent_id})
    return new_id


def rename(library: Library, actor: Actor, collection_id: int, name: str) -> None:
    with library.catalog.transaction() as con:
        current = collections.by_id(con, collection_id)
        require(actor, "collection.manage", current.brand_id)
        collections.rename(con, collection_id, name)
        _record(con, actor, "collection.rename", current, {"name": current.name}, {"name": name})


def move(library: Library, actor: Actor, collection_id: int, new_parent_id: int | None) -> None:
    with library.catalog.transaction() as con:
        current = collections.by_id(con, collection_id)
        require(actor, "collection.manage", current.brand_id)
        collections.move(con, collection_id, new_parent_id)
        _record(con, actor, "collection.move", current, {"parent_id": current.parent_id}, {"parent_id": new_parent_id})


def delete(library: Library, actor: Actor, collection_id: int) -> None:
    """Remove the grouping (and its sub-collections); the assets inside stay in the library."""
    with library.catalog.transaction() as con:
        current = collections.by_id(con, collection_id)
        require(actor, "collection.manage", current.brand_id)
        collections.delete(con, collection_id)
        _record(con, actor, "collection.delete", current, {"name": current.name, "parent_id": current.parent_id}, None)
