"""The Campaigns page body: the brand's campaigns with dates, description and how far they are from approved."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dam.errors import DamError
from dam.models import Brand, Campaign
from dam.permissions import Actor
from dam.query import Filters, serialize
from dam.services import campaigns
from dam.services.campaigns import Progress
from dam.text.markdown import escape_markdown
from dam.ui.links import page_link
from dam.ui.session import library
from dam.ui.shell import top_bar
from dam.vocab import STATUS_LABELS, STATUSES

K = "campaigns."
STATUS_COLOURS = {"draft": "gray", "in_review": "orange", "approved": "green", "rejected": "red", "archived": "gray"}


def _act(action, *args, done: str, **kwargs) -> None:
    try:
        action(library(), *args, **kwargs)
    except DamError as exc:
        st.session_state[K + "error"] = str(exc)
    else:
        st.toast(done)


def dates_label(campaign: Campaign, today: date | None = None) -> str:
    """`1 Jun 2026 – 31 Aug 2026 · ends in 12 days`, or what is known of it."""
    today = today or date.today()
    start, end = campaign.starts_on, campaign.ends_on
    span = " – ".join(f"{d:%-d %b %Y}" for d in (start, end) if d) if start or end else "No dates"
    if start and not end:
        span = f"From {span}"
    elif end and not start:
        span = f"Until {span}"
    if start and start > today:
        return f"{span} · starts in {(start - today).days} days"
    if end and end >= today:
        return f"{span} · ends in {(end - today).days} days" if end > today else f"{span} · ends today"
    if end:
        return f"{span} · ended"
    return span


def _library_link(brand: Brand, campaign: Campaign) -> None:
    """Open the campaign's assets in the Library: its text form in the URL, so every other filter still applies."""
    page_link("pages/library.py", label="Open in Library", icon=":material/open_in_new:",
              query_params={"brand": brand.name, "q": serialize(Filters(campaign=campaign.name))})  # fmt: skip


def _progress(progress: Progress) -> None:
    if not progress.total:
        st.caption("No assets in this campaign yet.")
        return
    running = progress.approved + progress.to_approve
    st.progress(progress.share_approved,
                text=f"**{progress.approved} of {running} approved** ({progress.share_approved:.0%})")  # fmt: skip
    with st.container(horizontal=True, gap="small"):
        for status in STATUSES:
            if progress.counts[status]:
                st.badge(f"{STATUS_LABELS[status]} {progress.counts[status]}", color=STATUS_COLOURS[status])


def _edit(actor: Actor, campaign: Campaign) -> None:
    key = f"{K}edit.{campaign.id}."
    with st.popover("Edit", icon=":material/edit:"):
        name = st.text_input("Name", value=campaign.name, key=key + "name")
        left, right = st.columns(2)
        starts = left.date_input("Starts", value=campaign.starts_on, key=key + "starts", format="YYYY-MM-DD")
        ends = right.date_input("Ends", value=campaign.ends_on, key=key + "ends", format="YYYY-MM-DD")
        text = st.text_area("Description", value=campaign.description, key=key + "description")
        if st.button("Save", type="primary", key=key + "save"):
            if name.strip() != campaign.name:
                _act(campaigns.rename, actor, campaign.id, name, done="Renamed")
            _act(campaigns.edit, actor, campaign.id, starts_on=starts, ends_on=ends, description=text, done="Saved")
            st.rerun()
    archived = campaign.archived
    st.button("Unarchive" if archived else "Archive", icon=":material/unarchive:" if archived else ":material/archive:",
              key=f"{K}archive.{campaign.id}", type="tertiary", on_click=_act,
              args=(campaigns.set_archived, actor, campaign.id, not archived),
              kwargs={"done": "Unarchived" if archived else "Archived"})  # fmt: skip


def _campaign(actor: Actor, brand: Brand, campaign: Campaign, manager: bool) -> None:
    with st.container(border=True, key=f"campaign-{campaign.id}"):
        about, progress_side, actions = st.columns([2, 2, 1.4], gap="large", vertical_alignment="center")
        with about:
            archived = " :gray-badge[Archived]" if campaign.archived else ""
            st.markdown(f"**{escape_markdown(campaign.name)}**{archived}")
            st.caption(dates_label(campaign))
            if campaign.description:
                st.text(campaign.description)  # people's words: plain text
        with progress_side:
            _progress(campaigns.progress(library(), actor, campaign.id))
        with actions, st.container(horizontal=True, horizontal_alignment="right", gap="small"):
            _library_link(brand, campaign)
            if manager:
                _edit(actor, campaign)


def _create_clicked(actor: Actor, brand_id: int) -> None:
    state = st.session_state  # read here: a callback's arguments are the values of the run before the click
    _act(campaigns.create, actor, brand_id, state[K + "new.name"], starts_on=state[K + "new.starts"],
         ends_on=state[K + "new.ends"], description=state[K + "new.description"], done="Campaign created")  # fmt: skip
    if K + "error" not in st.session_state:  # created: the form starts empty again
        for field in ("name", "starts", "ends", "description"):
            st.session_state.pop(f"{K}new.{field}", None)


def _create(actor: Actor, brand: Brand) -> None:
    with st.popover("New campaign", icon=":material/add:", type="primary"):
        st.text_input("Name", key=K + "new.name", placeholder="Summer 26")
        left, right = st.columns(2)
        left.date_input("Starts", value=None, key=K + "new.starts", format="YYYY-MM-DD")
        right.date_input("Ends", value=None, key=K + "new.ends", format="YYYY-MM-DD")
        st.text_area("Description", key=K + "new.description", placeholder="What it is for, who it is for")
        st.button("Create", type="primary", key=K + "new.go", on_click=_create_clicked, args=(actor, brand.id))


def render_campaigns(actor: Actor) -> None:
    brand = top_bar(actor)
    if brand is None:
        return
    manager = actor.can("campaign.manage", brand.id)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.subheader("Campaigns")
        st.space("stretch")
        archived = st.toggle("Show archived", key=K + "archived")
        if manager:
            _create(actor, brand)
    error = st.session_state.pop(K + "error", None)
    if error:
        st.error(escape_markdown(error), icon=":material/error:")
    try:
        listed = campaigns.list_campaigns(library(), actor, brand.id, include_archived=archived)
    except DamError as exc:
        st.error(escape_markdown(str(exc)))
        return
    if not listed:
        st.info("No campaigns yet." + (" Create one with New campaign." if manager else ""), icon=":material/campaign:")
    for campaign in listed:
        _campaign(actor, brand, campaign, manager)
