"""A search text turned into scored hits (asset id, integer score): word matches first, then semantic ones.

Semantic matches (MiniLM text vectors) fill in when the words match few assets: `puppy` finds assets tagged
`dog` when nothing says puppy. They score below every word match (cosine x 1,000,000 < one lexical tier), so
the ranking is always exact name, then whole-word and prefix matches, then typos, then meaning.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import numpy as np
import pyarrow as pa

from dam import indexing
from dam.search import lexical, semantic, terms, vectors

SEMANTIC_MIN_SCORE = 0.35  # MiniLM cosine below this is mostly noise for short queries
SEMANTIC_LIMIT = 500  # nearest assets considered per search, before filters
SEMANTIC_FILL_BELOW = 50  # add semantic matches when fewer word matches than this pass the filters
SEMANTIC_SCALE = 1_000_000

# In-memory caches belong to one open catalog (tests and tools may open several libraries in one process).
_caches: WeakKeyDictionary = WeakKeyDictionary()
_caches_lock = threading.Lock()


def _caches_of(catalog) -> tuple[lexical.Vocabulary, vectors.BrandVectors]:
    with _caches_lock:
        return _caches.setdefault(catalog, (lexical.Vocabulary(), vectors.BrandVectors()))

HITS_SCHEMA = pa.schema([("asset_id", pa.int64()), ("score", pa.int64())])


@dataclass(frozen=True)
class SearchText:
    """A search box text split into index words, with the form an exact name match is compared against."""

    text: str
    words: tuple[str, ...]

    @property
    def exact_name(self) -> str:
        return " ".join(self.text.lower().split())


def split(text: str) -> SearchText | None:
    """None when the text holds no searchable word (only punctuation or stop words)."""
    words = terms.split_words(text)
    return SearchText(text, tuple(words)) if words else None


def word_hits(library, search: SearchText) -> pa.Table:
    """Assets where every word matches, with their lexical scores."""
    con = library.catalog.cursor()
    if not indexing.ensure_current(library):
        return HITS_SCHEMA.empty_table()
    vocabulary, _ = _caches_of(library.catalog)
    matches = lexical.match_words(con, list(search.words), vocabulary, indexing.generation(library.catalog))
    sql, params = lexical.postings_sql(matches)
    rows = con.sql(sql, params=params).to_arrow_table()
    column = lambda name, kind: rows.column(name).to_numpy().astype(kind, copy=False)  # noqa: E731
    ids, scores = lexical.score_postings(column("asset_id", np.int64), column("word", np.int64),
                                         column("w", np.int32), column("sure", bool), len(matches))  # fmt: skip
    return pa.table({"asset_id": ids, "score": scores}, schema=HITS_SCHEMA)


def meaning_hits(library, brand_ids: tuple[int, ...], search: SearchText, *, cached_query: bool = True) -> pa.Table:
    """The assets of these brands whose text vectors lie closest to the search text's vector."""
    con = library.catalog.cursor()
    query = semantic.query_vector(search.text, cached=cached_query)
    catalog = library.catalog
    _, brand_vectors = _caches_of(catalog)
    generation = indexing.generation(catalog)
    ids_parts, score_parts = [], []
    for brand_id in brand_ids:
        parts = brand_vectors.get(con, brand_id, generation, lambda since: indexing.changed_since(catalog, since))
        found, scores = vectors.nearest(parts, query, SEMANTIC_LIMIT, SEMANTIC_MIN_SCORE)
        ids_parts.append(found)
        score_parts.append(scores)
    if not ids_parts:
        return HITS_SCHEMA.empty_table()
    ids = np.concatenate(ids_parts).astype(np.int64)
    scores = np.round(np.concatenate(score_parts).astype(np.float64) * SEMANTIC_SCALE).astype(np.int64)
    return pa.table({"asset_id": ids, "score": scores}, schema=HITS_SCHEMA)


def not_in(meaning: pa.Table, words: pa.Table) -> pa.Table:
    """The semantic hits that the words did not already find."""
    if meaning.num_rows == 0:
        return meaning
    return meaning.filter(pa.array(~np.isin(meaning.column("asset_id").to_numpy(), words.column("asset_id").to_numpy())))
