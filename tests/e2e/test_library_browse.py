"""The Library as a manager browses it: every filter kind, search, saved searches, the URL holding the view."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (NORTHWIND, attempt, card, cards, expect_ids, in_brand, open_library, rail, search,
                                settle, shot, sign_in, summary)  # fmt: skip


@pytest.fixture(scope="module")
def maya(browser, app):
    page = sign_in(browser, app, "maya.chen")  # manager of Northwind: sees its drafts too
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def northwind(catalog):
    return in_brand(catalog, NORTHWIND)


def url_query(page) -> str:
    return parse_qs(urlparse(page.url).query).get("q", [""])[0]


def toolbar(page):
    return page.locator(".st-key-library-toolbar")


def pick(page, widget, option: str) -> None:
    """Open a select or multiselect in the toolbar and choose one option from its list."""
    widget.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.mouse.click(1420, 880)  # close a list left open by clicking away (Escape would undo a selectbox's choice)


def test_grid_shows_the_brand_newest_first(maya, northwind):
    open_library(maya)
    expect_ids(maya, northwind)
    expect(maya.locator(".st-key-library-buckets")).to_contain_text(f"All assets · {len(northwind)}")
    expect(cards(maya).first.locator("img").first).to_have_js_property("complete", True)
    shot(maya, "library-grid")


def test_every_filter_kind_narrows_the_grid_and_lives_in_the_url(maya, northwind):
    open_library(maya)
    # Campaign.
    pick(maya, toolbar(maya).get_by_test_id("stSelectbox"), "Go Further 2026")
    expected = {i for i, r in northwind.items() if "Go Further 2026" in r.campaigns}
    expect_ids(maya, expected)
    expect(summary(maya)).to_contain_text(f"{len(expected)} results")
    assert "campaign:" in url_query(maya)
    # Tags, Any then All.
    summary(maya).get_by_role("button", name="Clear all").click()
    expect_ids(maya, northwind)
    tags = toolbar(maya).get_by_test_id("stMultiSelect")
    for tag in ("lake", "sunset"):
        settle(maya)  # each pick reruns the toolbar: typing into it while that run redraws it can be lost
        tags.locator("input").fill(tag)
        option = maya.get_by_role("option", name=tag, exact=True)
        expect(maya.get_by_role("option")).to_have_count(1)  # the list has filtered down to this tag alone
        option.click()
        maya.wait_for_url(lambda url, t=tag: f"tag%3A{t}" in url)
        maya.keyboard.press("Escape")
    both = {i for i, r in northwind.items() if {"lake", "sunset"} <= r.tags}
    either = {i for i, r in northwind.items() if r.tags & {"lake", "sunset"}}
    assert both != either
    expect_ids(maya, both)  # All (AND) is the default
    toolbar(maya).get_by_text("Any (OR)").click()
    expect_ids(maya, either)
    expect(summary(maya)).to_contain_text(f"{len(either)} results")
    summary(maya).get_by_role("button", name="Clear all").click()
    expect_ids(maya, northwind)
    # Source, rating and status in the More popover, which counts them.
    toolbar(maya).get_by_role("button").filter(has_text="More").click()
    popover = maya.get_by_test_id("stPopoverBody")
    popover.get_by_role("button", name="Uploaded", exact=True).click()
    uploaded = {i for i, r in northwind.items() if r.source == "uploaded"}
    expect_ids(maya, uploaded)
    popover.get_by_role("button", name="★★★★", exact=True).click()
    four = {i for i in uploaded if northwind[i].rating == 4}
    expect_ids(maya, four)
    popover.get_by_role("button", name="Approved", exact=True).click()
    approved = {i for i in four if northwind[i].status == "approved"}
    expect_ids(maya, approved)
    maya.mouse.click(1420, 880)
    expect(toolbar(maya).get_by_role("button").filter(has_text="More · 3")).to_be_visible()
    expect(summary(maya)).to_contain_text(f"{len(approved)} result")
    shot(maya, "library-filters")
    # A reload (or a shared link) reopens the same view.
    query = url_query(maya)
    assert "status:approved" in query and "source:uploaded" in query
    maya.reload()
    expect_ids(maya, approved)
    expect(summary(maya)).to_contain_text(f"{len(approved)} result")
    assert url_query(maya) == query


def test_text_form_and_name_search(maya, northwind):
    open_library(maya)
    search(maya, "status:approved tag:brand")
    expected = {i for i, r in northwind.items() if r.status == "approved" and "brand" in r.tags}
    expect_ids(maya, expected)
    expect(summary(maya)).to_contain_text(f"{len(expected)} result")
    assert "status:approved" in url_query(maya) and "tag:brand" in url_query(maya)
    # Save the view, clear it, reopen it from the rail: the same grid and summary. The name is new on each attempt
    # (a rerun could find the first attempt's still saved).
    query, said, name = url_query(maya), summary(maya).locator("p").first.inner_text(), f"Approved brand {attempt()}"
    settle(maya)
    summary(maya).get_by_role("button", name="Save search").click()
    box = maya.get_by_test_id("stPopoverBody").get_by_label("Name")
    box.fill(name)
    box.press("Enter")  # a text box hands its value over on Enter; Save waits for a name
    maya.get_by_test_id("stPopoverBody").get_by_role("button", name="Save", exact=True).click()
    saved = rail(maya).get_by_role("button", name=name)
    expect(saved).to_be_visible()
    maya.mouse.click(1420, 880)  # the popover closes
    summary(maya).get_by_role("button", name="Clear all").click()
    expect_ids(maya, northwind)
    saved.click()
    expect_ids(maya, expected)
    expect(summary(maya).locator("p").first).to_have_text(said)
    assert url_query(maya) == query
    rail(maya).get_by_role("button", name="Delete saved search").click()  # shown for the one that is open
    expect(saved).to_have_count(0)
    summary(maya).get_by_role("button", name="Clear all").click()
    expect_ids(maya, northwind)
    search(maya, "poster")
    expect(summary(maya)).to_contain_text("result")
    assert url_query(maya) == "poster"
    expect(card(maya, next(i for i, r in northwind.items() if r.name == "Go Further poster, v1"))).to_be_visible()
    maya.reload()
    expect(maya.get_by_placeholder("Search names, prompts")).to_have_value("poster")


def test_kind_creator_and_dates_are_typed_stay_editable_and_the_back_button_returns(maya, northwind):
    """Kind, creator and dates have no widget of their own: typed in the box, they stay there to be edited."""
    open_library(maya)
    box = maya.get_by_placeholder("Search names, prompts")
    handles = [r.creator for r in northwind.values() if r.creator]
    creator = max(set(handles), key=handles.count)
    search(maya, f"kind:image creator:{creator}")
    by_creator = {i for i, r in northwind.items() if r.kind == "image" and r.creator == creator}
    expect_ids(maya, by_creator)
    expect(summary(maya)).to_contain_text(f"Kind: Image · Creator: @{creator} · {len(by_creator)} result")
    settle(maya)
    expect(box).to_have_value(f"kind:image creator:{creator}")
    days = sorted({r.created_at.date() for r in northwind.values()})
    split = days[len(days) // 2]
    search(maya, f"kind:image after:{split}")  # the box is edited: the creator goes, a date comes
    recent = {i for i, r in northwind.items() if r.kind == "image" and r.created_at.date() >= split}
    expect_ids(maya, recent)
    search(maya, f"kind:video,document before:{split}")
    older = {i for i, r in northwind.items() if r.kind != "image" and r.created_at.date() < split}
    assert older and recent and by_creator and recent != by_creator
    expect_ids(maya, older)
    # The browser's back button walks back through the views, the box and the summary following.
    maya.go_back()
    expect_ids(maya, recent)
    expect(box).to_have_value(f"kind:image after:{split}")
    maya.go_back()
    expect_ids(maya, by_creator)
    expect(box).to_have_value(f"kind:image creator:{creator}")


def test_switching_brand_reloads_the_rail_and_the_grid(maya, catalog, northwind):
    open_library(maya)
    # Maya only views Lumen: she sees its assets but not other people's drafts, and no Trash.
    lumen = {i for i, r in in_brand(catalog, "Lumen Skincare").items()
             if r.status != "draft" or r.creator == "maya.chen"}  # fmt: skip
    settle(maya)
    switcher = maya.locator(".st-key-shell-top-bar").get_by_test_id("stSelectbox").locator("input")
    switcher.click()
    switcher.fill("Lumen")
    maya.keyboard.press("Enter")  # picks the one option left
    maya.wait_for_url(re.compile(r"brand=Lumen"))
    expect_ids(maya, lumen)
    expect(maya.locator(".st-key-library-buckets")).to_contain_text(f"All assets · {len(lumen)}")
    expect(rail(maya).get_by_role("button", name=re.compile("^Trash"))).to_have_count(0)
    maya.go_back()  # the brand lives in the URL too
    expect_ids(maya, northwind)
    expect(maya.locator(".st-key-library-buckets")).to_contain_text(f"All assets · {len(northwind)}")
