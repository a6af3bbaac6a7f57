"""The grid when searching: every match with its score in one pass, ordered by relevance in numpy.

One query returns (id, added, score) for every asset that matches both the search and the filters; its
length is the total, numpy orders it (score, then newest, then highest id) and cuts the page after the
cursor. When the words hit few assets the same query brings their cards along; otherwise a second, tiny
query fetches the cards of that page. Semantic matches join in when the words match fewer than
`hybrid.SEMANTIC_FILL_BELOW` assets.
"""

from __future__ import annotations

import uuid

import numpy as np
import pyarrow as pa

from dam.query import paging
from dam.query.engine import ITEM_COLUMNS, SELECT_ITEM, Item, Page, Request
from dam.search import hybrid, lexical

# An exact name match (with or without the file extension) lifts a word match into the top tier.
_EXACT_NAME = (f"(CASE WHEN lower(a.name) = ? OR regexp_replace(lower(a.name), '\\.[a-z0-9]{{1,5}}$', '') = ?"
               f" THEN {lexical.TIER} ELSE 0 END)")  # fmt: skip
CARDS_INLINE = 5_000  # up to this many word hits, the matching query brings the cards along


def grid(library, scope, request: Request, *, semantic: str = "auto") -> tuple[Page, int]:
    """The page after the request's cursor and the total, ranked by relevance."""
    con = library.catalog.cursor()
    search = request.search
    words = hybrid.word_hits(library, search)
    with_cards = words.num_rows <= CARDS_INLINE
    found = [_matching(con, words, request, with_cards)] if words.num_rows else []
    if semantic == "always" or (semantic == "auto" and sum(t.num_rows for t in found) < hybrid.SEMANTIC_FILL_BELOW):
        meaning = hybrid.not_in(hybrid.meaning_hits(library, scope.brand_ids, search), words)
        found += [_matching(con, meaning, request, with_cards)] if meaning.num_rows else []
    if not found:
        return Page([], None), 0
    found = pa.concat_tables(found)
    ids, added, scores = (found.column(c).to_numpy().astype(np.int64) for c in ("id", "added", "score"))
    order = np.lexsort((-ids, -added, -scores))  # score, then newest, then highest id; all descending
    if request.key is not None:
        k = request.key
        k_score = k.score if k.score is not None else np.iinfo(np.int64).max
        k_added = np.datetime64(k.created_at, "us").astype(np.int64)
        s, a, i = scores[order], added[order], ids[order]
        order = order[(s < k_score) | ((s == k_score) & ((a < k_added) | ((a == k_added) & (i < k.id))))]
    page = order[: request.limit + 1]
    if with_cards:
        rows = found.take(pa.array(page[: request.limit])).select(list(ITEM_COLUMNS)).to_pylist()
        items = [Item(**row, score=int(scores[p]) / hybrid.SEMANTIC_SCALE) for row, p in zip(rows, page)]
    else:
        items = _items(con, [int(ids[p]) for p in page[: request.limit]], {int(ids[p]): int(scores[p]) for p in page})
    next_cursor = None
    if len(page) > request.limit and items:
        last = items[-1]
        score = next(int(scores[p]) for p in page if ids[p] == last.id)
        next_cursor = paging.encode(paging.Key(last.created_at, last.id, score), request.fingerprint)
    return Page(items, next_cursor), int(found.num_rows)


def _matching(con, hits: pa.Table, request: Request, with_cards: bool) -> pa.Table:
    """id, added (microseconds), score (and the card columns) of the hits that pass the filters."""
    columns = SELECT_ITEM if with_cards else "a.id"
    name = f"search_hits_{uuid.uuid4().hex}"
    con.register(name, hits)
    try:
        exact = request.search.exact_name
        return con.sql(
            f"SELECT epoch_us(a.created_at) AS added, h.score + {_EXACT_NAME} AS score, {columns}"
            f" FROM assets a JOIN {name} h ON h.asset_id = a.id WHERE {request.where}",
            params=[exact, exact, *request.params],
        ).to_arrow_table()
    finally:
        con.unregister(name)


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
