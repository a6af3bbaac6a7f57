"""Grid harness with a page route: the grid fetches pages itself; Python sees them on its next run (?route=refuse
makes the route answer 403, so the grid must ask Python instead)."""

import uuid

import streamlit as st
from harness_common import SERVED, grid_items, log, show_log

from dam.ui.components import asset_grid

ITEMS = grid_items(90)
state = st.session_state
session = state.setdefault("pages.session", uuid.uuid4().hex)
route = "refuse" if st.query_params.get("route") == "refuse" else "ok"


@st.fragment
def grid() -> None:
    loaded = max(30, SERVED.get(session, 0))
    events = asset_grid(ITEMS[:loaded], selected=state.get("pages.selection", []), has_more=loaded < len(ITEMS),
                        key="grid-pages", more_url=f"/harness/grid-pages/{route}/{session}")  # fmt: skip
    if events.selection is not None:
        state["pages.selection"] = events.selection
        log(f"selection={events.selection} rows={loaded}")
    if events.load_more:
        SERVED[session] = loaded + 30
        log(f"load_more loaded={loaded + 30}")
        st.rerun(scope="fragment")
    show_log()


grid()
