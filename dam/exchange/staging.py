"""The Parquet exchange on the shared PostgreSQL catalog: export and load run their DuckDB SQL on a scratch copy.

Export reads every table of the PostgreSQL catalog at one moment (a REPEATABLE READ transaction) into a scratch
DuckDB catalog and exports that, so the files come from the very queries an embedded library's export runs.
Load checks and inserts an export into an empty scratch catalog exactly as into an embedded one, then copies its
rows into the PostgreSQL catalog in one transaction, as `copy-catalog` does (dam/db/transfer.py).
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from dam.db import pgtypes
from dam.db.catalog import Catalog
from dam.exchange.tables import INTERNAL_TABLES, catalog_tables, quoted, table_columns

BATCH_ROWS = 20_000


@contextmanager
def scratch_catalog(data_dir: Path) -> Iterator[Catalog]:
    """An empty DuckDB catalog under the library's tmp/, removed afterwards (on disk: it can outgrow memory)."""
    root = Path(data_dir) / "tmp"
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix="exchange-") as folder:
        catalog = Catalog(Path(folder) / "catalog.duckdb")
        try:
            yield catalog
        finally:
            catalog.close()


def copy_from_postgres(source, target: Catalog) -> dict[str, int]:
    """Every row of the PostgreSQL catalog's tables into an empty DuckDB catalog, as of one moment."""
    counts: dict[str, int] = {}
    with source.pool.connection() as conn, conn.transaction(), target.transaction() as duck:
        # One snapshot for every table, while the replicas go on writing.
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for table in catalog_tables(duck):
            if table in INTERNAL_TABLES:
                continue
            columns = ", ".join(quoted(c) for c in table_columns(duck, table))
            counts[table] = 0
            with conn.cursor(name=f"exchange_{table}", binary=True) as rows:  # read a batch at a time
                rows.execute(f"SELECT {columns} FROM {quoted(table)}")
                while batch := rows.fetchmany(BATCH_ROWS):
                    duck.register("copied_rows", pgtypes.to_arrow(rows.description, batch))
                    try:
                        duck.execute(f"INSERT INTO {quoted(table)} ({columns}) SELECT {columns} FROM copied_rows")
                    finally:
                        duck.unregister("copied_rows")
                    counts[table] += len(batch)
    return counts
