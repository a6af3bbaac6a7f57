"""The Collections page body: the tree with counts and covers, and its management."""

from __future__ import annotations

import streamlit as st

from dam.ui.links import page_link
from dam.errors import DamError
from dam.permissions import Actor
from dam.query import CollectionCount, rail_counts
from dam.repos import collections
from dam.services import collections as collection_service
from dam.ui.components import collection_tree
from dam.ui.library.state import scope_for, View
from dam.ui.session import absolute, library
from dam.ui.shell import top_bar
from dam.web.routes import thumb_url

COLUMNS = 4
SELECTED = "collections.selected"


def _cover_for(node: CollectionCount, nodes: list[CollectionCount], covers: dict[int, int]) -> int | None:
    """The collection's own cover, or the first one found among its sub-collections."""
    if node.id in covers:
        return covers[node.id]
    below = (n for n in nodes if n.path.startswith(node.path + "/") and n.id in covers)
    return next((covers[n.id] for n in below), None)


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _cover_card(actor: Actor, node: CollectionCount, cover: int | None) -> None:
    with st.container(border=True, key=f"collection-card-{node.id}"):
        if cover is not None:
            st.image(absolute(thumb_url(cover, "small", actor.user_id)), width="stretch")
        else:  # the same 4:3 place as a cover (theme.py), so the cards line up
            st.container(border=False, key=f"collection-nocover-{node.id}").caption("No cover yet")
        st.text(node.path)  # names are user text: plain, never markdown
        st.caption(_plural(node.total, "asset") + (f" · {node.direct:,} directly" if node.direct != node.total else ""))
        page_link("pages/library.py", label="Open in Library", icon=":material/open_in_new:",
                     query_params={"c": node.id, **({"nested": "1"} if node.total != node.direct else {})})  # fmt: skip


def _manage(actor: Actor, brand_id: int, nodes: list[CollectionCount]) -> None:
    if not actor.can("collection.manage", brand_id):
        return
    by_id = {n.id: n for n in nodes}
    with st.container(border=True):
        st.markdown("**New collection**")
        name = st.text_input("Name", key="collections.new.name")
        parent = st.selectbox("Inside", [None, *by_id], format_func=lambda i: "Top level" if i is None else by_id[i].path,
                              key="collections.new.parent")  # fmt: skip
        if st.button("Create", type="primary", key="collections.new.go"):
            _act(lambda: collection_service.create(library(), actor, brand_id, name, parent), "Created")
    chosen = st.session_state.get(SELECTED)
    if chosen not in by_id:
        st.caption("Select a collection in the tree to rename or delete it; drag it onto another to move it.")
        return
    node = by_id[chosen]
    with st.container(border=True):
        st.markdown("**Selected**")
        st.text(node.path)
        new_name = st.text_input("Rename", value=node.name, key=f"collections.rename.{node.id}")
        if st.button("Save name", key=f"collections.rename.go.{node.id}"):
            _act(lambda: collection_service.rename(library(), actor, node.id, new_name), "Renamed")
        if st.button("Delete collection", icon=":material/delete:", key=f"collections.delete.{node.id}",
                     help="Removes the grouping and its sub-collections; the assets stay in the library"):  # fmt: skip
            st.session_state[SELECTED] = None
            _act(lambda: collection_service.delete(library(), actor, node.id), "Deleted")


def _act(action, done: str) -> None:
    try:
        action()
    except DamError as exc:
        st.error(str(exc))
    else:
        st.toast(done)
        st.rerun()


def render_collections(actor: Actor) -> None:
    brand = top_bar(actor)
    if brand is None:
        return
    scope = scope_for(actor, brand, View(), library().settings.recent_days)
    nodes = list(rail_counts(library(), scope).collections)
    st.subheader("Collections")
    tree_side, cards_side = st.columns([1, 2.6], gap="large")
    with tree_side:
        events = collection_tree(
            [{"id": n.id, "parent_id": n.parent_id, "name": n.name, "count": n.direct, "rollup": n.total} for n in nodes],
            selected_id=st.session_state.get(SELECTED), key="collections.tree",
            draggable_nodes=actor.can("collection.manage", brand.id),
        )  # fmt: skip
        if events.select is not None:
            st.session_state[SELECTED] = events.select
            st.rerun()
        if events.reparent is not None:
            _act(lambda: collection_service.move(library(), actor, events.reparent.id, events.reparent.parent_id), "Moved")
        _manage(actor, brand.id, nodes)
    with cards_side:
        if not nodes:
            st.info("No collections yet: create one to start filing assets.")
        covers = collections.covers(library().catalog.cursor(), brand.id)
        shown = [n for n in nodes if n.parent_id is None] if st.session_state.get(SELECTED) is None else [
            n for n in nodes if n.parent_id == st.session_state[SELECTED] or n.id == st.session_state[SELECTED]]  # fmt: skip
        for start in range(0, len(shown), COLUMNS):
            for column, node in zip(st.columns(COLUMNS), shown[start:start + COLUMNS]):
                with column:
                    _cover_card(actor, node, _cover_for(node, nodes, covers))

