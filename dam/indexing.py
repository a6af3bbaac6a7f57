"""Derived indexes kept in step with the catalog: what runs after assets are added, changed or removed.

Ingest calls `after_ingest` once per committed batch; edits, deletes and brand moves call `after_change`. The
query engine keeps two derived indexes here: the word index (dam/search/terms.py) and the MiniLM text vectors
(dam/search/semantic.py). Each open catalog has a generation number that moves on with every such change;
in-memory caches (vocabulary, per-brand vector matrices) are keyed by it.
"""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

_generations: WeakKeyDictionary = WeakKeyDictionary()
_changes: WeakKeyDictionary = WeakKeyDictionary()  # catalog -> [(generation, asset ids changed to reach it)]
_CHANGE_LOG = 64
_indexed_up_to: WeakKeyDictionary = WeakKeyDictionary()  # catalog -> newest asset id known to be indexed
_lock = threading.Lock()


def generation(catalog) -> int:
    """A number that changes whenever this process changes the derived indexes of `catalog`."""
    with _lock:
        return _generations.get(catalog, 0)


def bump(catalog, asset_ids=None) -> None:
    """Move the generation on; `asset_ids` says which assets changed (None: possibly any)."""
    with _lock:
        generation = _generations.get(catalog, 0) + 1
        _generations[catalog] = generation
        log = _changes.setdefault(catalog, [])
        log.append((generation, None if asset_ids is None else frozenset(int(i) for i in asset_ids)))
        del log[:-_CHANGE_LOG]


def changed_since(catalog, generation: int) -> set[int] | None:
    """Assets changed after `generation`, or None when that is not known (too long ago, or a bulk change)."""
    with _lock:
        log = _changes.get(catalog, [])
        newer = [ids for g, ids in log if g > generation]
        if len(newer) != _generations.get(catalog, 0) - generation or any(ids is None for ids in newer):
            return None
        return set().union(*newer)


def after_ingest(library, asset_ids: list[int]) -> None:
    """Bring derived indexes up to date for newly added assets: words indexed, text and visual vectors computed."""
    from dam.search import semantic, terms
    from dam.similar import compute as visual

    with library.catalog.transaction() as con:
        caught_up = terms.catch_up(con)  # also indexes anything added behind our back since the last batch
        terms.reindex(con, set(asset_ids) - set(caught_up))
        semantic.embed_assets(con, asset_ids)
        visual.embed_assets(library.store, con, asset_ids)  # Find similar and duplicates (dam/similar)
    bump(library.catalog, set(asset_ids) | set(caught_up))


def after_change(library, asset_ids: list[int]) -> None:
    """Bring derived indexes up to date after metadata edits, deletes or brand moves."""
    from dam.repos import embeddings
    from dam.search import semantic, terms

    with library.catalog.transaction() as con:
        terms.reindex(con, asset_ids)
        semantic.embed_assets(con, asset_ids)
        con.execute(
            "DELETE FROM text_embeddings WHERE asset_id IN (SELECT unnest(?::BIGINT[]))"
            " AND asset_id NOT IN (SELECT id FROM assets)",
            [list(asset_ids)],
        )
        embeddings.drop_orphans(con, list(asset_ids))  # visual vectors of purged assets
    bump(library.catalog, asset_ids)


def ensure_current(library) -> bool:
    """Catch the word index and text vectors up with assets that arrived without the hooks (e.g. a Parquet load).

    Returns whether a word index exists. Costs one tiny query when nothing changed; on a read-only catalog it
    uses whatever index there is.
    """
    from dam.search import semantic, terms

    catalog = library.catalog
    con = catalog.cursor()
    newest = terms.newest_asset_id(con)
    with _lock:
        if _indexed_up_to.get(catalog) == newest:
            return True
    has_index = terms.has_index(con)
    if has_index and terms.high_water(con) >= newest or catalog.read_only:
        if has_index:
            with _lock:
                _indexed_up_to[catalog] = newest
        return has_index
    with catalog.transaction() as con:
        if not has_index:
            terms.rebuild(con)
            added = []
        else:
            added = terms.catch_up(con)
        missing = semantic.missing_vectors(con) if not added else added
        if missing:
            semantic.embed_assets(con, missing)
    bump(catalog, None if not has_index else set(added) | set(missing))
    with _lock:
        _indexed_up_to[catalog] = newest
    return True
