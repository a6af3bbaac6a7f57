"""Inserting an export's rows into a catalog: its tables, the link tables folded into assets, then the sequences."""

from __future__ import annotations

from dam.db.catalog import Connection
from dam.errors import Rejected
from dam.exchange.records import COLLECTION_PATHS
from dam.exchange.tables import FOLDED_TABLES, id_sequences, quoted
from dam.exchange.validate import CheckedExport

# How each folded link table comes back from a list column of assets.parquet, as (asset id, other id) pairs.
# A NULL other id means a name did not resolve: a tag or campaign the export's own files do not define.
_UNFOLD = (
    ("asset_tags", "tags",
     "SELECT x.id, t.id FROM (SELECT id, unnest(tags) AS value FROM read_parquet(?)) x"
     " LEFT JOIN tags t ON t.name = x.value"),
    ("asset_campaigns", "campaigns",
     "SELECT x.id, c.id FROM (SELECT id, brand_id, unnest(campaigns) AS value FROM read_parquet(?)) x"
     " LEFT JOIN campaigns c ON c.brand_id = x.brand_id AND c.name = x.value"),
    ("asset_inputs", "inputs", "SELECT id, unnest(inputs) FROM read_parquet(?)"),
    ("text_embeddings", "text_embedding",
     "SELECT id, text_embedding FROM read_parquet(?) WHERE text_embedding IS NOT NULL"),
)  # fmt: skip


def insert_rows(con: Connection, export: CheckedExport) -> None:
    """Insert every row of a checked export, ids as they are; the caller owns the transaction."""
    for table in export.tables:
        columns = ", ".join(quoted(c) for c in table.columns)
        con.execute(
            f"INSERT INTO {quoted(table.name)} ({columns}) SELECT {columns} FROM read_parquet(?)",
            [str(export.folder / table.file)],
        )
    assets_file = str(export.folder / "assets.parquet")
    for table, list_column, pairs in _UNFOLD:
        unresolved = con.execute(f"SELECT count(*) FROM ({pairs}) p(a, b) WHERE b IS NULL", [assets_file]).fetchone()
        if unresolved[0]:
            raise Rejected(f"assets.parquet lists {list_column} that the export does not define: it is damaged.")
        columns = ", ".join(quoted(c) for c in FOLDED_TABLES[table])
        con.execute(f"INSERT INTO {quoted(table)} ({columns}) {pairs}", [assets_file])
    _check_collection_paths(con, str(export.folder / "collections.parquet"))
    _move_sequences(con)


def _check_collection_paths(con: Connection, collections_file: str) -> None:
    """Each loaded collection must have the path the export recorded: its parents exist, in its brand, no cycle."""
    row = con.execute(
        f"WITH RECURSIVE {COLLECTION_PATHS}\nSELECT x.id FROM read_parquet(?) x"
        " LEFT JOIN collection_paths p ON p.id = x.id WHERE p.path IS DISTINCT FROM x.path ORDER BY x.id LIMIT 1",
        [collections_file],
    ).fetchone()
    if row:
        raise Rejected(
            f"collections.parquet: collection {row[0]} does not sit under its recorded path "
            "(a missing parent, a parent in another brand or a cycle)."
        )


def _move_sequences(con: Connection) -> None:
    """Move every id sequence past the largest id loaded, so the next insert cannot collide.

    DuckDB cannot replace a sequence a column default depends on, nor ALTER it to restart; `setval` (DuckDB 2.0)
    sets the last value handed out, and survives a restart through the write-ahead log.
    """
    for sequence in id_sequences(con):
        top = con.execute(f"SELECT max({quoted(sequence.column)}) FROM {quoted(sequence.table)}").fetchone()[0]
        last = con.execute(
            "SELECT coalesce(last_value, 0) FROM duckdb_sequences() WHERE sequence_name = ?", [sequence.name]
        ).fetchone()
        if top is not None and top > (last[0] if last else 0):
            con.execute("SELECT setval(?, ?)", [sequence.name, top])
