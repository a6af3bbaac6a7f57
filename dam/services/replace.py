"""Replacing an asset's file: the new bytes go through ingest's checks, and an approved asset goes back to review."""

from __future__ import annotations

from pathlib import Path

from dam import indexing
from dam.errors import Rejected
from dam.ingest import pending
from dam.ingest.stages import Limits, Refusal, Source, identify, prepare
from dam.library import Library
from dam.models import Asset
from dam.permissions import Actor, require, require_visible
from dam.repos import assets, events
from dam.storage import blob_key, thumb_key
from dam.storage.base import THUMB_SIZES


def replace_file(library: Library, actor: Actor, asset_id: int, path: Path, name: str) -> Asset:
    """Give an asset new bytes (a retouched export, a corrected logo), keeping its id, tags, filing and thread."""
    con = library.catalog.cursor()
    asset = assets.get(con, asset_id)
    require_visible(actor, asset)
    require(actor, "asset.edit", asset.brand_id)
    limits = Limits(max_bytes=library.settings.max_bytes, max_pixels=library.settings.max_pixels)
    source = Source(path=Path(path), name=name, shown=name)
    found = identify(source, limits)
    if isinstance(found, Refusal):
        raise Rejected(f"{name}: {found.reason}.")
    folder = pending.pending_dir(library.settings.data_dir)
    prepared = prepare(source, found, limits, library.store, folder)
    if isinstance(prepared, Refusal):
        raise Rejected(f"{name}: {prepared.reason}.")
    now = events.utcnow()
    fields = {
        "original_name": name, "kind": prepared.kind, "mime": prepared.mime, "byte_size": prepared.size,
        "sha256": prepared.sha256, "width": prepared.width, "height": prepared.height, "duration": prepared.duration,
        "fps": prepared.fps, "page_count": prepared.page_count, "palette": prepared.palette,
        "blob_key": blob_key(prepared.sha256), "thumb_small_key": thumb_key(prepared.sha256, "small"),
        "thumb_large_key": thumb_key(prepared.sha256, "large"), "updated_at": now,
    }  # fmt: skip
    if asset.status == "approved":
        # An approved file was approved as it was: new bytes need a new decision.
        fields.update(status="in_review", submitted_by=actor.user_id, submitted_at=now)
    with library.catalog.transaction() as tx:
        assets.update(tx, asset_id, fields)
        events.record(tx, actor_id=actor.user_id, action="asset.replace_file", entity="asset", entity_id=asset_id,
                      brand_id=asset.brand_id, before={"sha256": asset.sha256, "status": asset.status},
                      after={"sha256": prepared.sha256, "status": fields.get("status", asset.status)})  # fmt: skip
        still_used = assets.sha_in_use(tx, asset.sha256)
    pending.clear(folder, [prepared.sha256])
    if not still_used and asset.sha256 != prepared.sha256:
        library.store.delete(asset.blob_key)
        for size in THUMB_SIZES:
            library.store.delete(thumb_key(asset.sha256, size))
    indexing.after_change(library, [asset_id])
    return assets.get(library.catalog.cursor(), asset_id)
