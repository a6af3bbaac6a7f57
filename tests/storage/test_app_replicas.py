"""Two real app servers (`streamlit run serve.py`, as `make run`) on two ports, one PostgreSQL catalog and one
SeaweedFS store, driven by Chromium: what one does, the other shows; edits made through both at once keep both.

The upload goes through server A's upload route (the Library's upload zone); B serves the stored original and
thumbnail through its signed file routes, and its grid and viewer show A's rename, approval and comment. Then
two people tag and file the same asset through A and B at the same moment: both tags and both collections stay,
and the event log has each change once.
"""

from __future__ import annotations

import io
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from PIL import Image

from dam.auth import set_password
from dam.config import Settings
from dam.library import Library
from dam.repos import collections, events, tags, users
from dam.web.signing import Signer, load_secret
from tests.factories import make_brand, make_user
from tests.postgres.server import CatalogUrls
from tests.e2e.conftest import settle
from tests.storage.conftest import BUCKET
from tests.streamlit_server import CHROMIUM, REPO, sign_in, streamlit_server

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def replicas(postgres_server, seaweed, tmp_path_factory):
    """Base URLs of servers A and B, each with a library folder of its own (same storage.json and .secret), on
    one catalog database and one bucket prefix; and that catalog's settings for the test's own checks."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make sysdeps)")
    urls = CatalogUrls(postgres_server)
    root = tmp_path_factory.mktemp("app-replicas")
    env = {**seaweed.env(), "DAM_STORAGE": f"s3://{BUCKET}/{uuid.uuid4().hex[:12]}", "DAM_CATALOG": urls.new(),
           "DAM_WORKERS": "1"}  # fmt: skip
    settings = Settings(data_dir=root / "a", catalog=env["DAM_CATALOG"], storage=env["DAM_STORAGE"])
    with pytest.MonkeyPatch.context() as patch:
        for name, value in seaweed.env().items():
            patch.setenv(name, value)
        with Library.open(settings) as library:
            acme = make_brand(library, "Acme")
            for handle in ("maria", "nora"):
                set_password(library, make_user(library, handle, {acme: "manager"}).user_id, PASSWORD)
            with library.catalog.transaction() as con:
                for name in ("Shoots", "Picks"):
                    collections.create(con, acme, name)
    load_secret(settings.data_dir)
    (root / "b").mkdir()
    for name in ("storage.json", ".secret"):  # what every replica's folder shares (docs/deploy.md)
        shutil.copy2(settings.data_dir / name, root / "b" / name)
    try:
        with ExitStack() as servers:
            yield _start_both(servers, root, env), settings, env
    finally:
        urls.drop_all()


def _start_both(servers: ExitStack, root: Path, env: dict[str, str]) -> list[str]:
    """Start servers A and B side by side (each takes seconds to come up); both are stopped with `servers`."""
    starting = [streamlit_server(REPO / "serve.py", root / f"{n}.log", {**env, "DAM_DATA": str(root / n)}) for n in "ab"]
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(server.__enter__) for server in starting]
        wait(futures)
    for server, future in zip(starting, futures):
        if future.exception() is None:
            servers.push(server.__exit__)
    return [future.result() for future in futures]  # raises the first start that failed


@pytest.fixture(scope="module")
def uploaded(replicas, browser, tmp_path_factory) -> dict:
    """A photo uploaded by Maria through server A's upload zone (so its upload route): its id and bytes."""
    from playwright.sync_api import expect

    (a, _), _, _ = replicas
    path = tmp_path_factory.mktemp("photo") / "golden-dog.jpg"
    Image.new("RGB", (320, 200), (200, 150, 60)).save(path, quality=90)
    page = sign_in(browser, a, "maria", PASSWORD)
    page.goto("/?brand=Acme")
    page.get_by_test_id("upload-input").set_input_files([str(path)])
    expect(page.locator('[data-testid="upload-result"][data-status="added"]')).to_have_count(1)
    card = page.get_by_test_id("asset-card")
    expect(card).to_have_count(1)
    asset_id = int(card.get_attribute("data-asset-id"))
    yield {"id": asset_id, "bytes": path.read_bytes(), "page": page}
    page.context.close()


def dialog(page):
    return page.get_by_role("dialog")


