"""The Inbox page body: notifications newest first, filters by kind, and preferences."""

from __future__ import annotations

import streamlit as st

from dam.permissions import Actor
from dam.services import notify
from dam.ui.shell import top_bar
from dam.ui.session import library
from dam.ui.thread import thread_link

SHOW = {"all": "All", "mention": "Mentions", "reply": "Replies", "comment": "Comments", "review": "Reviews"}
ICONS = {"mention": "@", "reply": "↩", "comment": "💬", "review": "✔"}


def _preferences(actor: Actor) -> None:
    """One switch per kind; a kind switched off is not created at all (nothing piles up unseen)."""
    chosen = notify.preferences(library(), actor)
    st.caption("Notify me about")
    for kind, label in notify.KIND_LABELS.items():
        key = f"inbox.pref.{kind}"
        st.toggle(label, value=chosen[kind], key=key,
                  on_change=lambda k=kind, w=key: notify.set_preference(library(), actor, k, st.session_state[w]))  # fmt: skip


def render_inbox(actor: Actor) -> None:
    top_bar(actor)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.subheader("Inbox")
        st.space("stretch")
        with st.popover("Preferences", icon=":material/tune:", type="tertiary"):
            _preferences(actor)
        if st.button("Mark all read", key="inbox.mark_all"):
            notify.mark_read(library(), actor)
            st.rerun()
    show = st.segmented_control("Show", list(SHOW), format_func=SHOW.get, default="all", key="inbox.show",
                                label_visibility="collapsed", required=True)  # fmt: skip
    items = notify.inbox(library(), actor, None if show in (None, "all") else show)
    if not items:
        st.info("Nothing here yet. Mentions, replies, comments on your assets and review decisions arrive here.")
        return
    for note in items:
        kind = note.kind.split(".")[0]
        with st.container(border=True, horizontal=True, vertical_alignment="center", key=f"inbox-note-{note.id}"):
            st.markdown("🔵" if note.read_at is None else "⚪️", width=24)
            with st.container(gap=None):
                st.text(note.body)  # untrusted names and comment text: plain text, never markdown or HTML
                st.caption(f"{ICONS.get(kind, '')} {SHOW.get(kind, kind)} · {note.created_at:%d %b %Y, %H:%M}")
            st.space("stretch")
            if note.asset_id is not None:
                thread_link(note.asset_id, "Open")
            if note.read_at is None and st.button("Mark read", key=f"inbox.read.{note.id}", type="tertiary"):
                notify.mark_read(library(), actor, note.id)
                st.rerun()

