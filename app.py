"""The Library's entrypoint: page setup and navigation only; each page renders itself."""

import streamlit as st

from dam.ui import theme
from dam.ui.generate_panel import run_generation_queue
from dam.ui.session import current_actor

st.set_page_config(page_title="The Library", page_icon=":material/photo_library:", layout="wide")
theme.apply()

run_generation_queue()  # once per server process: the worker thread that runs queued generations
actor = current_actor()
pages = [
    st.Page("pages/library.py", title="Library", icon=":material/photo_library:", default=True),
    st.Page("pages/collections.py", title="Collections", icon=":material/folder:"),
    st.Page("pages/gallery.py", title="Gallery", icon=":material/auto_awesome:"),
    st.Page("pages/brands.py", title="Brands", icon=":material/palette:"),
    st.Page("pages/campaigns.py", title="Campaigns", icon=":material/campaign:"),
    st.Page("pages/review.py", title="Review", icon=":material/fact_check:"),
    st.Page("pages/duplicates.py", title="Duplicates", icon=":material/content_copy:"),
    # Reached from the bell in the top bar (which shows the unread count), so not listed twice; its URL still works.
    st.Page("pages/inbox.py", title="Inbox", icon=":material/notifications:", visibility="hidden"),
]
if actor is not None and actor.is_admin:
    pages.append(st.Page("pages/admin.py", title="Admin", icon=":material/admin_panel_settings:"))
st.navigation(pages, position="top").run()
