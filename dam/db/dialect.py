"""The catalog's SQL as PostgreSQL runs it: placeholders, registered tables, the few DuckDB-only functions, DDL types.

The repositories write one SQL text with `?` (or DuckDB's `$1`) placeholders. For PostgreSQL, `translate` turns
it into psycopg's `%s` form in one pass that leaves string literals, quoted names and comments alone, puts the
rows of tables registered on the cursor in place of their names (after FROM or JOIN), and rewrites the handful
of DuckDB functions listed in REWRITES. `ddl` maps the migrations' column types.

    >>> translate("SELECT id FROM tags WHERE name = ? AND note <> '?'", ["beach"])[0]
    "SELECT id FROM tags WHERE name = %s AND note <> '?'"
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable

# DuckDB function -> the same value in PostgreSQL. Patterns match the fixed SQL of this code base (column names
# and simple qualified names as arguments), not arbitrary SQL.
REWRITES: tuple[tuple[re.Pattern, str], ...] = (
    # Microseconds since the epoch of a TIMESTAMP (ranked search orders by it); extract() is exact (numeric).
    (re.compile(r"\bepoch_us\(([\w.]+)\)"), r"(extract(epoch FROM \1) * 1000000)::BIGINT"),
    # The argument at the maximum: the first of the values ordered by the key, newest first.
    (re.compile(r"\barg_max\(([\w.]+), ([\w.]+)\)"), r"(array_agg(\1 ORDER BY \2 DESC))[1]"),
    # A change stamp over rows (search vocabulary): any stable hash will do, it is only compared for equality.
    (re.compile(r"\bhash\(([\w.]+), ([\w.]+)\)"), r"hashtext(\1::TEXT || ':' || \2)"),
    # A sorted list of a group's values (zip manifests), and an empty list of a type.
    (re.compile(r"\blist_sort\(list\(([\w.]+)\)\)"), r"array_agg(\1 ORDER BY \1)"),
    (re.compile(r"\[\]::(\w+)\[\]"), r"'{}'::\1[]"),
)
# Statements that only tune DuckDB itself and mean nothing to PostgreSQL.
SKIPPED = re.compile(r"^\s*SET\s+enable_progress_bar\b", re.IGNORECASE)

# Column types of the migrations (written for DuckDB) as PostgreSQL spells them.
DDL_TYPES: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"\bFLOAT\[\d+\]"), "REAL[]"),
    (re.compile(r"\bVARCHAR\b"), "TEXT"),
    (re.compile(r"\bTINYINT\b"), "SMALLINT"),
    (re.compile(r"\bDOUBLE\b(?!\s+PRECISION)"), "DOUBLE PRECISION"),
    (re.compile(r"\bDEFAULT \[\]"), "DEFAULT '{}'"),
)
_DDL = re.compile(r"^\s*(CREATE|ALTER)\b", re.IGNORECASE)

# Words after a registered table's name that are SQL, not an alias for it.
_NOT_ALIAS = frozenset("on where order group limit join left right inner full cross union having using natural"
                       " window offset returning set values".split())  # fmt: skip
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPACE = re.compile(r"\s*")


def ddl(statement: str) -> str:
    """A migration statement with DuckDB's column types spelled the PostgreSQL way."""
    if not _DDL.match(statement):
        return statement
    for pattern, replacement in DDL_TYPES:
        statement = pattern.sub(replacement, statement)
    return statement


@functools.lru_cache(maxsize=2048)
def _rewritten(sql: str) -> str:
    for pattern, replacement in REWRITES:
        sql = pattern.sub(replacement, sql)
    return ddl(sql)


def translate(sql: str, params: Any = (), tables: dict[str, Callable[[str], tuple[str, list]]] | None = None
              ) -> tuple[str, list]:  # fmt: skip
    """(psycopg SQL, parameter list) for one DuckDB-style statement.

    `tables` maps a registered table's name to a function of its alias giving (FROM item SQL, its parameters).
    """
    sql = _rewritten(sql)
    params = list(params or ())
    tables = {k.lower(): v for k, v in (tables or {}).items()}
    out: list[str] = []
    new_params: list = []
    next_plain, i, n, last_word = 0, 0, len(sql), ""
    while i < n:
        c = sql[i]
        if c in "'\"":  # a literal or quoted name runs to its closing quote (doubled quotes stay inside)
            end = i + 1
            while end < n and not (sql[end] == c and sql[end + 1 : end + 2] != c):
                end += 2 if sql[end] == c else 1
            out.append(sql[i : end + 1].replace("%", "%%"))
            i = end + 1
            continue
        if sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(sql[i:end].replace("%", "%%"))
            i = end
            continue
        if c == "?":
            out.append("%s")
            new_params.append(params[next_plain])
            next_plain += 1
            i += 1
            continue
        if c == "$" and i + 1 < n and sql[i + 1].isdigit():
            end = i + 1
            while end < n and sql[end].isdigit():
                end += 1
            out.append("%s")
            new_params.append(params[int(sql[i + 1 : end]) - 1])
            i = end
            continue
        if c == "%":
            out.append("%%")
            i += 1
            continue
        word = _WORD.match(sql, i) if (c.isalpha() or c == "_") and (i == 0 or not _ident(sql[i - 1])) else None
        if word is None:
            out.append(c)
            i += 1
            continue
        name, i = word.group(), word.end()
        if last_word in ("from", "join") and name.lower() in tables:
            alias, i = _alias(sql, i, name)
            item, item_params = tables[name.lower()](alias)
            out.append(item)
            new_params += item_params
        else:
            out.append(name)
        last_word = name.lower()
    return "".join(out), new_params


def _ident(c: str) -> bool:
    return c.isalnum() or c in "_.$"


def _alias(sql: str, at: int, name: str) -> tuple[str, int]:
    """The alias written after a registered table (`JOIN hits h`, `JOIN hits AS h`), else its own name."""
    start = _SPACE.match(sql, at).end()
    word = _WORD.match(sql, start)
    if word and word.group().lower() == "as":
        start = _SPACE.match(sql, word.end()).end()
        word = _WORD.match(sql, start)
    if word and word.group().lower() not in _NOT_ALIAS:
        return word.group(), word.end()
    return name, at
