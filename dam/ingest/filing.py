"""Filing prepared files in the catalog: where a batch goes (brand, collection, campaign, creator) and one
transaction per batch that writes the rows, their tags, memberships, lineage and `asset.create` events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath

import numpy as np

from dam.db.catalog import Catalog, Connection
from dam.errors import Rejected
from dam.ingest.stages import Prepared, Source
from dam.ingest.types import ImportOptions
from dam.repos import assets, brands, campaigns, collections, embeddings, events, tags, users
from dam.similar.embedders import Descriptor
from dam.storage.base import blob_key, thumb_key
from dam.vocab import SOURCES, STATUSES

DESCRIPTOR = Descriptor().name  # the built-in visual embedder, whose vectors the workers make (stages.prepare)


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
        for input_id in options.inputs:
            assets.get(con, input_id)  # NotFound: "No asset with id N."
        collection_id = collections.ensure_path(con, brand.id, options.collection) if options.collection else None
        campaign_id = campaigns.get_or_create(con, brand.id, options.campaign).id if options.campaign else None
        if options.collection_id is not None:
            collection_id = _in_brand("collection", collections.by_id(con, options.collection_id), brand.id)
        if options.campaign_id is not None:
            campaign_id = _in_brand("campaign", campaigns.by_id(con, options.campaign_id), brand.id)
        return Filing(brand_id=brand.id, creator_id=creator_id, collection_id=collection_id, campaign_id=campaign_id)


def _in_brand(what: str, found, brand_id: int) -> int:
    if found.brand_id != brand_id:
        raise Rejected(f"The {what} {found.name!r} belongs to another brand.")
    return found.id


def _creator(con: Connection, handle: str, brand_id: int) -> int:
    existing = users.by_handle(con, handle)
    if existing is not None:
        return existing.id
    # A user created by an import made these assets; without a membership they could not even see them.
    user = users.create(con, handle)
    users.set_membership(con, user.id, brand_id, "creator")
    return user.id


def existing_duplicates(catalog: Catalog, filing: Filing, sha256s: list[str]) -> dict[str, int]:
    """sha256 -> the live asset in the import's brand with exactly those bytes, for the hashes that have one."""
    return assets.find_by_shas(catalog.cursor(), filing.brand_id, sha256s)


def file_batch(
    catalog: Catalog, filing: Filing, options: ImportOptions, batch: list[tuple[Source, Prepared]], now
) -> list[tuple[int, bool]]:
    """Write a batch of rows in one transaction; per file, (asset id, whether it was added or already there).

    Statements are per batch where they can be (the twin check, tags, events, visual vectors): each costs about
    a millisecond of this process's time, which the workers need too.
    """
    with catalog.transaction() as con:
        # Checked again inside the transaction: another thread of this process may have filed the same bytes.
        twins = assets.find_by_shas(con, filing.brand_id, [prepared.sha256 for _, prepared in batch])
        new: dict[str, tuple[Prepared, dict]] = {}
        for source, prepared in batch:
            if prepared.sha256 not in twins and prepared.sha256 not in new:
                new[prepared.sha256] = (prepared, row(filing, options, source.name, prepared, now))
        added = assets.insert_many(con, [fields for _, fields in new.values()])
        twins.update(zip(new, added))
        if added:
            _link(con, filing, options, added, [prepared for prepared, _ in new.values()])
            events.record_many(con, [
                {"actor_id": filing.creator_id, "action": "asset.create", "entity": "asset", "entity_id": asset_id,
                 "brand_id": filing.brand_id, "after": {k: fields[k] for k in _CREATED}}
                for asset_id, (_, fields) in zip(added, new.values())
            ])  # fmt: skip
    firsts = set(added)
    filed = []
    for _, prepared in batch:
        asset_id = twins[prepared.sha256]
        filed.append((asset_id, asset_id in firsts))
        firsts.discard(asset_id)  # a second copy in the same batch is a duplicate of the first
    return filed


_CREATED = ("name", "original_name", "kind", "sha256", "source", "status")  # what an asset.create event records


def _link(con: Connection, filing: Filing, options: ImportOptions, added: list[int], prepared: list[Prepared]) -> None:
    """Tags, lineage, collection, campaign and visual vectors of newly added assets, a statement per kind."""
    tags.add_each(con, [(asset_id, label) for asset_id, one in zip(added, prepared)
                        for label in (*options.tags, *one.embedded.tags)])  # fmt: skip
    for asset_id in added if options.inputs else ():
        assets.add_inputs(con, asset_id, list(options.inputs))
    if filing.collection_id is not None:
        collections.add_assets(con, filing.collection_id, added)
    if filing.campaign_id is not None:
        campaigns.assign(con, filing.campaign_id, added)
    described = [(asset_id, one.vector) for asset_id, one in zip(added, prepared) if one.vector is not None]
    if described:
        embeddings.store(con, DESCRIPTOR, [i for i, _ in described], np.stack([v for _, v in described]))


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
        "parent_id": options.inputs[0] if options.inputs else None,
        "taken_at": embedded.taken_at,
        "camera": embedded.camera,
        "description": options.description or embedded.description or "",
        "palette": prepared.palette,
        "blob_key": blob_key(prepared.sha256),
        "thumb_small_key": thumb_key(prepared.sha256, "small"),
        "thumb_large_key": thumb_key(prepared.sha256, "large"),
    }
