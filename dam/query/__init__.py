"""The query engine behind the grid, the rail and the CLI: filters, ranked search, counts and paging.

    from dam.query import Scope, parse, refresh

    scope = Scope(brand_ids=(brand.id,), bucket="all")
    filters = parse('tag:beach tag:sunset status:approved sunset')   # the search box / URL text form
    view = refresh(library, scope, filters, limit=60)                # the whole grid after a click
    view.page.items, view.page.next_cursor, view.total, view.counts, view.summary

Underneath: run_page / run_grid (page, total), count, rail_counts (buckets, collections), summary_line.
"""

from dam.query.counts import CollectionCount, RailCounts, rail_counts
from dam.query.engine import Item, Page, count, run_grid, run_page
from dam.query.filters import BUCKETS, MAX_PAGE_SIZE, Filters, Scope
from dam.query.grid import GridView, refresh
from dam.query.summary import describe, summary_line
from dam.query.textform import QuerySyntaxError, parse, serialize

__all__ = [
    "BUCKETS", "MAX_PAGE_SIZE", "CollectionCount", "Filters", "GridView", "Item", "Page", "QuerySyntaxError",
    "RailCounts", "Scope", "count", "describe", "parse", "rail_counts", "refresh", "run_grid", "run_page",
    "serialize", "summary_line",
]  # fmt: skip
