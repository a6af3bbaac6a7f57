"""Derived indexes kept in step with the catalog: what runs after assets are added, changed or removed.

Ingest calls `after_ingest` once per committed batch; edits, deletes and brand moves call `after_change`. The
query engine keeps two derived indexes here: the word index (dam/search/terms.py) and the MiniLM text vectors
(dam/search/semantic.py). Each open catalog has a generation number that moves on with every such change;
in-memory caches (vocabulary, per-brand vector matrices) are keyed by it.
"""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

_indexed_up_to: WeakKeyDictionary = WeakKeyDictionary()  # catalog -> newest asset id known to be indexed
_lock = threading.Lock()


def generation(catalog) -> int:
    """A number that changes whenever the derived indexes of `catalog` change (by this process or, on a shared
    PostgreSQL catalog, by any replica: dam/db/changes.py)."""
    return catalog.changes.generation()


def bump(catalog, asset_ids=None) -> None:
    """Move the generation on; `asset_ids` says which assets changed (None: possibly any)."""
    catalog.changes.bump(asset_ids)


def changed_since(catalog, generation: int) -> set[int] | None:
    """Assets changed after `generation`, or None when that is not known (too long ago, or a bulk change)."""
    return catalog.changes.changed_since(generation)


def after_ingest(library, asset_ids: list[int]) -> None:
    """Bring derived indexes up to date for newly added assets: words indexed, text and visual vectors computed.

    The ingest workers make the built-in visual descriptor and file it with the rows (dam/ingest/filing.py);
    thumbnails are read back here only for assets without one and for the other embedders (CLIP, if configured).
    """
    from dam.search import semantic, terms

    with library.catalog.transaction() as con:
        caught_up = terms.catch_up(con)  # also indexes anything added behind our back since the last batch
        terms.reindex(con, set(asset_ids) - set(caught_up))
        semantic.embed_assets(con, asset_ids)
        add_visual_vectors(library.store, con, asset_ids)
    bump(library.catalog, set(asset_ids) | set(caught_up))


def add_visual_vectors(store, con, asset_ids: list[int]) -> dict[str, int]:
    """Each configured embedder's vectors (Find similar, duplicates) for those of the assets that have none yet;
    per embedder, how many were computed."""
    from dam.repos import embeddings
    from dam.similar import compute as visual
    from dam.similar.embedders import configured

    computed = {}
    for embedder in configured():
        missing = set(asset_ids) - embeddings.having(con, embedder.name, asset_ids)
        computed[embedder.name] = visual.embed_assets(store, con, missing, [embedder]) if missing else 0
    return computed


class Indexer:
    """`after_ingest` in a background thread, for bulk imports: it loads the text model at once, then indexes
    whatever assets were added since its last round, so that batches arriving meanwhile go in together.

        indexer = Indexer(library)
        indexer.add(asset_ids)  # returns at once
        indexer.close()         # waits until every asset added is indexed; raises what indexing raised

    The import's main thread meanwhile goes on feeding its workers: loaded at the first batch instead, the
    model (seconds of imports) would hold it up while the workers ran dry.
    """

    def __init__(self, library):
        self.library = library
        self._pending: list[int] = []
        self._closing = False
        self._error: BaseException | None = None
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="indexer", daemon=True)
        self._thread.start()

    def add(self, asset_ids: list[int]) -> None:
        with self._changed:
            self._pending.extend(asset_ids)
            self._changed.notify()

    def close(self) -> None:
        with self._changed:
            self._closing = True
            self._changed.notify()
        self._thread.join()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        from dam.search import semantic

        try:
            semantic.model()
            while True:
                with self._changed:
                    while not self._pending and not self._closing:
                        self._changed.wait()
                    todo, self._pending = self._pending, []
                if not todo:
                    return
                after_ingest(self.library, todo)
        except BaseException as exc:  # handed to close(), in the thread that runs the import
            self._error = exc


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
