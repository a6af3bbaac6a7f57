"""The Gallery's Requests tab: the generation queue the actor may follow, refreshed while anything waits or runs."""

from __future__ import annotations

import streamlit as st

from dam.errors import DamError
from dam.models import Brand
from dam.permissions import Actor, can_see
from dam.repos import assets
from dam.repos.generation_requests import GenerationRequest
from dam.services import generation
from dam.text.markdown import escape_markdown
from dam.ui.generate_panel import NO_GENERATOR
from dam.ui.library.cards import Names
from dam.ui.session import library
from dam.ui.thumbs import listing, row, short

K = "gallery.requests."
ACTIVE = K + "active"  # ids of requests that were queued or running when last shown
POLL_SECONDS = 2.0
LISTED = 30
BADGES = {
    "queued": ("Queued", "gray", ":material/schedule:"),
    "running": ("Running", "blue", ":material/autorenew:"),
    "failed": ("Failed", "red", ":material/error:"),
    "done": ("Done", "green", ":material/check_circle:"),
}


def _retry(actor: Actor, request_id: int) -> None:
    try:
        generation.retry(library(), actor, request_id)
    except DamError as exc:
        st.session_state[K + "error"] = str(exc)
    else:
        st.toast(f"Request #{request_id} is queued again")


def _facts(request: GenerationRequest, people: dict[int, str]) -> str:
    who = people.get(request.requested_by, "someone") if request.requested_by else "someone"
    parts = [f"#{request.id}", f"by {who}", f"{request.requested_at:%-d %b %H:%M} UTC"]
    if request.model:
        parts.append(f"model {request.model}")
    if request.seed is not None:
        parts.append(f"seed {request.seed}")
    if request.anchor_ids:
        parts.append(f"{len(request.anchor_ids)} anchor{'s' if len(request.anchor_ids) != 1 else ''}")
    return escape_markdown(" · ".join(parts))


def _row(actor: Actor, request: GenerationRequest, people: dict[int, str]) -> None:
    label, colour, icon = BADGES[request.status]
    con = library().catalog.cursor()
    with st.container(border=True, key=f"generation-request-{request.id}"):
        about, pictures = st.columns([3, 2], gap="medium")
        with about:
            with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                st.badge(label, color=colour, icon=icon)
                st.caption(_facts(request, people))
            st.text(short(request.prompt, 240))  # people's words: plain text
            if request.status == "failed":
                st.error(escape_markdown(request.message or "It failed without a message."), icon=":material/error:")
                if actor.can("asset.use_as_input", request.brand_id):
                    st.button("Retry", icon=":material/replay:", key=f"{K}retry.{request.id}", on_click=_retry,
                              args=(actor, request.id))  # fmt: skip
            elif request.message:
                st.caption(escape_markdown(request.message))
        with pictures:
            shown = request.result_ids if request.status == "done" else request.input_ids
            found = [a for a in assets.many(con, shown) if can_see(actor, a)]
            if found and request.status == "done":
                st.caption("Results")
                listing(actor, found[:6], key=f"request-{request.id}")
            elif found:
                st.caption("Starting from")
                row(actor, found, key=f"request-{request.id}", size=64)


def _rows(actor: Actor, brand: Brand) -> None:
    listed = generation.list_requests(library(), actor, brand.id, limit=LISTED)
    active = {r.id for r in listed if r.status in ("queued", "running")}
    finished = st.session_state.get(ACTIVE, set()) - active
    st.session_state[ACTIVE] = active
    if finished:
        st.rerun(scope="app")  # results arrived: the Generations tab and this tab's polling follow
    if not listed:
        st.info("No generation requests yet. Open an asset in the Library and choose Use as input.",
                icon=":material/auto_awesome:")  # fmt: skip
        return
    people = Names.read(library().catalog.cursor()).people
    for request in listed:
        _row(actor, request, people)


def render_requests(actor: Actor, brand: Brand) -> None:
    """The requests, newest first; while any waits or runs, the list refreshes itself every few seconds."""
    status = generation.generator_status(library())
    if status.configured:
        st.caption(f"Generations run one at a time on `{status.backend}`.")
    else:
        st.warning(f"**{NO_GENERATOR}** {escape_markdown(status.message)}", icon=":material/power_off:")
    error = st.session_state.pop(K + "error", None)
    if error:
        st.error(escape_markdown(error), icon=":material/error:")
    try:
        waiting = generation.list_requests(library(), actor, brand.id, statuses=("queued", "running"), limit=1)
        st.fragment(run_every=POLL_SECONDS if waiting else None)(_rows)(actor, brand)
    except DamError as exc:
        st.error(escape_markdown(str(exc)))
