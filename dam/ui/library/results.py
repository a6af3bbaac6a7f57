"""The result set the grid and viewer share: pages loaded so far, refreshed when the view or the data changes."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace

import streamlit as st

from dam.errors import DamError
from dam.library import Library
from dam.permissions import Actor, load_actor
from dam.query import Filters, Item, RailCounts, Scope, rail_counts, refresh, run_page
from dam.repos import comments
from dam.ui.library.cards import Names, card
from dam.ui.library.state import LOADED, SELECTION
from dam.ui.session import library
from dam.web import runtime
from dam.web.tickets import TICKET_SECONDS

PAGE_SIZE = 60
DIRTY = "library.dirty"  # set by any change to assets, so the next full run reloads what is shown


@dataclass(eq=False)
class Loaded:
    """The grid's rows so far: which view they belong to, the items, the cursor for more, the total.

    Pages are appended by the page's own runs and by the grid's page route (another thread), so appending holds
    a lock and replaces `items` by a longer list rather than growing the one a run may be reading.
    """

    token: str
    items: list[Item] = field(default_factory=list)
    cursor: str | None = None
    total: int = 0
    summary: str = ""
    pages_ticket: tuple[str, float] | None = None  # (ticket, expiry) of the grid's page route for these rows
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def more(self, library: Library, scope: Scope, filters: Filters, have: int | None = None) -> list[Item]:
        """The items after the first `have` (all loaded, by default), fetching the next page when there are none."""
        with self._lock:
            have = len(self.items) if have is None else max(0, have)
            if have >= len(self.items) and self.cursor is not None:
                page = run_page(library, scope, filters, limit=PAGE_SIZE, cursor=self.cursor)
                seen = {i.id for i in self.items}
                self.items = [*self.items, *(i for i in page.items if i.id not in seen)]
                self.cursor = page.next_cursor
            return self.items[have:]


@dataclass(frozen=True)
class NextPages:
    """What the grid's page route runs for one view: the cards after the `count` the browser holds, as JSON."""

    library: Library
    actor: Actor
    scope: Scope
    filters: Filters
    loaded: Loaded

    def __call__(self, count: int) -> dict | None:
        con = self.library.catalog.cursor()
        try:
            now = load_actor(con, self.actor.user_id)
        except DamError:
            return None
        if (now.is_admin, now.roles) != (self.actor.is_admin, self.actor.roles):
            return None  # roles changed: the scope must be worked out again, by the page
        items = self.loaded.more(self.library, self.scope, self.filters, have=count)
        names, counts = Names.read(con), comments.counts(con, [i.id for i in items])
        return {"token": self.loaded.token, "items": [card(i, names, self.actor.user_id, counts) for i in items],
                "has_more": self.loaded.cursor is not None}  # fmt: skip


def mark_dirty() -> None:
    st.session_state[DIRTY] = True


def current() -> Loaded:
    return st.session_state[LOADED]


def load(scope: Scope, filters: Filters, token: str, *, with_counts: bool = True) -> RailCounts | None:
    """Load (or reload) the first pages for this view; with `with_counts`, also return the rail's counts."""
    previous: Loaded | None = st.session_state.get(LOADED)
    same_view = previous is not None and previous.token == token
    live = replace(scope, trash=False)  # the rail always counts the live library, also from the Trash
    if same_view and not st.session_state.get(DIRTY):
        return rail_counts(library(), live) if with_counts else None
    if not same_view:
        st.session_state[SELECTION] = []
    # Reload as many rows as were showing, so a change does not throw the user back to the top.
    limit = min(200, max(PAGE_SIZE, len(previous.items) if same_view else 0))
    view = refresh(library(), scope, filters, limit=limit, with_counts=with_counts and not scope.trash)
    st.session_state[LOADED] = Loaded(token, list(view.page.items), view.page.next_cursor, view.total, view.summary)
    st.session_state[DIRTY] = False
    if not with_counts:
        return None
    return view.counts or rail_counts(library(), live)


def load_more(scope: Scope, filters: Filters) -> None:
    """Append the next page (the viewer stepping past the loaded rows, or the grid when its route failed)."""
    current().more(library(), scope, filters)


def more_url(actor: Actor, scope: Scope, filters: Filters) -> str:
    """The grid's page route for the loaded rows: the grid fetches further pages itself, without a rerun."""
    loaded = current()
    if loaded.pages_ticket is None or loaded.pages_ticket[1] < time.time() + 60:
        ticket = runtime.tickets().issue(actor.user_id, "grid", NextPages(library(), actor, scope, filters, loaded))
        loaded.pages_ticket = (ticket, time.time() + TICKET_SECONDS)
    return f"/files/grid/{loaded.pages_ticket[0]}"


def comment_counts(items: list[Item]) -> dict[int, int]:
    """Comments per asset, for the cards' comment count."""
    return comments.counts(library().catalog.cursor(), [i.id for i in items])
