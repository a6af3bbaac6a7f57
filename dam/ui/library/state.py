"""The Library's view, kept in the URL (bucket, collection, nested, the filters' text form, the open asset)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import streamlit as st

from dam.errors import DamError
from dam.models import Brand
from dam.permissions import Actor
from dam.query import BUCKETS, Filters, Scope, parse, serialize
from dam.services.scopes import scope_for as services_scope

# URL parameters; the brand is the shell's own `brand` parameter.
BUCKET, COLLECTION, NESTED, QUERY, ASSET, TAB, TRASH = "bucket", "c", "nested", "q", "asset", "tab", "trash"
SELECTION = "library.selection"
LOADED = "library.loaded"


@dataclass(frozen=True)
class View:
    """Where the rail points and what the toolbar filters, as read from the URL."""

    bucket: str = "all"
    collection_id: int | None = None
    nested: bool = False
    filters: Filters = field(default_factory=Filters)
    trash: bool = False  # the managers' Trash view instead of the live library
    problem: str | None = None  # a URL that could not be read fully: shown, never raised


def read_view() -> View:
    """The view the URL describes; anything malformed falls back to the default and says why."""
    params = st.query_params
    bucket = params.get(BUCKET, "all")
    problem = None
    if bucket not in BUCKETS:
        bucket, problem = "all", f"Unknown bucket {bucket!r} in the link: showing all assets."
    raw_collection = params.get(COLLECTION)
    collection_id = int(raw_collection) if raw_collection and raw_collection.isdigit() else None
    try:
        filters = parse(params.get(QUERY, ""))
    except DamError as exc:
        filters, problem = Filters(), f"The link's filters could not be read: {exc}"
    nested = params.get(NESTED) == "1" and collection_id is not None
    return View(bucket, collection_id, nested, filters, params.get(TRASH) == "1", problem)


def set_params(**values: object) -> None:
    """Write view parameters to the URL; None, False and empty values are removed to keep links short."""
    params = st.query_params.to_dict()
    for name, value in values.items():
        if value in (None, False, "") or (name == BUCKET and value == "all"):
            params.pop(name, None)
        else:
            params[name] = "1" if value is True else str(value)
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)  # written at once: one view, one step of the back button


def set_filters(filters: Filters) -> None:
    set_params(**{QUERY: serialize(filters)})


def scope_for(actor: Actor, brand: Brand, view: View, recent_days: int) -> Scope:
    """The grid's scope: the active brand, with drafts private to their creator unless the actor manages it.

    The rules live in dam.services.scopes; a `?trash=1` from someone who may not see the trash shows the library.
    """
    return services_scope(actor, brand.id, bucket=view.bucket, collection_id=view.collection_id, nested=view.nested,
                          recent_days=recent_days, trash=view.trash and actor.can("trash.view", brand.id))  # fmt: skip


def view_token(scope: Scope, filters: Filters) -> str:
    """A short fingerprint of what the grid shows: when it changes, loaded pages and the selection reset."""
    return hashlib.sha1(repr((scope, filters)).encode()).hexdigest()[:12]
