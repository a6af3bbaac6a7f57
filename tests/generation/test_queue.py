"""The generation queue against a real local HTTP generator: queued, running, done with lineage, or failed with
a clear message and nothing lost (timeouts, HTTP 500, garbage, bad JSON, a result the ingest refuses)."""

from __future__ import annotations

import base64
import dataclasses
import threading
import time

import pytest

from dam.errors import NotFound, Rejected
from dam.generate import worker
from dam.generate.http import HttpBackend
from dam.permissions import PermissionDenied
from dam.repos import assets, campaigns, collections, events
from dam.repos import generation_requests as queue
from dam.services import generation
from tests.factories import make_asset
from tests.generation.conftest import studio
from tests.generation.server import png


def backend(server, path: str) -> HttpBackend:
    return HttpBackend(server.url(path), timeout=1)


def read(library, key: str) -> bytes:
    with library.store.open(key) as stream:
        return stream.read()


def snapshot(library) -> tuple[list[int], set[str]]:
    """Every asset id and every stored file: what a failed generation must leave exactly as it was."""
    return assets.all_ids(library.catalog.cursor()), set(library.store.keys(""))


def test_a_request_runs_to_done_and_its_results_are_generated_drafts_with_lineage(gen_library, server):
    s = studio(gen_library)
    req = generation.request(gen_library, s.cora, s.brand, [s.photo], "dunes at dusk, film grain",
                             negative_prompt="people", model="toy", seed=41, params={"steps": 30},
                             campaign_id=s.campaign, collection_id=s.collection)  # fmt: skip
    assert (req.status, req.input_ids, req.anchor_ids) == ("queued", [s.photo], [s.board, s.photo])

    done = worker.run_next(gen_library)

    assert done.status == "done" and done.message is None and len(done.result_ids) == 2, done.message
    assert done.backend == server.url("/ok") and done.started_at <= done.finished_at
    sent = server.received[-1]
    assert [p["asset_id"] for p in sent["inputs"]] == [s.photo]
    assert [p["asset_id"] for p in sent["anchors"]] == [s.board, s.photo]
    assert base64.b64decode(sent["inputs"][0]["data"]) == read(
        gen_library, assets.get(gen_library.catalog.cursor(), s.photo).blob_key)
    assert (sent["prompt"], sent["negative_prompt"], sent["model"], sent["seed"], sent["params"]) == (
        "dunes at dusk, film grain", "people", "toy", 41, {"steps": 30})
    con = gen_library.catalog.cursor()
    first, second = (assets.record(con, i) for i in done.result_ids)
    for record in (first, second):
        assert (record["source"], record["status"], record["creator"]) == ("generated", "draft", "cora")
        assert record["inputs"] == [s.photo] and record["parent_id"] == s.photo
        assert record["campaigns"] == ["Summer 26"] and record["collections"] == ["Generated"]
        assert (record["prompt"], record["negative_prompt"], record["model"]) == (
            "dunes at dusk, film grain", "people", "toy-xl")
    assert (first["seed"], second["seed"]) == (42, 41)  # the server's own seed for image 1, the request's for 2
    assert first["name"] == f"dunes at dusk film grain {req.id}-1"
    actions = [e["action"] for e in events.for_entity(con, "generation", req.id)]
    assert actions == ["generation.request", "generation.start", "generation.done"]
    assert worker.run_next(gen_library) is None  # the queue is empty


def test_the_request_is_running_while_the_generator_works(gen_library, server):
    s = studio(gen_library)
    req = generation.request(gen_library, s.cora, s.brand, [s.photo], "slow dunes")
    server.release.clear()
    server.holding.clear()
    runner = threading.Thread(target=worker.run_next, args=(gen_library, HttpBackend(server.url("/hold"), timeout=30)))
    runner.start()
    try:
        assert server.holding.wait(20)
        assert generation.get(gen_library, s.cora, req.id).status == "running"
    finally:
        server.release.set()
        runner.join(30)
    assert generation.get(gen_library, s.cora, req.id).status == "done"


@pytest.mark.parametrize("path, message", [
    ("/fail", "The generator failed (HTTP 500): CUDA out of memory"),
    ("/slow", "The generator did not answer within 1 s."),
    ("/garbage", "Image 2 from the generator is not a picture: unsupported file type"),
    ("/badjson", "The generator's answer is not valid JSON"),
    ("/truncated", "Image 2 from the generator could not be added"),
    ("/nowhere", "The generator failed (HTTP 404): no such path"),
])  # fmt: skip
def test_a_failing_generator_fails_the_request_with_its_message_and_loses_nothing(gen_library, server, path, message):
    s = studio(gen_library)
    photo_bytes = read(gen_library, assets.get(gen_library.catalog.cursor(), s.photo).blob_key)
    before = snapshot(gen_library)
    req = generation.request(gen_library, s.cora, s.brand, [s.photo], "dunes", campaign_id=s.campaign)

    failed = worker.run_next(gen_library, backend(server, path))

    assert failed.status == "failed" and failed.message.startswith(message), failed.message
    assert failed.result_ids == []
    # Nothing half done: no new asset, no stray file (a /truncated first image was filed, then taken back).
    assert snapshot(gen_library) == before
    assert read(gen_library, assets.get(gen_library.catalog.cursor(), s.photo).blob_key) == photo_bytes
    assert campaigns.by_id(gen_library.catalog.cursor(), s.campaign).name == "Summer 26"
    assert events.for_entity(gen_library.catalog.cursor(), "generation", req.id)[-1]["action"] == "generation.failed"


