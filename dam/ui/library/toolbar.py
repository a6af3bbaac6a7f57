"""The toolbar: search, Campaign, Tag with Any/All, and More (source, rating, status); the summary line below."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from dam.errors import DamError
from dam.models import Brand
from dam.permissions import Actor
from dam.query import Filters, parse, serialize
from dam.query.filters import UNRATED
from dam.repos import campaigns
from dam.ui.library.options import brand_tags
from dam.ui.library.saved import render_save_button
from dam.ui.library.state import View, set_filters
from dam.ui.session import library
from dam.vocab import SOURCE_LABELS, SOURCES, STATUS_LABELS, STATUSES

K = "library.toolbar."  # widget keys
APPLIED = K + "applied"  # the text form the widgets currently show
PROBLEM = K + "problem"
RATING_OPTIONS = (5, 4, 3, 2, 1, UNRATED)


def _show(filters: Filters) -> None:
    """Put a Filters value into the toolbar's widgets."""
    st.session_state[K + "search"] = serialize(_typed_only(filters))
    st.session_state[K + "campaign"] = filters.campaign
    st.session_state[K + "tags"] = list(filters.tags)
    st.session_state[K + "tag_mode"] = filters.tag_mode
    st.session_state[K + "sources"] = list(filters.sources)
    st.session_state[K + "ratings"] = [r for r in RATING_OPTIONS if r in filters.ratings]
    st.session_state[K + "statuses"] = list(filters.statuses)
    st.session_state[K + "open_threads"] = filters.open_threads
    st.session_state[APPLIED] = serialize(filters)
    st.session_state[PROBLEM] = None  # what is shown now is what the URL says: an older typing error is moot


def _typed_only(filters: Filters) -> Filters:
    """The part of the filters that has no widget of its own (words, kind, creator, dates): the search box shows
    it in the text form, so it can be read and edited there like anything typed."""
    return Filters(text=filters.text, kinds=filters.kinds, creators=filters.creators, after=filters.after,
                   before=filters.before)  # fmt: skip


def _read(current: Filters) -> Filters:
    """The Filters the widgets say now; `key:value` words typed in the search box become filters too."""
    typed = parse(st.session_state.get(K + "search", ""))
    state = st.session_state
    merged = replace(
        current,
        text=typed.text,
        campaign=typed.campaign or state.get(K + "campaign"),
        tags=(*state.get(K + "tags", ()), *typed.tags),
        tag_mode=typed.tag_mode if typed.tag_mode != "all" else (state.get(K + "tag_mode") or "all"),
        sources=(*state.get(K + "sources", ()), *typed.sources),
        ratings=(*state.get(K + "ratings", ()), *typed.ratings),
        statuses=(*state.get(K + "statuses", ()), *typed.statuses),
        kinds=typed.kinds,
        creators=typed.creators,
        after=typed.after,
        before=typed.before,
        open_threads=typed.open_threads or bool(state.get(K + "open_threads")),
        similar_to=typed.similar_to or current.similar_to,
    )
    return merged


def _changed(current: Filters) -> None:
    """A toolbar widget changed: write the new filters to the URL (and the widgets), or say what is wrong."""
    try:
        new = _read(current)
    except DamError as exc:
        st.session_state[PROBLEM] = str(exc)
        return
    st.session_state[PROBLEM] = None
    _show(new)
    set_filters(new)


def clear_all() -> None:
    _show(Filters())
    set_filters(Filters())


def render_toolbar(brand: Brand, view: View) -> None:
    filters = view.filters
    if st.session_state.get(APPLIED) != serialize(filters):
        _show(filters)  # the URL changed under us (a link, the back button, Clear all)
    con = library().catalog.cursor()
    tag_options = sorted({name for name, _n in brand_tags(brand.id)} | set(filters.tags))
    campaign_options = [None, *sorted({c.name for c in campaigns.for_brand(con, brand.id)} | {filters.campaign} - {None})]
    on_change, args = _changed, (filters,)
    with st.container(horizontal=True, vertical_alignment="bottom", key="library-toolbar"):
        st.text_input("Search", key=K + "search", on_change=on_change, args=args, label_visibility="collapsed",
                      placeholder="Search names, prompts, tags…", icon=":material/search:", width=270,
                      help="Words, or filters in the text form: tag:beach status:approved rating:4..5 kind:video")  # fmt: skip
        st.selectbox("Campaign", campaign_options, key=K + "campaign", on_change=on_change, args=args,
                     format_func=lambda c: "All campaigns" if c is None else c, label_visibility="collapsed",
                     placeholder="All campaigns", width=150)  # fmt: skip
        st.multiselect("Tags", tag_options, key=K + "tags", on_change=on_change, args=args, placeholder="Tags",
                       label_visibility="collapsed", width=170)  # fmt: skip
        st.segmented_control("Tag match", ["any", "all"], key=K + "tag_mode", on_change=on_change, args=args,
                             format_func={"any": "Any (OR)", "all": "All (AND)"}.get, label_visibility="collapsed",
                             required=True)  # fmt: skip
        more = filters.more_count
        with st.popover(f"More · {more}" if more else "More", icon=":material/tune:", key="library.more"):
            st.pills("Source", list(SOURCES), key=K + "sources", selection_mode="multi", on_change=on_change,
                     args=args, format_func=SOURCE_LABELS.get)  # fmt: skip
            st.pills("Rating", list(RATING_OPTIONS), key=K + "ratings", selection_mode="multi", on_change=on_change,
                     args=args, format_func=lambda r: "Unrated" if r == UNRATED else "★" * r)  # fmt: skip
            st.pills("Status", list(STATUSES), key=K + "statuses", selection_mode="multi", on_change=on_change,
                     args=args, format_func=STATUS_LABELS.get)  # fmt: skip
            st.toggle("Open threads only", key=K + "open_threads", on_change=on_change, args=args,
                      help="Assets whose comment thread is not resolved")  # fmt: skip
        if filters.similar_to:  # set by Find similar (cards, bulk bar, viewer) or typed as similar:ID
            st.button("Similar", icon=":material/close:", key=K + "similar", on_click=set_filters,
                      args=(replace(filters, similar_to=()),), help="Assets that look alike, closest first: "
                      "click to stop")  # fmt: skip
    problem = st.session_state.get(PROBLEM) or view.problem
    if problem:
        st.warning(problem, icon=":material/error:")


def render_summary(actor: Actor, brand: Brand, view: View, summary: str) -> None:
    """What the grid is filtered by and how many match, with Save search and Clear all (only when something filters)."""
    if not view.filters.active:
        return
    with st.container(horizontal=True, vertical_alignment="center", key="library-summary"):
        st.caption(summary)
        st.space("stretch")
        if not view.trash:
            render_save_button(actor, brand, view)
        st.button("Clear all", key="library.clear_all", on_click=clear_all, type="tertiary")
