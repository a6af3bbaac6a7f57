"""The Review page body: the queue for managers, submissions for creators, counts per status."""

from __future__ import annotations

import streamlit as st

from dam.errors import DamError
from dam.permissions import Actor
from dam.query import parse
from dam.repos import brands
from dam.services import assets as asset_service
from dam.services import review_queue
from dam.ui.shell import top_bar
from dam.ui.session import absolute, library
from dam.vocab import STATUS_LABELS, STATUSES
from dam.web.routes import thumb_url

CURSOR = "review.cursor"
PICKED = "review.table"


def _counts(actor: Actor) -> None:
    table = review_queue.counts_by_brand(library(), actor)
    rows = [{"Brand": name, **{STATUS_LABELS[s]: counts.get(s, 0) for s in STATUSES}} for name, counts in table.items()]
    st.dataframe(rows, hide_index=True, width="stretch")


def _decide(actor: Actor, asset_ids: list[int], status: str, note: str) -> None:
    result = asset_service.set_status(library(), actor, asset_ids, status, note)
    verb = {"approved": "Approved", "rejected": "Rejected"}[status]
    (st.toast if not result.failed else st.warning)(result.summary(verb))


def _queue(actor: Actor) -> None:
    text = st.text_input("Filter the queue", key="review.filter", icon=":material/search:",
                         placeholder="As in the Library: tag:beach campaign:\"Summer 26\" source:generated, or words")  # fmt: skip
    try:
        filters = parse(text)
    except DamError as exc:
        st.warning(str(exc))
        filters = None
    waiting = review_queue.queue(library(), actor, filters=filters)
    if not waiting:
        st.success("Nothing matches these filters." if filters and filters.active else
                   "The queue is empty: nothing is waiting for review.")  # fmt: skip
        return
    con = library().catalog.cursor()
    names = {b.id: b.name for b in brands.all_brands(con)}
    rows = [
        {"Preview": absolute(thumb_url(w.asset.id, "small", actor.user_id)), "Name": w.asset.name,
         "Brand": names[w.asset.brand_id], "Waiting": review_queue.waited_label(w.waited), "id": w.asset.id}
        for w in waiting
    ]  # fmt: skip
    left, right = st.columns([1.1, 1])
    with left:
        st.caption(f"{len(rows)} waiting · oldest first · J / K to move, A to approve, X to reject")
        picked = st.dataframe(
            rows, hide_index=True, width="stretch", key=PICKED, on_select="rerun", selection_mode="multi-row",
            column_order=["Preview", "Name", "Brand", "Waiting"], row_height=64,
            column_config={"Preview": st.column_config.ImageColumn("Preview", width="small")},
        )  # fmt: skip
        chosen = [rows[i]["id"] for i in picked.selection.rows]
        if chosen:
            with st.container(border=True):
                st.markdown(f"**{len(chosen)} selected**")
                note = st.text_input("Reason (needed to reject)", key="review.bulk_note")
                a, r = st.columns(2)
                if a.button("Approve selected", type="primary", width="stretch"):
                    _decide(actor, chosen, "approved", note)
                    st.rerun()
                if r.button("Reject selected", width="stretch", disabled=not note.strip()):
                    _decide(actor, chosen, "rejected", note)
                    st.rerun()
    with right:
        index = min(st.session_state.get(CURSOR, 0), len(waiting) - 1)
        current = waiting[index].asset
        with st.container(border=True):
            st.image(absolute(thumb_url(current.id, "large", actor.user_id)), width="stretch")
            st.markdown(f"**{index + 1} of {len(waiting)}**")
            st.text(f"{current.name} · {names[current.brand_id]} · waiting {review_queue.waited_label(waiting[index].waited)}")
            note = st.text_area("Note", key=f"review.note.{current.id}", placeholder="Why it is rejected, or a word for the creator")
            approve, reject, prev, nxt = st.columns(4)
            if approve.button("Approve", type="primary", shortcut="a", width="stretch"):
                _decide(actor, [current.id], "approved", note)
                st.rerun()
            if reject.button("Reject", shortcut="x", width="stretch"):
                if not note.strip():
                    st.error("A rejection needs a reason: write it in the note.")
                else:
                    _decide(actor, [current.id], "rejected", note)
                    st.rerun()
            if prev.button("Previous", shortcut="k", width="stretch", disabled=index == 0):
                st.session_state[CURSOR] = index - 1
                st.rerun()
            if nxt.button("Next", shortcut="j", width="stretch", disabled=index + 1 >= len(waiting)):
                st.session_state[CURSOR] = index + 1
                st.rerun()


def _submissions(actor: Actor) -> None:
    mine = review_queue.my_submissions(library(), actor)
    if not mine:
        st.caption("You have not submitted anything for review yet.")
        return
    rows = [{"Preview": absolute(thumb_url(a.id, "small", actor.user_id)), "Name": a.name, "Status": STATUS_LABELS[a.status],
             "Updated": a.updated_at} for a in mine]  # fmt: skip
    st.dataframe(rows, hide_index=True, width="stretch", row_height=56,
                 column_config={"Preview": st.column_config.ImageColumn("Preview", width="small")})  # fmt: skip


def render_review(actor: Actor) -> None:
    top_bar(actor)
    st.subheader("Review")
    try:
        if actor.brand_ids("asset.review"):
            _queue(actor)
        st.markdown("##### Your submissions")
        _submissions(actor)
        st.markdown("##### Status by brand")
        _counts(actor)
    except DamError as exc:
        st.error(str(exc))

