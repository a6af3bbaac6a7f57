"""Saved searches as a service: save the current filters under a name, list them, reopen and delete them."""

from __future__ import annotations

from dam.query.filters import Filters
from dam.query.textform import parse, serialize
from dam.repos import saved_searches
from dam.repos.saved_searches import SavedSearch


def save(library, brand_id: int, name: str, filters: Filters, *, owner_id: int | None = None,
         replace: bool = False) -> SavedSearch:  # fmt: skip
    """Store the filters under a name in a brand; with `replace`, an existing one of that name is updated."""
    with library.catalog.transaction() as con:
        existing = saved_searches.by_name(con, brand_id, name)
        if existing and replace:
            saved_searches.update_query(con, existing.id, serialize(filters))
            return saved_searches.require_by_name(con, brand_id, name)
        return saved_searches.create(con, brand_id, name, serialize(filters), owner_id)


def list_saved(library, brand_id: int) -> list[SavedSearch]:
    return saved_searches.for_brand(library.catalog.cursor(), brand_id)


def open_saved(library, brand_id: int, name: str) -> Filters:
    """The filters of a saved search, ready to run."""
    return parse(saved_searches.require_by_name(library.catalog.cursor(), brand_id, name).query)


def delete(library, brand_id: int, name: str) -> None:
    with library.catalog.transaction() as con:
        saved_searches.delete(con, saved_searches.require_by_name(con, brand_id, name).id)
