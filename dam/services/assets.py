"""Editing assets one at a time or in bulk: rename, rate, tag, file, campaigns, status, trash, brand moves."""

from __future__ import annotations

from typing import Iterable

from dam import indexing
from dam.db.catalog import Connection
from dam.errors import Rejected
from dam.library import Library
from dam.models import Asset
from dam.permissions import Actor, PermissionDenied, require, require_visible
from dam.repos import assets, campaigns, collections, events, notifications, tags
from dam.services.results import BulkResult, for_each
from dam.services.review import find_transition, may_make
from dam.vocab import STATUSES


def _load(con: Connection, actor: Actor, asset_id: int, action: str) -> Asset:
    asset = assets.get(con, asset_id)
    require_visible(actor, asset)
    require(actor, action, asset.brand_id)
    return asset


def _change(library: Library, actor: Actor, asset_id: int, action: str, event: str, apply) -> None:
    """Load, check, apply and record one change inside one transaction."""
    with library.catalog.transaction() as con:
        asset = _load(con, actor, asset_id, action)
        before, after = apply(con, asset)
        assets.update(con, asset_id, {"updated_at": events.utcnow()})
        events.record(con, actor_id=actor.user_id, action=event, entity="asset", entity_id=asset_id,
                      brand_id=asset.brand_id, before=before, after=after)  # fmt: skip


def _bulk(library: Library, actor: Actor, asset_ids: Iterable[int], action: str, event: str, apply) -> BulkResult:
    result = for_each(asset_ids, lambda asset_id: _change(library, actor, asset_id, action, event, apply))
    indexing.after_change(library, result.succeeded)
    return result


def rename(library: Library, actor: Actor, asset_id: int, name: str) -> None:
    clean = " ".join("".join(c for c in name if ord(c) >= 32).split())
    if not clean:
        raise Rejected("An asset needs a name.")

    def apply(con, asset):
        assets.update(con, asset.id, {"name": clean})
        return {"name": asset.name}, {"name": clean}

    _change(library, actor, asset_id, "asset.edit", "asset.rename", apply)
    indexing.after_change(library, [asset_id])


def set_rating(library: Library, actor: Actor, asset_id: int, rating: int | None) -> None:
    """Set 1-5 stars, or None to clear the rating."""
    if rating is not None and rating not in range(1, 6):
        raise Rejected("A rating is 1 to 5 stars.")

    def apply(con, asset):
        assets.update(con, asset.id, {"rating": rating})
        return {"rating": asset.rating}, {"rating": rating}

    _change(library, actor, asset_id, "asset.edit", "asset.rate", apply)


def set_description(library: Library, actor: Actor, asset_id: int, description: str) -> None:
    def apply(con, asset):
        assets.update(con, asset.id, {"description": description.strip()})
        return {"description": asset.description}, {"description": description.strip()}

    _change(library, actor, asset_id, "asset.edit", "asset.describe", apply)
    indexing.after_change(library, [asset_id])


def _relist(field: str, read, change, check=None):
    """An edit of one of an asset's lists (tags, collections, campaigns) that records the list before and after."""

    def apply(con, asset):
        if check is not None:
            check(con, asset)
        before = read(con, asset.id)
        change(con, asset.id)
        return {field: before}, {field: read(con, asset.id)}

    return apply


def add_tags(library: Library, actor: Actor, asset_ids: Iterable[int], names: list[str]) -> BulkResult:
    wanted = [n for n in (tags.normalise(t) for t in names) if n]
    if not wanted:
        raise Rejected("Give at least one tag.")
    apply = _relist("tags", tags.for_asset, lambda con, a: tags.add_to_assets(con, [a], wanted))
    return _bulk(library, actor, asset_ids, "asset.edit", "asset.tag", apply)


def remove_tags(library: Library, actor: Actor, asset_ids: Iterable[int], names: list[str]) -> BulkResult:
    apply = _relist("tags", tags.for_asset, lambda con, a: tags.remove_from_assets(con, [a], names))
    return _bulk(library, actor, asset_ids, "asset.edit", "asset.untag", apply)


def _same_brand(what: str, brand_of):
    def check(con, asset):
        if brand_of(con) != asset.brand_id:
            raise Rejected(f"The {what} belongs to another brand.")

    return check


def file_into(library: Library, actor: Actor, asset_ids: Iterable[int], collection_id: int) -> BulkResult:
    """Add assets to a collection of their own brand."""
    check = _same_brand("collection", lambda con: collections.by_id(con, collection_id).brand_id)
    apply = _relist("collections", collections.paths_for_asset,
                    lambda con, a: collections.add_assets(con, collection_id, [a]), check)  # fmt: skip
    return _bulk(library, actor, asset_ids, "asset.file", "asset.file", apply)


