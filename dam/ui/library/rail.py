"""The left rail: buckets with live counts, the collections tree with its menu, and Upload to library."""

from __future__ import annotations

import time
from dataclasses import replace

import streamlit as st

from dam.errors import DamError
from dam.ingest import ImportOptions
from dam.models import Brand
from dam.permissions import Actor
from dam.query import Filters, RailCounts, Scope, count
from dam.services import assets as asset_service
from dam.services import collections as collection_service
from dam.ui.components import collection_tree, upload_zone
from dam.ui.library import results
from dam.ui.library.saved import render_saved_searches
from dam.ui.library.state import BUCKET, COLLECTION, NESTED, TRASH, View, set_params
from dam.ui.session import library
from dam.web import runtime
from dam.web.tickets import TICKET_SECONDS

BUCKET_LABELS = {"all": "All assets", "recent": "Recently added", "unfiled": "Unfiled"}
UPLOAD_TICKET = "library.upload_ticket"
FILE_INTO_VIEWED = "library.upload_into_collection"


def _buckets(view: View, counts: RailCounts) -> None:
    with st.container(key="library-buckets", gap=None):
        _bucket_buttons(view, counts)


def _bucket_buttons(view: View, counts: RailCounts) -> None:
    for bucket, label in BUCKET_LABELS.items():
        n = getattr(counts, bucket)
        shown = f":orange-badge[{n:,}]" if bucket == "unfiled" and n else f"{n:,}"
        active = view.bucket == bucket and view.collection_id is None and not view.trash
        if st.button(f"{label} · {shown}", key=f"library.bucket.{bucket}", type="primary" if active else "tertiary",
                     width="stretch"):  # fmt: skip
            set_params(**{BUCKET: bucket, COLLECTION: None, NESTED: False, TRASH: False})
            st.rerun()


def _trash_button(scope: Scope, view: View) -> None:
    """The managers' Trash: deleted assets wait here to be restored, or purged for good."""
    trashed = count(library(), replace(scope, trash=True, bucket="all", collection_id=None, nested=False), Filters())
    if st.button(f"Trash · {trashed:,}", key="library.bucket.trash", icon=":material/delete:",
                 type="primary" if view.trash else "tertiary", width="stretch"):  # fmt: skip
        set_params(**{TRASH: True, BUCKET: None, COLLECTION: None, NESTED: False})
        st.rerun()


def _jump_box(counts: RailCounts) -> None:
    """Search collections: type part of a name, click a match to open it."""
    wanted = st.text_input("Search collections", key="library.collection_search", placeholder="Search collections",
                           label_visibility="collapsed", icon=":material/search:")  # fmt: skip
    if not wanted.strip():
        return
    matches = [c for c in counts.collections if wanted.strip().lower() in c.name.lower()][:8]
    if not matches:
        st.caption("No collection by that name.")
    for c in matches:
        if st.button(c.path, key=f"library.jump.{c.id}", type="tertiary", icon=":material/folder:"):
            set_params(**{COLLECTION: c.id, BUCKET: None})
            st.rerun()


def _new_collection(actor: Actor, brand: Brand, counts: RailCounts, view: View) -> None:
    with st.popover("New", icon=":material/add:", type="tertiary"):
        name = st.text_input("Name", key="library.new_collection.name")
        parents = {None: "Top level", **{c.id: c.path for c in counts.collections}}
        parent = st.selectbox("Inside", list(parents), format_func=parents.get, key="library.new_collection.parent",
                              index=list(parents).index(view.collection_id) if view.collection_id in parents else 0)  # fmt: skip
        if st.button("Create collection", type="primary", key="library.new_collection.go"):
            try:
                new_id = collection_service.create(library(), actor, brand.id, name, parent)
            except DamError as exc:
                st.error(str(exc))
            else:
                set_params(**{COLLECTION: new_id, BUCKET: None})
                st.rerun()


