"""The result set the grid and viewer share: pages loaded so far, refreshed when the view or the data changes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import streamlit as st

from dam.repos import comments
from dam.query import Filters, Item, RailCounts, Scope, rail_counts, refresh, run_page
from dam.ui.library.state import LOADED, SELECTION
from dam.ui.session import library

PAGE_SIZE = 60
DIRTY = "library.dirty"  # set by any change to assets, so the next full run reloads what is shown


@dataclass
class Loaded:
    """The grid's rows so far: which view they belong to, the items, the cursor for more, the total."""

    token: str
    items: list[Item] = field(default_factory=list)
    cursor: str | None = None
    total: int = 0
    summary: str = ""


def mark_dirty() -> None:
    st.session_state[DIRTY] = True


def current() -> Loaded:
    return st.session_state[LOADED]


def load(scope: Scope, filters: Filters, token: str) -> RailCounts:
    """Load (or reload) the first pages for this view and return the rail's counts."""
    previous: Loaded | None = st.session_state.get(LOADED)
    same_view = previous is not None and previous.token == token
    live = replace(scope, trash=False)  # the rail always counts the live library, also from the Trash
    if same_view and not st.session_state.get(DIRTY):
        return rail_counts(library(), live)
    if not same_view:
        st.session_state[SELECTION] = []
    # Reload as many rows as were showing, so a change does not throw the user back to the top.
    limit = min(200, max(PAGE_SIZE, len(previous.items) if same_view else 0))
    view = refresh(library(), scope, filters, limit=limit, with_counts=not scope.trash)
    st.session_state[LOADED] = Loaded(token, list(view.page.items), view.page.next_cursor, view.total, view.summary)
    st.session_state[DIRTY] = False
    return view.counts or rail_counts(library(), live)


def load_more(scope: Scope, filters: Filters) -> None:
    """Append the next page (infinite scroll, or the viewer stepping past the loaded rows)."""
    loaded = current()
    if loaded.cursor is None:
        return
    page = run_page(library(), scope, filters, limit=PAGE_SIZE, cursor=loaded.cursor)
    seen = {i.id for i in loaded.items}
    loaded.items.extend(i for i in page.items if i.id not in seen)
    loaded.cursor = page.next_cursor


def comment_counts(items: list[Item]) -> dict[int, int]:
    """Comments per asset, for the cards' comment count."""
    return comments.counts(library().catalog.cursor(), [i.id for i in items])
