"""The Library as a manager changes it: collections in the rail, drag to file, bulk zip, delete and undo, upload.

Each test may run twice against the module's server (tests/conftest.py reruns a failed browser test): names are
new on each attempt, counts are read before the change, and the Collections page test puts its tree back first.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.e2e.conftest import (attempt, card, cards, expect_rail_count, open_library, rail, rail_count, settle,
                                shot, sign_in, tree_row)  # fmt: skip


@pytest.fixture(scope="module")
def maya(browser, app):
    page = sign_in(browser, app, "maya.chen")
    yield page
    page.context.close()


def popover(page):
    return page.get_by_test_id("stPopoverBody")


def select_cards(page, ids) -> None:
    for asset_id in ids:
        card(page, asset_id).click(modifiers=["Control"])
    expect(page.locator(".st-key-library-bulk-bar")).to_contain_text(f"{len(ids)} selected")


def move_into(page, parent: str) -> None:
    """Move the collection open in the Library into `parent` through the rail's Manage menu."""
    rail(page).get_by_role("button", name=re.compile("Manage")).click()
    chooser = popover(page).get_by_test_id("stSelectbox").locator("input")
    chooser.click()
    chooser.fill(parent)
    page.keyboard.press("Enter")  # picks the one option left; the popover stays open
    expect(chooser).to_have_value(parent)
    popover(page).get_by_role("button", name="Move", exact=True).click()


def test_create_file_by_drag_rename_move_and_delete_a_collection(maya):
    suffix = attempt()
    picks, selects = f"E2E picks {suffix}", f"E2E selects {suffix}"
    open_library(maya)
    total = rail_count(maya, "All assets")
    settle(maya)  # before each typing into a popover: a rerun redrawing it could drop what was typed
    rail(maya).get_by_role("button", name=re.compile("New")).click()
    popover(maya).get_by_label("Name").fill(picks)
    popover(maya).get_by_role("button", name="Create collection").click()
    expect(tree_row(maya, picks)).to_have_attribute("aria-selected", "true")
    assert re.search(r"[?&]c=\d+", maya.url)
    expect(tree_row(maya, picks).get_by_test_id("collection-count")).to_have_text("0")

    # Drag two selected cards from All assets onto it.
    rail(maya).get_by_role("button", name=re.compile("^All assets")).click()
    expect(cards(maya)).to_have_count(total)
    first, second = (int(cards(maya).nth(i).get_attribute("data-asset-id")) for i in (0, 1))
    select_cards(maya, [first, second])
    card(maya, second).drag_to(tree_row(maya, picks))
    expect(tree_row(maya, picks).get_by_test_id("collection-count")).to_have_text("2")
    tree_row(maya, picks).click()
    expect(cards(maya)).to_have_count(2)

    # Rename and move it under Brand through the Manage menu.
    settle(maya)
    rail(maya).get_by_role("button", name=re.compile("Manage")).click()
    popover(maya).get_by_label("Rename").fill(selects)
    popover(maya).get_by_role("button", name="Save name").click()
    expect(tree_row(maya, selects)).to_be_visible()
    maya.mouse.click(1420, 880)
    settle(maya)
    move_into(maya, "Brand")
    expect(tree_row(maya, selects)).to_have_attribute("aria-level", "2")
    expect(cards(maya)).to_have_count(2)

    # Delete it: the grouping goes, the assets stay.
    maya.mouse.click(1420, 880)
    rail(maya).get_by_role("button", name=re.compile("Manage")).click()
    popover(maya).get_by_role("button", name="Delete collection").click()
    expect(tree_row(maya, selects)).to_have_count(0)
    expect(cards(maya)).to_have_count(total)


def test_bulk_zip_holds_the_originals(maya, catalog):
    open_library(maya)
    ids = [int(cards(maya).nth(i).get_attribute("data-asset-id")) for i in (0, 2, 3)]
    select_cards(maya, ids)
    shot(maya, "library-bulk-bar")
    # The link targets a new tab; the attachment closes it at once and Chromium hands the download to this page.
    with maya.expect_download() as download:
        maya.locator(".st-key-library-bulk-bar").get_by_role("link", name=re.compile("Download zip")).click()
    assert download.value.suggested_filename == "library-selection.zip"
    with zipfile.ZipFile(download.value.path()) as archive:
        manifest = list(csv.DictReader(io.TextIOWrapper(archive.open("manifest.csv"), encoding="utf-8-sig")))
        entries = {int(row["id"]): row["entry"] for row in manifest}
        assert sorted(entries) == sorted(ids)
        assert sorted(archive.namelist()) == sorted(["manifest.csv", *entries.values()])
        for asset_id, entry in entries.items():
            assert hashlib.sha256(archive.read(entry)).hexdigest() == catalog[asset_id].sha256, entry


def test_delete_from_the_bulk_bar_and_undo(maya):
    open_library(maya)
    total, trashed = rail_count(maya, "All assets"), rail_count(maya, "Trash")
    ids = [int(cards(maya).nth(i).get_attribute("data-asset-id")) for i in (1, 4)]
    select_cards(maya, ids)
    maya.locator(".st-key-library-bulk-bar").get_by_role("button", name=re.compile("Delete")).click()
    expect(cards(maya)).to_have_count(total - 2)
    expect(card(maya, ids[0])).to_have_count(0)
    expect_rail_count(maya, "Trash", trashed + 2)
    maya.get_by_role("button", name=re.compile("Undo delete")).click()
    expect(cards(maya)).to_have_count(total)
    expect(card(maya, ids[0])).to_be_visible()
    expect_rail_count(maya, "Trash", trashed)


