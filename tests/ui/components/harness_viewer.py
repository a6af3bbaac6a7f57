"""Viewer harness: the viewer beside a native side panel, as the Library page lays it out, in a fragment."""

import streamlit as st
from harness_common import log, show_log, viewer_items

from dam.ui.components import asset_viewer

ITEMS = viewer_items(20)
PAGE = 8
state = st.session_state
state.setdefault("viewer.index", 0)
state.setdefault("viewer.loaded", PAGE)
state.setdefault("viewer.open", True)


@st.fragment
def viewer() -> None:
    if not state["viewer.open"]:
        if st.button("Open viewer"):
            state["viewer.open"] = True
            st.rerun(scope="fragment")
        show_log()
        return
    stage, panel = st.columns([5, 2], gap="medium")
    with stage:
        loaded = ITEMS[: state["viewer.loaded"]]
        events = asset_viewer(loaded, state["viewer.index"], len(ITEMS), key="viewer")
        if events.step is not None:
            state["viewer.index"] = events.step
            log(f"step index={events.step}")
        if events.need_more:
            state["viewer.loaded"] += PAGE
            log(f"need_more loaded={state['viewer.loaded']}")
            st.rerun(scope="fragment")
        if events.close:
            state["viewer.open"] = False
            log("close")
            st.rerun(scope="fragment")
    with panel:
        item = ITEMS[events.index]
        st.text_input("File name", value=item["name"], key=f"name-{item['id']}")
        st.caption(f"{item['width']} × {item['height']} · {item['mime']}")
        st.feedback("stars", key=f"rating-{item['id']}")
        st.multiselect("Tags", ["beach", "summer", "hero", "bottle"], default=["summer"], key=f"tags-{item['id']}")
        st.segmented_control("Status", ["Draft", "In review", "Approved"], default="In review", key=f"st-{item['id']}")
        cols = st.columns(2)
        cols[0].button("Download", icon=":material/download:", width="stretch")
        cols[1].button("Delete", icon=":material/delete:", width="stretch")
    show_log()


viewer()