def test_a_failed_request_is_retried_and_then_succeeds(gen_library, server):
    s = studio(gen_library)
    req = generation.request(gen_library, s.cora, s.brand, [], "a poster with the brand palette", use_anchors=True)
    assert worker.run_next(gen_library, backend(server, "/fail")).status == "failed"
    with pytest.raises(NotFound):
        generation.retry(gen_library, s.vic, req.id)  # a viewer does not even see someone else's request
    again = generation.retry(gen_library, s.cora, req.id)
    assert (again.status, again.message) == ("queued", None)
    with pytest.raises(Rejected, match="Only a failed request"):
        generation.retry(gen_library, s.cora, req.id)
    done = worker.run_next(gen_library, backend(server, "/raw"))
    assert done.status == "done" and len(done.result_ids) == 1
    assert assets.record(gen_library.catalog.cursor(), done.result_ids[0])["inputs"] == []


def test_a_request_left_running_by_a_stopped_process_is_marked_failed(gen_library, server):
    s = studio(gen_library)
    req = generation.request(gen_library, s.cora, s.brand, [s.photo], "dunes")
    with gen_library.catalog.transaction() as con:
        assert queue.claim(con, req.id, "a worker that died", events.utcnow())
    finished = worker.run_pending(gen_library)
    assert finished == []  # nothing queued; the stale one was not run again behind anyone's back
    stale = generation.get(gen_library, s.cora, req.id)
    assert stale.status == "failed" and stale.message.startswith("Interrupted")


def test_results_go_unfiled_when_the_collection_was_deleted_meanwhile(gen_library, server):
    s = studio(gen_library)
    generation.request(gen_library, s.cora, s.brand, [s.photo], "dunes", collection_id=s.collection)
    with gen_library.catalog.transaction() as con:
        collections.delete(con, s.collection)
    done = worker.run_next(gen_library)
    assert done.status == "done" and "unfiled" in done.message
    assert assets.record(gen_library.catalog.cursor(), done.result_ids[0])["collections"] == []


def test_requests_are_checked_before_they_are_queued(gen_library):
    s = studio(gen_library)
    hidden_draft = make_asset(gen_library, s.brand, 3, status="draft", creator_id=s.boss.user_id)
    foreign = make_asset(gen_library, s.other, 4, status="approved")
    trashed = make_asset(gen_library, s.brand, 5, status="approved", deleted_at=events.utcnow())
    with pytest.raises(PermissionDenied):
        generation.request(gen_library, s.vic, s.brand, [s.photo], "dunes")
    with pytest.raises(NotFound):
        generation.request(gen_library, s.cora, s.brand, [hidden_draft], "dunes")  # another's draft is invisible
    with pytest.raises(NotFound):
        generation.request(gen_library, s.cora, s.other, [foreign], "dunes")  # not a member there
    cases = [
        (dict(input_ids=[foreign]), "belongs to another brand"),
        (dict(input_ids=[trashed]), "is in the trash"),
        (dict(prompt="   "), "needs a prompt"),
        (dict(seed=2**64), "64-bit integer"),
        (dict(params={"steps": float("nan")}), "plain JSON values"),
        (dict(campaign_id=campaigns.get_or_create(gen_library.catalog.cursor(), s.other, "Theirs").id),
         "another brand"),
    ]  # fmt: skip
    for change, message in cases:
        args = {"input_ids": [s.photo], "prompt": "dunes"} | change
        with pytest.raises(Rejected, match=message):
            generation.request(gen_library, s.boss, s.brand, args.pop("input_ids"), args.pop("prompt"), **args)
    assert generation.list_requests(gen_library, s.boss) == []
    # The same library without a generator says so plainly.
    bare = dataclasses.replace(gen_library, settings=dataclasses.replace(gen_library.settings, generator_url=""))
    assert generation.generator_status(bare).configured is False
    with pytest.raises(Rejected, match="No generator is configured"):
        generation.request(bare, s.cora, s.brand, [s.photo], "dunes")


def test_people_follow_their_own_requests_and_managers_all_of_their_brands(gen_library):
    s = studio(gen_library)
    mine = generation.request(gen_library, s.cora, s.brand, [s.photo], "cora's dunes")
    theirs = generation.request(gen_library, s.boss, s.brand, [s.photo], "boss's dunes")
    assert [r.id for r in generation.list_requests(gen_library, s.cora)] == [mine.id]
    assert [r.id for r in generation.list_requests(gen_library, s.boss)] == [theirs.id, mine.id]
    assert [r.id for r in generation.list_requests(gen_library, s.boss, statuses=("done",))] == []
    with pytest.raises(NotFound):
        generation.get(gen_library, s.cora, theirs.id)
    assert generation.get(gen_library, s.boss, mine.id).prompt == "cora's dunes"


def test_the_background_worker_runs_requests_as_they_come(gen_library):
    s = studio(gen_library)
    runner = worker.start_background(gen_library, poll_seconds=30)
    try:
        assert worker.start_background(gen_library) is runner  # one per library
        req = generation.request(gen_library, s.cora, s.brand, [s.photo], "dunes")  # wakes it up
        deadline = time.monotonic() + 60
        while generation.get(gen_library, s.cora, req.id).status in ("queued", "running"):
            assert time.monotonic() < deadline, "the background worker never finished the request"
            time.sleep(0.1)
        assert generation.get(gen_library, s.cora, req.id).status == "done"
    finally:
        runner.stop(30)


def test_a_raw_image_answer_is_one_result(gen_library, server):
    s = studio(gen_library)
    generation.request(gen_library, s.cora, s.brand, [s.photo], "one dune")
    done = worker.run_next(gen_library, backend(server, "/raw"))
    stored = assets.get(gen_library.catalog.cursor(), done.result_ids[0])
    assert read(gen_library, stored.blob_key) == png((5, 5, 5))