def test_upload_a_batch_with_one_bad_file(maya, tmp_path):
    files, suffix = [], attempt()
    for n, colour in enumerate(((200, 80, 40), (30, 140, 90))):
        path = tmp_path / f"e2e-upload-{n}.{'png' if n else 'jpg'}"
        picture = Image.new("RGB", (320, 200), colour)
        ImageDraw.Draw(picture).text((12, 12), suffix, fill=(255, 255, 255))  # new bytes on each attempt: no duplicate
        picture.save(path)
        files.append(path)
    bad = tmp_path / "e2e-broken.jpg"
    bad.write_bytes(b"this is not a jpeg at all" * 20)
    files.append(bad)
    open_library(maya)
    total = rail_count(maya, "All assets")
    # Upload while viewing the Shoots collection: "File uploads into “Shoots”" is on, so the new assets land there.
    tree_row(maya, "Shoots").click()
    expect(tree_row(maya, "Shoots")).to_have_attribute("aria-selected", "true")
    settle(maya)
    direct = cards(maya).count()
    expect(rail(maya).get_by_label("File uploads into “Shoots”")).to_be_checked()
    maya.get_by_test_id("upload-input").set_input_files([str(f) for f in files])
    results = maya.get_by_test_id("upload-result")
    expect(results).to_have_count(3)
    expect(maya.locator('[data-testid="upload-result"][data-status="added"]')).to_have_count(2)
    rejected = maya.locator('[data-testid="upload-result"][data-status="rejected"]')
    expect(rejected).to_have_count(1)
    expect(rejected).to_have_attribute("data-path", "e2e-broken.jpg")
    expect_rail_count(maya, "All assets", total + 2)
    expect(cards(maya)).to_have_count(direct + 2)
    rail(maya).get_by_role("button", name=re.compile("^All assets")).click()
    expect(cards(maya)).to_have_count(total + 2)


def collections_page(page):
    """Open the Collections page; returns a finder of its tree's rows by name."""
    page.goto("/collections?brand=Northwind%20Outdoor")
    main = page.get_by_test_id("stMain")
    row = lambda name: main.get_by_test_id("collection-row").filter(has=page.locator(f'text="{name}"'))  # noqa: E731
    expect(row("Marketing")).to_be_visible()
    return row


def move_design_back_to_the_top(page, row) -> None:
    """Undo an earlier attempt's drag: open Design (inside Marketing) in the Library, move it to the top level."""
    row("Marketing").get_by_test_id("collection-toggle").click()
    design = row("Design").get_attribute("data-collection-id")
    row("Marketing").get_by_test_id("collection-toggle").click()  # closed again, as the test expects to find it
    page.goto(f"/?brand=Northwind%20Outdoor&c={design}")  # its assets sit in its sub-collections: no cards to await
    expect(tree_row(page, "Design")).to_have_attribute("aria-selected", "true")
    settle(page)
    move_into(page, "Top level")
    expect(tree_row(page, "Design")).to_have_attribute("aria-level", "1")


def test_collections_page_covers_drag_to_move_and_open_in_the_library(maya):
    row = collections_page(maya)
    if not row("Design").count():  # a first attempt left it inside Marketing
        move_design_back_to_the_top(maya, row)
        row = collections_page(maya)
    cover_cards = maya.locator('[class*="st-key-collection-card-"]')
    expect(cover_cards.first).to_be_visible()
    settle(maya)
    drawn = cover_cards.locator("img").evaluate_all("imgs => imgs.filter(i => i.complete && i.naturalWidth > 0).length")
    assert drawn >= 3  # real thumbnails, fetched through the signed thumbnail route
    shot(maya, "collections")
    marketing_id = row("Marketing").get_attribute("data-collection-id")
    marketing_before = int(row("Marketing").get_by_test_id("collection-count").inner_text())
    design_total = int(row("Design").get_by_test_id("collection-count").inner_text())
    # Drag Design onto Marketing: it moves inside it, and Marketing's rolled-up count takes Design's assets.
    row("Design").drag_to(row("Marketing"))
    expect(row("Design")).to_have_count(0)  # inside the closed Marketing now
    settle(maya)
    maya.reload()
    expect(row("Marketing")).to_be_visible()
    row("Marketing").get_by_test_id("collection-toggle").click()
    expect(row("Design")).to_have_attribute("aria-level", "2")
    row("Marketing").get_by_test_id("collection-toggle").click()
    expect(row("Marketing").get_by_test_id("collection-count")).to_have_text(str(marketing_before + design_total))
    # Open in Library on Marketing's card: the Library shows it with its sub-collections rolled up.
    marketing = maya.locator(f".st-key-collection-card-{marketing_id}")
    total = int(re.search(r"(\d+) assets?", marketing.inner_text()).group(1))
    assert total == marketing_before + design_total  # no asset sits in both
    marketing.get_by_role("link", name="Open in Library").click()
    maya.wait_for_url(re.compile(rf"[?&]c={marketing_id}"))
    assert "nested=1" in maya.url
    expect(cards(maya)).to_have_count(total)
    expect(tree_row(maya, "Marketing")).to_have_attribute("aria-selected", "true")
