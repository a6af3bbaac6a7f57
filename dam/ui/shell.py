"""The frame around every page: the sign-in gate and the top bar (brand switcher, inbox bell, account menu)."""

from __future__ import annotations

import streamlit as st

from dam.ui.links import page_link
from dam.models import Brand
from dam.permissions import Actor
from dam.repos import brands
from dam.services import notify
from dam.ui.session import current_actor, library, oidc_configured

BRAND_KEY = "brand"  # also the URL parameter, so a link reopens the same brand
CHOSEN_BRAND = "shell.brand"  # the brand last shown, for pages reached by in-app links that do not carry it


def require_actor() -> Actor:
    """The signed-in actor; otherwise a sign-in card, and the page stops here."""
    actor = current_actor()
    if actor is None:
        _, middle, _ = st.columns([1, 1.2, 1])
        with middle.container(border=True):
            st.markdown("### The Library")
            st.write("Your studio's assets, kept, organised and approved in one place.")
            if not oidc_configured():
                st.link_button("Sign in", "/auth/signin", type="primary", width="stretch")
            elif st.user.get("is_logged_in"):
                st.warning("Your account is not a member of this library yet: ask an admin to add your e-mail.")
                st.button("Sign out", on_click=st.logout)
            else:
                st.button("Sign in", type="primary", width="stretch", on_click=st.login)
        st.stop()
    return actor


def visible_brands(actor: Actor) -> list[Brand]:
    con = library().catalog.cursor()
    return [b for b in brands.all_brands(con) if actor.role(b.id) is not None]


def active_brand(actor: Actor) -> Brand | None:
    """The brand chosen in the top bar (the first visible one by default)."""
    options = visible_brands(actor)
    if not options:
        return None
    chosen = st.session_state.get(BRAND_KEY)
    return next((b for b in options if b.name == chosen), options[0])


def _follow_the_url(names: list[str]) -> None:
    """The brand the URL names wins (a link, a reload, the back button, or the switcher's own change); without one
    (in-app navigation drops it) the brand last shown stays.

    Not `bind="query-params"`: with it, a rerun carrying the page's older URL set the switcher back, so choosing
    another brand on a page opened with `?brand=` did nothing. Set on every run, as a value kept from another
    page's switcher is not carried over to this page's.
    """
    candidates = (st.query_params.get(BRAND_KEY), st.session_state.get(CHOSEN_BRAND), st.session_state.get(BRAND_KEY))
    st.session_state[BRAND_KEY] = next((b for b in candidates if b in names), names[0])


def _switched() -> None:
    """Another brand: the page starts afresh (collections, campaigns and open assets belong to one brand)."""
    st.query_params.from_dict({BRAND_KEY: st.session_state[BRAND_KEY]})  # one change: one step of history


def top_bar(actor: Actor) -> Brand | None:
    """Brand switcher, inbox bell and account menu across the top of every page."""
    options = visible_brands(actor)
    with st.container(horizontal=True, vertical_alignment="center", key="shell-top-bar"):
        brand = None
        if options:
            _follow_the_url([b.name for b in options])
            st.selectbox("Brand", [b.name for b in options], key=BRAND_KEY, label_visibility="collapsed", width=240,
                         on_change=_switched)  # fmt: skip
            brand = active_brand(actor)
            st.session_state[CHOSEN_BRAND] = brand.name
            if st.query_params.get(BRAND_KEY) != brand.name:
                st.query_params[BRAND_KEY] = brand.name
        else:
            st.caption("You are not a member of any brand yet: ask an admin to add you.")
        st.space("stretch")
        unread = notify.unread_count(library(), actor)
        page_link("pages/inbox.py", label=f"Inbox · {unread}" if unread else "Inbox", icon=":material/notifications:")
        with st.popover(f"@{actor.handle}", type="tertiary"):
            role = "Admin" if actor.is_admin else (actor.role(brand.id).title() if brand and actor.role(brand.id) else "")
            st.caption(role)
            if oidc_configured():
                st.button("Sign out", on_click=st.logout, width="stretch")
            else:
                st.link_button("Sign out", "/auth/signout", width="stretch")
    return brand
