"""Guards for later migrations: what the export folds, adds and restores still fits the catalog's schema."""

from __future__ import annotations

from dam.exchange.tables import EXTRA_COLUMNS, FOLDED_TABLES, exported_tables, id_sequences, table_columns


def test_folded_link_tables_have_only_the_columns_folding_carries(library):
    con = library.catalog.cursor()
    # A new column on one of these would be lost on export: give the table its own file instead.
    assert {t: table_columns(con, t) for t in FOLDED_TABLES} == FOLDED_TABLES


def test_readable_columns_do_not_shadow_catalog_columns(library):
    con = library.catalog.cursor()
    for table, extra in EXTRA_COLUMNS.items():
        assert not set(extra) & set(table_columns(con, table)), table


def test_every_sequence_is_moved_after_a_load(library):
    con = library.catalog.cursor()
    sequences = {r[0] for r in con.execute("SELECT sequence_name FROM duckdb_sequences()").fetchall()}
    assert {s.name for s in id_sequences(con)} == sequences


def test_every_exported_table_orders_its_rows_by_a_key(library):
    for table in exported_tables(library.catalog.cursor()):
        assert table.key and set(table.key) <= set(table.columns), table.name
