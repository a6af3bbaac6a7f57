"""Scope and Filters compiled to one parameterised WHERE clause over `assets a`.

User values only ever travel as parameters; column names come from the tables below, never from input. Names
in the filter (tags, campaign, creators, the scope's collection) are first resolved to ids with a few tiny
lookups, because a literal id lets DuckDB skip every row group of the sorted link tables that cannot hold it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from dam.db.catalog import Connection
from dam.repos.comments import OPEN_THREAD_ASSETS
from dam.query.filters import UNRATED, Filters, Scope
from dam.repos import collections as collection_repo

# Filters that are "column IN (values)": (Filters attribute, column). The only columns a filter names.
COLUMN_FILTERS = (("sources", "a.source"), ("statuses", "a.status"), ("kinds", "a.kind"))


@dataclass(frozen=True)
class Resolved:
    """The ids behind the names a query uses, looked up once per request."""

    tag_ids: tuple[int | None, ...] = ()  # None where a tag name is unknown
    campaign_ids: tuple[int, ...] = ()
    creator_ids: tuple[int, ...] = ()
    collection_ids: tuple[int, ...] = ()  # the scope's collection, and its sub-collections when nested
    similar: tuple[tuple[int, float], ...] = ()  # (asset id, score) of what looks like `similar_to`, best first


@dataclass(frozen=True)
class Clause:
    """A piece of SQL and its parameters; clauses AND together.

    A link clause (assets in a link table) may be given a floor on asset ids: `where(..., asset_floor=n)` adds
    `asset_id >= n` inside it, so a query looking only at recent assets builds its semi-join from their rows.
    """

    sql: str
    params: tuple = ()
    link: bool = False


def resolve(con: Connection, scope: Scope, filters: Filters, catalog=None) -> Resolved:
    brands = list(scope.brand_ids)
    tag_ids: tuple[int | None, ...] = ()
    if filters.tags:
        found = dict(con.execute(
            "SELECT name, id FROM tags WHERE name IN (SELECT unnest(?::VARCHAR[]))", [list(filters.tags)]).fetchall())  # fmt: skip
        tag_ids = tuple(found.get(t) for t in filters.tags)
    campaign_ids: tuple[int, ...] = ()
    if filters.campaign:
        campaign_ids = tuple(r[0] for r in con.execute(
            "SELECT id FROM campaigns WHERE lower(name) = lower(?) AND brand_id IN (SELECT unnest(?::INTEGER[])) ORDER BY id",
            [filters.campaign, brands]).fetchall())  # fmt: skip
    creator_ids: tuple[int, ...] = ()
    if filters.creators:
        creator_ids = tuple(r[0] for r in con.execute(
            "SELECT id FROM users WHERE lower(handle) IN (SELECT unnest(?::VARCHAR[])) ORDER BY id",
            [list(filters.creators)]).fetchall())  # fmt: skip
    collection_ids: tuple[int, ...] = ()
    if scope.collection_id is not None:
        ids = collection_repo.descendants(con, scope.collection_id) if scope.nested else [scope.collection_id]
        collection_ids = tuple(sorted(ids))
    similar = resolve_similar(con, scope, filters, catalog) if filters.similar_to else ()
    return Resolved(tag_ids, campaign_ids, creator_ids, collection_ids, similar)


def visible_ids(con: Connection, scope: Scope, ids: tuple[int, ...]) -> list[int]:
    """Which of these assets the scope's viewer may see, in the given order."""
    where_sql, params = where([*visibility(scope), _in("a.id", ids)])
    found = {r[0] for r in con.execute(f"SELECT a.id FROM assets a WHERE {where_sql}", params).fetchall()}
    return [i for i in ids if i in found]


def resolve_similar(con: Connection, scope: Scope, filters: Filters, catalog) -> tuple[tuple[int, float], ...]:
    """The `similar:` filter's matches: nothing when its assets are hidden from the viewer (no probing of what a
    hidden draft looks like), when the vectors need `reindex`, or without a catalog to search."""
    from dam.similar import neighbours

    like = visible_ids(con, scope, filters.similar_to)
    if not like or catalog is None or neighbours.is_stale(con):
        return ()
    return tuple(neighbours.find(catalog, con, scope.brand_ids, like))


def _in(column: str, values: tuple | list) -> Clause:
    values = tuple(values)
    if not values:
        return Clause("FALSE")
    if len(values) == 1:
        return Clause(f"{column} = ?", values)
    return Clause(f"{column} IN ({', '.join('?' for _ in values)})", values)


