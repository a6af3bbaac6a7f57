"""The frame around every page: the sign-in gate and the top bar (brand switcher, inbox bell, account menu)."""

from __future__ import annotations

import streamlit as st

from dam.ui.links import page_link
from dam.models import Brand
from dam.permissions import Actor
from dam.repos import brands, notifications
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


def top_bar(actor: Actor) -> Brand | None:
    """Brand switcher, inbox bell and account menu across the top of every page."""
    options = visible_brands(actor)
    with st.container(horizontal=True, vertical_alignment="center", key="shell-top-bar"):
        brand = None
        if options:
            names = [b.name for b in options]
            if BRAND_KEY not in st.query_params and st.session_state.get(CHOSEN_BRAND) in names:
                st.session_state[BRAND_KEY] = st.session_state[CHOSEN_BRAND]  # navigation drops the URL's brand
            if st.session_state.get(BRAND_KEY) not in names:
                st.session_state[BRAND_KEY] = names[0]
            st.selectbox("Brand", names, key=BRAND_KEY, bind="query-params", label_visibility="collapsed",
                         width=240)  # fmt: skip
            brand = active_brand(actor)
            st.session_state[CHOSEN_BRAND] = brand.name
        else:
            st.caption("You are not a member of any brand yet: ask an admin to add you.")
        st.space("stretch")
        unread = notifications.unread_count(library().catalog.cursor(), actor.user_id)
        page_link("pages/inbox.py", label=f"Inbox · {unread}" if unread else "Inbox", icon=":material/notifications:")
        with st.popover(f"@{actor.handle}", type="tertiary"):
            role = "Admin" if actor.is_admin else (actor.role(brand.id).title() if brand and actor.role(brand.id) else "")
            st.caption(role)
            if oidc_configured():
                st.button("Sign out", on_click=st.logout, width="stretch")
            else:
                st.link_button("Sign out", "/auth/signout", width="stretch")
    return brand
