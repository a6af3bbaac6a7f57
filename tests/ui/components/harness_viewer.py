"""Viewer harness: the viewer beside a native side panel, in a fragment (default) or an st.dialog (?dialog=1)."""

import streamlit as st
from harness_common import log, show_log, viewer_items

from dam.ui.components import asset_viewer

ITEMS = viewer_items(20)
PAGE = 8
state = st.session_state
state.setdefault("viewer.index", 0)
state.setdefault("viewer.loaded", PAGE)
state.setdefault("viewer.open", "dialog" not in st.query_params)


def viewer_with_panel(rerun_scope: str) -> None:
    """The layout the Library page uses: the stage on the left, native widgets for the asset on the right."""
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
            st.rerun(scope=rerun_scope)
        if events.close:
            state["viewer.open"] = False
            log("close")
            st.rerun()
    with panel:
        item = ITEMS[events.index]
        st.text_input("File name", value=item["name"], key=f"name-{item['id']}")
        st.caption(f"Showing {item['name']} · {item['width']} × {item['height']} · {item['mime']}")
        st.feedback("stars", key=f"rating-{item['id']}")
        st.multiselect("Tags", ["beach", "summer", "hero", "bottle"], default=["summer"], key=f"tags-{item['id']}")
        st.segmented_control("Status", ["Draft", "In review", "Approved"], default="In review", key=f"st-{item['id']}")
        cols = st.columns(2)
        cols[0].button("Download", icon=":material/download:", width="stretch")
        cols[1].button("Delete", icon=":material/delete:", width="stretch")


def dismissed() -> None:
    state["viewer.open"] = False
    log("dialog dismissed")


@st.dialog("Asset", width="large", on_dismiss=dismissed)
def viewer_dialog() -> None:
    viewer_with_panel("fragment")


@st.fragment
def viewer_fragment() -> None:
    if state["viewer.open"]:
        viewer_with_panel("fragment")
    show_log()


if "dialog" in st.query_params:
    if st.button("Open viewer"):
        state["viewer.open"] = True
    if state["viewer.open"]:
        viewer_dialog()
    show_log()
else:
    if not state["viewer.open"] and st.button("Open viewer"):
        state["viewer.open"] = True
        st.rerun()
    viewer_fragment()
