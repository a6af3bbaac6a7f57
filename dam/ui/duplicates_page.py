"""The Duplicates view: a brand's near-duplicate groups side by side, with a suggested keeper and one-step merge."""

from __future__ import annotations

import streamlit as st

from dam.errors import DamError
from dam.permissions import Actor
from dam.repos import assets
from dam.services import duplicates
from dam.ui.session import library
from dam.ui.shell import top_bar
from dam.web.routes import thumb_url

K = "duplicates."


@st.cache_data(ttl=60, show_spinner="Looking for duplicates…")
def _groups(user_id: int, brand_id: int, _actor: Actor, generation: int) -> list[duplicates.Group]:
    return duplicates.find(library(), _actor, brand_id)


def _group(actor: Actor, group: duplicates.Group) -> None:
    members = {a.id: a for a in assets.many(library().catalog.cursor(), group.asset_ids)}
    label = "Same file" if group.reason == "same file" else f"Look the same ({group.score:.0%} alike or more)"
    with st.container(border=True):
        st.markdown(f"**{label}** · keep #{group.keep}: {group.keep_because}")
        keep = st.radio("Keep", group.asset_ids, index=group.asset_ids.index(group.keep), horizontal=True,
                        key=f"{K}keep.{group.asset_ids[0]}", format_func=lambda i: f"#{i}")  # fmt: skip
        for column, asset_id in zip(st.columns(len(group.asset_ids)), group.asset_ids):
            a = members[asset_id]
            with column:
                st.image(thumb_url(a.id, "small", actor.user_id))
                st.caption(f"{a.name}  \n{a.width}×{a.height} px · {a.byte_size / 1e6:.1f} MB · "
                           f"{'★' * (a.rating or 0) or 'unrated'} · {a.status}")  # fmt: skip
        can = actor.can("asset.delete", group_brand(members))
        if st.button("Merge into the kept one", key=f"{K}merge.{group.asset_ids[0]}", disabled=not can,
                     help="Moves tags, collections, campaigns, rating and comments onto it; trashes the rest"):  # fmt: skip
            try:
                duplicates.merge(library(), actor, keep, [i for i in group.asset_ids if i != keep])
            except DamError as exc:
                st.error(str(exc))
            else:
                st.session_state[f"{K}undo"] = keep
                st.rerun()


def group_brand(members: dict) -> int:
    return next(iter(members.values())).brand_id


def render_duplicates(actor: Actor) -> None:
    brand = top_bar(actor)
    if brand is None:
        return
    st.title("Duplicates")
    undo = st.session_state.get(f"{K}undo")
    if undo and st.button(f"Undo the merge into #{undo}", icon=":material/undo:", key=f"{K}undo.go"):
        duplicates.undo_merge(library(), actor, undo)
        del st.session_state[f"{K}undo"]
        st.rerun()
    from dam import indexing

    groups = _groups(actor.user_id, brand.id, actor, indexing.generation(library().catalog))
    if not groups:
        st.info("No duplicates in this brand.", icon=":material/check_circle:")
    for group in groups:
        _group(actor, group)
