"""Turning query rows into what the grid and viewer components draw: names, badges and signed file URLs."""

from __future__ import annotations

from dataclasses import dataclass

from dam.db.catalog import Connection
from dam.query import Item
from dam.repos import brands, users
from dam.web.routes import original_url, thumb_url


@dataclass(frozen=True)
class Names:
    """Brand names and creator display names by id, read once per run."""

    brands: dict[int, str]
    people: dict[int, str]

    @classmethod
    def read(cls, con: Connection) -> "Names":
        return cls({b.id: b.name for b in brands.all_brands(con)},
                   {u.id: u.display_name for u in users.all_users(con)})  # fmt: skip


def card(item: Item, names: Names, actor_id: int, comments: dict[int, int] | None = None) -> dict:
    return {
        "id": item.id, "thumb": thumb_url(item.id, "small", actor_id), "large": thumb_url(item.id, "large", actor_id),
        "name": item.name,
        "width": item.width, "height": item.height, "kind": item.kind, "source": item.source,
        "status": item.status, "brand": names.brands.get(item.brand_id, ""), "duration": item.duration,
        "creator": names.people.get(item.creator_id, "") if item.creator_id else "",
        "comments": (comments or {}).get(item.id, 0),
    }  # fmt: skip


def slide(item, actor_id: int, mime: str = "") -> dict:
    """What the viewer needs for one asset (an Item or an Asset)."""
    return {
        "id": item.id, "large": thumb_url(item.id, "large", actor_id), "original": original_url(item.id, actor_id),
        "kind": item.kind, "mime": mime or getattr(item, "mime", ""), "name": item.name, "width": item.width,
        "height": item.height, "duration": item.duration,
    }  # fmt: skip