def _catalog(replicas):
    _, settings, env = replicas
    with pytest.MonkeyPatch.context() as patch:
        for name in ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            patch.setenv(name, env[name])
        return Library.open(settings)


def test_an_upload_edit_review_and_comment_through_a_are_seen_through_b(replicas, uploaded, browser):
    from playwright.sync_api import expect

    (_, b), settings, _ = replicas
    asset_id, page = uploaded["id"], uploaded["page"]
    signer = Signer(load_secret(settings.data_dir))
    with httpx.Client(base_url=b, timeout=30) as http:  # B streams A's upload from the store
        original = http.get(signer.sign(f"/files/original/{asset_id}", 1))
        assert original.status_code == 200 and original.content == uploaded["bytes"]
        thumb = http.get(signer.sign(f"/files/thumb/{asset_id}/small", 1))
        assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/webp"
        assert Image.open(io.BytesIO(thumb.content)).size[0] > 0

    # Through A: rename, submit and approve, comment.
    page.goto(f"/?brand=Acme&asset={asset_id}")
    settle(page)
    name = dialog(page).get_by_label("File name")
    name.fill("Golden retriever")
    name.press("Enter")
    settle(page)
    dialog(page).get_by_role("button", name="Submit for review").click()
    settle(page)
    dialog(page).get_by_role("button", name="Approved", exact=True).click()
    expect(dialog(page).get_by_text("Status · Approved")).to_be_visible()
    page.goto(f"/?brand=Acme&asset={asset_id}&tab=thread")
    settle(page)
    dialog(page).get_by_label("Comment", exact=True).fill("Lovely light on this one")
    dialog(page).get_by_role("button", name="Comment", exact=True).last.click()
    expect(dialog(page).locator(".comment-body").filter(has_text="Lovely light")).to_be_visible()

    # Through B: the grid finds it by its new name, status and open thread; the viewer shows the comment.
    other = sign_in(browser, b, "nora", PASSWORD)
    try:
        other.goto("/?brand=Acme&q=retriever status:approved thread:open")
        cards = other.get_by_test_id("asset-card")
        expect(cards).to_have_count(1)
        assert cards.get_attribute("data-asset-id") == str(asset_id)
        other.goto(f"/?brand=Acme&asset={asset_id}&tab=thread")
        expect(dialog(other).locator(".comment-body").filter(has_text="Lovely light on this one")).to_be_visible()
    finally:
        other.context.close()


def test_tags_and_collections_added_through_both_at_once_are_all_kept(replicas, uploaded, browser):
    from playwright.sync_api import expect

    (_, b), _, _ = replicas
    asset_id, maria = uploaded["id"], uploaded["page"]
    nora = sign_in(browser, b, "nora", PASSWORD)
    try:
        pages = {"a": maria, "b": nora}
        for page in pages.values():
            page.goto(f"/?brand=Acme&asset={asset_id}")
            expect(dialog(page).get_by_label("File name")).to_be_visible()
            settle(page)
        # Each types into its box first; then the two picks are clicked back to back, so both servers run
        # their change at the same moment.
        for field, picks in ((0, {"a": "from-a", "b": "from-b"}), (1, {"a": "Shoots", "b": "Picks"})):
            boxes = {r: dialog(p).get_by_test_id("stMultiSelect").nth(field) for r, p in pages.items()}
            for r, page in pages.items():
                boxes[r].locator("input").fill(picks[r])
                expect(page.get_by_role("option", name=picks[r])).to_be_visible()
            for r, page in pages.items():
                page.get_by_role("option", name=picks[r]).click()
            for r in pages:
                expect(boxes[r]).to_contain_text(picks[r])
            for page in pages.values():
                settle(page)
    finally:
        nora.context.close()

    with _catalog(replicas) as library:
        con = library.catalog.cursor()
        assert {"from-a", "from-b"} <= set(tags.for_asset(con, asset_id))
        assert set(collections.paths_for_asset(con, asset_id)) == {"Shoots", "Picks"}
        history = [(e["action"], e["actor_id"]) for e in events.for_entity(con, "asset", asset_id)]
        people = [users.by_handle(con, handle).id for handle in ("maria", "nora")]
        for action in ("asset.tag", "asset.file"):
            assert sorted(actor for act, actor in history if act == action) == people, history
