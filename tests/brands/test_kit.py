"""The brand kit: palette (edited, and suggested from the anchors), fonts, notes, anchors and logos in order."""

from __future__ import annotations

import pytest

from dam.errors import NotFound, Rejected
from dam.permissions import PermissionDenied
from dam.repos import events
from dam.services import brand_kit, people, pins
from dam.services.palette import clean_palette, normalise_colour, suggest
from tests.factories import make_asset, make_brand, make_user


@pytest.mark.parametrize("given, expected", [
    ("#1A2B3C", "#1a2b3c"), ("1a2b3c", "#1a2b3c"), (" #abc ", "#aabbcc"), ("FFF", "#ffffff"),
])  # fmt: skip
def test_colours_are_normalised(given, expected):
    assert normalise_colour(given) == expected


@pytest.mark.parametrize("given", ["blue", "#12345", "#ggg", "rgb(1,2,3)", "#1234567", ""])
def test_bad_colours_say_how_to_write_one(given):
    with pytest.raises(Rejected, match="is not a hex colour: write it like #1a2b3c"):
        normalise_colour(given)


def test_a_palette_keeps_its_order_once_each_and_has_a_limit():
    assert clean_palette(["#fff", "", "#000", "#FFFFFF"]) == ["#ffffff", "#000000"]
    with pytest.raises(Rejected, match="at most 24"):
        clean_palette([f"#{i:06x}" for i in range(25)])


def test_the_suggestion_weighs_dominant_colours_and_merges_near_ones():
    palettes = [["#c0392b", "#f1c40f", "#ffffff"], ["#c1392c", "#2c3e50"], ["#f1c40f", "#c0392b"], ["#bogus"]]
    # Red leads (first twice, second once; its near twin #c1392c joins it), then yellow, then navy and white.
    assert suggest(palettes, count=3) == ["#c0392b", "#f1c40f", "#2c3e50"]
    assert suggest([], count=3) == []


def test_managers_edit_palette_fonts_and_notes_with_events(library, acme):
    brand, boss, cora, vic = acme
    assert brand_kit.set_palette(library, boss, brand, ["#C0392B", "fff"]) == ["#c0392b", "#ffffff"]
    assert brand_kit.set_fonts(library, boss, brand, ["  Inter ", "Playfair   Display 700", ""]) == [
        "Inter", "Playfair Display 700"]
    assert brand_kit.set_notes(library, boss, brand, "  Clear space: **1x** the cap height.\r\n") == (
        "Clear space: **1x** the cap height.")
    kit = brand_kit.kit(library, vic, brand)  # viewers read the kit
    assert (kit.palette, kit.fonts, kit.notes) == (
        ["#c0392b", "#ffffff"], ["Inter", "Playfair Display 700"], "Clear space: **1x** the cap height.")
    assert (kit.can_edit, brand_kit.kit(library, boss, brand).can_edit) == (False, True)
    actions = [e["action"] for e in events.for_entity(library.catalog.cursor(), "brand", brand)]
    assert actions == ["brand.palette", "brand.fonts", "brand.notes"]
    brand_kit.set_fonts(library, boss, brand, ["Inter", "Playfair Display 700"])  # unchanged: no event
    assert len(events.for_entity(library.catalog.cursor(), "brand", brand)) == 3


def test_bad_kit_edits_are_refused_and_change_nothing(library, acme):
    brand, boss, cora, vic = acme
    for attempt, error in [
        (lambda: brand_kit.set_palette(library, boss, brand, ["#fff", "teal"]), Rejected),
        (lambda: brand_kit.set_fonts(library, boss, brand, ["Inter", "inter"]), Rejected),
        (lambda: brand_kit.set_fonts(library, boss, brand, ["Bad\x00Font"]), Rejected),
        (lambda: brand_kit.set_notes(library, boss, brand, "x" * 20_001), Rejected),
        (lambda: brand_kit.set_palette(library, cora, brand, ["#fff"]), PermissionDenied),
        (lambda: brand_kit.set_notes(library, vic, brand, "mine now"), PermissionDenied),
    ]:
        with pytest.raises(error):
            attempt()
    outsider = make_user(library, "olga", {make_brand(library, "Other"): "manager"})
    with pytest.raises(NotFound):
        brand_kit.kit(library, outsider, brand)
    kit = brand_kit.kit(library, boss, brand)
    assert (kit.palette, kit.fonts, kit.notes) == ([], [], "")


