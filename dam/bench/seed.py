"""`bench seed`: a synthetic library of N assets (metadata only) with a studio's realistic distributions.

Everything is generated as numpy columns and bulk-inserted through Arrow, never row by row, so a million assets
take a few minutes: 5 brands, 2 years of dates, about 4 tags per asset from 2,000, 300 collections 4 levels deep
with 70% of assets filed, 50 campaigns, 30% generated with prompts, 1% in the trash. Text embeddings are sums
of MiniLM vectors of the asset's words (a sparse product), so only the few hundred vocabulary words go through
the model; Find similar's visual vectors cluster by series (a subject in one of four looks).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa

from dam.bench.seed_words import CAMPAIGN_WORDS, COLLECTION_ROOTS, LOOKS, STYLES, SUBJECTS
from dam.config import Settings
from dam.errors import Rejected
from dam.library import Library
from dam.repos import brands, campaigns, collections, users
from dam.vocab import KINDS, SOURCES, STATUSES

BRANDS = ("Northwind", "Acme Studio", "Blue Harbor", "Fieldnote", "Kite & Key")
BRAND_SHARE = (0.35, 0.25, 0.2, 0.12, 0.08)
N_TAGS, N_CREATORS, COLLECTIONS_PER_BRAND, CAMPAIGNS_PER_BRAND = 2000, 25, 60, 10
KIND_SHARE, SOURCE_SHARE = (0.85, 0.1, 0.05), (0.6, 0.3, 0.1)
STATUS_SHARE = (0.2, 0.1, 0.55, 0.05, 0.1)
RATING_SHARE = (0.55, 0.03, 0.07, 0.15, 0.12, 0.08)  # unrated, then 1..5 stars
MIMES = {"image": "image/jpeg", "video": "video/mp4", "document": "application/pdf"}


@dataclass
class SeedReport:
    assets: int
    seconds: float
    catalog_bytes: int
    stages: dict[str, float]


def register(bench: argparse._SubParsersAction) -> None:
    cmd = bench.add_parser("seed", help="make a synthetic library of N assets for the query benchmark")
    cmd.add_argument("--assets", type=int, default=100_000, metavar="N")
    cmd.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="library folder to create")
    cmd.add_argument("--force", action="store_true", help="replace an existing library in DIR")
    cmd.add_argument("--seed", type=int, default=7, help="random seed (same seed, same library)")
    cmd.set_defaults(handler=_cmd_seed)


def _cmd_seed(args: argparse.Namespace) -> int:
    data = Settings().with_data(getattr(args, "data", None)).data_dir
    report = seed_library(data, args.assets, force=args.force, seed=args.seed)
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in report.stages.items())
    print(f"seeded {report.assets:,} assets in {report.seconds:.1f}s into {data} "
          f"(catalog {report.catalog_bytes / 2**20:,.0f} MiB; {stages})")  # fmt: skip
    return 0


def seed_library(data_dir: Path, n_assets: int, *, force: bool = False, seed: int = 7) -> SeedReport:
    """Create a synthetic library of `n_assets` assets in an empty folder."""
    # Always the folder's DuckDB file (bulk inserts through Arrow); `copy-catalog` takes it to PostgreSQL.
    settings = Settings(data_dir=Path(data_dir), catalog="")
    if settings.catalog_path.exists():
        if not force:
            raise Rejected(f"{settings.catalog_path} already exists; pass --force to replace it.")
        for suffix in ("", ".wal"):
            Path(str(settings.catalog_path) + suffix).unlink(missing_ok=True)
    rng = np.random.default_rng(seed)
    stages: dict[str, float] = {}
    started = time.perf_counter()
    with Library.open(settings) as library:
        con = library.catalog.cursor()
        t = time.perf_counter()
        world = _make_world(library, rng)
        cols = _asset_columns(rng, n_assets, world)
        stages["structure"] = time.perf_counter() - t
        t = time.perf_counter()
        _insert_assets(con, cols)
        links = _links(rng, cols, world)
        _insert_links(con, links)
        stages["assets"] = time.perf_counter() - t
        t = time.perf_counter()
        from dam.search import terms

        terms.rebuild(con)
        stages["search index"] = time.perf_counter() - t
        t = time.perf_counter()
        _insert_embeddings(con, cols, links, world)
        stages["embeddings"] = time.perf_counter() - t
        t = time.perf_counter()
        con.execute("CHECKPOINT")
        stages["checkpoint"] = time.perf_counter() - t
    size = settings.catalog_path.stat().st_size
    return SeedReport(n_assets, time.perf_counter() - started, size, stages)


@dataclass
class _World:
    brand_ids: list[int]
    creator_ids: list[int]
    tag_names: list[str]
    tag_weights: np.ndarray
    collections_by_brand: dict[int, np.ndarray]
    campaigns_by_brand: dict[int, np.ndarray]
    words: list[str]


def _make_world(library: Library, rng: np.random.Generator) -> _World:
    """Brands, creators, tags, collection trees and campaigns: the small tables, through the repositories."""
    with library.catalog.transaction() as con:
        brand_ids = [brands.create(con, name).id for name in BRANDS]
        creator_ids = []
        for i in range(N_CREATORS):
            user = users.create(con, f"creator{i + 1:02d}", f"Creator {i + 1}")
            creator_ids.append(user.id)
            for b in brand_ids:
                users.set_membership(con, user.id, b, "creator" if i % 5 else "manager")
        tag_names = _tag_names(rng)
        con.execute("INSERT INTO tags (name) SELECT unnest(?::VARCHAR[])", [tag_names])
        colls = {b: np.array(_collection_tree(con, b, rng)) for b in brand_ids}
        camps = {}
        for b in brand_ids:
            names = {f"{w} {y}" for w, y in zip(rng.choice(CAMPAIGN_WORDS, 40), rng.integers(24, 28, 40))}
            camps[b] = np.array([campaigns.get_or_create(con, b, n).id for n in sorted(names)[:CAMPAIGNS_PER_BRAND]])
    # Tag popularity falls off like real folksonomies: a few tags on many assets, a long tail on few.
    weights = 1.0 / (np.arange(N_TAGS) + 8.0)
    return _World(brand_ids, creator_ids, tag_names, weights / weights.sum(), colls, camps,
                  sorted(set(SUBJECTS) | set(LOOKS) | set(STYLES)))  # fmt: skip


def _tag_names(rng: np.random.Generator) -> list[str]:
    singles = list(dict.fromkeys(SUBJECTS + LOOKS + STYLES))
    pairs = [f"{a} {b}" for a in LOOKS for b in SUBJECTS]
    picked = rng.choice(len(pairs), N_TAGS - len(singles), replace=False)
    names = singles + [pairs[i] for i in picked]
    order = rng.permutation(len(names))  # popularity rank is random, not alphabetical
    return [names[i] for i in order]


def _collection_tree(con, brand_id: int, rng: np.random.Generator) -> list[int]:
    """60 collections 4 levels deep: 4 roots, 3 children each, 2 grandchildren each, and 20 leaves below."""
    ids, level = [], []
    for root in COLLECTION_ROOTS:
        level.append(collections.create(con, brand_id, root))
    ids += level
    for fanout in (3, 2):
        nxt = []
        for parent in level:
            for name in rng.choice(SUBJECTS, fanout, replace=False):
                nxt.append(collections.create(con, brand_id, f"{name.title()} {rng.integers(2020, 2027)}", parent))
        ids += nxt
        level = nxt
    for parent in rng.choice(level, COLLECTIONS_PER_BRAND - len(ids), replace=False):
        ids.append(collections.create(con, brand_id, f"Selects {rng.integers(1, 99):02d}", int(parent)))
    return ids


def _asset_columns(rng: np.random.Generator, n: int, world: _World) -> dict[str, np.ndarray]:
    now = datetime.now().replace(microsecond=0)
    span = int(timedelta(days=730).total_seconds())
    # Ids follow the order assets were added, as they do in a real catalog.
    offsets = np.sort(rng.integers(0, span, n))
    created = np.datetime64(now - timedelta(days=730), "s") + offsets.astype("timedelta64[s]")
    kind = rng.choice(len(KINDS), n, p=KIND_SHARE)
    source = rng.choice(len(SOURCES), n, p=SOURCE_SHARE)
    look, subject = rng.integers(0, len(LOOKS), n), rng.integers(0, len(SUBJECTS), n)
    place, style = rng.integers(0, len(SUBJECTS), n), rng.integers(0, len(STYLES), n)
    rating = rng.choice(6, n, p=RATING_SHARE)
    ids = np.arange(1, n + 1)
    looks, subjects, styles = np.array(LOOKS), np.array(SUBJECTS), np.array(STYLES)
    name = np.char.add(np.char.add(np.char.add(np.char.capitalize(looks[look]), " "), np.char.capitalize(subjects[subject])),
                       np.char.add(" ", np.char.zfill(ids.astype(str), 6)))  # fmt: skip
    generated = source == SOURCES.index("generated")
    prompt = np.char.add(np.char.add(np.char.add("a ", looks[look]), np.char.add(" ", subjects[subject])),
                         np.char.add(np.char.add(" in the ", subjects[place]), np.char.add(", ", styles[style])))  # fmt: skip
    trashed = rng.random(n) < 0.01
    return {
        "id": ids, "brand_id": np.array(world.brand_ids)[rng.choice(len(BRANDS), n, p=BRAND_SHARE)],
        "name": name, "kind": np.array(KINDS)[kind], "source": np.array(SOURCES)[source],
        "status": np.array(STATUSES)[rng.choice(len(STATUSES), n, p=STATUS_SHARE)],
        "rating": np.where(rating == 0, -1, rating), "creator_id": np.array(world.creator_ids)[rng.integers(0, N_CREATORS, n)],
        "created_at": created, "prompt": np.where(generated, prompt, ""), "trashed": trashed,
        "look": look, "subject": subject, "place": place, "style": style, "generated": generated,
    }  # fmt: skip


def _insert_assets(con, c: dict[str, np.ndarray]) -> None:
    table = pa.table({
        "id": c["id"], "brand_id": c["brand_id"], "name": c["name"], "kind": c["kind"], "source": c["source"],
        "status": c["status"], "rating": pa.array(c["rating"], mask=c["rating"] < 0),
        "creator_id": c["creator_id"], "created_at": c["created_at"],
        "prompt": pa.array(c["prompt"], mask=c["prompt"] == ""), "trashed": c["trashed"],
    })  # fmt: skip
    con.register("seed_assets", table)
    con.execute(
        """
        INSERT INTO assets (id, brand_id, name, original_name, kind, mime, byte_size, sha256, width, height,
            source, status, rating, creator_id, created_at, updated_at, prompt, model, description,
            blob_key, deleted_at)
        SELECT id, brand_id, name,
            CASE source WHEN 'generated' THEN 'gen_' || id || '.png' ELSE 'DSC_' || lpad((id % 100000)::VARCHAR, 5, '0') || '.JPG' END,
            kind, CASE kind WHEN 'image' THEN 'image/jpeg' WHEN 'video' THEN 'video/mp4' ELSE 'application/pdf' END,
            200000 + (id * 7919) % 9000000, sha256(id::VARCHAR), 4000, 3000,
            source, status, rating, creator_id, created_at, created_at, prompt,
            CASE WHEN prompt IS NOT NULL THEN 'studio-diffusion-2' END, '',
            'blobs/' || sha256(id::VARCHAR), CASE WHEN trashed THEN created_at + INTERVAL 1 DAY END
        FROM seed_assets ORDER BY id
        """
    )
    con.unregister("seed_assets")
    con.execute("SELECT setval('asset_ids', ?)", [int(c["id"][-1]) if len(c["id"]) else 1]).fetchall()


def _links(rng: np.random.Generator, c: dict[str, np.ndarray], world: _World) -> dict[str, np.ndarray]:
    """Asset-tag, collection and campaign memberships, as id pairs sorted by tag/collection/campaign."""
    n = len(c["id"])
    per_asset = np.clip(rng.poisson(3.2, n) + 1, 1, 9)
    tag_asset = np.repeat(c["id"], per_asset)
    tag_id = rng.choice(N_TAGS, len(tag_asset), p=world.tag_weights) + 1
    # Most assets are also tagged with their subject, which keeps tags, names and prompts coherent.
    subject_tag = {name: i + 1 for i, name in enumerate(world.tag_names)}
    subject_ids = np.array([subject_tag[s] for s in SUBJECTS])[c["subject"]]
    with_subject = rng.random(n) < 0.6
    tag_asset = np.concatenate([tag_asset, c["id"][with_subject]])
    tag_id = np.concatenate([tag_id, subject_ids[with_subject]])
    pairs = np.unique(tag_id.astype(np.int64) << 32 | tag_asset)  # sorted by tag, then asset, de-duplicated
    out = {"tag_id": (pairs >> 32).astype(np.int32), "tag_asset": pairs & 0xFFFFFFFF}
    coll_asset, coll_id, camp_asset, camp_id = [], [], [], []
    for b in world.brand_ids:
        mine = c["id"][c["brand_id"] == b]
        filed = mine[rng.random(len(mine)) < 0.7]
        twice = filed[rng.random(len(filed)) < 0.1]
        for group in (filed, twice):
            coll_asset.append(group)
            coll_id.append(rng.choice(world.collections_by_brand[b], len(group)))
        in_campaign = mine[rng.random(len(mine)) < 0.25]
        camp_asset.append(in_campaign)
        camp_id.append(rng.choice(world.campaigns_by_brand[b], len(in_campaign)))
    coll = np.unique(np.concatenate(coll_id).astype(np.int64) << 32 | np.concatenate(coll_asset))
    camp = np.unique(np.concatenate(camp_id).astype(np.int64) << 32 | np.concatenate(camp_asset))
    out |= {"coll_id": coll >> 32, "coll_asset": coll & 0xFFFFFFFF, "camp_id": camp >> 32, "camp_asset": camp & 0xFFFFFFFF}
    return out


def _insert_links(con, links: dict[str, np.ndarray]) -> None:
    for table, key, asset, column in (("asset_tags", "tag_id", "tag_asset", "tag_id"),
                                      ("collection_assets", "coll_id", "coll_asset", "collection_id"),
                                      ("asset_campaigns", "camp_id", "camp_asset", "campaign_id")):  # fmt: skip
        rows = pa.table({"k": links[key], "a": links[asset]})
        con.register("seed_links", rows)
        # Rows go in sorted by tag / collection / campaign, so a filter on one reads only a few row groups.
        con.execute(f"INSERT INTO {table} ({column}, asset_id) SELECT k, a FROM seed_links ORDER BY k, a")
        con.unregister("seed_links")


def _insert_embeddings(con, c: dict[str, np.ndarray], links: dict[str, np.ndarray], world: _World) -> None:
    """Each asset's vector: the normalised sum of the MiniLM vectors of its name, tag and prompt words."""
    from scipy import sparse

    from dam.search import semantic

    words = world.words
    index = {w: i for i, w in enumerate(words)}
    vectors = semantic.encode(words)
    n, v = len(c["id"]), len(words)
    look = np.array([index[w] for w in LOOKS])[c["look"]]
    subject = np.array([index[w] for w in SUBJECTS])[c["subject"]]
    place = np.array([index[w] for w in SUBJECTS])[c["place"]]
    style = np.array([index[w] for w in STYLES])[c["style"]]
    rows = np.arange(n)
    gen = rows[c["generated"]]
    own = sparse.csr_matrix(
        (np.concatenate([np.ones(2 * n), np.full(2 * len(gen), 0.5)]),
         (np.concatenate([rows, rows, gen, gen]), np.concatenate([look, subject, place[gen], style[gen]]))),
        shape=(n, v), dtype=np.float32)  # fmt: skip
    tag_words = [[index[w] for w in name.split() if w in index] for name in world.tag_names]
    t_rows = np.repeat(np.arange(N_TAGS), [len(t) for t in tag_words])
    tag_matrix = sparse.csr_matrix((np.ones(len(t_rows), np.float32), (t_rows, np.concatenate(tag_words))), shape=(N_TAGS, v))
    incidence = sparse.csr_matrix(
        (np.ones(len(links["tag_id"]), np.float32), (links["tag_asset"] - 1, links["tag_id"] - 1)), shape=(n, N_TAGS))
    mixed = (own + 0.7 * (incidence @ tag_matrix)).tocsr()
    out = np.empty((n, vectors.shape[1]), np.float32)
    step = 100_000
    for start in range(0, n, step):
        block = np.asarray(mixed[start:start + step] @ vectors, dtype=np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True) + 1e-9
        out[start:start + step] = block
    semantic.store_vectors(con, c["id"], out)
    _insert_visual_vectors(con, c)


def _insert_visual_vectors(con, c: dict[str, np.ndarray]) -> None:
    """Find similar's descriptor vectors: assets of one series (a subject in one of four looks, like a shoot)
    lie near a centre of their own, closer than the similar cutoff; other assets score about zero."""
    from dam.repos import embeddings

    rng = np.random.default_rng(128)
    width = embeddings.TABLES["descriptor"][1]
    series = c["subject"] * 4 + c["look"] % 4
    centres = rng.standard_normal((len(SUBJECTS) * 4, width)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    visual = centres[series] + rng.normal(0, 0.5 / np.sqrt(width), (len(series), width)).astype(np.float32)
    visual /= np.linalg.norm(visual, axis=1, keepdims=True)
    embeddings.store(con, "descriptor", c["id"], visual)


if __name__ == "__main__":  # pragma: no cover - handy for profiling the seed alone
    seed_library(Path(sys.argv[1]), int(sys.argv[2]), force=True)
