"""The Brands page body: the active brand's kit (anchors, logos, palette, fonts, notes) and who its members are."""

from __future__ import annotations

import re

import streamlit as st

from dam.errors import DamError, Rejected
from dam.models import Asset
from dam.permissions import Actor
from dam.query import Filters, run_grid
from dam.services import brand_kit, pins
from dam.services.brand_kit import BrandKit
from dam.services.palette import normalise_colour
from dam.services.scopes import scope_for
from dam.text.markdown import escape_markdown, render
from dam.ui.generate_panel import open_generate
from dam.ui.session import library
from dam.ui.shell import top_bar
from dam.ui.thumbs import open_link, thumb

K = "brands."
ANCHOR_COLUMNS = 4
LOGO_COLUMNS = 4
ROLE_ORDER = {"manager": 0, "creator": 1, "viewer": 2}
ROLE_COLOURS = {"manager": "violet", "creator": "blue", "viewer": "gray"}
LOGO_CHOICES = 200  # the newest assets offered when adding logos (the picker filters them as you type)


def _act(action, *args, done: str) -> None:
    """Run a kit change; a refusal is shown on the next run, success is a toast."""
    try:
        action(*args)
    except DamError as exc:
        st.session_state[K + "error"] = str(exc)
    else:
        st.toast(done)


# Kit lists: (service to move an asset in the order, service to take it off, what taking it off is called).
LISTS = {
    "anchor": (pins.reorder_pins, lambda lib, actor, asset_id: pins.set_pinned(lib, actor, asset_id, False), "Unpin"),
    "logo": (pins.reorder_logos, lambda lib, actor, asset_id: pins.set_logo(lib, actor, asset_id, False), "Remove"),
}


def _move(actor: Actor, kind: str, brand_id: int, order: list[int], index: int, step: int) -> None:
    order = list(order)
    order.insert(index + step, order.pop(index))
    _act(LISTS[kind][0], library(), actor, brand_id, order, done="Order saved")


def _kit_card(actor: Actor, kit: BrandKit, kind: str, items: list[Asset], index: int, can_change: bool) -> None:
    """One asset on the kit: its picture, its name (opens the viewer) and, for managers, order and removal."""
    asset = items[index]
    order = [a.id for a in items]
    with st.container(border=True, key=f"kit-{kind}-{asset.id}"):
        st.image(thumb(actor, asset.id), width="stretch")
        open_link(asset)
        with st.container(horizontal=True, gap="small"):
            if can_change:
                st.button(":material/arrow_back:", key=f"{K}{kind}.earlier.{asset.id}", help="Move earlier",
                          disabled=index == 0, type="tertiary", on_click=_move,
                          args=(actor, kind, kit.brand.id, order, index, -1))  # fmt: skip
                st.button(":material/arrow_forward:", key=f"{K}{kind}.later.{asset.id}", help="Move later",
                          disabled=index + 1 == len(items), type="tertiary", on_click=_move,
                          args=(actor, kind, kit.brand.id, order, index, 1))  # fmt: skip
            if kind == "anchor" and actor.can("asset.use_as_input", kit.brand.id):
                if st.button(":material/auto_awesome:", key=f"{K}generate.{asset.id}", help="Use as input",
                             type="tertiary"):  # fmt: skip
                    open_generate(actor, kit.brand.id, [asset.id])
            if can_change:
                st.button(":material/close:", key=f"{K}{kind}.remove.{asset.id}", help=LISTS[kind][2],
                          type="tertiary", on_click=_act, args=(LISTS[kind][1], library(), actor, asset.id),
                          kwargs={"done": "Unpinned" if kind == "anchor" else "Logo removed"})  # fmt: skip


def _cards(actor: Actor, kit: BrandKit, kind: str, items: list[Asset], columns: int, can_change: bool) -> None:
    for start in range(0, len(items), columns):
        for offset, column in enumerate(st.columns(columns)):
            if start + offset < len(items):
                with column:
                    _kit_card(actor, kit, kind, items, start + offset, can_change)


