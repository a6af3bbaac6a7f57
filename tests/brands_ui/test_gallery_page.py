"""The Gallery through AppTest: generations flat or grouped, its filters, and the Requests tab's queue states."""

from __future__ import annotations

import pytest

from dam.generate import worker
from dam.generate.http import HttpBackend
from dam.repos import events
from dam.repos import generation_requests as queue
from dam.services import generation
from tests.brands_ui.conftest import page, texts
from tests.generator_server import generator_server

GALLERY = ("dam.ui.gallery_page", "render_gallery")


@pytest.fixture(scope="module")
def refusing():
    """A real generator that fails every request the way one does when it runs out of memory."""
    with generator_server(lambda body: (503, {"error": "CUDA out of memory <b>retry later</b>"})) as server:
        yield HttpBackend(server.url, timeout=10)


def test_generations_newest_first_with_filters(studio):
    at = page(*GALLERY, "maya").run()
    assert not at.exception
    assert "1 generation · newest first" in texts(at)
    assert at.get("bidi_component")  # the Library's grid, whose clicks open the viewer
    at.selectbox(key=f"gallery.model.{studio.brand_id}").set_value("flux-dev").run()
    assert "1 generation · newest first" in texts(at)
    at.text_input(key="gallery.search").set_value("harbour").run()
    assert "No generations match these filters." in at.info[0].value


def test_grouped_by_prompt_and_by_input_asset(studio):
    at = page(*GALLERY, "maya").run()
    at.segmented_control(key="gallery.group").set_value("prompt").run()
    assert not at.exception
    assert "**Ridge at dusk, film grain**" in texts(at) and "1 group · the newest first" in texts(at)
    at.segmented_control(key="gallery.group").set_value("input").run()
    said = texts(at)
    assert "Made from" in said and "Ridge at dusk" not in said
    assert any(b.label == "Ridge at dawn" and b.proto.url.endswith(f"asset={studio.photo}") for b in at.link_button)


def test_requests_failed_with_the_servers_message_retry_and_done_with_results(studio_with_generator, refusing):
    studio = studio_with_generator
    leo = studio.actor("leo")
    failing = generation.request(studio.library, leo, studio.brand_id, [studio.photo], "Lake at dawn")
    finished = worker.run_next(studio.library, refusing)  # a real attempt against a real server that fails
    assert finished.id == failing.id and finished.status == "failed"
    done = generation.request(studio.library, leo, studio.brand_id, [studio.photo], "Ridge at dusk")
    with studio.library.catalog.transaction() as con:  # as the worker records a success (the e2e test runs one)
        queue.claim(con, done.id, "test", events.utcnow())
        queue.finish(con, done.id, "done", None, [studio.generated], events.utcnow())
    waiting = generation.request(studio.library, leo, studio.brand_id, [studio.other], "Lake at noon")

    at = page(*GALLERY, "leo").run()
    assert not at.exception
    said = texts(at)
    assert "Lake at dawn" in said and "Ridge at dusk" in said and "Lake at noon" in said
    message = at.error[0].value
    assert "HTTP 503" in message and "CUDA out of memory" in message and "<b>" not in message  # escaped, as text
    assert any(b.label == "Ridge concept" and b.proto.url.endswith(f"asset={studio.generated}") for b in at.link_button)
    badges = [m.value for m in at.markdown if "-badge[" in m.value]  # newest first
    assert badges == [":gray-badge[:material/schedule: Queued]", ":green-badge[:material/check_circle: Done]",
                      ":red-badge[:material/error: Failed]"]  # fmt: skip

    at.button(key=f"gallery.requests.retry.{failing.id}").click().run()
    assert not at.exception
    assert generation.get(studio.library, leo, failing.id).status == "queued"
    assert generation.get(studio.library, leo, waiting.id).status == "queued"


def test_requests_say_when_no_generator_is_configured(studio):
    at = page(*GALLERY, "leo").run()
    assert "No generator configured (set DAM_GENERATOR_URL)." in at.warning[0].value
    assert "No generation requests yet." in at.info[-1].value
