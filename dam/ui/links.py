"""Links between pages that also work where a page runs on its own (AppTest runs a page body without navigation)."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

# The URL path each page file is served under by the app's navigation (Streamlit derives it from the file name).
URL_PATHS = {"pages/library.py": "/", "pages/collections.py": "/collections", "pages/review.py": "/review",
             "pages/inbox.py": "/inbox", "pages/admin.py": "/admin", "pages/duplicates.py": "/duplicates",
             "pages/gallery.py": "/gallery", "pages/brands.py": "/brands", "pages/campaigns.py": "/campaigns"}  # fmt: skip


def page_link(page: str, *, label: str, icon: str | None = None, query_params: dict | None = None) -> None:
    """A link to another page of the app: in-app navigation when the page is registered, a plain link otherwise."""
    try:
        st.page_link(page, label=label, icon=icon, query_params=query_params)
    except StreamlitAPIException:
        query = f"?{urlencode(query_params)}" if query_params else ""
        st.link_button(label, URL_PATHS.get(page, "/") + query, icon=icon, type="tertiary")
