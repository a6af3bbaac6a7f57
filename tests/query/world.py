"""A small, varied library built through the repositories, with a plain-Python copy of every row for oracles."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from dam import indexing
from dam.repos import assets, brands, campaigns, collections, tags, users
from dam.vocab import KINDS, SOURCES, STATUSES

TAGS = ["beach", "sunset", "dog", "city", "night", "red car", "portrait", "coffee", "forest", "logo"]
WORDS = ["golden", "dunes", "harbor", "studio", "morning", "neon", "summer", "winter", "market", "bridge"]


@dataclass
class Row:
    """What the oracle knows about one asset."""

    id: int
    brand_id: int
    name: str
    status: str
    source: str
    kind: str
    rating: int | None
    creator: str | None
    creator_id: int | None
    created_at: datetime
    deleted: bool
    tags: set[str] = field(default_factory=set)
    collections: set[int] = field(default_factory=set)
    campaigns: set[str] = field(default_factory=set)


@dataclass
class World:
    brand_ids: list[int]
    rows: dict[int, Row]
    collection_parent: dict[int, int | None]
    collection_brand: dict[int, int]
    campaign_names: list[str]
    creators: list[str]
    now: datetime


def new_asset(con, brand_id: int, name: str, created_at: datetime, **extra) -> int:
    fields = {"brand_id": brand_id, "name": name, "original_name": extra.pop("original_name", f"{name}.jpg"),
              "kind": "image", "mime": "image/jpeg", "byte_size": 1000, "sha256": f"{random.getrandbits(128):032x}",
              "source": "uploaded", "status": "draft", "created_at": created_at, "updated_at": created_at,
              "blob_key": "blobs/x"}  # fmt: skip
    fields.update(extra)
    return assets.insert(con, fields)


def build_world(library, seed: int = 3, n: int = 160) -> World:
    rng = random.Random(seed)
    now = datetime.now().replace(microsecond=0)
    rows: dict[int, Row] = {}
    with library.catalog.transaction() as con:
        brand_ids = [brands.create(con, name).id for name in ("Northwind", "Acme")]
        handles = ["maya", "omar", "lee"]
        user_ids = {h: users.create(con, h).id for h in handles}
        parent: dict[int, int | None] = {}
        owner: dict[int, int] = {}
        for b in brand_ids:
            for root in ("Shoots", "Products"):
                r = collections.create(con, b, root)
                parent[r], owner[r] = None, b
                for child in ("Spring", "Autumn"):
                    c = collections.create(con, b, child, r)
                    parent[c], owner[c] = r, b
                    g = collections.create(con, b, "Selects", c)
                    parent[g], owner[g] = c, b
        camp = {b: [campaigns.get_or_create(con, b, n).id for n in ("Summer 26", "Launch")] for b in brand_ids}
        for i in range(n):
            b = rng.choice(brand_ids)
            # Whole days plus half a day keeps every asset well away from the 7-day "recent" boundary.
            created = now - timedelta(days=rng.choice([0, 1, 2, 3, 5, 9, 20, 40, 89, 91, 200]), hours=12, seconds=i)
            creator = rng.choice(handles + [None])
            row = Row(0, b, f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {i:03d}", rng.choice(STATUSES),
                      rng.choice(SOURCES), rng.choice(KINDS), rng.choice([None, None, 1, 2, 3, 4, 5]), creator,
                      user_ids.get(creator), created, rng.random() < 0.08)  # fmt: skip
            row.id = new_asset(con, b, row.name, created, status=row.status, source=row.source, kind=row.kind,
                               rating=row.rating, creator_id=row.creator_id,
                               deleted_at=created + timedelta(hours=1) if row.deleted else None)  # fmt: skip
            row.tags = set(rng.sample(TAGS, rng.choice([0, 1, 2, 3, 4])))
            if row.tags:
                tags.add_to_assets(con, [row.id], sorted(row.tags))
            mine = [c for c, o in owner.items() if o == b]
            for c in rng.sample(mine, rng.choice([0, 0, 1, 1, 1, 2])):
                collections.add_assets(con, c, [row.id])
                row.collections.add(c)
            if rng.random() < 0.4:
                cid = rng.choice(camp[b])
                campaigns.assign(con, cid, [row.id])
                row.campaigns.add("Summer 26" if cid == camp[b][0] else "Launch")
            rows[row.id] = row
    indexing.after_ingest(library, sorted(rows))
    return World(brand_ids, rows, parent, owner, ["Summer 26", "Launch"], handles, now)


def descendants(world: World, collection_id: int) -> set[int]:
    out = {collection_id}
    changed = True
    while changed:
        changed = False
        for c, p in world.collection_parent.items():
            if p in out and c not in out:
                out.add(c)
                changed = True
    return out
