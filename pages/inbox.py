"""Inbox: the signed-in person's notifications, newest first, each linking to its asset."""

from __future__ import annotations

import streamlit as st

from dam.repos import notifications
from dam.ui.session import library
from dam.ui.shell import require_actor


def render() -> None:
    actor = require_actor()
    con = library().catalog.cursor()
    items = notifications.for_user(con, actor.user_id)
    unread = sum(1 for n in items if n.read_at is None)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.subheader("Inbox")
        st.space("stretch")
        if st.button("Mark all read", disabled=unread == 0, key="inbox.mark_all"):
            with library().catalog.transaction() as tx:
                notifications.mark_read(tx, actor.user_id)
            st.rerun()
    if not items:
        st.info("Nothing here yet. Review decisions on your submissions, mentions and replies arrive here.")
        return
    for note in items:
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            st.markdown("🔵" if note.read_at is None else "⚪️", width=24)
            with st.container(gap=None):
                st.text(note.body)  # untrusted names: plain text, never markdown or HTML
                st.caption(f"{note.created_at:%d %b %Y, %H:%M}")
            st.space("stretch")
            if note.asset_id is not None:
                st.page_link("pages/library.py", label="Open", query_params={"asset": note.asset_id})
            if note.read_at is None and st.button("Mark read", key=f"inbox.read.{note.id}", type="tertiary"):
                with library().catalog.transaction() as tx:
                    notifications.mark_read(tx, actor.user_id, note.id)
                st.rerun()


render()
