"""Copy an embedded library's DuckDB catalog into an empty PostgreSQL catalog: the move to several replicas.

Every table of the catalog and of the word index goes across in batches (COPY, vectors as binary arrays),
then each id sequence continues after the highest id copied. The library folder's DuckDB file is left as it
was (only migrated, when older), so the copy can be made again into a fresh database.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import psycopg
import pyarrow as pa

from dam.db.catalog import Catalog
from dam.db.changes import TABLE as CHANGES_TABLE
from dam.db.postgres import PgCatalog
from dam.errors import Rejected

BATCH = 20_000
SKIPPED = {"public.schema_info", CHANGES_TABLE}  # written by the PostgreSQL catalog itself


def copy_catalog(source_path: Path, url: str, progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Rows copied per table (schema-qualified names)."""
    source = Catalog(source_path)
    try:
        target = PgCatalog(url)
    except BaseException:
        source.close()
        raise
    try:
        if target.query("SELECT (SELECT count(*) FROM assets) + (SELECT count(*) FROM brands)"
                        " + (SELECT count(*) FROM users)")[0][0]:  # fmt: skip
            raise Rejected("That PostgreSQL catalog already holds a library: copy into an empty database.")
        return copy_rows(source, target, progress)
    finally:
        target.close()
        source.close()


def copy_rows(source: Catalog, target: PgCatalog, progress: Callable[[str, int], None] | None = None
              ) -> dict[str, int]:  # fmt: skip
    """Every row of an open DuckDB catalog into an empty PostgreSQL one, in one transaction (also what `load`
    does on PostgreSQL); ids carry on after the copied ones and running replicas reload their caches."""
    counts = {}
    try:
        with target.transaction() as pg:
            _word_index_tables(source, pg)
            held = _source_tables(source)
            for table, columns in _tables(pg).items():
                if table in held:  # a word index made on PostgreSQL before has no rows to receive from a new library
                    counts[table] = _copy_table(source.cursor(), pg, table, columns)
                    if progress:
                        progress(table, counts[table])
            _continue_sequences(pg)
    except psycopg.DataError as exc:  # a value PostgreSQL cannot hold, such as a NUL in a name: say where
        where = f" ({exc.diag.context.strip().splitlines()[0]})" if exc.diag.context else ""
        raise Rejected(f"PostgreSQL refused a value: {str(exc).strip().splitlines()[0]}{where}; nothing was "
                       "copied.") from None  # fmt: skip
    target.changes.bump(None)
    target.query("VACUUM ANALYZE")  # statistics, and the visibility map that index-only scans need
    return counts


def _source_tables(source: Catalog) -> set[str]:
    """The DuckDB catalog's tables, named as in PostgreSQL (its main schema is PostgreSQL's public)."""
    rows = source.cursor().execute("SELECT table_schema, table_name FROM information_schema.tables"
                                   " WHERE table_catalog = current_database()").fetchall()  # fmt: skip
    return {f"{'public' if schema == 'main' else schema}.{name}" for schema, name in rows}


def _word_index_tables(source: Catalog, pg) -> None:
    from dam.search import terms

    if terms.has_index(source.cursor()):
        terms.ensure_tables(pg)


def _tables(pg) -> dict[str, list[tuple[str, str]]]:
    """Schema-qualified table -> [(column, PostgreSQL type)] in column order."""
    rows = pg.execute(
        "SELECT n.nspname || '.' || c.relname, a.attname, format_type(a.atttypid, a.atttypmod)"
        " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'r' AND n.nspname IN ('public', 'search_index') AND a.attnum > 0 AND NOT a.attisdropped"
        " ORDER BY 1, a.attnum"
    ).fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        if table not in SKIPPED:
            out.setdefault(table, []).append((column, kind))
    return out


def _copy_table(duck, pg, table: str, columns: list[tuple[str, str]]) -> int:
    names = [c for c, _ in columns]
    source_table = table.removeprefix("public.")
    reader = duck.sql(f"SELECT {', '.join(names)} FROM {source_table}").to_arrow_reader(BATCH)
    copied = 0
    vectors = any(kind == "real[]" for _, kind in columns)
    for batch in reader:
        if vectors:  # numpy all the way: a row of 384 floats as Python objects would cost a thousand times more
            pg.register("copied_rows", pa.Table.from_batches([batch]))
            try:
                pg.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(names)} FROM copied_rows")
            finally:
                pg.unregister("copied_rows")
        else:
            values = [column.to_pylist() for column in batch.columns]
            pg.copy_in(table, names, [kind for _, kind in columns], zip(*values))
        copied += batch.num_rows
    return copied


def _continue_sequences(pg) -> None:
    """Each id sequence starts after the highest id copied."""
    rows = pg.execute(
        "SELECT table_name, column_name, column_default FROM information_schema.columns"
        " WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'"
    ).fetchall()
    for table, column, default in rows:
        sequence = re.match(r"nextval\('([\w.]+)'", default).group(1)
        top = pg.execute(f'SELECT max("{column}") FROM "{table}"').fetchone()[0]
        if top is not None:
            pg.execute("SELECT setval(?, ?)", [sequence, top])
