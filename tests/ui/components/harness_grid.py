"""Grid harness: 90 assets in pages of 30 inside a fragment, a collections tree to drop them on, and an event log."""

import streamlit as st
from harness_common import grid_items, log, show_log, tree_nodes

from dam.ui.components import asset_grid, collection_tree

ITEMS = grid_items(90)
PAGE = 30
state = st.session_state
state.setdefault("grid.loaded", PAGE)
state.setdefault("grid.selection", [])

with st.sidebar:
    st.subheader("Collections")
    tree = collection_tree(tree_nodes(), selected_id=state.get("grid.collection"), key="rail-tree")
    if tree.select is not None:
        state["grid.collection"] = tree.select
        log(f"select collection={tree.select}")
    if tree.drop:
        log(f"drop collection={tree.drop.collection_id} assets={tree.drop.asset_ids}")


@st.fragment
def grid() -> None:
    loaded = state["grid.loaded"]
    st.subheader("All assets")
    header = st.container(horizontal=True, vertical_alignment="center")
    events = asset_grid(ITEMS[:loaded], selected=state["grid.selection"], has_more=loaded < len(ITEMS), key="grid")
    if events.selection is not None:
        state["grid.selection"] = events.selection
        log(f"selection={events.selection}")
    if events.open:
        log(f"open id={events.open.id} index={events.open.index}")
    if events.similar is not None:
        log(f"similar id={events.similar}")
    if events.load_more:
        state["grid.loaded"] = loaded + PAGE
        log(f"load_more loaded={loaded + PAGE}")
        st.rerun(scope="fragment")
    with header:
        st.caption(f"{len(ITEMS)} assets · newest first · {len(state['grid.selection'])} selected")
        if st.button("Clear selection", disabled=not state["grid.selection"]):
            state["grid.selection"] = []  # as a finished bulk action would
            st.rerun(scope="fragment")
    show_log()


grid()
