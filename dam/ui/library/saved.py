"""Saved searches in the Library: save the current filters under a name, reopen one from the rail, delete it."""

from __future__ import annotations

import streamlit as st

from dam.errors import DamError
from dam.models import Brand
from dam.permissions import Actor
from dam.query import saved
from dam.query.textform import serialize
from dam.ui.library.state import BUCKET, COLLECTION, NESTED, QUERY, TRASH, View, set_params
from dam.ui.session import library

K = "library.saved."


def _open(query: str) -> None:
    """A saved search is a smart collection: it opens over all of the brand's assets."""
    set_params(**{QUERY: query, BUCKET: None, COLLECTION: None, NESTED: False, TRASH: False})


def render_saved_searches(actor: Actor, brand: Brand, view: View) -> None:
    """The rail's list of the brand's saved searches; the open one is tinted and can be deleted."""
    try:
        entries = saved.list_saved(library(), brand.id, actor=actor)
    except DamError:
        return
    if not entries:
        return
    over_everything = view.collection_id is None and view.bucket == "all" and not view.trash
    current = serialize(view.filters) if over_everything else None
    st.markdown("**Saved searches**")
    with st.container(key="library-saved", gap=None):
        for entry in entries:
            active = entry.query == current
            if st.button(entry.name, key=f"{K}open.{entry.id}", icon=":material/saved_search:", width="stretch",
                         type="primary" if active else "tertiary", help=entry.query):  # fmt: skip
                _open(entry.query)
                st.rerun()
            if active and (entry.owner_id == actor.user_id or actor.can("collection.manage", brand.id)):
                if st.button("Delete saved search", key=f"{K}delete.{entry.id}", icon=":material/delete:",
                             type="tertiary", width="stretch"):  # fmt: skip
                    try:
                        saved.delete(library(), brand.id, entry.name, actor=actor)
                    except DamError as exc:
                        st.error(str(exc))
                    else:
                        st.toast(f"Deleted “{entry.name}”")
                        st.rerun()


def render_save_button(actor: Actor, brand: Brand, view: View) -> None:
    """Save search, beside Clear all: names the filters on screen so anyone in the brand can reopen them."""
    with st.popover("Save search", icon=":material/bookmark_add:", type="tertiary", key="library.save_search"):
        name = st.text_input("Name", key=f"{K}name", placeholder="e.g. Approved beach shots")
        if st.button("Save", type="primary", key=f"{K}go", disabled=not name.strip()):
            try:
                entry = saved.save(library(), brand.id, name, view.filters, actor=actor)
            except DamError as exc:
                st.error(str(exc))
            else:
                st.toast(f"Saved “{entry.name}”")
                st.rerun()  # the whole page: the rail lists it now
