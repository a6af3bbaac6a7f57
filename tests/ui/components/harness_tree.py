"""Tree harness: the collections tree with re-parenting on, applying moves so the tree redraws, and an event log."""

import streamlit as st
from harness_common import log, show_log, tree_nodes

from dam.ui.components import collection_tree

state = st.session_state
state.setdefault("tree.parents", {})
state.setdefault("tree.selected", 7)

left, _ = st.columns([1, 2])
with left:
    st.subheader("Collections")
    events = collection_tree(
        tree_nodes(state["tree.parents"]), selected_id=state["tree.selected"], key="tree", draggable_nodes=True
    )
    if events.select is not None:
        state["tree.selected"] = events.select
        log(f"select id={events.select}")
    if events.drop:
        log(f"drop collection={events.drop.collection_id} assets={events.drop.asset_ids}")
    if events.reparent:
        state["tree.parents"][events.reparent.id] = events.reparent.parent_id
        log(f"reparent id={events.reparent.id} parent={events.reparent.parent_id}")
        st.rerun()
show_log()
