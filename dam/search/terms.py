"""The word index: which words appear in which field of which asset, kept in the catalog beside the assets.

A derived table (rebuildable from `assets` at any time) that the catalog's own engine can scan: rows are kept
sorted by word, so DuckDB's per-row-group min/max statistics let a lookup read only the few row groups holding
that word. Tags and collection names are not copied here: search matches them through the tags and collections
tables at query time, so renaming a collection or tagging an asset needs no re-indexing.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable

import pyarrow as pa
import regex

from dam.db import is_postgres
from dam.db.catalog import Connection
from dam.db.changes import serialise_index_writes

# Field numbers stored per row; their search weights live in dam/search/lexical.py.
INDEXED_FIELDS = {"name": 0, "original_name": 1, "description": 2, "prompt": 3}

# Words are runs of letters and digits, lower-cased with accents removed (RE2 syntax, run by DuckDB, so the
# index and the query split text the same way).
WORD_PATTERN = r"[\p{L}\p{N}]+"
_WORD = regex.compile(WORD_PATTERN)
_LETTERS = regex.compile(r"\p{L}+")
STOP_WORDS = ("a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with")

# A schema of its own: derived data, rebuildable at any time, which exports and loads (schema `main`) leave out.
SCHEMA = "search_index"
TERMS = f"{SCHEMA}.terms"
STATE = f"{SCHEMA}.state"

_CREATE = [
    f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
    f"CREATE TABLE IF NOT EXISTS {TERMS} (term VARCHAR NOT NULL, asset_id BIGINT NOT NULL, field TINYINT NOT NULL)",
    # The highest asset id indexed so far: assets above it (loaded by another path) are caught up on next search.
    f"CREATE TABLE IF NOT EXISTS {STATE} (name VARCHAR PRIMARY KEY, value BIGINT NOT NULL)",
]


def _words_sql(column: str) -> str:
    return f"unnest(regexp_extract_all(strip_accents(lower(coalesce({column}, ''))), '{WORD_PATTERN}'))"


def _postings_select(where: str) -> str:
    """SELECT term, asset_id, field for assets matching `where` (a fixed clause using parameter $1)."""
    parts = [f"SELECT {_words_sql(col)} AS term, id AS asset_id, {num}::TINYINT AS field FROM assets WHERE {where}"
             for col, num in INDEXED_FIELDS.items()]  # fmt: skip
    stop = ", ".join(f"'{w}'" for w in STOP_WORDS)
    return f"SELECT DISTINCT term, asset_id, field FROM ({' UNION ALL '.join(parts)}) WHERE term NOT IN ({stop})"


# PostgreSQL finds a word's rows through B-tree indexes (DuckDB through the sorted rows' statistics).
_POSTGRES_INDEXES = [f"CREATE INDEX IF NOT EXISTS terms_term ON {TERMS} (term)",
                     f"CREATE INDEX IF NOT EXISTS terms_asset ON {TERMS} (asset_id)"]  # fmt: skip
POSTGRES_BATCH = 20_000  # assets whose words go to PostgreSQL in one statement


def ensure_tables(con: Connection) -> None:
    """Create the index tables when missing; every writer of the index starts here (and takes the write lock)."""
    serialise_index_writes(con)
    for statement in _CREATE + (_POSTGRES_INDEXES if is_postgres(con) else []):
        con.execute(statement)


def has_index(con: Connection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'terms'",
        [SCHEMA]).fetchall()[0][0])  # fmt: skip


def rebuild(con: Connection) -> None:
    """Index every asset from scratch, stored sorted by word."""
    ensure_tables(con)
    if is_postgres(con):
        con.execute(f"DELETE FROM {TERMS}")
        _insert_postings(con, [r[0] for r in con.execute("SELECT id FROM assets ORDER BY id").fetchall()])
        _set_high_water(con)
        return
    con.execute(f"DROP TABLE {TERMS}")
    con.execute(
        f"CREATE TABLE {TERMS} AS SELECT * FROM ({_postings_select('id >= $1')}) ORDER BY term, asset_id",
        [0],
    )
    _set_high_water(con)


def reindex(con: Connection, asset_ids: Iterable[int]) -> None:
    """Replace the rows of some assets (added, renamed, re-described); a deleted id just loses its rows."""
    ids = sorted({int(i) for i in asset_ids})
    if not ids:
        return
    ensure_tables(con)
    con.execute(f"DELETE FROM {TERMS} WHERE asset_id IN (SELECT unnest(?::BIGINT[]))", [ids])
    if is_postgres(con):
        _insert_postings(con, ids)
    else:
        con.execute(
            f"INSERT INTO {TERMS} {_postings_select('id IN (SELECT unnest($1::BIGINT[]))')} ORDER BY term", [ids]
        )
    _set_high_water(con, max(ids))


def _insert_postings(con: Connection, ids: list[int]) -> None:
    """PostgreSQL has no Unicode-class regular expressions: words are split here, exactly as a search is split."""
    stop = set(STOP_WORDS)
    for start in range(0, len(ids), POSTGRES_BATCH):
        rows = con.execute(
            f"SELECT id, {', '.join(INDEXED_FIELDS)} FROM assets WHERE id IN (SELECT unnest(?::BIGINT[]))",
            [ids[start : start + POSTGRES_BATCH]],
        ).fetchall()
        words, assets, fields = [], [], []
        for row in rows:
            for number, text in zip(INDEXED_FIELDS.values(), row[1:]):
                for word in sorted(set(split_text(text or "")) - stop):
                    words.append(word)
                    assets.append(row[0])
                    fields.append(number)
        postings = pa.table({"term": pa.array(words, pa.string()), "asset_id": pa.array(assets, pa.int64()),
                             "field": pa.array(fields, pa.int16())})  # fmt: skip
        con.register("new_postings", postings)
        try:
            con.execute(f"INSERT INTO {TERMS} SELECT term, asset_id, field FROM new_postings")
        finally:
            con.unregister("new_postings")


def catch_up(con: Connection) -> list[int]:
    """Index assets added since the last indexing (e.g. by a Parquet load); returns their ids."""
    ensure_tables(con)
    mark = high_water(con)
    ids = [r[0] for r in con.execute("SELECT id FROM assets WHERE id > ? ORDER BY id", [mark]).fetchall()]
    if ids:
        reindex(con, ids)
    return ids


def high_water(con: Connection) -> int:
    rows = con.execute(f"SELECT value FROM {STATE} WHERE name = 'indexed_up_to'").fetchall()
    return rows[0][0] if rows else 0


def newest_asset_id(con: Connection) -> int:
    return con.execute("SELECT coalesce(max(id), 0) FROM assets").fetchall()[0][0]


def _set_high_water(con: Connection, at_least: int | None = None) -> None:
    value = newest_asset_id(con) if at_least is None else max(at_least, high_water(con))
    con.execute(
        f"INSERT INTO {STATE} VALUES ('indexed_up_to', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        [value],
    )


def split_text(text: str) -> list[str]:
    """Text split into words the way the index splits it (same pattern, lower case, accents removed)."""
    folded = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    return _WORD.findall(folded)


def split_words(text: str) -> list[str]:
    """A search text's distinct words, stop words dropped."""
    return [w for w in dict.fromkeys(split_text(text)) if w not in STOP_WORDS]


def vocabulary(con: Connection) -> list[str]:
    """Every distinct word of the index made only of letters, sorted (what typo-tolerant matching runs over)."""
    if not has_index(con):
        return []
    if is_postgres(con):
        rows = con.execute(f"SELECT DISTINCT term FROM {TERMS} ORDER BY term").fetchall()
        return [r[0] for r in rows if _LETTERS.fullmatch(r[0])]
    rows = con.execute(
        f"SELECT DISTINCT term FROM {TERMS} WHERE regexp_full_match(term, '\\p{{L}}+') ORDER BY term"
    ).fetchall()
    return [r[0] for r in rows]
