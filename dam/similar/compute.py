"""Visual vectors computed for assets from their stored thumbnails; what ingest, changes and `reindex` call.

The small (400 px) WebP thumbnail is decoded for every kind that has a picture: photos, the poster frame of a
video, the first page of a PDF. The descriptor works at 64 px, so the thumbnail loses nothing it needs and costs
about 10 ms per asset instead of decoding the original again. (A video is described by its poster only: the
pipeline decodes one frame, and more would multiply the cost of video ingest for little gain in matching.)
"""

from __future__ import annotations

from typing import Iterable

from PIL import Image

from dam.db.catalog import Connection
from dam.repos import embeddings
from dam.similar.embedders import Embedder, configured

BATCH = 256


def _pictures(store, con: Connection, asset_ids: list[int]) -> list[tuple[int, Image.Image]]:
    found = []
    for asset_id, key in embeddings.thumbnails(con, asset_ids):
        try:
            with store.open(key) as f:
                image = Image.open(f)
                image.load()
        except (OSError, ValueError):  # a missing or unreadable thumbnail: `check --repair` remakes it
            continue
        found.append((asset_id, image))
    return found


def embed_assets(store, con: Connection, asset_ids: Iterable[int], chosen: list[Embedder] | None = None) -> int:
    """Compute and store every configured embedder's vectors for these assets; returns how many had a picture."""
    ids = sorted({int(i) for i in asset_ids})
    done = 0
    for start in range(0, len(ids), BATCH):
        pictures = _pictures(store, con, ids[start : start + BATCH])
        if not pictures:
            continue
        for embedder in chosen or configured():
            embeddings.store(con, embedder.name, [i for i, _ in pictures], embedder.embed([p for _, p in pictures]))
        done += len(pictures)
    return done


def reindex(library, progress=None) -> dict[str, int]:
    """Recompute every asset's visual vectors and record the version that made them (after an upgrade of the
    descriptor or a new CLIP model)."""
    from dam import indexing

    counts = {}
    for embedder in configured():
        with library.catalog.transaction() as con:
            embeddings.clear(con, embedder.name)
            embeddings.set_version(con, embedder.name, embedder.version)  # what is computed from here on
        while True:
            con = library.catalog.cursor()
            todo = embeddings.missing(con, embedder.name, limit=BATCH * 4)
            if not todo:
                break
            with library.catalog.transaction() as con:
                embed_assets(library.store, con, todo, [embedder])
            still = embeddings.missing(library.catalog.cursor(), embedder.name, limit=BATCH * 4)
            counts[embedder.name] = counts.get(embedder.name, 0) + len(todo) - len(set(still) & set(todo))
            if set(still) >= set(todo):  # thumbnails unreadable: stop rather than retry them forever
                break
            if progress:
                progress(embedder.name, counts[embedder.name])
    indexing.bump(library.catalog, None)
    return counts