def _ids_in(table: str, key: str, ids: tuple) -> Clause:
    """Assets linked to any of `ids` in a link table sorted by `key` (fixed names from this module)."""
    if not ids:
        return Clause("FALSE")
    one = "= ?" if len(ids) == 1 else f"IN ({', '.join('?' for _ in ids)})"
    return Clause(f"a.id IN (SELECT asset_id FROM {table} WHERE {key} {one}{{floor}})", tuple(ids), link=True)


def visibility(scope: Scope) -> list[Clause]:
    """What the viewer may see at all: the grid, every count and search share exactly these clauses."""
    clauses = [_in("a.brand_id", scope.brand_ids)]
    clauses.append(Clause("a.deleted_at IS NOT NULL" if scope.trash else "a.deleted_at IS NULL"))
    if scope.private_draft_brand_ids:
        brands = _in("a.brand_id", scope.private_draft_brand_ids)
        clauses.append(Clause(
            f"NOT (a.status = 'draft' AND {brands.sql} AND a.creator_id IS DISTINCT FROM ?)",
            (*brands.params, scope.viewer_id)))  # fmt: skip
    return clauses


def recent_cutoff(scope: Scope, now: datetime | None = None) -> datetime:
    return (now or datetime.now()) - timedelta(days=scope.recent_days)


def scope_clauses(scope: Scope, resolved: Resolved, now: datetime | None = None) -> list[Clause]:
    clauses = visibility(scope)
    if scope.bucket == "recent":
        clauses.append(Clause("a.created_at >= ?", (recent_cutoff(scope, now),)))
    elif scope.bucket == "unfiled":
        clauses.append(Clause("a.id NOT IN (SELECT asset_id FROM collection_assets WHERE TRUE{floor})", link=True))
    if scope.collection_id is not None:
        ids = resolved.collection_ids
        clauses.append(_ids_in("collection_assets", "collection_id", ids))
    return clauses


def filter_clauses(filters: Filters, resolved: Resolved) -> list[Clause]:
    clauses: list[Clause] = []
    if filters.tags:
        known = tuple(t for t in resolved.tag_ids if t is not None)
        if filters.tag_mode == "all":
            if len(known) < len(filters.tags):
                clauses.append(Clause("FALSE"))  # an unknown tag can never be on every result
            else:
                # One semi-join per tag: each reads only its own tag's rows of the sorted asset_tags table.
                clauses += [_ids_in("asset_tags", "tag_id", (t,)) for t in known]
        else:
            clauses.append(_ids_in("asset_tags", "tag_id", known))
    if filters.campaign:
        ids = resolved.campaign_ids
        clauses.append(_ids_in("asset_campaigns", "campaign_id", ids))
    for attr, column in COLUMN_FILTERS:
        values = getattr(filters, attr)
        if values:
            clauses.append(_in(column, values))
    if filters.ratings:
        stars = tuple(r for r in filters.ratings if r != UNRATED)
        parts = ([_in("a.rating", stars)] if stars else []) + ([Clause("a.rating IS NULL")] if UNRATED in filters.ratings else [])
        clauses.append(Clause("(" + " OR ".join(p.sql for p in parts) + ")", tuple(x for p in parts for x in p.params)))
    if filters.creators:
        clauses.append(_in("a.creator_id", resolved.creator_ids))
    if filters.open_threads:
        clauses.append(Clause(f"a.id IN ({OPEN_THREAD_ASSETS})"))
    if filters.after:
        clauses.append(Clause("a.created_at >= ?", (datetime.combine(filters.after, time()),)))
    if filters.before:
        clauses.append(Clause("a.created_at < ?", (datetime.combine(filters.before, time()),)))
    if filters.similar_to:
        clauses.append(_in("a.id", [i for i, _ in resolved.similar]))
    return clauses


def where(clauses: list[Clause], asset_floor: int | None = None) -> tuple[str, list[Any]]:
    """AND the clauses into one WHERE body and its parameter list."""
    if not clauses:
        return "TRUE", []
    sql, params = [], []
    for c in clauses:
        if c.link:
            sql.append(c.sql.format(floor="" if asset_floor is None else " AND asset_id >= ?"))
            params += [*c.params, *(() if asset_floor is None else (asset_floor,))]
        else:
            sql.append(c.sql)
            params += c.params
    return " AND ".join(sql), params


def compile_query(scope: Scope, filters: Filters, resolved: Resolved, now: datetime | None = None,
                  asset_floor: int | None = None) -> tuple[str, list]:  # fmt: skip
    """The WHERE body (over `assets a`) selecting what the grid shows, search text aside."""
    return where(scope_clauses(scope, resolved, now) + filter_clauses(filters, resolved), asset_floor)
