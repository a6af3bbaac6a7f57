"""In a real browser (Playwright, Chromium) against `streamlit run serve.py`: two people mention each other on an
asset's Thread tab in the Library, and each reads the notification in their Inbox."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from dam.auth import set_password
from dam.config import Settings
from dam.library import Library
from dam.repos import assets
from dam.storage import thumb_key
from tests.factories import make_asset, make_brand, make_user
from tests.streamlit_server import CHROMIUM, REPO, sign_in, streamlit_server

PASSWORD = "correct horse battery"


def _seed(data_dir: Path) -> int:
    """Acme with Carl (creator) and Vera (viewer), each with a password, and one approved asset by Carl."""
    with Library.open(Settings(data_dir=data_dir)) as library:
        acme = make_brand(library, "Acme")
        carl = make_user(library, "carl", {acme: "creator"})
        vera = make_user(library, "vera", {acme: "viewer"})
        for person in (carl, vera):
            set_password(library, person.user_id, PASSWORD)
        asset_id = make_asset(library, acme, 1, status="approved", creator_id=carl.user_id, name="Beach hero")
        sha = assets.get(library.catalog.cursor(), asset_id).sha256
        for size, box in (("small", 400), ("large", 1600)):
            out = io.BytesIO()
            Image.new("RGB", (min(box, 640), min(box, 480)), (40, 120, 190)).save(out, "WEBP")
            library.store.put_bytes(thumb_key(sha, size), out.getvalue())
        with library.catalog.transaction() as con:
            assets.update(con, asset_id, {"thumb_small_key": thumb_key(sha, "small"), "thumb_large_key": thumb_key(sha, "large")})
        return asset_id


@pytest.fixture
def app(tmp_path_factory):
    """Base URL of the real app (pages, file and sign-in routes) over a freshly seeded library, and the asset id.
    Per attempt: a rerun (tests/conftest.py) starts again with no comments and an empty inbox."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make sysdeps)")
    data = tmp_path_factory.mktemp("threads-app") / "library"
    asset_id = _seed(data)  # closed again before the server opens it: one process holds a catalog at a time
    env = {"DAM_DATA": str(data), "DAM_WORKERS": "1"}
    with streamlit_server(REPO / "serve.py", data.parent / "streamlit.log", env) as base:
        yield base, asset_id




def signed_in(browser, base: str, handle: str):
    """A page in a browser context of its own (its own session cookie), signed in as `handle`."""
    return sign_in(browser, base, handle, PASSWORD)


def write_in_thread(page, label: str, text: str, button: str) -> None:
    """Type into the thread's comment (or reply) box and send it."""
    from playwright.sync_api import expect

    box = page.get_by_role("dialog").get_by_label(label, exact=True)
    box.fill(text)
    page.get_by_role("dialog").get_by_role("button", name=button, exact=True).last.click()
    expect(page.get_by_role("dialog").locator(".comment-body").filter(has_text=text.split("@")[0].strip())).to_be_visible()


def test_two_people_mention_each_other_and_read_the_notification(app, browser):
    from playwright.sync_api import expect

    base, asset_id = app
    vera = signed_in(browser, base, "vera")
    carl = signed_in(browser, base, "carl")

    # Vera opens the asset's Thread tab from its address and mentions Carl.
    vera.goto(f"/?asset={asset_id}&tab=thread")
    expect(vera.get_by_role("dialog").get_by_text("0 comments")).to_be_visible()
    write_in_thread(vera, "Comment", "Could you straighten the horizon, @carl?", "Comment")
    mention = vera.get_by_role("dialog").locator(".comment-body .mention")
    expect(mention).to_have_text("@carl")

    # Carl finds it in his inbox (the bell in the top bar counts it), follows the link, and replies mentioning Vera.
    carl.goto("/inbox")
    expect(carl.get_by_role("link", name="Inbox · 1", exact=True)).to_be_visible()
    # The bell is the way in: the top navigation does not list the Inbox a second time.
    expect(carl.get_by_role("link", name="Library", exact=True)).to_be_visible()
    expect(carl.get_by_role("link", name=re.compile(r"^Inbox"))).to_have_count(1)
    note = carl.get_by_text("@vera mentioned you on “Beach hero”: Could you straighten the horizon, @carl?")
    expect(note).to_be_visible()
    carl.get_by_role("link", name="Open").first.click()
    carl.wait_for_url(lambda url: f"asset={asset_id}" in url and "tab=thread" in url)  # the Library is the home page
    expect(carl.get_by_role("dialog").get_by_text("Could you straighten the horizon")).to_be_visible()
    carl.get_by_role("dialog").get_by_role("button", name="Reply").first.click()
    write_in_thread(carl, "Reply", "Done, the horizon is level now @vera", "Reply")

    # Vera reads Carl's mention in her inbox and marks everything read.
    vera.goto("/inbox")
    expect(vera.get_by_text("@carl mentioned you on “Beach hero”: Done, the horizon is level now @vera")).to_be_visible()
    expect(vera.get_by_role("button", name="Mark read")).to_have_count(1)
    vera.get_by_role("button", name="Mark all read").click()
    expect(vera.get_by_role("button", name="Mark read")).to_have_count(0)
    expect(vera.get_by_role("link", name="Inbox", exact=True)).to_have_count(1)  # the bell, without a count
    expect(vera.get_by_role("link", name=re.compile(r"^Inbox · "))).to_have_count(0)

    # The asset's card in the Library's grid shows the thread's two comments.
    vera.goto("/")
    card = vera.locator(f'[data-testid="asset-card"][data-asset-id="{asset_id}"] .comments')
    expect(card).to_have_attribute("title", "2 comments")

    # Nothing a person typed ran as a script on either page.
    assert vera.evaluate("document.querySelectorAll('.stHtml script').length") == 0

    # The bell in the top bar leads back to the Inbox (a page the navigation does not list).
    vera.get_by_role("link", name="Inbox", exact=True).click()
    vera.wait_for_url(re.compile(r"/inbox"))
    expect(vera.get_by_role("button", name="Mark all read")).to_be_visible()
