"""The lightbox: the dark stage with the whole result set to step through, and the Info, Thread and History tabs."""

from __future__ import annotations

import streamlit as st

from dam.errors import DamError
from dam.permissions import Actor, require_visible
from dam.query import Filters, Scope
from dam.repos import assets
from dam.services.history import asset_history
from dam.ui.components import asset_viewer
from dam.ui.library import results
from dam.ui.library.cards import slide
from dam.ui.library.info import render_info
from dam.ui.library.state import ASSET, TAB
from dam.ui.session import library

CLOSE = "library.close_viewer"


def _close() -> None:
    st.query_params.pop(ASSET, None)
    st.query_params.pop(TAB, None)


def _history(actor: Actor, asset_id: int) -> None:
    """Who changed what and when, newest first; names and notes are what people typed, so plain text only."""
    changes = asset_history(library(), actor, asset_id)
    if not changes:
        st.caption("No changes recorded yet.")
    for change in changes:
        st.text(f"{change.what} · {change.who} · {change.when:%d %b %Y %H:%M}")
        if change.detail:
            st.text(change.detail)


def _thread(actor: Actor, asset_id: int) -> None:
    from dam.ui.thread import render_thread

    render_thread(actor, asset_id)


def render_viewer(actor: Actor, scope: Scope, filters: Filters) -> None:
    """Open the viewer when the URL names an asset (a click in the grid, a link from the inbox)."""
    if st.session_state.pop(CLOSE, False):
        _close()
    raw = st.query_params.get(ASSET)
    if not raw or not raw.isdigit():
        return
    try:
        asset = assets.get(library().catalog.cursor(), int(raw))
        require_visible(actor, asset)
    except DamError as exc:
        st.warning(str(exc))
        _close()
        return

    # The title is fixed when the dialog opens, and the user steps to other assets: the stage names the one shown.
    @st.dialog("Viewer", width="large", on_dismiss=_close)
    def lightbox() -> None:
        loaded = results.current()
        ids = [i.id for i in loaded.items]
        current_id = int(st.query_params.get(ASSET, asset.id))
        if current_id in ids:
            slides, index, total = [slide(i, actor.user_id) for i in loaded.items], ids.index(current_id), loaded.total
        else:  # opened from a link: the asset alone
            single = assets.get(library().catalog.cursor(), current_id)
            slides, index, total = [slide(single, actor.user_id)], 0, 1
        stage, panel = st.columns([5, 2], gap="medium")
        with stage:
            seen = asset_viewer(slides, index, total, key="library.viewer")
            if seen.close:
                _close()
                st.rerun()
            if seen.need_more:
                results.load_more(scope, filters)
                st.rerun(scope="fragment")
            shown = slides[seen.index if seen.index is not None and seen.index < len(slides) else index]["id"]
            if shown != current_id:
                st.query_params[ASSET] = str(shown)
        with panel:
            shown_asset = assets.get(library().catalog.cursor(), shown)
            # Only the open tab is drawn: each step through the results redraws the panel for the new asset.
            info, thread, history = st.tabs(["Info", "Thread", "History"], key="library.viewer.tab", on_change="rerun",
                                            default="Thread" if st.query_params.get(TAB) == "thread" else None)  # fmt: skip
            if info.open:
                with info:
                    render_info(actor, shown_asset)
            if thread.open:
                with thread:
                    _thread(actor, shown)
            if history.open:
                with history:
                    _history(actor, shown)

    lightbox()