def _collection_menu(actor: Actor, counts: RailCounts, collection_id: int) -> None:
    """Rename, move or delete the open collection (managers)."""
    by_id = counts.by_id()
    current = by_id.get(collection_id)
    if current is None:
        return
    with st.popover(f"Manage “{current.name}”", icon=":material/more_horiz:", type="tertiary", width="stretch"):
        new_name = st.text_input("Rename", value=current.name, key=f"library.rename.{collection_id}")
        if st.button("Save name", key=f"library.rename.go.{collection_id}"):
            _act(lambda: collection_service.rename(library(), actor, collection_id, new_name), "Renamed")
        below = {c.id for c in counts.collections if c.path == current.path or c.path.startswith(current.path + "/")}
        parents = {None: "Top level", **{c.id: c.path for c in counts.collections if c.id not in below}}
        target = st.selectbox("Move into", list(parents), format_func=parents.get, key=f"library.move.{collection_id}",
                              index=list(parents).index(current.parent_id) if current.parent_id in parents else 0)  # fmt: skip
        if st.button("Move", key=f"library.move.go.{collection_id}"):
            _act(lambda: collection_service.move(library(), actor, collection_id, target), "Moved")
        st.divider()
        st.caption("Deleting removes the grouping and its sub-collections; the assets stay in the library.")
        if st.button("Delete collection", key=f"library.delete.{collection_id}", icon=":material/delete:"):
            if _act(lambda: collection_service.delete(library(), actor, collection_id), "Deleted", rerun=False):
                set_params(**{COLLECTION: None, NESTED: False})
                st.rerun()


def _act(action, done: str, *, rerun: bool = True) -> bool:
    """Run a rail action: a toast when it worked, the reason when it did not."""
    try:
        action()
    except DamError as exc:
        st.error(str(exc))
        return False
    st.toast(done)
    results.mark_dirty()  # a nested view or the summary may show other assets now
    if rerun:
        st.rerun()
    return True


def _tree(actor: Actor, counts: RailCounts, view: View) -> None:
    nodes = [{"id": c.id, "parent_id": c.parent_id, "name": c.name, "count": c.direct, "rollup": c.total}
             for c in counts.collections]  # fmt: skip
    if not nodes:
        st.caption("No collections yet.")
        return
    events = collection_tree(nodes, selected_id=view.collection_id, key="library.tree")
    if events.select is not None and events.select != view.collection_id:
        set_params(**{COLLECTION: events.select, BUCKET: None})
        st.rerun()
    if events.drop is not None:
        result = asset_service.file_into(library(), actor, events.drop.asset_ids, events.drop.collection_id)
        name = counts.by_id()[events.drop.collection_id].name
        (st.toast if not result.failed else st.warning)(result.summary(f"Filed into {name}:"))
        results.mark_dirty()  # Unfiled and the open collection show other assets now
        st.rerun()


def _upload(actor: Actor, brand: Brand, counts: RailCounts, view: View) -> None:
    """Upload to library, pinned to the bottom of the rail; files dropped anywhere on the page land here too."""
    if not actor.can("asset.upload", brand.id):
        return
    collection = counts.by_id().get(view.collection_id) if view.collection_id else None
    into = collection is not None and st.session_state.get(FILE_INTO_VIEWED, True)
    options = ImportOptions(brand=brand.name, creator=actor.handle, collection=collection.path if into else None)
    held = st.session_state.get(UPLOAD_TICKET)
    if not held or held[0] != options or held[2] < time.time() + 60:
        token = runtime.tickets().issue(actor.user_id, "upload", options)
        held = (options, token, time.time() + TICKET_SECONDS)
        st.session_state[UPLOAD_TICKET] = held
    with st.container(key="library-upload"):
        if collection is not None:
            st.checkbox(f"File uploads into “{collection.name}”", value=True, key=FILE_INTO_VIEWED)
        events = upload_zone(f"/files/upload/{held[1]}", key="library.uploader",
                             max_bytes=library().settings.max_bytes)  # fmt: skip
    if events.done:
        added = sum(1 for r in events.done if r.get("status") == "added")
        st.toast(f"Upload finished: {added} added of {len(events.done)}")
        results.mark_dirty()  # the new assets belong at the top of the grid
        st.rerun()


def render_rail(actor: Actor, brand: Brand, scope: Scope, counts: RailCounts, view: View) -> None:
    with st.sidebar:
        st.markdown("**Library**")
        _buckets(view, counts)
        if actor.can("trash.view", brand.id):
            with st.container(key="library-trash", gap=None):
                _trash_button(scope, view)
        render_saved_searches(actor, brand, view)
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown("**Collections**")
            st.space("stretch")
            if actor.can("collection.manage", brand.id):
                _new_collection(actor, brand, counts, view)
        _jump_box(counts)
        _tree(actor, counts, view)
        if view.collection_id is not None:
            nested = st.toggle("Include nested", value=view.nested, key="library.nested")
            if nested != view.nested:
                set_params(**{NESTED: nested})
                st.rerun()
            if actor.can("collection.manage", brand.id):
                _collection_menu(actor, counts, view.collection_id)
        _upload(actor, brand, counts, view)
