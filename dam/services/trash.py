"""The trash: purge assets for good, removing their files unless another asset shares the same bytes."""

from __future__ import annotations

from datetime import timedelta
from typing import Iterable

from dam import indexing
from dam.errors import Rejected
from dam.library import Library
from dam.permissions import Actor, require
from dam.repos import assets, comments, events
from dam.services import attachments
from dam.services.results import BulkResult, for_each
from dam.storage.base import THUMB_SIZES, thumb_key

DEFAULT_RETENTION_DAYS = 30


def _purge_one(library: Library, actor: Actor | None, asset_id: int) -> None:
    with library.catalog.transaction() as con:
        asset = assets.get(con, asset_id)
        if actor is not None:
            require(actor, "asset.purge", asset.brand_id)
        if asset.deleted_at is None:
            raise Rejected("Only assets in the trash can be purged.")
        thread_files = comments.purge_for_asset(con, asset_id)
        assets.purge_rows(con, asset_id)
        shared = assets.sha_in_use(con, asset.sha256)
        events.record(con, actor_id=actor.user_id if actor else None, action="asset.purge", entity="asset",
                      entity_id=asset_id, brand_id=asset.brand_id,
                      before={"name": asset.name, "sha256": asset.sha256}, after=None)  # fmt: skip
    # Files go only after the rows are committed: a crash in between leaves orphans for `check --repair`,
    # never a row without its file.
    if not shared:
        library.store.delete(asset.blob_key)
        for size in THUMB_SIZES:
            library.store.delete(thumb_key(asset.sha256, size))
    attachments.discard(library, thread_files)


def purge(library: Library, actor: Actor, asset_ids: Iterable[int]) -> BulkResult:
    """Purge chosen assets from the trash now (managers)."""
    result = for_each(asset_ids, lambda asset_id: _purge_one(library, actor, asset_id))
    indexing.after_change(library, result.succeeded)
    return result


def purge_expired(library: Library, days: int = DEFAULT_RETENTION_DAYS) -> BulkResult:
    """Purge everything that has been in the trash longer than `days` (run by the system)."""
    cutoff = events.utcnow() - timedelta(days=days)
    expired = [asset_id for asset_id, _brand in assets.trashed_before(library.catalog.cursor(), cutoff)]
    result = for_each(expired, lambda asset_id: _purge_one(library, None, asset_id))
    indexing.after_change(library, result.succeeded)
    return result


def take_back(library: Library, asset_ids: Iterable[int]) -> BulkResult:
    """Purge assets just added by the system (a generation whose results could not all be filed): no half results."""
    asset_ids, now = list(asset_ids), events.utcnow()
    with library.catalog.transaction() as con:
        for asset_id in asset_ids:
            assets.update(con, asset_id, {"deleted_at": now})
    result = for_each(asset_ids, lambda asset_id: _purge_one(library, None, asset_id))
    indexing.after_change(library, result.succeeded)
    return result
