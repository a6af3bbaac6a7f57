"""Saved searches as a service: save the current filters under a name, list them, reopen and delete them.

Every member of a brand may save a search and reopen the brand's saved searches (smart collections); only the
person who saved one, or a manager of the brand, may delete or replace it. The CLI acts as the library's
operator (`actor=None`): it has the catalog file itself, so no role applies.
"""

from __future__ import annotations

from dam.errors import Rejected
from dam.permissions import Actor, PermissionDenied, require
from dam.query.filters import Filters
from dam.query.textform import parse, serialize
from dam.repos import events, saved_searches
from dam.repos.saved_searches import SavedSearch


def _may_change(actor: Actor | None, entry: SavedSearch) -> None:
    if actor is None or entry.owner_id == actor.user_id or actor.can("collection.manage", entry.brand_id):
        return
    raise PermissionDenied(f"Only the person who saved “{entry.name}” or a manager can change it.")


def _record(con, actor: Actor | None, action: str, entry: SavedSearch, before, after) -> None:
    events.record(con, actor_id=actor.user_id if actor else None, action=action, entity="saved_search",
                  entity_id=entry.id, brand_id=entry.brand_id, before=before, after=after)  # fmt: skip


def save(library, brand_id: int, name: str, filters: Filters, *, actor: Actor | None = None,
         replace: bool = False) -> SavedSearch:  # fmt: skip
    """Store the filters under a name in a brand; with `replace`, an existing one of that name is updated."""
    if actor is not None:
        require(actor, "asset.view", brand_id)
    if not filters.active:
        raise Rejected("Nothing to save: pick a filter or type a search first.")
    query = serialize(filters)
    with library.catalog.transaction() as con:
        existing = saved_searches.by_name(con, brand_id, name)
        if existing and replace:
            _may_change(actor, existing)
            saved_searches.update_query(con, existing.id, query)
            _record(con, actor, "saved_search.update", existing, {"query": existing.query}, {"query": query})
            return saved_searches.require_by_name(con, brand_id, name)
        entry = saved_searches.create(con, brand_id, name, query, actor.user_id if actor else None)
        _record(con, actor, "saved_search.create", entry, None, {"name": entry.name, "query": query})
        return entry


def list_saved(library, brand_id: int, *, actor: Actor | None = None) -> list[SavedSearch]:
    if actor is not None:
        require(actor, "asset.view", brand_id)
    return saved_searches.for_brand(library.catalog.cursor(), brand_id)


def open_saved(library, brand_id: int, name: str, *, actor: Actor | None = None) -> Filters:
    """The filters of a saved search, ready to run."""
    if actor is not None:
        require(actor, "asset.view", brand_id)
    return parse(saved_searches.require_by_name(library.catalog.cursor(), brand_id, name).query)


def delete(library, brand_id: int, name: str, *, actor: Actor | None = None) -> None:
    if actor is not None:
        require(actor, "asset.view", brand_id)
    with library.catalog.transaction() as con:
        entry = saved_searches.require_by_name(con, brand_id, name)
        _may_change(actor, entry)
        saved_searches.delete(con, entry.id)
        _record(con, actor, "saved_search.delete", entry, {"name": entry.name, "query": entry.query}, None)
