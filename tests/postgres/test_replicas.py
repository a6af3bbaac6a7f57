"""Two app replicas, each its own process, on one PostgreSQL catalog and one blob store, see each other's work.

Concurrent tag adds on one asset from both keep every tag and every event; concurrent renames leave one of
the two names (last writer wins) and both events.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dam.config import Settings
from dam.library import Library
from tests.factories import make_brand, make_user, png_bytes
from tests.postgres.server import CatalogUrls

REPO = Path(__file__).resolve().parents[2]


class Replica:
    """A replica process (tests/postgres/replica.py) and its JSON-lines conversation."""

    def __init__(self, data: Path, catalog: str, log: Path):
        env = {**os.environ, "PYTHONPATH": str(REPO), "DAM_DATA": str(data), "DAM_CATALOG": catalog}
        self.log = log.open("wb")
        self.process = subprocess.Popen([sys.executable, "-m", "tests.postgres.replica"], cwd=REPO, env=env, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)  # fmt: skip

    def send(self, **command) -> None:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def receive(self):
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"replica exited: {Path(self.log.name).read_text()[-2000:]}")
        answer = json.loads(line)
        if "error" in answer:
            raise AssertionError(f"replica failed: {answer['error']}\n{answer['trace']}")
        return answer["ok"]

    def call(self, **command):
        self.send(**command)
        return self.receive()

    def stop(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def together(replicas: list[Replica], commands: list[dict]) -> list:
    """Send each replica its command at once, then collect the answers."""
    for replica, command in zip(replicas, commands):
        replica.send(**command)
    return [replica.receive() for replica in replicas]


@pytest.fixture(scope="module")
def studio(postgres_server, tmp_path_factory):
    """A library on a fresh PostgreSQL database, a creator and a manager, and two warmed-up replicas."""
    urls = CatalogUrls(postgres_server)
    folder = tmp_path_factory.mktemp("replicas")
    settings = Settings(data_dir=folder / "library", catalog=urls.new())
    with Library.open(settings) as library:
        acme = make_brand(library, "Acme")
        make_user(library, "carl", {acme: "creator"})
        make_user(library, "maria", {acme: "manager"})
    replicas = [Replica(settings.data_dir, settings.catalog, folder / f"replica-{n}.log") for n in "ab"]
    try:
        assert [r.receive() for r in replicas] == ["ready", "ready"]
        assert together(replicas, [{"do": "warm"}] * 2) == [True, True]
        yield replicas, folder
    finally:
        for replica in replicas:
            replica.stop()
        urls.drop_all()


def _photo(folder: Path, name: str, seed: int) -> str:
    path = folder / name
    path.write_bytes(png_bytes(seed, (64, 48)))
    return str(path)


def test_an_upload_edit_review_and_comment_in_one_are_seen_in_the_other(studio):
    (a, b), folder = studio
    assert b.call(do="grid", **{"as": "maria", "q": "puppy"}) == []  # b loads its search caches before the upload
    added = a.call(do="upload", path=_photo(folder, "dog.png", 1), brand="Acme", **{"as": "carl"})
    assert added["status"] == "added"
    asset_id = added["asset_id"]
    assert asset_id in b.call(do="grid", **{"as": "maria"})
    assert b.call(do="grid", **{"as": "maria", "q": "puppy"}) == [asset_id]  # b's text vectors caught up by meaning
    b.call(do="rename", asset_id=asset_id, name="Golden retriever", **{"as": "maria"})
    assert a.call(do="record", asset_id=asset_id)["name"] == "Golden retriever"
    assert a.call(do="grid", **{"as": "carl", "q": "retriever"}) == [asset_id]  # a's word index follows b's edit
    assert a.call(do="status", asset_id=asset_id, status="in_review", **{"as": "carl"}) == []
    assert b.call(do="status", asset_id=asset_id, status="approved", **{"as": "maria"}) == []
    assert a.call(do="inbox", **{"as": "carl"}) == ["review.approved"]
    b.call(do="comment", asset_id=asset_id, body="Lovely light on this one", **{"as": "maria"})
    seen = a.call(do="record", asset_id=asset_id)
    assert seen["status"] == "approved" and seen["comments"] == ["Lovely light on this one"]
    assert seen["events"] == ["asset.create", "asset.rename", "asset.status", "asset.status"]


def test_concurrent_tag_adds_keep_both_and_renames_keep_one(studio):
    (a, b), folder = studio
    asset_id = a.call(do="upload", path=_photo(folder, "harbour.png", 2), brand="Acme", **{"as": "carl"})["asset_id"]
    shared = ["sunset", "harbour"]  # tags neither replica has created yet, added by both at once
    mine = {r: [f"{r}-{n}" for n in range(12)] + shared for r in "ab"}
    start = time.time() + 1.0
    failed = together([a, b], [{"do": "tag_each", "as": "maria", "asset_id": asset_id, "tags": mine[r],
                                "start_at": start} for r in "ab"])  # fmt: skip
    assert failed == [[], []]
    start = time.time() + 0.5
    together([a, b], [{"do": "rename", "as": "maria", "asset_id": asset_id, "name": f"Name from {r}", "start_at": start}
                      for r in "ab"])  # fmt: skip
    record = b.call(do="record", asset_id=asset_id)
    assert record["tags"] == sorted(set(mine["a"]) | set(mine["b"]))
    assert record["events"].count("asset.tag") == 2 * len(mine["a"])
    assert record["events"].count("asset.rename") == 2
    assert record["name"] in ("Name from a", "Name from b")
    assert a.call(do="record", asset_id=asset_id)["name"] == record["name"]
