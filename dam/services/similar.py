"""Find similar: the assets that look closest to one asset (or a selection), among those the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dam.errors import NotFound, Rejected
from dam.library import Library
from dam.permissions import Actor, can_see, require_visible
from dam.repos import assets, embeddings
from dam.similar import index as visual_index
from dam.similar.embedders import by_name, require_current
from dam.similar.thresholds import SIMILAR_CUTOFF

MAX_K = 200
OVERFETCH = 4  # hidden results (drafts of others, trash, the asset itself) are dropped after the search


@dataclass(frozen=True)
class Match:
    asset_id: int
    score: float


def _search(library: Library, actor: Actor, brand_id: int, query: np.ndarray, k: int, hide: set[int],
            min_score: float, embedder: str) -> list[Match]:  # fmt: skip
    index = visual_index.for_catalog(library.catalog).get(library.catalog, embedder, brand_id)
    query = np.pad(query, (0, embeddings.TABLES[embedder][1] - len(query)))  # stored vectors are zero-padded
    mirrored = by_name(embedder).mirror(query)
    fetch = k + len(hide) + 8
    while True:
        ids, scores = _best_of(index, [query] if mirrored is None else [query, mirrored],
                               min(fetch * OVERFETCH, max(len(index), 1)))  # fmt: skip
        keep = [(int(i), float(s)) for i, s in zip(ids, scores) if s >= min_score and int(i) not in hide]
        seen = {a.id: a for a in assets.many(library.catalog.cursor(), [i for i, _ in keep])}
        found = [Match(i, round(s, 4)) for i, s in keep
                 if i in seen and seen[i].deleted_at is None and can_see(actor, seen[i])]  # fmt: skip
        # Enough found, or the index had no more above the cutoff: stop widening.
        if len(found) >= k or len(ids) < fetch * OVERFETCH or (len(scores) and scores[-1] < min_score):
            return found[:k]
        fetch *= 4


def _best_of(index, queries: list[np.ndarray], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top k of several searches (a picture and its mirror image), each id with its best score, best first."""
    best: dict[int, float] = {}
    for query in queries:
        ids, scores = index.search(query, k)
        for i, s in zip(ids.tolist(), scores.tolist()):
            best[i] = max(s, best.get(i, -2.0))
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:k]
    return np.array([i for i, _ in ranked], np.int64), np.array([s for _, s in ranked], np.float32)


def similar_to(library: Library, actor: Actor, asset_id: int, k: int = 20, *, min_score: float | None = None,
               embedder: str = "descriptor") -> list[Match]:  # fmt: skip
    """Up to k assets of the same brand that look like this one, best first, above the calibrated cutoff."""
    return similar_to_selection(library, actor, [asset_id], k, min_score=min_score, embedder=embedder)


def similar_to_selection(library: Library, actor: Actor, asset_ids: list[int], k: int = 20, *, mode: str = "first",
                         min_score: float | None = None, embedder: str = "descriptor") -> list[Match]:  # fmt: skip
    """Find similar from the bulk bar: like the selection's first asset, or like the mean of all of them."""
    if not asset_ids:
        raise Rejected("Choose an asset to find similar ones.")
    if mode not in ("first", "mean"):
        raise Rejected("Find similar uses the first asset or the mean of the selection.")
    if not 1 <= k <= MAX_K:
        raise Rejected(f"Ask for between 1 and {MAX_K} similar assets.")
    con = library.catalog.cursor()
    require_current(con, embedder)
    chosen = assets.many(con, list(dict.fromkeys(int(i) for i in asset_ids)))
    by_id = {a.id: a for a in chosen}
    if int(asset_ids[0]) not in by_id:
        raise NotFound(f"No asset with id {asset_ids[0]}.")
    for asset in chosen:
        require_visible(actor, asset)
    first = by_id[int(asset_ids[0])]
    used = [first] if mode == "first" else [a for a in chosen if a.brand_id == first.brand_id]
    vectors = embeddings.vectors_of(con, embedder, [a.id for a in used])
    if not vectors:
        raise Rejected("This asset has no picture to compare yet.")
    query = np.mean(list(vectors.values()), axis=0)
    query = query / (np.linalg.norm(query) or 1.0)
    cutoff = SIMILAR_CUTOFF[embedder] if min_score is None else min_score
    return _search(library, actor, first.brand_id, query, k, set(by_id), cutoff, embedder)


def similar_to_text(library: Library, actor: Actor, brand_id: int, text: str, k: int = 20) -> list[Match]:
    """Text-to-image search through CLIP (only when DAM_CLIP_MODEL names a model)."""
    try:
        clip = by_name("clip")
    except LookupError:
        raise Rejected("Searching pictures by text needs a CLIP model (set DAM_CLIP_MODEL).") from None
    if actor.role(brand_id) is None:
        raise NotFound("No such brand.")
    require_current(library.catalog.cursor(), "clip")
    return _search(library, actor, brand_id, clip.embed_text(text), k, set(), -1.0, "clip")
