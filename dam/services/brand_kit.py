"""The brand kit: a brand's anchors, logos, colour palette, fonts and notes, and who its members are.

Members read the kit (`kit.view`); managers edit it (`kit.edit`; pins and logos in dam/services/pins.py).

    kit = brand_kit.kit(library, actor, brand_id)
    kit.brand, kit.anchors, kit.logos          # Brand; pinned and logo Assets in kit order (only what the actor sees)
    kit.palette, kit.fonts, kit.notes, kit.members, kit.can_edit
    brand_kit.set_palette(library, actor, brand_id, ["#1A2B3C", "fff"])   # -> ["#1a2b3c", "#ffffff"]
    brand_kit.suggest_palette(library, actor, brand_id)                  # from the anchors' dominant colours
    brand_kit.set_fonts(library, actor, brand_id, ["Inter", "Playfair Display"])
    brand_kit.set_notes(library, actor, brand_id, "Logo clear space: 1x the cap height.")

Notes are plain text that people typed: pages show them as text (or through dam/text/markdown), never as HTML.
Brands are renamed by admins (dam/services/people.rename_brand); everything refers to a brand by id.
"""

from __future__ import annotations

from dataclasses import dataclass

from dam.db.catalog import Connection
from dam.errors import Rejected
from dam.library import Library
from dam.models import Asset, Brand
from dam.permissions import Actor, can_see, require
from dam.repos import assets, brands, events, users
from dam.repos import pins as kit_lists
from dam.services.palette import SUGGESTED, clean_palette, suggest

MAX_FONTS = 20
MAX_FONT_NAME = 100
MAX_NOTES = 20_000


@dataclass(frozen=True)
class Member:
    user_id: int
    handle: str
    display_name: str
    role: str  # viewer | creator | manager


@dataclass(frozen=True)
class BrandKit:
    brand: Brand
    anchors: list[Asset]  # pinned, in kit order
    logos: list[Asset]
    members: list[Member]
    can_edit: bool  # palette, fonts, notes and logos
    can_pin: bool

    @property
    def palette(self) -> list[str]:
        return self.brand.palette

    @property
    def fonts(self) -> list[str]:
        return self.brand.fonts

    @property
    def notes(self) -> str:
        return self.brand.notes


def _listed(con: Connection, actor: Actor, kit: kit_lists.KitList, brand_id: int) -> list[Asset]:
    """A kit list's live assets of this brand that the actor may see, in order."""
    found = assets.many(con, kit_lists.ids(con, kit, brand_id))
    return [a for a in found if a.brand_id == brand_id and a.deleted_at is None and can_see(actor, a)]


def kit(library: Library, actor: Actor, brand_id: int) -> BrandKit:
    """Everything the Brands page shows for one brand."""
    require(actor, "kit.view", brand_id)
    con = library.catalog.cursor()
    return BrandKit(
        brand=brands.by_id(con, brand_id),
        anchors=_listed(con, actor, kit_lists.PINS, brand_id),
        logos=_listed(con, actor, kit_lists.LOGOS, brand_id),
        members=_members(con, brand_id),
        can_edit=actor.can("kit.edit", brand_id),
        can_pin=actor.can("pin.manage", brand_id),
    )


def anchors(library: Library, actor: Actor, brand_id: int) -> list[Asset]:
    """The brand's pinned anchors the actor may see, in kit order (what a generation request attaches)."""
    require(actor, "kit.view", brand_id)
    return _listed(library.catalog.cursor(), actor, kit_lists.PINS, brand_id)


def members(library: Library, actor: Actor, brand_id: int) -> list[Member]:
    """Who belongs to the brand, with their roles, by handle."""
    require(actor, "kit.view", brand_id)
    return _members(library.catalog.cursor(), brand_id)


def _members(con: Connection, brand_id: int) -> list[Member]:
    return [Member(u.id, u.handle, u.display_name, role) for u, role in users.members_of(con, brand_id)]


def _edit(library: Library, actor: Actor, brand_id: int, field: str, value) -> Brand:
    """Change one field of the kit, recording it before and after."""
    require(actor, "kit.edit", brand_id)
    with library.catalog.transaction() as con:
        brand = brands.by_id(con, brand_id)
        before = getattr(brand, field)
        if value == before:
            return brand
        kit_fields = {"palette": brand.palette, "fonts": brand.fonts, "notes": brand.notes, field: value}
        updated = brands.update_kit(con, brand_id, **kit_fields)
        events.record(con, actor_id=actor.user_id, action=f"brand.{field}", entity="brand", entity_id=brand_id,
                      brand_id=brand_id, before={field: before}, after={field: value})  # fmt: skip
    return updated


def set_palette(library: Library, actor: Actor, brand_id: int, colours: list[str]) -> list[str]:
    """Replace the palette; colours are checked and written as #rrggbb. Returns the palette as stored."""
    return _edit(library, actor, brand_id, "palette", clean_palette(colours)).palette


def suggest_palette(library: Library, actor: Actor, brand_id: int, count: int = SUGGESTED) -> list[str]:
    """A palette suggested from the dominant colours of the anchors the actor sees (empty without anchors)."""
    if not 1 <= count <= 24:
        raise Rejected("Suggest between 1 and 24 colours.")
    return suggest([a.palette for a in anchors(library, actor, brand_id)], count)


def clean_fonts(fonts: list[str]) -> list[str]:
    """Font names as stored: single spaces, each once (any case), plain text, at most MAX_FONTS."""
    cleaned = list(dict.fromkeys(" ".join(f.split()) for f in fonts if f and f.strip()))
    for name in cleaned:
        if len(name) > MAX_FONT_NAME or any(ord(c) < 32 for c in name):
            raise Rejected(f"A font name is up to {MAX_FONT_NAME} characters of plain text: {name[:40]!r}.")
    if len({n.lower() for n in cleaned}) < len(cleaned):
        raise Rejected("A font is listed twice.")
    if len(cleaned) > MAX_FONTS:
        raise Rejected(f"A kit lists at most {MAX_FONTS} fonts.")
    return cleaned


def set_fonts(library: Library, actor: Actor, brand_id: int, fonts: list[str]) -> list[str]:
    """Replace the kit's fonts (names such as "Inter" or "Playfair Display 700"), in the order given."""
    return _edit(library, actor, brand_id, "fonts", clean_fonts(fonts)).fonts


def set_notes(library: Library, actor: Actor, brand_id: int, notes: str) -> str:
    """Replace the kit's notes (plain text, up to MAX_NOTES characters); returns them as stored."""
    text = notes.replace("\r\n", "\n").strip()
    if len(text) > MAX_NOTES:
        raise Rejected(f"Brand notes hold up to {MAX_NOTES:,} characters.")
    return _edit(library, actor, brand_id, "notes", text).notes
