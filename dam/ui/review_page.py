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
PAGES = "review.pages"
PICKED = "review.table"


def _counts(actor: Actor) -> None:
    table = review_queue.counts_by_brand(library(), actor)
    rows = [{"Brand": name, **{STATUS_LABELS[s]: counts.get(s, 0) for s in STATUSES}} for name, counts in table.items()]
    st.dataframe(rows, hide_index=True, width="stretch")


def _decide(actor: Actor, asset_ids: list[int], status: str, note: str) -> None:
    result = asset_service.set_status(library(), actor, asset_ids, status, note)
    verb = {"approved": "Approved", "rejected": "Rejected"}[status]
    (st.toast if not result.failed else st.warning)(result.summary(verb))


def _page_starts(text: str) -> list:
    """Where each page of the queue visited so far starts (the last is the page shown); a new filter starts over."""
    kept = st.session_state.get(PAGES)
    if kept is None or kept[0] != text:
        kept = st.session_state[PAGES] = (text, [None])
        st.session_state[CURSOR] = 0
    return kept[1]


def _turn(starts: list, after, cursor: int) -> None:
    """Go to another page of the queue (`after` is where it starts; None goes back one) with the cursor on `cursor`."""
    if after is None:
        starts.pop()
    else:
        starts.append(after)
    st.session_state[CURSOR] = cursor
    st.rerun()


def _move(starts: list, page: review_queue.QueuePage, index: int) -> None:
    """Put the cursor on `index` of this page; J and K run on past a page's end into the next or previous page."""
    if index < 0:
        _turn(starts, None, review_queue.PAGE_SIZE - 1)
    elif index >= len(page.waiting):
        _turn(starts, page.next_after, 0)
    st.session_state[CURSOR] = index
    st.rerun()


def _queue(actor: Actor) -> None:
    text = st.text_input("Filter the queue", key="review.filter", icon=":material/search:",
                         placeholder="As in the Library: tag:beach campaign:\"Summer 26\" source:generated, or words")  # fmt: skip
    try:
        filters = parse(text)
    except DamError as exc:
        st.warning(str(exc))
        filters = None
    starts = _page_starts(text)
    page = review_queue.queue(library(), actor, filters=filters, after=starts[-1])
    while not page.waiting and len(starts) > 1:  # decisions emptied this page: show the one before
        starts.pop()
        page = review_queue.queue(library(), actor, filters=filters, after=starts[-1])
    waiting = page.waiting
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
    first, last = page.before + 1, page.before + len(waiting)
    shown = f" · showing {first}–{last}" if first > 1 or page.next_after is not None else ""
    left, right = st.columns([1.1, 1])
    with left:
        st.caption(f"{page.total} waiting{shown} · oldest first · J / K to move, A to approve, X to reject")
        # One table per page: a selection made on one page never picks rows of another.
        picked = st.dataframe(
            rows, hide_index=True, width="stretch", key=f"{PICKED}.{len(starts)}", on_select="rerun",
            selection_mode="multi-row", column_order=["Preview", "Name", "Brand", "Waiting"], row_height=64,
            column_config={"Preview": st.column_config.ImageColumn("Preview", width="small")},
        )  # fmt: skip
        if shown:
            back, on = st.columns(2)
            if back.button("Previous page", key="review.page.back", width="stretch", disabled=len(starts) < 2):
                _turn(starts, None, 0)
            if on.button("Next page", key="review.page.on", width="stretch", disabled=page.next_after is None):
                _turn(starts, page.next_after, 0)
        chosen = [rows[i]["id"] for i in picked.selection.rows if i < len(rows)]
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
            st.markdown(f"**{page.before + index + 1} of {page.total}**")
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
            if prev.button("Previous", shortcut="k", width="stretch", disabled=index == 0 and len(starts) < 2):
                _move(starts, page, index - 1)
            last_one = index + 1 >= len(waiting) and page.next_after is None
            if nxt.button("Next", shortcut="j", width="stretch", disabled=last_one):
                _move(starts, page, index + 1)


def _submissions(actor: Actor) -> None:
    mine = review_queue.my_submissions(library(), actor)
    if not mine:
        st.caption("You have not submitted anything for review yet.")
        return
    # The reason is what a manager typed: a dataframe cell shows it as plain text, never as markdown or HTML.
    rows = [{"Preview": absolute(thumb_url(sub.asset.id, "small", actor.user_id)), "Name": sub.asset.name,
             "Status": STATUS_LABELS[sub.asset.status], "Reason": sub.rejection_note or "",
             "Updated": sub.asset.updated_at} for sub in mine]  # fmt: skip
    columns = {"Preview": st.column_config.ImageColumn("Preview", width="small"),
               "Reason": st.column_config.TextColumn("Reason", help="Why a manager rejected it")}
    st.dataframe(rows, hide_index=True, width="stretch", row_height=56, column_config=columns)


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

