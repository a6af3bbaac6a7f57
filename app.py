"""The Library, first cut: the newest assets as a grid of thumbnails (the full Library page replaces this)."""

from __future__ import annotations

import streamlit as st

from dam.repos import assets, brands
from dam.vocab import SOURCE_LABELS, STATUS_LABELS
from dam.web import runtime

NEWEST = 60
COLUMNS = 5
STATUS_COLOURS = {"draft": "gray", "in_review": "orange", "approved": "green", "rejected": "red", "archived": "violet"}


def render() -> None:
    st.set_page_config(page_title="The Library", page_icon=":material/photo_library:", layout="wide")
    # The process's one open library (DAM_DATA or ./data), shared with the file routes: opened once, on first use.
    library = runtime.library()
    con = library.catalog.cursor()
    newest = assets.newest(con, NEWEST)
    brand_names = {b.id: b.name for b in brands.all_brands(con)}
    st.title("The Library")
    if not newest:
        st.info("No assets yet: seed the demo with `python -m dam demo`, or add files with `python -m dam import`.")
        return
    st.caption(f"The {len(newest)} newest assets")
    for start in range(0, len(newest), COLUMNS):
        for column, asset in zip(st.columns(COLUMNS), newest[start : start + COLUMNS]):
            with column.container(border=True):
                thumb = library.store.local_path(asset.thumb_small_key) if asset.thumb_small_key else None
                if thumb is not None and thumb.is_file():
                    st.image(str(thumb), width="stretch")
                st.text(asset.name)  # names are user input: plain text, never markdown
                with st.container(horizontal=True, gap="small"):
                    st.badge(STATUS_LABELS[asset.status], color=STATUS_COLOURS.get(asset.status, "gray"))
                    st.badge(SOURCE_LABELS.get(asset.source, asset.source), color="blue")
                    st.badge(brand_names.get(asset.brand_id, ""), color="gray")


render()
