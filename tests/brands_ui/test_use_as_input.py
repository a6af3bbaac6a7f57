"""The Library's viewer and bulk bar through AppTest: lineage both ways, Use as input -> a queued request, Pin to brand."""

from __future__ import annotations

from dam.services import generation, pins
from tests.brands_ui.conftest import page, texts

LIBRARY = ("dam.ui.library.page", "render_library")
PANEL = "library.info.generate.{}."


def generate(at):
    """The Generate panel's submit button (the Thread tab has a form of its own), or None."""
    return next((b for b in at.form_submit_button if b.label == "Generate"), None)


def viewer(handle: str, asset_id: int):
    return page(*LIBRARY, handle, asset=str(asset_id)).run()


def test_the_viewer_shows_how_a_generation_was_made_and_from_what(studio):
    at = viewer("leo", studio.generated)
    assert not at.exception
    assert [c.value for c in at.code] == ["Ridge at dusk, film grain", "people, text"]
    said = texts(at)
    assert "Model **flux\\-dev** · Seed **42**" in said and "**Made from**" in said
    assert at.json[0].value == '{"steps": 30}'
    made_from = [b for b in at.link_button if b.label == "Ridge at dawn"]
    assert made_from and made_from[0].proto.url.endswith(f"asset={studio.photo}")


def test_the_input_shows_what_was_made_from_it(studio):
    at = viewer("leo", studio.photo)
    said = texts(at)
    assert "**Used in**" in said and "**Made from**" not in said and not at.code
    assert any(b.label == "Ridge concept" and b.proto.url.endswith(f"asset={studio.generated}") for b in at.link_button)


def test_use_as_input_queues_a_request_with_the_anchors_and_the_target(studio_with_generator):
    studio = studio_with_generator
    at = viewer("leo", studio.photo)
    at.toggle(key=f"library.info.input.{studio.photo}").set_value(True).run()
    key = PANEL.format(studio.photo)
    assert "Guidance · the brand's 1 pinned anchor" in texts(at)
    at.text_area(key=key + "prompt").set_value("Ridge at golden hour")
    at.text_input(key=key + "negative").set_value("people")
    at.number_input(key=key + "seed").set_value(77)
    at.selectbox(key=key + "campaign").set_value(studio.campaign_id)
    at.selectbox(key=key + "collection").set_value(studio.collection_id)
    at.text_input(key=key + "params").set_value('{"steps": 28}')
    generate(at).click().run()
    assert not at.exception and not at.error
    [queued] = generation.list_requests(studio.library, studio.actor("leo"), studio.brand_id)
    assert (queued.status, queued.input_ids, queued.anchor_ids) == ("queued", [studio.photo], [studio.photo])
    assert (queued.prompt, queued.negative_prompt, queued.seed, queued.params) == ("Ridge at golden hour", "people",
                                                                                   77, {"steps": 28})  # fmt: skip
    assert (queued.campaign_id, queued.collection_id) == (studio.campaign_id, studio.collection_id)
    assert f"Queued as request #{queued.id}" in at.success[0].value


def test_bad_parameters_are_a_clear_message_and_nothing_is_queued(studio_with_generator):
    studio = studio_with_generator
    at = viewer("leo", studio.photo)
    at.toggle(key=f"library.info.input.{studio.photo}").set_value(True).run()
    key = PANEL.format(studio.photo)
    at.text_area(key=key + "prompt").set_value("Ridge")
    at.text_input(key=key + "params").set_value("{steps: 28}")
    generate(at).click().run()
    assert not at.exception
    assert "Parameters are JSON" in at.error[0].value
    assert generation.list_requests(studio.library, studio.actor("leo"), studio.brand_id) == []


def test_without_a_generator_the_panel_says_so(studio):
    at = viewer("leo", studio.photo)
    at.toggle(key=f"library.info.input.{studio.photo}").set_value(True).run()
    assert "No generator configured (set DAM_GENERATOR_URL)." in at.warning[0].value
    assert generate(at) is None


def test_a_viewer_has_no_use_as_input(studio):
    at = viewer("tom", studio.photo)
    assert not at.exception
    assert not [t for t in at.toggle if t.key == f"library.info.input.{studio.photo}"]


def test_bulk_bar_pins_the_selection_and_opens_the_generate_panel(studio_with_generator):
    studio = studio_with_generator
    at = page(*LIBRARY, "maya").run()
    at.session_state["library.selection"] = [studio.other, studio.photo]
    at.run()
    at.button(key="library.bulk.pin").click().run()
    assert not at.exception
    assert sorted(pins.pinned_ids(studio.library, studio.brand_id)) == sorted([studio.photo, studio.other])
    assert "Pinned 2 assets" in at.success[0].value  # the photo was pinned already: that counts as done

    at.session_state["library.selection"] = [studio.other, studio.photo]
    at.run()
    at.button(key="library.bulk.generate").click().run()
    assert not at.exception
    assert "**Starting images · 2**" in texts(at) and generate(at) is not None
