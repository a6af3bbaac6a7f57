"""The grid when searching: every match with its score in one pass, ordered by relevance in numpy.

One query returns (id, added, score) for every asset that matches both the search and the filters; its
length is the total, numpy orders it (score, then newest, then highest id) and cuts the page after the
cursor, and a second, tiny query fetches the cards of that page. Semantic matches join in when the words
match fewer than `hybrid.SEMANTIC_FILL_BELOW` assets.
"""

from __future__ import annotations

import uuid

import numpy as np
import pyarrow as pa

from dam.query import paging
from dam.query.engine import SELECT_ITEM, Item, Page, Request
from dam.search import hybrid, lexical

# An exact name match (with or without the file extension) lifts a word match into the top tier.
_EXACT_NAME = (f"(CASE WHEN lower(a.name) = ? OR regexp_replace(lower(a.name), '\\.[a-z0-9]{{1,5}}$', '') = ?"
               f" THEN {lexical.TIER} ELSE 0 END)")  # fmt: skip


def grid(library, scope, request: Request, *, semantic: str = "auto") -> tuple[Page, int]:
    con = library.catalog.cursor()
    search = request.search
    words = hybrid.word_hits(library, search)
    ids, added, scores = _matching(con, words, request)
    if semantic == "always" or (semantic == "auto" and len(ids) < hybrid.SEMANTIC_FILL_BELOW):
        meaning = hybrid.not_in(hybrid.meaning_hits(library, scope.brand_ids, search), words)
        more = _matching(con, meaning, request)
        ids, added, scores = (np.concatenate([a, b]) for a, b in zip((ids, added, scores), more))
    order = np.lexsort((-ids, -added, -scores))  # score, then newest, then highest id; all descending
    ids, added, scores = ids[order], added[order], scores[order]
    if request.key is not None:
        k = request.key
        k_score = k.score if k.score is not None else np.iinfo(np.int64).max
        k_added = np.datetime64(k.created_at, "us").astype(np.int64)
        later = (scores < k_score) | ((scores == k_score) & ((added < k_added) | ((added == k_added) & (ids < k.id))))
        ids, scores = ids[later], scores[later]
    page_ids = [int(i) for i in ids[: request.limit + 1]]
    items = _items(con, page_ids[: request.limit], dict(zip(page_ids, scores[: request.limit + 1].tolist())))
    next_cursor = None
    if len(page_ids) > request.limit and items:
        last = items[-1]
        next_cursor = paging.encode(paging.Key(last.created_at, last.id, int(scores[page_ids.index(last.id)])),
                                    request.fingerprint)  # fmt: skip
    return Page(items, next_cursor), int(len(order))


def _matching(con, hits: pa.Table, request: Request) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ids, added as microseconds, scores) of the hits that pass the filters."""
    if hits.num_rows == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    name = f"search_hits_{uuid.uuid4().hex}"
    con.register(name, hits)
    try:
        exact = request.search.exact_name
        rows = con.sql(
            f"SELECT a.id, epoch_us(a.created_at) AS added, h.score + {_EXACT_NAME} AS score"
            f" FROM assets a JOIN {name} h ON h.asset_id = a.id WHERE {request.where}",
            params=[exact, exact, *request.params],
        ).to_arrow_table()
    finally:
        con.unregister(name)
    return tuple(rows.column(c).to_numpy().astype(np.int64) for c in ("id", "added", "score"))


def _items(con, ids: list[int], scores: dict[int, int]) -> list[Item]:
    """The cards of one page, in the order given."""
    if not ids:
        return []
    # A literal id list lets DuckDB probe the primary-key index instead of joining (at most 200 ids).
    marks = ", ".join("?" for _ in ids)
    rows = con.execute(f"SELECT {SELECT_ITEM} FROM assets a WHERE a.id IN ({marks})", ids).fetchall()
    by_id = {r[0]: r for r in rows}
    # An asset purged between the two queries is simply left out of the page.
    return [Item(*by_id[i], score=scores[i] / hybrid.SEMANTIC_SCALE) for i in ids if i in by_id]