def test_suggested_palette_comes_from_the_anchors_the_actor_sees(library, acme):
    brand, boss, cora, vic = acme
    red = make_asset(library, brand, 1, status="approved", palette=["#c0392b", "#ffffff"])
    navy = make_asset(library, brand, 2, status="approved", palette=["#2c3e50", "#c0392b"])
    draft = make_asset(library, brand, 3, status="draft", creator_id=boss.user_id, palette=["#00ff00"])
    make_asset(library, brand, 4, status="approved", palette=["#ff00ff"])  # not pinned: no say
    assert brand_kit.suggest_palette(library, boss, brand) == []
    pins.pin_many(library, boss, [red, navy, draft])
    assert brand_kit.suggest_palette(library, boss, brand, count=3) == ["#c0392b", "#00ff00", "#2c3e50"]
    assert brand_kit.suggest_palette(library, vic, brand, count=3) == ["#c0392b", "#2c3e50", "#ffffff"]


def test_anchors_pin_in_bulk_with_a_result_per_id_and_reorder(library, acme):
    brand, boss, cora, vic = acme
    other = make_brand(library, "Other")
    a, b, c = (make_asset(library, brand, i, status="approved") for i in (1, 2, 3))
    trashed = make_asset(library, brand, 4, status="approved", deleted_at=events.utcnow())
    foreign = make_asset(library, other, 5, status="approved")
    result = pins.pin_many(library, boss, [c, a, 999, trashed, foreign, b, a])
    assert result.succeeded == [c, a, b]
    # Another brand's asset is as good as unknown to someone who is not a member there.
    assert {i.asset_id: i.reason for i in result.failed} == {
        999: "No asset with id 999.", trashed: "An asset in the trash cannot go on the brand kit.",
        foreign: f"No asset with id {foreign}."}  # fmt: skip
    assert pins.pinned_ids(library, brand) == [c, a, b]
    assert pins.reorder_pins(library, boss, brand, [b, c]) == [b, c, a]
    assert [x.id for x in brand_kit.kit(library, vic, brand).anchors] == [b, c, a]
    with pytest.raises(Rejected, match="not on this brand's kit"):
        pins.reorder_pins(library, boss, brand, [foreign])
    with pytest.raises(PermissionDenied):
        pins.reorder_pins(library, cora, brand, [a])
    assert pins.pin_many(library, cora, [a]).failed[0].reason.startswith("Your role (creator) cannot pin")
    actions = [e["action"] for e in events.for_entity(library.catalog.cursor(), "brand", brand)]
    assert actions == ["brand.pins_order"]


def test_logos_are_designated_in_order_and_drafts_stay_private(library, acme):
    brand, boss, cora, vic = acme
    mark = make_asset(library, brand, 1, status="approved", name="wordmark.svg")
    draft = make_asset(library, brand, 2, status="draft", creator_id=boss.user_id, name="new mark")
    assert pins.add_logos(library, boss, [mark, draft]).succeeded == [mark, draft]
    assert pins.reorder_logos(library, boss, brand, [draft]) == [draft, mark]
    assert [x.id for x in brand_kit.kit(library, boss, brand).logos] == [draft, mark]
    assert [x.id for x in brand_kit.kit(library, vic, brand).logos] == [mark]
    pins.set_logo(library, boss, draft, False)
    assert pins.logo_ids(library, brand) == [mark]
    with pytest.raises(PermissionDenied):
        pins.set_logo(library, cora, mark, False)


def test_members_and_renaming_the_brand_keeps_the_kit(library, acme):
    brand, boss, cora, vic = acme
    brand_kit.set_palette(library, boss, brand, ["#123456"])
    assert [(m.handle, m.role) for m in brand_kit.members(library, vic, brand)] == [
        ("boss", "manager"), ("cora", "creator"), ("vic", "viewer")]
    people.rename_brand(library, people.SYSTEM, "Acme", "Acme Studio")
    kit = brand_kit.kit(library, vic, brand)
    assert (kit.brand.name, kit.palette) == ("Acme Studio", ["#123456"])
