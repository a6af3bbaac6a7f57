"""The viewer's Info tab: rename, rating, tags, collections, campaigns, status, pin, and the asset's actions."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from dam.errors import DamError
from dam.models import Asset
from dam.permissions import Actor
from dam.repos import campaigns, collections, tags
from dam.services import assets as asset_service
from dam.services import pins
from dam.services.replace import replace_file
from dam.services.review import find_transition, moves_for
from dam.ui.generate_panel import render_generate
from dam.ui.library import results
from dam.ui.library.options import brand_tags
from dam.ui.library.similar import render_similar, show_in_grid
from dam.ui.lineage import render_lineage
from dam.ui.session import library
from dam.vocab import SOURCE_LABELS, STATUS_LABELS
from dam.web.routes import original_url

K = "library.info."
UNDO = "library.undo"


def _apply(action, *args) -> None:
    """Run an edit from a widget callback; errors show in the panel, success marks the grid for reloading."""
    try:
        result = action(*args)
    except DamError as exc:
        st.session_state[K + "error"] = str(exc)
        return
    if result is not None and getattr(result, "failed", None):
        st.session_state[K + "error"] = result.summary("Changed")
    results.mark_dirty()


def _rename(actor: Actor, asset: Asset) -> None:
    _apply(asset_service.rename, library(), actor, asset.id, st.session_state[f"{K}name.{asset.id}"])


def _rate(actor: Actor, asset: Asset) -> None:
    stars = st.session_state[f"{K}rating.{asset.id}"]
    _apply(asset_service.set_rating, library(), actor, asset.id, None if stars is None else stars + 1)


def _retag(actor: Actor, asset: Asset, before: list[str]) -> None:
    after = [t for t in st.session_state[f"{K}tags.{asset.id}"]]
    added, removed = [t for t in after if t not in before], [t for t in before if t not in after]
    if added:
        _apply(asset_service.add_tags, library(), actor, [asset.id], added)
    if removed:
        _apply(asset_service.remove_tags, library(), actor, [asset.id], removed)


def _sync_links(actor: Actor, asset: Asset, field: str, before: list[int], add, remove) -> None:
    """Apply what changed in a multiselect of collections or campaigns: link the new ones, unlink the dropped."""
    after = st.session_state[f"{K}{field}.{asset.id}"]
    for link_id in (i for i in after if i not in before):
        _apply(add, library(), actor, [asset.id], link_id)
    for link_id in (i for i in before if i not in after):
        _apply(remove, library(), actor, [asset.id], link_id)


def _status(actor: Actor, asset: Asset) -> None:
    """The review state and the moves this actor may make from it."""
    st.markdown(f"**Status** · {STATUS_LABELS[asset.status]}")
    targets = [t.target for t in moves_for(actor, asset)]
    if not targets:
        return
    note = st.text_input("Note", key=f"{K}note.{asset.id}", placeholder="A reason is needed to reject")
    with st.container(horizontal=True, gap="small"):
        for target in targets:
            label = {"in_review": "Submit for review", "draft": "Back to draft"}.get(target, STATUS_LABELS[target])
            if asset.status == "archived":
                label = f"Restore to {STATUS_LABELS[target]}"
            needs = find_transition(asset.status, target, asset.status_before_archive).needs_reason
            if st.button(label, key=f"{K}status.{asset.id}.{target}", disabled=needs and not note.strip()):
                _apply(asset_service.set_status, library(), actor, [asset.id], target, note)
                st.rerun(scope="fragment")


def _replace(actor: Actor, asset: Asset) -> None:
    """Upload a new version of the file; an approved asset goes back to review."""
    with st.popover("Replace file", icon=":material/upload_file:"):
        st.caption("Keeps the name, tags, collections and thread." +
                   (" The asset goes back to review." if asset.status == "approved" else ""))  # fmt: skip
        upload = st.file_uploader("New version", key=f"{K}replace.{asset.id}")
        if upload is not None and st.button("Replace", type="primary", key=f"{K}replace.go.{asset.id}"):
            with tempfile.TemporaryDirectory(prefix="dam-replace-") as tmp:
                path = Path(tmp) / "upload"  # a fixed name: the person's file name is checked, never a path
                path.write_bytes(upload.getvalue())
                _apply(replace_file, library(), actor, asset.id, path, upload.name)
            st.rerun(scope="fragment")


def _actions(actor: Actor, asset: Asset) -> None:
    with st.container(horizontal=True, gap="small"):
        similar = st.toggle("Find similar", key=f"{K}similar.{asset.id}")
        if st.button("Similar in grid", icon=":material/image_search:", key=f"{K}similar_grid.{asset.id}",
                     help="Filter the grid to assets that look like this one"):  # fmt: skip
            show_in_grid([asset.id])
        generate = actor.can("asset.use_as_input", asset.brand_id) and st.toggle("Use as input", key=f"{K}input.{asset.id}")
        st.link_button("Download", original_url(asset.id, actor.user_id) + "&download=1", icon=":material/download:")
    if similar:
        render_similar(actor, [asset.id])
    if generate:
        render_generate(actor, asset.brand_id, [asset.id], key=f"{K}generate.{asset.id}")
    with st.container(horizontal=True, gap="small"):
        if actor.can("asset.delete", asset.brand_id) and st.button("Delete", icon=":material/delete:", key=f"{K}delete.{asset.id}"):
            result = asset_service.trash(library(), actor, [asset.id])
            if result.succeeded:
                st.session_state[UNDO] = result.succeeded
                results.mark_dirty()
                st.session_state["library.close_viewer"] = True
                st.rerun()


def render_info(actor: Actor, asset: Asset) -> None:
    con = library().catalog.cursor()
    brand_id = asset.brand_id
    edit = actor.can("asset.edit", brand_id)
    error = st.session_state.pop(K + "error", None)
    if error:
        st.error(error)
    st.text_input("File name", value=asset.name, key=f"{K}name.{asset.id}", disabled=not edit,
                  on_change=_rename, args=(actor, asset))  # fmt: skip
    size = f"{asset.width} × {asset.height}" if asset.width else ""
    st.caption(" · ".join(p for p in (size, asset.mime, SOURCE_LABELS.get(asset.source, ""), f"#{asset.id}") if p))
    st.feedback("stars", key=f"{K}rating.{asset.id}", default=asset.rating - 1 if asset.rating else None,
                disabled=not edit, on_change=_rate, args=(actor, asset))  # fmt: skip
    current_tags = tags.for_asset(con, asset.id)
    options = sorted({t for t, _n in brand_tags(brand_id)} | set(current_tags))
    st.multiselect("Tags", options, default=current_tags, key=f"{K}tags.{asset.id}", accept_new_options=True,
                   disabled=not edit, placeholder="Add tags", on_change=_retag,
                   args=(actor, asset, current_tags))  # fmt: skip
    tree = collections.all_for_brand(con, brand_id)
    filed_paths = set(collections.paths_for_asset(con, asset.id))  # read once, not once per collection
    filed = [c.id for c in tree if c.path in filed_paths]
    st.multiselect("Collections", [c.id for c in tree], default=filed, format_func={c.id: c.path for c in tree}.get,
                   key=f"{K}collections.{asset.id}", disabled=not actor.can("asset.file", brand_id),
                   placeholder="Add to a collection",
                   on_change=_sync_links,
                   args=(actor, asset, "collections", filed, asset_service.file_into, asset_service.unfile))  # fmt: skip
    if actor.can("asset.campaign", brand_id):  # campaigns are for creators and managers, not viewers
        options = campaigns.for_brand(con, brand_id)
        assigned_names = set(campaigns.names_for_asset(con, asset.id))
        assigned = [c.id for c in options if c.name in assigned_names]
        st.multiselect("Campaigns", [c.id for c in options], default=assigned,
                       format_func={c.id: c.name for c in options}.get, key=f"{K}campaigns.{asset.id}",
                       placeholder="Add to a campaign",
                       on_change=_sync_links,
                       args=(actor, asset, "campaigns", assigned, asset_service.assign_campaign,
                             asset_service.unassign_campaign))  # fmt: skip
    if actor.can("pin.manage", brand_id):
        pinned = pins.is_pinned(library(), asset.id)
        if st.toggle("Pin to brand", value=pinned, key=f"{K}pin.{asset.id}") != pinned:
            _apply(pins.set_pinned, library(), actor, asset.id, not pinned)
    render_lineage(actor, asset)
    _status(actor, asset)
    if edit:
        _replace(actor, asset)
    _actions(actor, asset)