def _anchors(actor: Actor, kit: BrandKit) -> None:
    st.markdown(f"#### Anchors · {len(kit.anchors)}")
    st.caption("Pinned assets guide every generation of this brand, in this order.")
    if not kit.anchors:
        st.info("No anchors yet: pin assets from the Library's viewer (Pin to brand), or select several and use "
                "Pin to brand in the bulk bar.", icon=":material/keep:")  # fmt: skip
        return
    _cards(actor, kit, "anchor", kit.anchors, ANCHOR_COLUMNS, kit.can_pin)


def _logo_picker(actor: Actor, kit: BrandKit) -> None:
    with st.popover("Add logos", icon=":material/add:"):
        page, _total = run_grid(library(), scope_for(actor, kit.brand.id), Filters(), limit=LOGO_CHOICES)
        on_kit = {a.id for a in kit.logos}
        offered = {i.id: f"{i.name} · #{i.id}" for i in page.items if i.id not in on_kit}
        chosen = st.multiselect("Assets", list(offered), format_func=offered.get, key=f"{K}logos.add",
                                placeholder="Type a name")  # fmt: skip
        st.button("Add", type="primary", disabled=not chosen, key=f"{K}logos.add.go", on_click=_add_logos,
                  args=(actor,))  # fmt: skip


def _add_logos(actor: Actor) -> None:
    """Put the picked assets on the kit's logos; the picker empties (they are no longer offered)."""
    result = pins.add_logos(library(), actor, st.session_state.pop(f"{K}logos.add", []))
    if result.failed:
        st.session_state[K + "error"] = result.summary("Added")
    else:
        st.toast(result.summary("Added") + " to the logos")


def _logos(actor: Actor, kit: BrandKit) -> None:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(f"#### Logos · {len(kit.logos)}")
        if kit.can_edit:
            _logo_picker(actor, kit)
    if not kit.logos:
        st.caption("No logos on the kit yet." + (" Add them from the brand's assets." if kit.can_edit else ""))
        return
    _cards(actor, kit, "logo", kit.logos, LOGO_COLUMNS, kit.can_edit)


def _swatches(colours: list[str]) -> None:
    """The palette as colour chips; only checked #rrggbb values ever reach the markup."""
    safe = []
    for colour in colours:
        try:
            safe.append(normalise_colour(colour))
        except Rejected:
            continue  # a malformed stored colour is skipped rather than drawn
    chips = "".join(f'<div class="kit-swatch"><span style="background:{c}"></span><code>{c}</code></div>' for c in safe)
    st.html(f'<div class="kit-swatches" data-testid="kit-swatches">{chips}</div>')


def _split_colours(text: str) -> list[str]:
    return [c for c in re.split(r"[\s,;]+", text) if c]


def _suggest(actor: Actor, brand_id: int) -> None:
    try:
        found = brand_kit.suggest_palette(library(), actor, brand_id)
    except DamError as exc:
        st.session_state[K + "error"] = str(exc)
        return
    if not found:
        st.session_state[K + "error"] = "Nothing to suggest from: pin some anchors first."
        return
    st.session_state[f"{K}palette.{brand_id}"] = ", ".join(found)
    st.session_state[K + "suggested"] = len(found)


def _add_colour(brand_id: int) -> None:
    key = f"{K}palette.{brand_id}"
    st.session_state[key] = ", ".join([*_split_colours(st.session_state.get(key, "")), st.session_state[key + ".pick"]])


def _save_palette(actor: Actor, brand_id: int) -> None:
    key = f"{K}palette.{brand_id}"
    try:
        stored = brand_kit.set_palette(library(), actor, brand_id, _split_colours(st.session_state[key]))
    except DamError as exc:
        st.session_state[K + "error"] = str(exc)
        return
    st.session_state[key] = ", ".join(stored)  # as stored: #rrggbb, each once
    st.toast("Palette saved")


