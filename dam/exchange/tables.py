"""Which catalog tables an export carries and how, read from the catalog itself so new migrations are covered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dam.db.catalog import Connection

# Bookkeeping of the catalog itself, never exported: the loading library has its own.
INTERNAL_TABLES = frozenset({"schema_info"})

# Link tables that travel inside assets.parquet as list columns instead of files of their own, with the exact
# columns the folding knows about (a test fails when a migration gives one of them a column folding would drop).
FOLDED_TABLES = {
    "asset_tags": ("asset_id", "tag_id"),
    "asset_campaigns": ("asset_id", "campaign_id"),
    "asset_inputs": ("asset_id", "input_asset_id"),
    "text_embeddings": ("asset_id", "vector"),
}

# Columns appended after the catalog columns of some files: readable names for people and tools. Load rebuilds
# the folded link tables from the assets' list columns and checks collection paths; the others it ignores.
EXTRA_COLUMNS = {
    "assets": ("brand", "creator", "tags", "collections", "campaigns", "inputs", "text_embedding"),
    "collections": ("brand", "path"),
}

# The library's own tables: not those of attached databases, nor the schemas extensions such as fts create.
_MAIN = "database_name = current_database() AND schema_name = 'main'"
_NEXTVAL = re.compile(r"^nextval\('([A-Za-z_][A-Za-z0-9_]*)'\)$")


@dataclass(frozen=True)
class ExportedTable:
    """One catalog table as exported: its columns in table order and the key that orders its rows."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]

    @property
    def file(self) -> str:
        return f"{self.name}.parquet"

    @property
    def extra_columns(self) -> tuple[str, ...]:
        return EXTRA_COLUMNS.get(self.name, ())

    @property
    def file_columns(self) -> tuple[str, ...]:
        """The columns of the Parquet file, in order."""
        return self.columns + self.extra_columns


@dataclass(frozen=True)
class Sequence:
    """A sequence that hands out ids for one column."""

    name: str
    table: str
    column: str


def quoted(name: str) -> str:
    """An identifier quoted for SQL; names come from the catalog, never from input."""
    return '"' + name.replace('"', '""') + '"'


def catalog_tables(con: Connection) -> list[str]:
    rows = con.execute(f"SELECT table_name FROM duckdb_tables() WHERE {_MAIN} ORDER BY table_name").fetchall()
    return [r[0] for r in rows]


def table_columns(con: Connection, table: str) -> tuple[str, ...]:
    rows = con.execute(
        f"SELECT column_name FROM duckdb_columns() WHERE {_MAIN} AND table_name = ? ORDER BY column_index", [table]
    ).fetchall()
    return tuple(r[0] for r in rows)


def primary_key(con: Connection, table: str) -> tuple[str, ...]:
    # fetchall, not fetchone: DuckDB 2.0 refuses a relation query (`con.sql`) on a connection whose last
    # result was not read to the end, and export streams its files that way right after these lookups.
    rows = con.execute(
        f"SELECT constraint_column_names FROM duckdb_constraints() WHERE {_MAIN} AND table_name = ?"
        " AND constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchall()
    return tuple(rows[0][0]) if rows else ()


def exported_tables(con: Connection) -> list[ExportedTable]:
    """Every table an export writes a file for, sorted by name; rows are ordered by primary key."""
    tables = []
    for name in catalog_tables(con):
        if name in INTERNAL_TABLES or name in FOLDED_TABLES:
            continue
        columns = table_columns(con, name)
        # Without a primary key every column orders the rows, which is still deterministic.
        tables.append(ExportedTable(name, columns, primary_key(con, name) or columns))
    return tables


def id_sequences(con: Connection) -> list[Sequence]:
    """The sequences behind `DEFAULT nextval(...)` columns: load moves them past the ids it brings in."""
    rows = con.execute(
        f"SELECT table_name, column_name, column_default FROM duckdb_columns() WHERE {_MAIN}"
        " AND column_default LIKE 'nextval%' ORDER BY table_name, column_name"
    ).fetchall()
    found = []
    for table, column, default in rows:
        match = _NEXTVAL.match(default)
        if match:
            found.append(Sequence(match.group(1), table, column))
    return found


def row_count(con: Connection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {quoted(table)}").fetchone()[0]
