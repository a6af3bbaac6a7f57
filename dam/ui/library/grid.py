"""The asset grid in a fragment (a click reruns only this part) with the bulk bar for the selection."""

from __future__ import annotations

import streamlit as st

from dam.models import Brand
from dam.permissions import Actor
from dam.query import Filters, Scope
from dam.ui.components import asset_grid
from dam.ui.library import bulk, results
from dam.ui.library.cards import Names, card
from dam.ui.library.similar import show_in_grid
from dam.ui.library.state import ASSET, SELECTION
from dam.ui.session import library


def _empty(scope: Scope, filters: Filters) -> None:
    if scope.trash:
        st.info("The trash is empty.", icon=":material/delete:")
    elif filters.active:
        st.info("Nothing matches these filters. Loosen them, or Clear all.", icon=":material/filter_alt_off:")
    else:
        st.info("Nothing here yet. Upload to library, or drop files anywhere on the page.", icon=":material/upload:")


@st.fragment
def render_grid(actor: Actor, brand: Brand, scope: Scope, filters: Filters, *, trash: bool = False) -> None:
    loaded = results.current()
    selection = [i for i in st.session_state.get(SELECTION, []) if i in {x.id for x in loaded.items}]
    if trash:
        st.caption("Trash: assets deleted in this brand. Restore them, or purge them for good "
                   f"(purged files are removed unless another asset shares them). Trash older than "
                   f"{library().settings.trash_days} days is purged.")  # fmt: skip
        bulk.render_trash_bar(actor, selection)
    else:
        bulk.render_bulk_bar(actor, brand, selection)
    if not loaded.items:
        _empty(scope, filters)
        return
    names = Names.read(library().catalog.cursor())
    counts = results.comment_counts(loaded.items)
    cards = [card(item, names, actor.user_id, counts) for item in loaded.items]
    events = asset_grid(cards, selected=selection, has_more=loaded.cursor is not None, key="library.grid",
                        loading_token=loaded.token, more_url=results.more_url(actor, scope, filters))  # fmt: skip
    if events.selection is not None:
        st.session_state[SELECTION] = events.selection
        st.rerun(scope="fragment")
    if events.load_more:
        results.load_more(scope, filters)
        st.rerun(scope="fragment")
    if events.open is not None:
        st.query_params[ASSET] = str(events.open.id)
        st.rerun()  # a full run opens the viewer dialog
    if events.similar is not None:
        show_in_grid([events.similar])
