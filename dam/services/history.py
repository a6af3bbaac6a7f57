"""An asset's history for the viewer's History tab: who changed what and when, before -> after, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dam.errors import NotFound
from dam.library import Library
from dam.permissions import Actor, require_visible
from dam.repos import assets, brands, events, users
from dam.vocab import STATUS_LABELS

# What each logged change is called in the History tab; an action missing here shows as it is logged.
ACTION_LABELS = {
    "asset.create": "Added", "asset.upload": "Uploaded", "asset.rename": "Renamed", "asset.rate": "Rated",
    "asset.describe": "Description changed", "asset.tag": "Tagged", "asset.untag": "Untagged", "asset.file": "Filed",
    "asset.unfile": "Taken out of a collection", "asset.campaign": "Campaign assigned",
    "asset.uncampaign": "Campaign removed", "asset.status": "Review status", "asset.trash": "Moved to the trash",
    "asset.restore": "Restored from the trash", "asset.move_brand": "Moved to another brand",
    "asset.pin": "Pinned to the brand", "asset.unpin": "Unpinned", "asset.logo": "Made a brand logo",
    "asset.unlogo": "No longer a brand logo", "asset.replace_file": "File replaced", "asset.merge": "Duplicates merged",
    "asset.unmerge": "Merge undone", "thread.resolve": "Thread resolved", "thread.reopen": "Thread reopened",
}  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One line of the History tab; every text in it is plain text (names and notes are what people typed)."""

    when: datetime
    who: str  # "@handle", or "The Library" for the system (imports, the trash purge)
    what: str
    detail: str  # "field: before → after" parts, joined by " · "


def _value(field: str, value, brand_names: dict[int, str]) -> str:
    if value is None or value == [] or value == "":
        return "none"
    if field == "status" and value in STATUS_LABELS:
        return STATUS_LABELS[value]
    if field == "brand_id":
        return brand_names.get(value, "another brand")
    if field.endswith("_at"):  # logged as ISO text; shown to the minute, as everywhere else
        try:
            return f"{datetime.fromisoformat(str(value)):%d %b %Y %H:%M}"
        except ValueError:
            pass
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _name(field: str) -> str:
    return {"brand_id": "brand", "deleted_at": "in the trash since"}.get(field, field.replace("_", " "))


def _detail(before, after, brand_names: dict[int, str]) -> str:
    """`name: a → b` for each field the change touched; extra facts (a rejection note) as `note: …`."""
    before, after = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
    parts = []
    for field in dict.fromkeys([*before, *after]):
        if field in before and field in after:
            parts.append(f"{_name(field)}: {_value(field, before[field], brand_names)} → "
                         f"{_value(field, after[field], brand_names)}")
        elif field in after and after[field] not in (None, ""):
            parts.append(f"{_name(field)}: {_value(field, after[field], brand_names)}")
    return " · ".join(parts)


def asset_history(library: Library, actor: Actor, asset_id: int) -> list[Change]:
    """The changes to an asset the actor can see, newest first (NotFound, as for a missing asset, otherwise).

    Only the asset's own events: a comment's edits and deletions are logged on the comment, and showing them here
    would put a deleted comment's text back in front of every reader.
    """
    con = library.catalog.cursor()
    require_visible(actor, assets.get(con, asset_id))
    names: dict[int, str] = {}
    # Only brands the actor belongs to are named: a move from elsewhere says "another brand".
    brand_names = {b.id: b.name for b in brands.all_brands(con) if actor.role(b.id) is not None}

    def who(user_id: int | None) -> str:
        if user_id is None:
            return "The Library"
        if user_id not in names:
            try:
                names[user_id] = f"@{users.by_id(con, user_id).handle}"
            except NotFound:  # a removed account: the change stays, unattributed
                names[user_id] = "A former member"
        return names[user_id]

    return [
        Change(e["occurred_at"], who(e["actor_id"]), ACTION_LABELS.get(e["action"], e["action"]),
               _detail(e["before"], e["after"], brand_names))
        for e in reversed(events.for_entity(con, "asset", asset_id))
    ]  # fmt: skip
