"""Roles in the browser: a manager works the review queue; a viewer sees the Library without edit controls."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from dam.web import routes
from dam.web.signing import Signer, load_secret
from tests.e2e.conftest import (NORTHWIND, card, cards, in_brand, open_library, rail, settle, shot, sign_in,
                                signed_in_context, user_id)  # fmt: skip


def test_review_queue_as_a_manager(browser, app_for_attempt, catalog):
    app = app_for_attempt  # decisions cannot be taken back from the page: a rerun gets a fresh copy of the demo
    waiting = sorted(i for i, r in in_brand(catalog, NORTHWIND).items() if r.status == "in_review")
    assert len(waiting) >= 2
    # The first page this server runs is /review: Streamlit must not fall back to its legacy pages/ folder mode
    # (a sidebar listing every file in pages/, Admin included) before any run has called st.navigation.
    maya = signed_in_context(browser, app, "maya.chen").new_page()
    maya.goto("/review")
    expect(maya.get_by_text(f"{len(waiting)} waiting")).to_be_visible()
    expect(maya.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(maya.get_by_role("link", name="Library", exact=True)).to_be_visible()  # the app's own navigation, at the top
    expect(maya.get_by_text(f"1 of {len(waiting)}", exact=True)).to_be_visible()
    shot(maya, "review-queue")
    # The keyboard: J and K step through the queue; A approves the one shown.
    settle(maya)
    maya.keyboard.press("j")
    expect(maya.get_by_text(f"2 of {len(waiting)}", exact=True)).to_be_visible()
    settle(maya)
    maya.keyboard.press("k")
    expect(maya.get_by_text(f"1 of {len(waiting)}", exact=True)).to_be_visible()
    # Typing a note with an a and an x in it decides nothing: the shortcuts stay out of text boxes. The note is the
    # shown asset's own: wait for the step's rerun to replace the previous one's before typing.
    settle(maya)
    maya.get_by_label("Note").press_sequentially("a tad dark, fix")
    maya.get_by_text(f"1 of {len(waiting)}", exact=True).click()  # out of the box
    settle(maya)
    expect(maya.get_by_text(f"{len(waiting)} waiting")).to_be_visible()
    maya.keyboard.press("a")
    expect(maya.get_by_text(f"{len(waiting) - 1} waiting")).to_be_visible()
    # In bulk: pick the rest in the table, give the reason once, reject them all.
    table = maya.get_by_test_id("stDataFrame").first  # the queue; the others are submissions and counts
    settle(maya)
    table.click(position={"x": 18, "y": 36 + 32})  # the first row's selection box
    reason = maya.get_by_label("Reason (needed to reject)")
    reason.fill("The horizon is tilted: please straighten it.")
    reason.press("Enter")  # a text box hands its value over on Enter; the button waits for a reason
    maya.get_by_role("button", name="Reject selected").click()
    expect(maya.get_by_text("The queue is empty")).to_be_visible()
    maya.context.close()

    # The submitter (leo.hart created both) hears of each decision in the inbox.
    leo = sign_in(browser, app, "leo.hart")
    leo.goto("/inbox")
    inbox = leo.get_by_test_id("stMain")
    for asset_id in waiting:
        expect(inbox).to_contain_text(catalog[asset_id].name)
    expect(inbox).to_contain_text("straighten")
    leo.context.close()


def test_library_as_a_viewer(browser, app, catalog, monkeypatch):
    tom = sign_in(browser, app, "tom.baker")  # viewer of Northwind only
    open_library(tom)
    tom.reload()  # the session cookie survives a reload: still signed in, the grid comes back
    expect(cards(tom).first).to_be_visible()
    mine = in_brand(catalog, NORTHWIND)
    shown = {int(i) for i in cards(tom).evaluate_all("cs => cs.map(c => c.dataset.assetId)")}
    assert shown == {i for i, r in mine.items() if r.status != "draft"}  # drafts are their creators' own
    expect(rail(tom).get_by_text("Collections", exact=True)).to_be_visible()
    expect(tom.get_by_test_id("upload-button")).to_have_count(0)
    expect(rail(tom).get_by_role("button", name=re.compile("New"))).to_have_count(0)
    expect(rail(tom).get_by_role("button", name=re.compile("Trash"))).to_have_count(0)

    asset_id = next(iter(sorted(shown)))
    card(tom, asset_id).click(modifiers=["Control"])
    bar = tom.locator(".st-key-library-bulk-bar")
    expect(bar).to_contain_text("1 selected")
    expect(bar.get_by_role("button", name=re.compile("Delete"))).to_have_count(0)
    expect(bar.get_by_role("button", name=re.compile("Add tags"))).to_have_count(0)
    card(tom, asset_id).click()
    dialog = tom.get_by_role("dialog")
    expect(dialog.get_by_label("File name")).to_be_disabled()
    expect(dialog.get_by_text("Campaigns", exact=True)).to_have_count(0)
    expect(dialog.get_by_role("button", name=re.compile("Delete"))).to_have_count(0)
    expect(dialog.get_by_text("Pin to brand")).to_have_count(0)
    expect(dialog.get_by_label("Note")).to_have_count(0)  # no review moves: the status is only shown
    expect(dialog.get_by_text("Replace file")).to_have_count(0)
    shot(tom, "viewer-as-viewer")
    tom.context.close()

    # A direct original URL signed for Tom: his brand's asset is served, another brand's is refused.
    monkeypatch.setattr(routes.runtime, "signer", lambda: Signer(load_secret(app.data)))
    other = next(i for i, r in catalog.items() if r.brand != NORTHWIND)
    assert httpx.get(app.base + routes.original_url(asset_id, user_id("tom.baker"))).status_code == 200
    refused = httpx.get(app.base + routes.original_url(other, user_id("tom.baker")))
    assert refused.status_code == 403
