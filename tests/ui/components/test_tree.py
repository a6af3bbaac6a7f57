"""The collections tree in Chromium: expand/collapse with counts, selection, re-parenting and its refusals."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def row(ui, collection_id: int):
    return ui.page.locator(f'[data-testid="collection-row"][data-collection-id="{collection_id}"]')


def test_ancestors_of_the_selection_open_and_chevrons_toggle_with_rollup_counts(ui):
    ui.open("tree", "collection-row")
    # "Studio stills" (7) is selected, so Campaigns (4) and Summer 2026 (5) start open.
    expect(row(ui, 7)).to_have_attribute("aria-selected", "true")
    expect(row(ui, 6)).to_be_visible()
    expect(row(ui, 2)).to_have_count(0)  # Brand kit stays closed
    campaigns = row(ui, 4)
    expect(campaigns.get_by_test_id("collection-count")).to_have_text("0")
    ui.shot("tree", ui.page.get_by_test_id("collection-tree"))
    campaigns.get_by_test_id("collection-toggle").click()
    expect(campaigns).to_have_attribute("aria-expanded", "false")
    expect(row(ui, 5)).to_have_count(0)
    expect(campaigns.get_by_test_id("collection-count")).to_have_text("114")  # 0 + 18 + 64 + 23 + 9
    campaigns.get_by_test_id("collection-toggle").click()
    expect(row(ui, 6)).to_be_visible()
    # Keyboard: Right opens a closed folder, Enter selects.
    row(ui, 1).focus()
    ui.page.keyboard.press("ArrowRight")
    expect(row(ui, 2)).to_be_visible()
    ui.page.keyboard.press("ArrowRight")
    ui.page.keyboard.press("Enter")
    expect(ui.log).to_contain_text("select id=2")


def test_click_selects(ui):
    ui.open("tree", "collection-row")
    row(ui, 9).click()
    expect(ui.log).to_contain_text("select id=9")
    expect(row(ui, 9)).to_have_attribute("aria-selected", "true")
    expect(row(ui, 7)).to_have_attribute("aria-selected", "false")


def test_a_collection_cannot_move_under_itself_but_can_move_elsewhere(ui):
    ui.open("tree", "collection-row")
    campaigns, beach = row(ui, 4), row(ui, 6)
    # Hover Campaigns over its own grandchild: no highlight, and dropping does nothing.
    start, target = campaigns.bounding_box(), beach.bounding_box()
    ui.hold_drag((start["x"] + 60, start["y"] + 12), (target["x"] + 80, target["y"] + 12))
    expect(campaigns).to_have_class(re.compile(r"\bdragging\b"))
    expect(beach).not_to_have_class(re.compile(r"\bdrop-target\b"))
    expect(ui.page.get_by_test_id("collection-root-drop")).to_be_hidden()  # already at the top level
    ui.page.mouse.up()
    row(ui, 8).drag_to(row(ui, 9))
    expect(ui.log).to_contain_text("reparent id=8 parent=9")
    expect(row(ui, 8)).to_have_count(0)  # now inside the closed "Product"
    # The "Move to top level" zone appears under the tree once a nested collection is dragged; it cannot be
    # measured mid-drag (see hold_drag), so its place is worked out from the tree before starting.
    beach_box, tree_box = beach.bounding_box(), ui.page.get_by_test_id("collection-tree").bounding_box()
    bottom = tree_box["y"] + tree_box["height"]
    ui.hold_drag((beach_box["x"] + 80, beach_box["y"] + 12), (beach_box["x"] + 90, beach_box["y"] + 30), (tree_box["x"] + 60, bottom + 22))
    root_drop = ui.page.get_by_test_id("collection-root-drop")
    expect(root_drop).to_have_class(re.compile(r"\bdrop-target\b"))
    ui.shot("tree-move", ui.page.get_by_test_id("collection-tree").locator(".."))
    ui.page.mouse.up()
    expect(ui.log).to_contain_text("reparent id=6 parent=None")
    expect(row(ui, 6)).to_have_attribute("aria-level", "1")
    assert "reparent id=4" not in ui.log.inner_text()
