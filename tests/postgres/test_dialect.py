"""DuckDB-style SQL translated for PostgreSQL: placeholders, literals left alone, registered tables, functions, DDL."""

from __future__ import annotations

import pytest

from dam.db.dialect import ddl, translate


def _hits(alias: str) -> tuple[str, list]:
    return f"unnest(%s::BIGINT[]) AS {alias}(asset_id)", ["ROWS"]


@pytest.mark.parametrize("sql, params, expected_sql, expected_params", [
    ("SELECT id FROM tags WHERE name = ? AND note <> '?'", ["beach"],
     "SELECT id FROM tags WHERE name = %s AND note <> '?'", ["beach"]),
    ("SELECT * FROM t WHERE a = $2 AND b = $1 AND c = $2", ["one", "two"],
     "SELECT * FROM t WHERE a = %s AND b = %s AND c = %s", ["two", "one", "two"]),
    ("SELECT name FROM tags WHERE name NOT LIKE '% %' AND x = ?", [1],
     "SELECT name FROM tags WHERE name NOT LIKE '%% %%' AND x = %s", [1]),
    ("SELECT 'it''s ?' || ?, \"odd?name\" FROM t -- why?\n WHERE y = ?", ["a", "b"],
     "SELECT 'it''s ?' || %s, \"odd?name\" FROM t -- why?\n WHERE y = %s", ["a", "b"]),
    ("SELECT h.asset_id FROM assets a JOIN hits h ON h.asset_id = a.id WHERE a.brand_id = ?", [7],
     "SELECT h.asset_id FROM assets a JOIN unnest(%s::BIGINT[]) AS h(asset_id) ON h.asset_id = a.id WHERE a.brand_id = %s",
     ["ROWS", 7]),
    ("DELETE FROM v WHERE asset_id IN (SELECT asset_id FROM hits) AND hits_seen = ?", [1],
     "DELETE FROM v WHERE asset_id IN (SELECT asset_id FROM unnest(%s::BIGINT[]) AS hits(asset_id)) AND hits_seen = %s",
     ["ROWS", 1]),
    ("SELECT epoch_us(a.created_at), arg_max(a.id, a.created_at), sum(hash(id, name)) FROM assets a", [],
     "SELECT (extract(epoch FROM a.created_at) * 1000000)::BIGINT, (array_agg(a.id ORDER BY a.created_at DESC))[1],"
     " sum(hashtext(id::TEXT || ':' || name)) FROM assets a", []),
    ("SELECT list_sort(list(t.name)) AS names, coalesce(names, []::VARCHAR[]) FROM tags t", [],
     "SELECT array_agg(t.name ORDER BY t.name) AS names, coalesce(names, '{}'::VARCHAR[]) FROM tags t", []),
])  # fmt: skip
def test_statements_translate(sql, params, expected_sql, expected_params):
    assert translate(sql, params, {"hits": _hits}) == (expected_sql, expected_params)


def test_migration_types_are_spelled_for_postgresql():
    statement = ("CREATE TABLE x (p VARCHAR[] NOT NULL DEFAULT [], d DOUBLE, r TINYINT, v FLOAT[384],"
                 " e DOUBLE PRECISION, at TIMESTAMP DEFAULT now()::TIMESTAMP)")  # fmt: skip
    assert ddl(statement) == ("CREATE TABLE x (p TEXT[] NOT NULL DEFAULT '{}', d DOUBLE PRECISION, r SMALLINT, v REAL[],"
                              " e DOUBLE PRECISION, at TIMESTAMP DEFAULT now()::TIMESTAMP)")  # fmt: skip
    assert ddl("INSERT INTO t VALUES ('VARCHAR')") == "INSERT INTO t VALUES ('VARCHAR')"
