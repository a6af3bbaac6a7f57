"""Which assets' derived indexes changed, and a generation number that moves on with every change.

In-memory caches of the word vocabulary and of each brand's text and visual vectors are keyed by the
generation and patched with the assets changed since. With the embedded DuckDB file one process writes, so the
log lives in that process (LocalChanges). With a PostgreSQL catalog every replica writes, so the log is a table
(SharedChanges): each replica polls its newest id before a search and patches its caches from the rows since.
"""

from __future__ import annotations

import threading

_CHANGE_LOG = 64
INDEX_LOCK = 0x64616D02  # pg_advisory_xact_lock key: derived-index writes and the change log go one at a time
TABLE = "search_index.changes"


def serialise_index_writes(con) -> None:
    """Let one transaction at a time rewrite derived indexes (DuckDB's single writer does this by itself).

    Index rows are replaced by DELETE then INSERT; two replicas doing that for one asset at once would collide
    on its vector's key or leave its words twice. Held until the transaction ends.
    """
    if getattr(con, "dialect", "duckdb") == "postgres":
        con.execute("SELECT pg_advisory_xact_lock(?)", [INDEX_LOCK])


class LocalChanges:
    """The log of one process: a counter and the ids behind its last few steps."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._log: list[tuple[int, frozenset[int] | None]] = []

    def generation(self) -> int:
        with self._lock:
            return self._generation

    def bump(self, asset_ids=None) -> None:
        with self._lock:
            self._generation += 1
            self._log.append((self._generation, None if asset_ids is None else frozenset(int(i) for i in asset_ids)))
            del self._log[:-_CHANGE_LOG]

    def changed_since(self, generation: int) -> set[int] | None:
        with self._lock:
            newer = [ids for g, ids in self._log if g > generation]
            if len(newer) != self._generation - generation or any(ids is None for ids in newer):
                return None
            return set().union(*newer)


class SharedChanges:
    """The log as a table every replica appends to; its ids are the generations.

    Appends take the index-writes lock, so ids commit in increasing order: a replica that has seen id n has seen
    every change up to n. Old rows are folded into one row of unknown changes, which makes a replica that fell
    that far behind reload its caches.
    """

    KEEP = 2_000
    MAX_ROWS = 500  # more steps than this since a replica's generation: it reloads instead of patching

    def __init__(self, catalog) -> None:
        self.catalog = catalog

    @staticmethod
    def ensure(conn) -> None:
        conn.execute("CREATE SCHEMA IF NOT EXISTS search_index")
        conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id BIGSERIAL PRIMARY KEY, asset_ids BIGINT[])")

    def generation(self) -> int:
        return self.catalog.query(f"SELECT coalesce(max(id), 0) FROM {TABLE}")[0][0]

    def bump(self, asset_ids=None) -> None:
        ids = None if asset_ids is None else sorted({int(i) for i in asset_ids})
        with self.catalog.transaction() as con:
            serialise_index_writes(con)
            added = con.execute(f"INSERT INTO {TABLE} (asset_ids) VALUES (?::BIGINT[]) RETURNING id", [ids])
            newest = added.fetchone()[0]
            if newest % 100 == 0 and newest > self.KEEP:
                cut = newest - self.KEEP
                con.execute(f"DELETE FROM {TABLE} WHERE id <= ?", [cut])
                con.execute(f"INSERT INTO {TABLE} (id, asset_ids) VALUES (?, NULL)", [cut])

    def changed_since(self, generation: int) -> set[int] | None:
        rows = self.catalog.query(f"SELECT asset_ids FROM {TABLE} WHERE id > ? ORDER BY id LIMIT ?",
                                  [generation, self.MAX_ROWS + 1])  # fmt: skip
        if len(rows) > self.MAX_ROWS or any(r[0] is None for r in rows):
            return None
        return {int(i) for r in rows for i in r[0]}
