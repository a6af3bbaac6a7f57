"""Small asset thumbnails for narrow places (lineage, the queue, the Generate panel), each name opening the viewer."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dam.models import Asset
from dam.permissions import Actor
from dam.repos import brands
from dam.text.markdown import escape_markdown
from dam.ui.links import page_link
from dam.ui.session import absolute, library
from dam.web.routes import thumb_url

NAME_CHARS = 40  # names longer than this are cut in a link's label; the viewer shows them whole


def thumb(actor: Actor, asset_id: int, size: str = "small") -> str:
    """A signed thumbnail URL that st.image can load."""
    return absolute(thumb_url(asset_id, size, actor.user_id))


def short(name: str, limit: int = NAME_CHARS) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def viewer_params(asset: Asset) -> dict[str, str]:
    """The Library's URL parameters that open this asset in the viewer, over its own brand."""
    brand = brands.by_id(library().catalog.cursor(), asset.brand_id)
    return {"brand": brand.name, "asset": str(asset.id)}


def open_link(asset: Asset, label: str | None = None, icon: str | None = None) -> None:
    """A link to the asset in the Library's viewer, labelled with its name (user text: escaped, never markdown)."""
    page_link("pages/library.py", label=escape_markdown(short(label or asset.name)), icon=icon,
              query_params=viewer_params(asset))  # fmt: skip


def row(actor: Actor, items: Sequence[Asset], *, key: str, size: int = 56, limit: int = 12) -> None:
    """Thumbnails side by side, wrapping, cropped square; more than `limit` are counted rather than drawn."""
    with st.container(horizontal=True, gap="small", key=f"thumbs-{key}"):
        for asset in items[:limit]:
            st.image(thumb(actor, asset.id), width=size)
        if len(items) > limit:
            st.caption(f"+{len(items) - limit} more")


def listing(actor: Actor, items: Sequence[Asset], *, key: str, notes: Sequence[str] | None = None,
            size: int = 44) -> None:  # fmt: skip
    """One line per asset: its square thumbnail and its name as a link to the viewer, with an optional note."""
    with st.container(key=f"thumbs-{key}", gap="small"):
        for index, asset in enumerate(items):
            with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                st.image(thumb(actor, asset.id), width=size)
                open_link(asset)
                if notes and notes[index]:
                    st.caption(escape_markdown(notes[index]))