def unfile(library: Library, actor: Actor, asset_ids: Iterable[int], collection_id: int) -> BulkResult:
    apply = _relist("collections", collections.paths_for_asset,
                    lambda con, a: collections.remove_assets(con, collection_id, [a]))  # fmt: skip
    return _bulk(library, actor, asset_ids, "asset.file", "asset.unfile", apply)


def assign_campaign(library: Library, actor: Actor, asset_ids: Iterable[int], campaign_id: int) -> BulkResult:
    check = _same_brand("campaign", lambda con: campaigns.by_id(con, campaign_id).brand_id)
    apply = _relist("campaigns", campaigns.names_for_asset, lambda con, a: campaigns.assign(con, campaign_id, [a]), check)
    return _bulk(library, actor, asset_ids, "asset.campaign", "asset.campaign", apply)


def unassign_campaign(library: Library, actor: Actor, asset_ids: Iterable[int], campaign_id: int) -> BulkResult:
    apply = _relist("campaigns", campaigns.names_for_asset, lambda con, a: campaigns.unassign(con, campaign_id, [a]))
    return _bulk(library, actor, asset_ids, "asset.campaign", "asset.uncampaign", apply)


def set_status(
    library: Library, actor: Actor, asset_ids: Iterable[int], status: str, note: str = ""
) -> BulkResult:  # fmt: skip
    """Move assets through the review pipeline; each move must be a legal transition for the actor."""
    if status not in STATUSES:
        raise Rejected(f"Unknown status {status!r}: use one of {', '.join(STATUSES)}.")

    def change_one(asset_id: int) -> None:
        with library.catalog.transaction() as con:
            asset = assets.get(con, asset_id)
            require_visible(actor, asset)
            transition = find_transition(asset.status, status, asset.status_before_archive)
            require(actor, transition.action, asset.brand_id)
            if not may_make(actor, asset, transition):
                raise PermissionDenied("Only its submitter or a manager can take a submission back to Draft.")
            if transition.needs_reason and not note.strip():
                raise Rejected("A rejection needs a reason.")
            fields: dict = {"status": status, "updated_at": events.utcnow()}
            if status == "archived":
                fields["status_before_archive"] = asset.status
            elif asset.status == "archived":
                fields["status_before_archive"] = None
            if status == "in_review":
                fields.update(submitted_by=actor.user_id, submitted_at=events.utcnow())
            assets.update(con, asset_id, fields)
            events.record(con, actor_id=actor.user_id, action="asset.status", entity="asset", entity_id=asset_id,
                          brand_id=asset.brand_id, before={"status": asset.status},
                          after={"status": status, "note": note.strip() or None})  # fmt: skip
            if status in ("approved", "rejected") and asset.submitted_by not in (None, actor.user_id):
                _notify_decision(con, actor, asset, status, note.strip())

    return for_each(asset_ids, change_one)


def _notify_decision(con: Connection, actor: Actor, asset: Asset, status: str, note: str) -> None:
    """Tell the submitter how their submission was decided."""
    body = f"{actor.handle} {status} “{asset.name}”" + (f": {note}" if note else "")
    notifications.add(con, asset.submitted_by, f"review.{status}", asset_id=asset.id, actor_id=actor.user_id, body=body)


def trash(library: Library, actor: Actor, asset_ids: Iterable[int]) -> BulkResult:
    """Move assets to the trash (undo with `restore`)."""

    def apply(con, asset):
        if asset.deleted_at is not None:
            raise Rejected("Already in the trash.")
        now = events.utcnow()
        assets.update(con, asset.id, {"deleted_at": now, "deleted_by": actor.user_id})
        return {"deleted_at": None}, {"deleted_at": now}

    return _bulk(library, actor, asset_ids, "asset.delete", "asset.trash", apply)


def restore(library: Library, actor: Actor, asset_ids: Iterable[int]) -> BulkResult:
    def apply(con, asset):
        if asset.deleted_at is None:
            raise Rejected("Not in the trash.")
        assets.update(con, asset.id, {"deleted_at": None, "deleted_by": None})
        return {"deleted_at": asset.deleted_at}, {"deleted_at": None}

    return _bulk(library, actor, asset_ids, "asset.restore", "asset.restore", apply)


def move_to_brand(library: Library, actor: Actor, asset_ids: Iterable[int], brand_id: int) -> BulkResult:
    """Move assets to another brand the actor manages; they leave the old brand's collections and campaigns."""
    require(actor, "asset.move_brand", brand_id)

    def apply(con, asset):
        if asset.brand_id == brand_id:
            raise Rejected("Already in that brand.")
        if assets.find_by_sha(con, brand_id, asset.sha256) is not None:
            raise Rejected("The target brand already has this file.")
        collections.unfile_everywhere(con, asset.id)
        campaigns.unassign_everywhere(con, asset.id)
        assets.update(con, asset.id, {"brand_id": brand_id})
        return {"brand_id": asset.brand_id}, {"brand_id": brand_id}

    return _bulk(library, actor, asset_ids, "asset.move_brand", "asset.move_brand", apply)
