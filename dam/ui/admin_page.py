"""The Admin page body: people, their roles per brand (admins only)."""

from __future__ import annotations

import streamlit as st

from dam.permissions import Actor

from dam.errors import DamError
from dam.repos import brands
from dam.services import people
from dam.ui.shell import top_bar
from dam.ui.session import library
from dam.vocab import ROLES


def _people_table(actor: Actor) -> None:
    rows = [
        {"Handle": p["handle"], "Name": p["display_name"], "E-mail": p["email"], "Admin": p["is_admin"],
         "Roles": ", ".join(f"{brand}: {role}" for brand, role in p["roles"].items())}
        for p in people.people(library(), actor)
    ]  # fmt: skip
    st.dataframe(rows, hide_index=True, width="stretch")


def _add_person(actor) -> None:
    with st.form("admin.add_user", clear_on_submit=True, border=True):
        st.markdown("**Add a person**")
        handle = st.text_input("Handle")
        name = st.text_input("Display name")
        email = st.text_input("E-mail")
        password = st.text_input("First password", type="password")
        admin = st.checkbox("Admin")
        if st.form_submit_button("Add person", type="primary"):
            try:
                user = people.add_user(library(), actor, handle, display_name=name, email=email, admin=admin,
                                       password=password or None)  # fmt: skip
            except DamError as exc:
                st.error(str(exc))
            else:
                st.toast(f"Added @{user.handle}")


def _set_role(actor) -> None:
    con = library().catalog.cursor()
    handles = [p["handle"] for p in people.people(library(), actor)]
    brand_names = [b.name for b in brands.all_brands(con)]
    with st.form("admin.role", border=True):
        st.markdown("**Role in a brand**")
        handle = st.selectbox("Person", handles)
        brand = st.selectbox("Brand", brand_names)
        role = st.segmented_control("Role", [*ROLES, "none"], default="viewer",
                                    format_func=lambda r: "Remove" if r == "none" else r.title())  # fmt: skip
        if st.form_submit_button("Save role", type="primary"):
            try:
                people.set_role(library(), actor, handle, brand, None if role == "none" else role)
            except DamError as exc:
                st.error(str(exc))
            else:
                st.toast(f"@{handle} is now {role} in {brand}" if role != "none" else f"@{handle} left {brand}")


def _brands(actor) -> None:
    names = [b.name for b in brands.all_brands(library().catalog.cursor())]
    with st.form("admin.brands", border=True):
        st.markdown("**Brands**")
        new = st.text_input("New brand")
        old = st.selectbox("Rename", names, index=None, placeholder="Choose a brand to rename")
        renamed = st.text_input("New name")
        if st.form_submit_button("Save brands", type="primary"):
            try:
                if new.strip():
                    people.add_brand(library(), actor, new)
                if old and renamed.strip():
                    people.rename_brand(library(), actor, old, renamed)
            except DamError as exc:
                st.error(str(exc))
            else:
                st.toast("Brands saved")


def render_admin(actor: Actor) -> None:
    top_bar(actor)
    st.subheader("Admin")
    if not actor.is_admin:
        st.warning("Only admins manage people and brands.")
        return
    _people_table(actor)
    left, right = st.columns(2)
    with left:
        _add_person(actor)
    with right:
        _set_role(actor)
        _brands(actor)

