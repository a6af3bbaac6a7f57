"""Filing prepared files in the catalog: where a batch goes (brand, collection, campaign, creator) and one
transaction per batch that writes the rows, their tags, memberships, lineage and `asset.create` events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath

from dam.db.catalog import Catalog, Connection
from dam.errors import Rejected
from dam.ingest.stages import Prepared, Source
from dam.ingest.types import ImportOptions
from dam.repos import assets, brands, campaigns, collections, events, tags, users
from dam.storage.base import blob_key, thumb_key
from dam.vocab import SOURCES, STATUSES


@dataclass(frozen=True)
class Filing:
    """The catalog ids an import's options resolve to."""

    brand_id: int
    creator_id: int | None = None
    collection_id: int | None = None
    campaign_id: int | None = None


def check_options(options: ImportOptions) -> None:
    """Refuse options that could never be filed, before any file is touched."""
    if not options.brand or not options.brand.strip():
        raise Rejected("An import needs a brand (--brand NAME).")
    if options.source not in SOURCES:
        raise Rejected(f"Unknown source {options.source!r}: use one of {', '.join(SOURCES)}.")
    if options.status not in STATUSES:
        raise Rejected(f"Unknown status {options.status!r}: use one of {', '.join(STATUSES)}.")
    if options.rating is not None and not 1 <= options.rating <= 5:
        raise Rejected(f"A rating is 1 to 5 stars, not {options.rating}.")
    if options.collection is not None:
        for part in options.collection.split(collections.SEPARATOR):
            if part.strip():
                collections.clean_name(part)


def resolve(catalog: Catalog, options: ImportOptions) -> Filing:
    """Find or create the brand, creator, collection and campaign an import files into (one transaction)."""
    check_options(options)
    with catalog.transaction() as con:
        brand = brands.get_or_create(con, options.brand)
        creator_id = _creator(con, options.creator, brand.id) if options.creator else None
        if options.parent_id is not None:
            assets.get(con, options.parent_id)  # NotFound: "No asset with id N."
        return Filing(
            brand_id=brand.id,
            creator_id=creator_id,
            collection_id=collections.ensure_path(con, brand.id, options.collection) if options.collection else None,
            campaign_id=campaigns.get_or_create(con, brand.id, options.campaign).id if options.campaign else None,
        )


def _creator(con: Connection, handle: str, brand_id: int) -> int:
    existing = users.by_handle(con, handle)
    if existing is not None:
        return existing.id
    # A user created by an import made these assets; without a membership they could not even see them.
    user = users.create(con, handle)
    users.set_membership(con, user.id, brand_id, "creator")
    return user.id


def existing_duplicate(catalog: Catalog, filing: Filing, sha256: str) -> int | None:
    """The live asset in the import's brand with exactly these bytes."""
    return assets.find_by_sha(catalog.cursor(), filing.brand_id, sha256)


def file_batch(
    catalog: Catalog, filing: Filing, options: ImportOptions, batch: list[tuple[Source, Prepared]], now
) -> list[tuple[int, bool]]:
    """Write a batch of rows in one transaction; per file, (asset id, whether it was added or already there)."""
    filed: list[tuple[int, bool]] = []
    with catalog.transaction() as con:
        for source, prepared in batch:
            # Checked again inside the transaction: another thread of this process may have filed the same bytes.
            twin = assets.find_by_sha(con, filing.brand_id, prepared.sha256)
            if twin is not None:
                filed.append((twin, False))
                continue
            fields = row(filing, options, source.name, prepared, now)
            asset_id = assets.insert(con, fields)
            labels = [*options.tags, *prepared.embedded.tags]
            if labels:
                tags.add_to_assets(con, [asset_id], labels)
            if options.parent_id is not None:
                assets.add_inputs(con, asset_id, [options.parent_id])
            events.record(
                con, actor_id=filing.creator_id, action="asset.create", entity="asset", entity_id=asset_id,
                brand_id=filing.brand_id,
                after={k: fields[k] for k in ("name", "original_name", "kind", "sha256", "source", "status")},
            )  # fmt: skip
            filed.append((asset_id, True))
        added = [asset_id for asset_id, new in filed if new]
        if filing.collection_id is not None and added:
            collections.add_assets(con, filing.collection_id, added)
        if filing.campaign_id is not None and added:
            campaigns.assign(con, filing.campaign_id, added)
    return filed


def row(filing: Filing, options: ImportOptions, original_name: str, prepared: Prepared, now) -> dict:
    """The catalog row of one prepared file: what the file says, what the options say, where its files are."""
    embedded = prepared.embedded
    created = options.created_at or now
    return {
        "brand_id": filing.brand_id,
        "name": embedded.title or PurePosixPath(original_name).stem or original_name,
        "original_name": original_name,
        "kind": prepared.kind,
        "mime": prepared.mime,
        "byte_size": prepared.size,
        "sha256": prepared.sha256,
        "width": prepared.width,
        "height": prepared.height,
        "duration": prepared.duration,
        "fps": prepared.fps,
        "page_count": prepared.page_count,
        "source": options.source,
        "status": options.status,
        "rating": options.rating if options.rating is not None else embedded.rating,
        "creator_id": filing.creator_id,
        "created_at": created,
        "updated_at": created,
        "prompt": options.prompt,
        "negative_prompt": options.negative_prompt,
        "model": options.model,
        "seed": options.seed,
        "gen_params": json.dumps(options.gen_params, sort_keys=True) if options.gen_params is not None else None,
        "parent_id": options.parent_id,
        "taken_at": embedded.taken_at,
        "camera": embedded.camera,
        "description": options.description or embedded.description or "",
        "palette": prepared.palette,
        "blob_key": blob_key(prepared.sha256),
        "thumb_small_key": thumb_key(prepared.sha256, "small"),
        "thumb_large_key": thumb_key(prepared.sha256, "large"),
    }