def _palette(actor: Actor, kit: BrandKit) -> None:
    st.markdown("#### Colour palette")
    if kit.palette:
        _swatches(kit.palette)
    else:
        st.caption("No colours yet.")
    if not kit.can_edit:
        return
    key = f"{K}palette.{kit.brand.id}"
    if key not in st.session_state:
        st.session_state[key] = ", ".join(kit.palette)
    with st.expander("Edit palette", icon=":material/palette:"):
        st.text_input("Colours", key=key, help="Hex colours like #1a2b3c or #abc, separated by commas or spaces")
        suggested = st.session_state.pop(K + "suggested", None)
        if suggested:
            st.caption(f"{suggested} colours suggested from the anchors: Save to keep them.")
        with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
            st.color_picker("Pick a colour", value="#4f6bed", key=key + ".pick")
            st.button("Add", key=key + ".add", on_click=_add_colour, args=(kit.brand.id,))
            st.button("Suggest from anchors", key=key + ".suggest", icon=":material/auto_fix_high:", on_click=_suggest,
                      args=(actor, kit.brand.id), disabled=not kit.anchors)  # fmt: skip
        st.button("Save palette", type="primary", key=key + ".save", on_click=_save_palette, args=(actor, kit.brand.id))


def _fonts(actor: Actor, kit: BrandKit) -> None:
    st.markdown("#### Typography")
    if kit.fonts:
        with st.container(horizontal=True, gap="small"):
            for font in kit.fonts:
                st.badge(escape_markdown(font), color="gray")
    else:
        st.caption("No fonts listed yet.")
    if kit.can_edit:
        with st.expander("Edit fonts", icon=":material/text_fields:"):
            text = st.text_area("Fonts, one per line", value="\n".join(kit.fonts), key=f"{K}fonts.{kit.brand.id}")
            if st.button("Save fonts", type="primary", key=f"{K}fonts.save"):
                _act(brand_kit.set_fonts, library(), actor, kit.brand.id, text.splitlines(), done="Fonts saved")
                st.rerun()


def _notes(actor: Actor, kit: BrandKit) -> None:
    st.markdown("#### Notes")
    if kit.notes:
        st.html(render(kit.notes))  # Markdown through the comment renderer: escaped, sanitised, never raw HTML
    else:
        st.caption("No notes yet.")
    if kit.can_edit:
        with st.expander("Edit notes", icon=":material/edit_note:"):
            text = st.text_area("Notes (Markdown)", value=kit.notes, height=160, key=f"{K}notes.{kit.brand.id}")
            if st.button("Save notes", type="primary", key=f"{K}notes.save"):
                _act(brand_kit.set_notes, library(), actor, kit.brand.id, text, done="Notes saved")
                st.rerun()


def _members(kit: BrandKit) -> None:
    st.markdown(f"#### Members · {len(kit.members)}")
    for member in sorted(kit.members, key=lambda m: (ROLE_ORDER.get(m.role, 9), m.display_name.lower())):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(f"{escape_markdown(member.display_name)} :gray[@{escape_markdown(member.handle)}]")
            st.space("stretch")
            st.badge(member.role.title(), color=ROLE_COLOURS.get(member.role, "gray"))


def _header(actor: Actor, kit: BrandKit) -> None:
    """The brand's name beside its first logo, and what the actor may do here."""
    role = actor.role(kit.brand.id) or ""
    with st.container(horizontal=True, vertical_alignment="center", gap="medium", key="brands-header"):
        if kit.logos:
            st.image(thumb(actor, kit.logos[0].id), width=120)
        with st.container(gap="small"):
            st.subheader(escape_markdown(kit.brand.name))
            st.caption(f"Brand kit · you are a {role}" + ("" if kit.can_edit else " (read-only)"))


def render_brands(actor: Actor) -> None:
    brand = top_bar(actor)
    if brand is None:
        return
    try:
        kit = brand_kit.kit(library(), actor, brand.id)
    except DamError as exc:
        st.error(escape_markdown(str(exc)))
        return
    _header(actor, kit)
    error = st.session_state.pop(K + "error", None)
    if error:
        st.error(escape_markdown(error), icon=":material/error:")
    kit_side, facts_side = st.columns([1.8, 1], gap="large")
    with kit_side:
        _anchors(actor, kit)
        _logos(actor, kit)
    with facts_side:
        _palette(actor, kit)
        _fonts(actor, kit)
        _notes(actor, kit)
        _members(kit)
