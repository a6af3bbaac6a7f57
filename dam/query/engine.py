"""Running a grid query: one page of assets (newest first, or by relevance when searching) and the total.

    scope = Scope(brand_ids=(brand.id,), bucket="all")
    filters = parse('tag:beach status:approved sunset')
    page = run_page(library, scope, filters, limit=60)          # page.items, page.next_cursor
    more = run_page(library, scope, filters, cursor=page.next_cursor)
    total = count(library, scope, filters)
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterator

from dam.query import compile as qc
from dam.query import paging
from dam.query.filters import Filters, Scope, clamp_page_size
from dam.query.textform import serialize
from dam.search import hybrid, lexical

RECENT_WINDOW = timedelta(days=90)
# What a grid card shows: the only columns a page selects.
ITEM_COLUMNS = ("id", "name", "created_at", "brand_id", "kind", "status", "source", "rating", "creator_id",
                "thumb_small_key", "width", "height", "duration")  # fmt: skip
_SELECT = ", ".join(f"a.{c}" for c in ITEM_COLUMNS)
# An exact name match (with or without the file extension) lifts a word match into the top tier.
_EXACT_NAME = (f"(CASE WHEN lower(a.name) = ? OR regexp_replace(lower(a.name), '\\.[a-z0-9]{{1,5}}$', '') = ?"
               f" THEN {lexical.TIER} ELSE 0 END)")  # fmt: skip


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    created_at: datetime
    brand_id: int
    kind: str
    status: str
    source: str
    rating: int | None
    creator_id: int | None
    thumb_small_key: str | None
    width: int | None
    height: int | None
    duration: float | None
    score: float | None = None  # relevance when searching (higher is closer); None otherwise


@dataclass(frozen=True)
class Page:
    items: list[Item]
    next_cursor: str | None


@dataclass
class _Plan:
    """The SQL pieces of one request: FROM (assets, joined to search hits when searching), WHERE and params."""

    source: str
    where: str
    params: list
    search: hybrid.SearchText | None
    total: int | None = None  # known already when deciding on semantic matches needed the count


def query_fingerprint(scope: Scope, filters: Filters) -> str:
    return paging.fingerprint(serialize(filters), scope.brand_ids, scope.bucket, scope.collection_id, scope.nested,
                              scope.viewer_id, scope.private_draft_brand_ids, scope.trash)  # fmt: skip


@contextmanager
def _plan(library, scope: Scope, filters: Filters, *, semantic: str = "auto") -> Iterator[_Plan]:
    con = library.catalog.cursor()
    resolved = qc.resolve(con, scope, filters)
    where, params = qc.compile_query(scope, filters, resolved)
    search = hybrid.split(filters.text) if filters.text else None
    if search is None:
        yield _Plan("assets a", where, params, None)
        return
    hits = hybrid.word_hits(library, search)
    name = f"search_hits_{uuid.uuid4().hex}"
    con.register(name, hits)
    try:
        plan = _Plan(f"assets a JOIN {name} h ON h.asset_id = a.id", where, params, search)
        if semantic == "auto":
            plan.total = _count(con, plan)
        if semantic == "always" or (semantic == "auto" and plan.total < hybrid.SEMANTIC_FILL_BELOW):
            plan.total = None
            con.unregister(name)
            hits = hybrid.merge(hits, hybrid.meaning_hits(library, scope.brand_ids, search))
            con.register(name, hits)
        yield plan
    finally:
        con.unregister(name)


def _count(con, plan: _Plan) -> int:
    if plan.total is not None:
        return plan.total
    return con.execute(f"SELECT count(*) FROM {plan.source} WHERE {plan.where}", plan.params).fetchall()[0][0]


def count(library, scope: Scope, filters: Filters) -> int:
    """How many assets the grid holds for this scope and filters (the summary line's number)."""
    with _plan(library, scope, filters) as plan:
        return _count(library.catalog.cursor(), plan)


def run_page(library, scope: Scope, filters: Filters, *, limit: int = 60, cursor: str | None = None) -> Page:
    """One page of the grid; pass `next_cursor` back as `cursor` for the next one."""
    limit = clamp_page_size(limit)
    fp = query_fingerprint(scope, filters)
    key = paging.decode(cursor, fp) if cursor else None
    with _plan(library, scope, filters) as plan:
        return _page(library.catalog.cursor(), plan, limit, key, fp)


def run_grid(library, scope: Scope, filters: Filters, *, limit: int = 60, cursor: str | None = None) -> tuple[Page, int]:
    """A page and the total together, sharing one search (what the grid needs on every refresh)."""
    limit = clamp_page_size(limit)
    fp = query_fingerprint(scope, filters)
    key = paging.decode(cursor, fp) if cursor else None
    with _plan(library, scope, filters) as plan:
        con = library.catalog.cursor()
        return _page(con, plan, limit, key, fp), _count(con, plan)


def _page(con, plan: _Plan, limit: int, key: paging.Key | None, fp: str) -> Page:
    params, n_select = list(plan.params), 0
    if plan.search is None:
        score, order = "NULL::BIGINT", "created_at DESC, id DESC"
        after = "(created_at < ? OR (created_at = ? AND id < ?))"
        after_params = [key.created_at, key.created_at, key.id] if key else []
    else:
        score = f"h.score + {_EXACT_NAME}"
        params, n_select = [plan.search.exact_name, plan.search.exact_name, *params], 2
        order = "score DESC, created_at DESC, id DESC"
        after = "(score < ? OR (score = ? AND (created_at < ? OR (created_at = ? AND id < ?))))"
        after_params = [key.score, key.score, key.created_at, key.created_at, key.id] if key else []
        if key and key.score is None:
            after_params = [0, 0, key.created_at, key.created_at, key.id]

    def fetch(since: datetime | None) -> list[tuple]:
        window, window_params = ("a.created_at >= ? AND ", [since]) if since else ("", [])
        sql = f"SELECT {_SELECT}, {score} AS score FROM {plan.source} WHERE {window}{plan.where}"
        if key:
            sql = f"SELECT * FROM ({sql}) WHERE {after}"
        sql_params = [*params[:n_select], *window_params, *params[n_select:], *(after_params if key else [])]
        return con.execute(f"{sql} ORDER BY {order} LIMIT ?", [*sql_params, limit + 1]).fetchall()

    rows = None
    if plan.search is None:
        # Newest first: look in the most recent stretch of time before the whole catalog. Assets are stored
        # in the order they were added, so DuckDB skips every older row group; when the stretch holds a full
        # page it holds exactly the page the whole catalog would give.
        rows = fetch((key.created_at if key else datetime.now()) - RECENT_WINDOW)
        rows = rows if len(rows) > limit else None
    if rows is None:
        rows = fetch(None)
    items = [Item(*r[:-1], score=None if r[-1] is None else r[-1] / hybrid.SEMANTIC_SCALE) for r in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = paging.encode(paging.Key(last[2], last[0], last[-1]), fp)
    return Page(items, next_cursor)
