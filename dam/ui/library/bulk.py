"""The bulk bar: what can be done to every selected asset at once, with a result per asset when some fail."""

from __future__ import annotations

import streamlit as st

from dam.models import Brand
from dam.permissions import Actor
from dam.repos import campaigns, collections
from dam.services import assets as asset_service
from dam.services import pins
from dam.services import trash as trash_service
from dam.services.results import BulkResult
from dam.ui.generate_panel import open_generate
from dam.ui.library import results
from dam.ui.library.options import brand_tags
from dam.ui.library.similar import show_in_grid
from dam.ui.library.state import SELECTION
from dam.ui.shell import visible_brands
from dam.ui.session import library
from dam.vocab import STATUS_LABELS, STATUSES
from dam.web import runtime

NOTICE = "library.notice"  # the outcome of the last bulk action, shown until the next one
UNDO = "library.undo"  # ids just moved to the trash, for Undo


def report(result: BulkResult, verb: str, *, undo: list[int] | None = None) -> None:
    """Keep the outcome for the next run, reload the grid and rerun the page (counts change too)."""
    st.session_state[NOTICE] = (result.summary(verb), [f"#{i.asset_id}: {i.reason}" for i in result.failed])
    if undo is not None:
        st.session_state[UNDO] = undo
    st.session_state[SELECTION] = []
    results.mark_dirty()
    st.rerun()


def render_notice(actor: Actor) -> None:
    notice = st.session_state.get(NOTICE)
    undo = st.session_state.get(UNDO)
    if not notice and not undo:
        return
    with st.container(horizontal=True, vertical_alignment="center", key="library-notice"):
        if notice:
            line, failures = notice
            (st.warning if failures else st.success)(line + ("\n\n" + "\n".join(f"- {f}" for f in failures[:10]) if failures else ""))
        if undo and st.button("Undo delete", icon=":material/undo:", key="library.undo.go"):
            restored = asset_service.restore(library(), actor, undo)
            st.session_state[UNDO] = None
            report(restored, "Restored")
        if st.button("Dismiss", type="tertiary", key="library.notice.dismiss"):
            st.session_state[NOTICE] = st.session_state[UNDO] = None
            st.rerun()


def render_bulk_bar(actor: Actor, brand: Brand, selection: list[int]) -> None:
    if not selection:
        return
    can = lambda action: actor.can(action, brand.id)  # noqa: E731
    con = library().catalog.cursor()
    n = len(selection)
    with st.container(horizontal=True, vertical_alignment="center", key="library-bulk-bar", border=True):
        st.markdown(f"**{n} selected**")
        if can("asset.edit"):
            with st.popover("Add tags", icon=":material/sell:"):
                chosen = st.multiselect("Tags", [t for t, _n in brand_tags(brand.id)], accept_new_options=True,
                                        key="library.bulk.tags")  # fmt: skip
                if st.button("Add tags", type="primary", disabled=not chosen, key="library.bulk.tags.go"):
                    report(asset_service.add_tags(library(), actor, selection, chosen), "Tagged")
        if can("asset.file"):
            with st.popover("Add to collection", icon=":material/create_new_folder:"):
                tree = collections.all_for_brand(con, brand.id)
                target = st.selectbox("Collection", [c.id for c in tree], format_func={c.id: c.path for c in tree}.get,
                                      key="library.bulk.collection", index=None, placeholder="Choose a collection")  # fmt: skip
                if st.button("File", type="primary", disabled=target is None, key="library.bulk.collection.go"):
                    report(asset_service.file_into(library(), actor, selection, target), "Filed")
        if can("asset.campaign"):
            with st.popover("Add to campaign", icon=":material/campaign:"):
                options = campaigns.for_brand(con, brand.id)
                target = st.selectbox("Campaign", [c.id for c in options], format_func={c.id: c.name for c in options}.get,
                                      key="library.bulk.campaign", index=None, placeholder="Choose a campaign")  # fmt: skip
                if st.button("Assign", type="primary", disabled=target is None, key="library.bulk.campaign.go"):
                    report(asset_service.assign_campaign(library(), actor, selection, target), "Assigned")
        with st.popover("Change status", icon=":material/published_with_changes:"):
            status = st.selectbox("New status", list(STATUSES), format_func=STATUS_LABELS.get, key="library.bulk.status")
            note = st.text_input("Note (a rejection needs one)", key="library.bulk.status.note")
            if st.button("Change status", type="primary", key="library.bulk.status.go"):
                report(asset_service.set_status(library(), actor, selection, status, note), f"Moved to {STATUS_LABELS[status]}:")
        others = [b for b in visible_brands(actor) if b.id != brand.id and actor.can("asset.move_brand", b.id)]
        if can("asset.move_brand") and others:
            with st.popover("Move to brand", icon=":material/swap_horiz:"):
                target = st.selectbox("Brand", [b.id for b in others], format_func={b.id: b.name for b in others}.get,
                                      key="library.bulk.brand")  # fmt: skip
                if st.button("Move", type="primary", key="library.bulk.brand.go"):
                    report(asset_service.move_to_brand(library(), actor, selection, target), "Moved")
        generate = can("asset.use_as_input") and st.button("Use as input", icon=":material/auto_awesome:",
                                                          key="library.bulk.generate")  # fmt: skip
        if can("pin.manage") and st.button("Pin to brand", icon=":material/keep:", key="library.bulk.pin"):
            report(pins.pin_many(library(), actor, selection), "Pinned")
        if st.button("Find similar", icon=":material/image_search:", key="library.bulk.similar",
                     help="Show the assets that look like the selection, closest first"):  # fmt: skip
            show_in_grid(selection)
        ticket = runtime.tickets().issue(actor.user_id, "zip", list(selection))
        st.link_button("Download zip", f"/files/zip/{ticket}", icon=":material/download:")
        if can("asset.delete") and st.button("Delete", icon=":material/delete:", key="library.bulk.delete"):
            result = asset_service.trash(library(), actor, selection)
            report(result, "Moved to the trash:", undo=result.succeeded)
        st.space("stretch")
        if st.button("Clear selection", type="tertiary", key="library.bulk.clear"):
            st.session_state[SELECTION] = []
            st.rerun(scope="fragment")
    if generate:
        open_generate(actor, brand.id, selection)


def render_trash_bar(actor: Actor, selection: list[int]) -> None:
    """In the Trash: restore the selection, or purge it for good."""
    if not selection:
        return
    with st.container(horizontal=True, vertical_alignment="center", key="library-trash-bar", border=True):
        st.markdown(f"**{len(selection)} selected**")
        if st.button("Restore", icon=":material/restore_from_trash:", key="library.trash.restore"):
            report(asset_service.restore(library(), actor, selection), "Restored")
        confirmed = st.checkbox("I understand purging cannot be undone", key="library.trash.confirm")
        if st.button("Purge for good", icon=":material/delete_forever:", disabled=not confirmed, key="library.trash.purge"):
            report(trash_service.purge(library(), actor, selection), "Purged")
