"""The Gallery page body: the brand's generations newest first, flat or grouped, and the generation requests."""

from __future__ import annotations

import hashlib

import streamlit as st

from dam.errors import DamError
from dam.models import Brand
from dam.permissions import Actor
from dam.query import Item
from dam.services import campaigns, gallery
from dam.services.gallery import GalleryGroup, GalleryQuery
from dam.text.markdown import escape_markdown
from dam.ui.components import asset_grid
from dam.ui.gallery_requests import render_requests
from dam.ui.library.cards import Names, card
from dam.ui.library import results
from dam.ui.library.results import Loaded
from dam.ui.library.similar import show_similar
from dam.ui.session import library
from dam.ui.shell import top_bar
from dam.ui.thumbs import open_link, thumb

K = "gallery."
LOADED = K + "loaded"
PAGE_SIZE = 60
GROUPS_PAGE = 12
GROUPINGS = {"newest": "Newest first", "prompt": "By prompt", "input": "By input asset"}


def _open(asset_id: int) -> None:
    """Open a generation in the Library's viewer (the same viewer everywhere); the top bar keeps the brand."""
    results.mark_dirty()  # the worker may have added assets since the Library last loaded its grid
    st.switch_page("pages/library.py", query_params={"asset": str(asset_id)})


def _grid(actor: Actor, items: list[Item], *, key: str, has_more: bool = False, token: str = "") -> bool:
    """Cards as the Library draws them; a click opens the viewer. Returns whether the grid asks for more."""
    names = Names.read(library().catalog.cursor())
    events = asset_grid([card(i, names, actor.user_id) for i in items], selected=[], has_more=has_more, key=key,
                        loading_token=token, fit="cover")  # fmt: skip
    if events.open is not None:
        _open(events.open.id)
    if events.similar is not None:
        show_similar(actor, [events.similar])
    return events.load_more


def _query(brand: Brand) -> GalleryQuery:
    """What the toolbar narrows to; the model and campaign pickers are the brand's own (keys per brand)."""
    state = st.session_state
    return GalleryQuery(model=state.get(f"{K}model.{brand.id}"), campaign_id=state.get(f"{K}campaign.{brand.id}"),
                        search=state.get(K + "search", ""))  # fmt: skip


def _toolbar(actor: Actor, brand: Brand) -> None:
    models = gallery.models(library(), actor, brand.id)
    known = campaigns.list_campaigns(library(), actor, brand.id, include_archived=True)
    with st.container(horizontal=True, vertical_alignment="bottom", key="gallery-toolbar"):
        st.text_input("Search prompts", key=K + "search", placeholder="Words of the prompt or name",
                      icon=":material/search:", label_visibility="collapsed", width=280)  # fmt: skip
        counts = dict(models)
        st.selectbox("Model", list(counts), index=None, key=f"{K}model.{brand.id}", placeholder="All models",
                     format_func=lambda m: f"{m} · {counts.get(m, 0)}", label_visibility="collapsed",
                     width=220)  # fmt: skip
        st.selectbox("Campaign", [c.id for c in known], index=None, key=f"{K}campaign.{brand.id}",
                     placeholder="All campaigns", format_func={c.id: c.name for c in known}.get,
                     label_visibility="collapsed", width=200)  # fmt: skip
        st.space("stretch")
        st.segmented_control("Group", list(GROUPINGS), key=K + "group", format_func=GROUPINGS.get, required=True,
                             default="newest", label_visibility="collapsed")  # fmt: skip


@st.fragment
def _flat(actor: Actor, brand: Brand, query: GalleryQuery) -> None:
    token = hashlib.sha1(repr((brand.id, query)).encode()).hexdigest()[:12]
    loaded: Loaded | None = st.session_state.get(LOADED)
    if loaded is None or loaded.token != token:
        page, total = gallery.page(library(), actor, brand.id, query, limit=PAGE_SIZE)
        loaded = st.session_state[LOADED] = Loaded(token, list(page.items), page.next_cursor, total)
    st.caption(f"{loaded.total:,} generation{'s' if loaded.total != 1 else ''} · newest first")
    if not loaded.items:
        _empty(query)
        return
    if _grid(actor, loaded.items, key=K + "grid", has_more=loaded.cursor is not None, token=token):
        page, _total = gallery.page(library(), actor, brand.id, query, limit=PAGE_SIZE, cursor=loaded.cursor)
        seen = {i.id for i in loaded.items}
        loaded.items.extend(i for i in page.items if i.id not in seen)
        loaded.cursor = page.next_cursor
        st.rerun(scope="fragment")


def _group(actor: Actor, by: str, group: GalleryGroup, index: int) -> None:
    with st.container(border=True, key=f"gallery-set-{index}"):
        head, side = st.columns([6, 1], vertical_alignment="center")
        with head:
            if by == "input" and group.input is not None:
                with st.container(horizontal=True, vertical_alignment="center", key=f"thumbs-input-{index}"):
                    st.image(thumb(actor, group.input.id), width=72)
                    with st.container(gap=None):
                        st.caption("Made from")
                        open_link(group.input)
            else:
                st.markdown(f"**{escape_markdown(group.label)}**")
        side.caption(f"{group.count} generation{'s' if group.count != 1 else ''}")
        _grid(actor, group.items, key=f"{K}group.{by}.{hashlib.sha1(repr(group.key).encode()).hexdigest()[:10]}")
        if group.count > len(group.items):
            st.caption(f"The newest {len(group.items)} of {group.count}.")


def _grouped(actor: Actor, brand: Brand, query: GalleryQuery, by: str) -> None:
    shown = st.session_state.get(K + "groups_shown", GROUPS_PAGE)
    view = gallery.grouped(library(), actor, brand.id, query, by=by, limit=min(shown, gallery.MAX_GROUPS))
    st.caption(f"{view.total_groups:,} group{'s' if view.total_groups != 1 else ''} · the newest first")
    if not view.groups:
        _empty(query)
    for index, group in enumerate(view.groups):
        _group(actor, by, group, index)
    if view.next_offset is not None and shown < gallery.MAX_GROUPS:
        if st.button("Show more groups", key=K + "more_groups"):
            st.session_state[K + "groups_shown"] = shown + GROUPS_PAGE
            st.rerun()


def _empty(query: GalleryQuery) -> None:
    if query.model or query.campaign_id is not None or query.search.strip():
        st.info("No generations match these filters.", icon=":material/filter_alt_off:")
    else:
        st.info("Nothing generated in this brand yet. Open an asset in the Library and choose Use as input.",
                icon=":material/auto_awesome:")  # fmt: skip


def render_gallery(actor: Actor) -> None:
    brand = top_bar(actor)
    if brand is None:
        return
    asset = st.query_params.get("asset")
    if asset and asset.isdigit():  # an "Open" from a dialog on this page: the viewer lives in the Library
        _open(int(asset))
    st.subheader("Gallery")
    requests_first = st.query_params.get("tab") == "requests"  # the Generate panel's "Follow it" link
    tabs = st.tabs(["Generations", "Requests"], default="Requests" if requests_first else None)
    with tabs[0]:
        try:
            _toolbar(actor, brand)
            query = _query(brand)
            by = st.session_state.get(K + "group") or "newest"
            if by == "newest":
                st.session_state.pop(LOADED, None)  # a full run shows what is new; only scrolling keeps pages
                _flat(actor, brand, query)
            else:
                _grouped(actor, brand, query, by)
        except DamError as exc:
            st.error(escape_markdown(str(exc)))
    with tabs[1]:
        render_requests(actor, brand)
