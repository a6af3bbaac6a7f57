"""Uploader harness: the upload zone pinned in the sidebar, a 2 MB limit, and a log of the batch results."""

import streamlit as st
from harness_common import log, show_log

from dam.ui.components import upload_zone

with st.sidebar:
    st.subheader("Library")
    st.caption("Drop files anywhere on the page")
    events = upload_zone("/harness/upload?brand=1", key="upload", max_bytes=2_000_000)
    if events.done is not None:
        summary = ", ".join(f"{r['path']}:{r['status']}" for r in events.done)
        log(f"done {summary}")
st.subheader("All assets")
show_log()
