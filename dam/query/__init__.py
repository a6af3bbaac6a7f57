"""The query engine behind the grid, the rail and the CLI: filters, ranked search, counts and paging.

    from dam.query import Scope, parse, run_grid, rail_counts, summary_line

    scope = Scope(brand_ids=(brand.id,), bucket="all")
    filters = parse('tag:beach tag:sunset status:approved sunset')   # the search box / URL text form
    page, total = run_grid(library, scope, filters, limit=60)        # page.items, page.next_cursor
    counts = rail_counts(library, scope)                             # buckets and every collection
    line = summary_line(filters, total)                              # 'Search: “sunset” · Status: ...'
"""

from dam.query.counts import CollectionCount, RailCounts, rail_counts
from dam.query.engine import Item, Page, count, run_grid, run_page
from dam.query.filters import BUCKETS, MAX_PAGE_SIZE, Filters, Scope
from dam.query.summary import describe, summary_line
from dam.query.textform import QuerySyntaxError, parse, serialize

__all__ = [
    "BUCKETS", "MAX_PAGE_SIZE", "CollectionCount", "Filters", "Item", "Page", "QuerySyntaxError", "RailCounts",
    "Scope", "count", "describe", "parse", "rail_counts", "run_grid", "run_page", "serialize", "summary_line",
]  # fmt: skip
