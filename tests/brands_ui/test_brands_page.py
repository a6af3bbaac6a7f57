"""The Brands page through AppTest: the kit as a manager edits it (palette, fonts, notes, order, logos), and as a viewer."""

from __future__ import annotations

from dam.repos import brands
from dam.services import pins
from tests.brands_ui.conftest import page, texts

BRANDS = ("dam.ui.brands_page", "render_brands")


def kit_page(handle: str):
    return page(*BRANDS, handle).run()


def test_manager_sees_the_kit_with_links_to_the_viewer(studio):
    at = kit_page("maya")
    assert not at.exception
    said = texts(at)
    assert "#### Anchors · 1" in said and "#### Members · 3" in said
    # Outside the app's navigation a page link falls back to a plain link: the anchor opens in the Library viewer.
    urls = {b.label: b.proto.url for b in at.link_button}
    assert urls["Ridge at dawn"] == f"/?brand=Northwind+Outdoor&asset={studio.photo}"
    assert ":violet-badge[Manager]" in said and ":gray-badge[Viewer]" in said


def test_palette_suggested_from_anchors_edited_and_saved(studio):
    at = kit_page("maya")
    key = f"brands.palette.{studio.brand_id}"
    at.button(key=key + ".suggest").click().run()
    assert at.text_input(key=key).value == "#2f5d50, #e07a2f"  # the pinned photo's dominant colours
    at.text_input(key=key).set_value("#2F5D50 abc, #2f5d50").run()
    at.color_picker(key=key + ".pick").pick("#112233").run()
    at.button(key=key + ".add").click().run()
    at.button(key=key + ".save").click().run()
    assert not at.exception and not at.error
    assert brands.by_id(studio.con(), studio.brand_id).palette == ["#2f5d50", "#aabbcc", "#112233"]
    swatches = "".join(h.proto.body for h in at.get("html"))
    assert "background:#aabbcc" in swatches and "#112233" in swatches


def test_a_bad_colour_is_a_clear_message_and_nothing_changes(studio):
    at = kit_page("maya")
    key = f"brands.palette.{studio.brand_id}"
    at.text_input(key=key).set_value("#2f5d50, #12345g").run()
    at.button(key=key + ".save").click().run()
    assert not at.exception
    assert "is not a hex colour" in at.error[0].value
    assert brands.by_id(studio.con(), studio.brand_id).palette == []


def test_fonts_and_notes_saved_and_notes_never_run_as_html(studio):
    at = kit_page("maya")
    at.text_area(key=f"brands.fonts.{studio.brand_id}").set_value("Barlow Condensed\n\nSource Serif 4").run()
    at.button(key="brands.fonts.save").click().run()
    at.text_area(key=f"brands.notes.{studio.brand_id}").set_value("**Clear space** <script>alert(1)</script>").run()
    at.button(key="brands.notes.save").click().run()
    assert not at.exception and not at.error
    brand = brands.by_id(studio.con(), studio.brand_id)
    assert brand.fonts == ["Barlow Condensed", "Source Serif 4"]
    assert "Barlow Condensed" in texts(at)
    notes = "".join(h.proto.body for h in at.get("html"))
    assert "<strong>Clear space</strong>" in notes and "<script>" not in notes


def test_anchors_reordered_and_unpinned(studio):
    pins.set_pinned(studio.library, studio.actor("maya"), studio.other, True)
    at = kit_page("maya")
    at.button(key=f"brands.anchor.later.{studio.photo}").click().run()
    assert pins.pinned_ids(studio.library, studio.brand_id) == [studio.other, studio.photo]
    at.button(key=f"brands.anchor.remove.{studio.other}").click().run()
    assert not at.exception and not at.error
    assert pins.pinned_ids(studio.library, studio.brand_id) == [studio.photo]
    assert "#### Anchors · 1" in texts(at)


def test_logos_added_from_the_brands_assets(studio):
    at = kit_page("maya")
    at.multiselect(key="brands.logos.add").set_value([studio.other]).run()
    at.button(key="brands.logos.add.go").click().run()
    assert not at.exception
    assert pins.logo_ids(studio.library, studio.brand_id) == [studio.other]
    assert "#### Logos · 1" in texts(at)


def test_viewer_reads_the_kit_without_any_control(studio):
    at = kit_page("tom")
    assert not at.exception
    assert "(read-only)" in texts(at)
    assert not [b for b in at.button if (b.key or "").startswith("brands.")]
    assert not at.expander  # no Edit palette, fonts or notes
    assert "#### Anchors · 1" in texts(at)


def test_use_as_input_from_an_anchor_says_no_generator_is_configured(studio):
    at = kit_page("leo")  # a creator: may start generations, may not change the kit
    assert not [b for b in at.button if (b.key or "").startswith("brands.anchor.")]
    at.button(key=f"brands.generate.{studio.photo}").click().run()
    assert not at.exception
    assert "No generator configured (set DAM_GENERATOR_URL)." in at.warning[0].value


