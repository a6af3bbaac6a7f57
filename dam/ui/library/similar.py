"""Find similar: the grid filter `similar:` (from cards, the bulk bar and the viewer) and the dialog with scores."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from dam.errors import DamError
from dam.permissions import Actor
from dam.repos import assets
from dam.services import similar
from dam.ui.library.state import ASSET, read_view, set_filters
from dam.ui.session import library
from dam.web.routes import thumb_url

COLUMNS = 4


def show_in_grid(asset_ids: list[int]) -> None:
    """Filter the grid to what looks like these assets, closest first; the other filters stay (they combine)."""
    set_filters(replace(read_view().filters, similar_to=tuple(asset_ids)))
    st.query_params.pop(ASSET, None)  # from the viewer: close it to show the grid
    st.rerun()


@st.dialog("Find similar", width="large")
def show_similar(actor: Actor, asset_ids: list[int], mode: str = "first") -> None:
    """From the card and the bulk bar."""
    render_similar(actor, asset_ids, mode)


def render_similar(actor: Actor, asset_ids: list[int], mode: str = "first") -> None:
    """Inline, for the viewer (already a dialog: Streamlit opens one dialog at a time)."""
    try:
        found = similar.similar_to_selection(library(), actor, asset_ids, k=24, mode=mode)
    except DamError as exc:
        st.info(str(exc), icon=":material/image_search:")
        return
    if not found:
        st.info("Nothing in this brand looks close enough.", icon=":material/image_search:")
        return
    names = {a.id: a.name for a in assets.many(library().catalog.cursor(), [m.asset_id for m in found])}
    st.caption(f"{len(found)} look{'s' if len(found) == 1 else ''} like "
               + ("the first selected asset" if mode == "first" and len(asset_ids) > 1 else
                  "the selection" if len(asset_ids) > 1 else "this asset") + ", closest first.")  # fmt: skip
    for start in range(0, len(found), COLUMNS):
        for column, match in zip(st.columns(COLUMNS), found[start : start + COLUMNS]):
            with column:
                st.image(thumb_url(match.asset_id, "small", actor.user_id), caption=names.get(match.asset_id))
                st.caption(f"{match.score:.0%} alike")
                if st.button("Open", key=f"library.similar.open.{match.asset_id}", type="tertiary"):
                    st.query_params[ASSET] = str(match.asset_id)
                    st.rerun()
