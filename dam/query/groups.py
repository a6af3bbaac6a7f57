"""Grouped views over the grid's query: counts by review status, and the Gallery's groups of generations.

Both take the grid's Scope and Filters (and a view's extra clauses), so they count exactly what the grid would
show. They browse rather than search: the filters' search text is not applied here (pass words as extra
clauses instead, as the Gallery does).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from dam.query import compile as qc
from dam.query.engine import SELECT_ITEM, Item
from dam.query.filters import Filters, Scope

# What generations are grouped by: the prompt as written (spacing aside), or the primary input (parent_id, or
# the lowest input id of a lineage recorded without one). NULL keys (no input) make one group of their own.
GROUP_KEYS = {
    "prompt": "regexp_replace(trim(coalesce(a.prompt, '')), '\\s+', ' ', 'g')",
    "input": "coalesce(a.parent_id, (SELECT min(i.input_asset_id) FROM asset_inputs i WHERE i.asset_id = a.id))",
}


@dataclass(frozen=True)
class Group:
    key: str | int | None  # the prompt ('' when none) or the input asset id (None when none)
    count: int
    newest_at: datetime
    items: list[Item]  # the newest few, newest first


def _where(library, scope: Scope, filters: Filters, extra: tuple) -> tuple[str, list]:
    con = library.catalog.cursor()
    filters = replace(filters, text="")
    resolved = qc.resolve(con, scope, filters)
    return qc.where(qc.scope_clauses(scope, resolved) + qc.filter_clauses(filters, resolved) + list(extra))


def status_counts(library, scope: Scope, filters: Filters, *, extra: tuple = ()) -> dict[str, int]:
    """Review status -> how many of the grid's assets have it (statuses with none are left out)."""
    where, params = _where(library, scope, filters, extra)
    rows = library.catalog.cursor().execute(
        f"SELECT a.status, count(*) FROM assets a WHERE {where} GROUP BY a.status", params
    ).fetchall()
    return dict(rows)


def groups(library, scope: Scope, filters: Filters, by: str, *, extra: tuple = (), limit: int = 20,
           offset: int = 0, per_group: int = 8) -> tuple[list[Group], int]:  # fmt: skip
    """One page of groups, the group with the newest asset first, and how many groups there are in all."""
    key = GROUP_KEYS[by]  # a KeyError here is a programming error: callers check `by`
    where, params = _where(library, scope, filters, extra)
    con = library.catalog.cursor()
    rows = con.execute(
        f"""
        WITH g AS MATERIALIZED (SELECT a.id, a.created_at, {key} AS k FROM assets a WHERE {where}),
        heads AS (SELECT k, count(*) AS n, max(created_at) AS newest, max(id) AS top, count(*) OVER () AS groups
                  FROM g GROUP BY k),
        page AS (SELECT * FROM heads ORDER BY newest DESC, top DESC LIMIT ? OFFSET ?),
        ranked AS (SELECT g.k, g.id, row_number() OVER (PARTITION BY g.k ORDER BY g.created_at DESC, g.id DESC) AS r
                   FROM g WHERE EXISTS (SELECT 1 FROM page WHERE page.k IS NOT DISTINCT FROM g.k))
        SELECT p.k, p.n, p.newest, p.top, p.groups, array_agg(r.id ORDER BY r.r)
        FROM page p JOIN ranked r ON r.k IS NOT DISTINCT FROM p.k AND r.r <= ?
        GROUP BY p.k, p.n, p.newest, p.top, p.groups ORDER BY p.newest DESC, p.top DESC
        """,
        [*params, limit, offset, per_group],
    ).fetchall()
    if not rows:  # past the last group (or none at all): the count still says how many there are
        total = con.execute(f"SELECT count(DISTINCT {key}) FROM assets a WHERE {where}", params).fetchall()[0][0]
        none = con.execute(f"SELECT count(*) FROM assets a WHERE {where} AND {key} IS NULL", params).fetchall()[0][0]
        return [], int(total) + (1 if none else 0)
    cards = _items(con, [i for row in rows for i in row[5]])
    found = [Group(k, n, newest, [cards[i] for i in ids if i in cards]) for k, n, newest, _top, _all, ids in rows]
    return found, int(rows[0][4])


def _items(con, asset_ids: list[int]) -> dict[int, Item]:
    rows = con.execute(
        f"SELECT {SELECT_ITEM} FROM assets a WHERE a.id IN (SELECT unnest(?::BIGINT[]))", [asset_ids]
    ).fetchall()
    return {r[0]: Item(*r) for r in rows}


def model_counts(library, scope: Scope, filters: Filters, *, extra: tuple = ()) -> list[tuple[str, int]]:
    """(model, how many of the grid's assets it made), most used first: the options of a model filter."""
    where, params = _where(library, scope, filters, extra)
    return library.catalog.cursor().execute(
        f"SELECT a.model, count(*) AS n FROM assets a WHERE {where} AND a.model IS NOT NULL"
        " GROUP BY a.model ORDER BY n DESC, a.model", params
    ).fetchall()
