"""Running a grid query: one page of assets (newest first, or by relevance when searching) and the total.

    scope = Scope(brand_ids=(brand.id,), bucket="all")
    filters = parse('tag:beach status:approved sunset')
    page = run_page(library, scope, filters, limit=60)          # page.items, page.next_cursor
    more = run_page(library, scope, filters, cursor=page.next_cursor)
    total = count(library, scope, filters)

Browsing (no search text) is answered by SQL alone; searching goes through dam/query/ranked.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from dam.query import compile as qc
from dam.query import paging
from dam.query.filters import Filters, Scope, clamp_page_size
from dam.query.textform import serialize
from dam.search import hybrid

RECENT_WINDOW = timedelta(days=90)
WINDOW_WORTH = 20  # try the recent window first only when the filter matches this many pages or more
# What a grid card shows: the only columns a page selects.
ITEM_COLUMNS = ("id", "name", "created_at", "brand_id", "kind", "status", "source", "rating", "creator_id",
                "thumb_small_key", "width", "height", "duration")  # fmt: skip
SELECT_ITEM = ", ".join(f"a.{c}" for c in ITEM_COLUMNS)


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


@dataclass(frozen=True)
class Request:
    """One grid request, compiled: the WHERE body over `assets a`, the search text, the page wanted."""

    where: str
    params: list
    clauses: list  # the same, as clauses, to recompile with an asset-id floor
    search: hybrid.SearchText | None
    limit: int
    key: paging.Key | None
    fingerprint: str
    similar: dict[int, float] | None = None  # the `similar:` filter's scores: without search text, the order


def query_fingerprint(scope: Scope, filters: Filters) -> str:
    return paging.fingerprint(serialize(filters), scope.brand_ids, scope.bucket, scope.collection_id, scope.nested,
                              scope.viewer_id, scope.private_draft_brand_ids, scope.trash)  # fmt: skip


def _request(library, scope: Scope, filters: Filters, limit: int, cursor: str | None, extra: tuple = ()) -> Request:
    limit = clamp_page_size(limit)
    fp = query_fingerprint(scope, filters)
    if extra:  # a cursor from one view's extra clauses never continues another's
        fp = paging.fingerprint(fp, *((c.sql, c.params) for c in extra))
    key = paging.decode(cursor, fp) if cursor else None
    con = library.catalog.cursor()
    resolved = qc.resolve(con, scope, filters, library.catalog)
    clauses = qc.scope_clauses(scope, resolved) + qc.filter_clauses(filters, resolved) + list(extra)
    where, params = qc.where(clauses)
    search = hybrid.split(filters.text) if filters.text else None
    similar = dict(resolved.similar) if filters.similar_to else None
    return Request(where, params, clauses, search, limit, key, fp, similar)


def run_grid(library, scope: Scope, filters: Filters, *, limit: int = 60, cursor: str | None = None,
             extra: tuple = ()) -> tuple[Page, int]:  # fmt: skip
    """A page and the total together (what the grid needs on every refresh).

    `extra` are further clauses (compile.Clause) a view adds beyond the toolbar, such as the Gallery's model.
    """
    request = _request(library, scope, filters, limit, cursor, extra)
    if request.search is not None:
        from dam.query import ranked

        return ranked.grid(library, scope, request)
    con = library.catalog.cursor()
    if request.similar is not None:
        return _alike_page(con, request)
    total = _browse_count(con, request)
    # A filter matching few assets gains nothing from the recent window, and would pay for a second query.
    return _browse_page(con, request, try_window=total > WINDOW_WORTH * request.limit), total


def run_page(library, scope: Scope, filters: Filters, *, limit: int = 60, cursor: str | None = None) -> Page:
    """One page of the grid; pass `next_cursor` back as `cursor` for the next one."""
    request = _request(library, scope, filters, limit, cursor)
    if request.search is not None:
        from dam.query import ranked

        return ranked.grid(library, scope, request)[0]
    if request.similar is not None:
        return _alike_page(library.catalog.cursor(), request)[0]
    return _browse_page(library.catalog.cursor(), request)


def count(library, scope: Scope, filters: Filters) -> int:
    """How many assets the grid holds for this scope and filters (the summary line's number)."""
    request = _request(library, scope, filters, 1, None)
    if request.search is not None:
        from dam.query import ranked

        return ranked.grid(library, scope, request)[1]
    return _browse_count(library.catalog.cursor(), request)


def _alike_page(con, request: Request) -> tuple[Page, int]:
    """The `similar:` filter without search text: closest first. At most a few hundred rows match (its LIMIT),
    so they are all read and ordered here; the cursor holds the last score (in millionths) and id."""
    rows = con.execute(f"SELECT {SELECT_ITEM} FROM assets a WHERE {request.where}", request.params).fetchall()
    alike = {i: round(s * 1_000_000) for i, s in (request.similar or {}).items()}
    items = sorted((Item(*r, score=alike[r[0]] / 1_000_000) for r in rows), key=lambda i: (-alike[i.id], -i.id))
    key = request.key
    if key is not None and key.score is not None:
        items = [i for i in items if (-alike[i.id], -i.id) > (-key.score, -key.id)]
    page = items[: request.limit]
    cursor = None
    if len(items) > request.limit and page:
        last = page[-1]
        cursor = paging.encode(paging.Key(last.created_at, last.id, alike[last.id]), request.fingerprint)
    return Page(page, cursor), len(rows)


def _browse_count(con, request: Request) -> int:
    return con.execute(f"SELECT count(*) FROM assets a WHERE {request.where}", request.params).fetchall()[0][0]


def _browse_page(con, request: Request, *, try_window: bool = True) -> Page:
    """Newest first. Looks in the most recent stretch of time before the whole catalog: assets are stored in
    the order they were added, so DuckDB skips every older row group, and when the stretch holds a full page it
    holds exactly the page the whole catalog would give."""
    key, limit = request.key, request.limit
    after, after_params = "", []
    if key:
        after = "(a.created_at < ? OR (a.created_at = ? AND a.id < ?)) AND "
        after_params = [key.created_at, key.created_at, key.id]

    def fetch(since: datetime | None) -> list[tuple]:
        where, params = request.where, request.params
        window, window_params = "", []
        if since is not None:
            # Every asset added since then has an id at least this, so the link-table semi-joins can be built
            # from those rows only (always correct; fast when ids grow with time, as they do).
            # `id + 0` keeps PostgreSQL off its min-by-primary-key plan, which walks every older asset first.
            floor = con.execute("SELECT min(id + 0) FROM assets WHERE created_at >= ?", [since]).fetchall()[0][0]
            if floor is None:
                return []
            where, params = qc.where(request.clauses, asset_floor=floor)
            window, window_params = "a.created_at >= ? AND ", [since]
        sql = (f"SELECT {SELECT_ITEM} FROM assets a WHERE {window}{after}{where}"
               " ORDER BY a.created_at DESC, a.id DESC LIMIT ?")  # fmt: skip
        return con.execute(sql, [*window_params, *after_params, *params, limit + 1]).fetchall()

    rows = fetch((key.created_at if key else datetime.now()) - RECENT_WINDOW) if try_window else []
    if len(rows) <= limit:
        rows = fetch(None)
    items = [Item(*r) for r in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = items[-1]
        next_cursor = paging.encode(paging.Key(last.created_at, last.id), request.fingerprint)
    return Page(items, next_cursor)
