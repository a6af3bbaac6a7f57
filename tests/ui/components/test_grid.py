"""The asset grid in Chromium: cards and badges, opening, selection, keyboard, infinite scroll, drag to a collection."""

from __future__ import annotations

import re

from playwright.sync_api import expect



def cards(ui):
    return ui.page.get_by_test_id("asset-card")


def card(ui, asset_id: int):
    return ui.page.locator(f'[data-testid="asset-card"][data-asset-id="{asset_id}"]')


def scroll_to_the_end(ui):
    """Scroll until all 90 cards are in; returns the first card's image, marked to show it was never rebuilt."""
    first_image = card(ui, 1).locator("img")
    first_image.evaluate("img => { img.dataset.marker = 'kept'; }")
    cards(ui).last.scroll_into_view_if_needed()
    expect(cards(ui)).to_have_count(60)
    cards(ui).last.scroll_into_view_if_needed()
    expect(cards(ui)).to_have_count(90)
    return first_image


def test_grid_renders_a_page_of_cards_with_badges(ui):
    ui.open("grid", "asset-card")
    expect(cards(ui)).to_have_count(30)
    first = card(ui, 1)
    expect(first.get_by_test_id("badge-source")).to_have_text("Uploaded")
    expect(first.get_by_test_id("badge-status")).to_have_text("Approved")
    expect(first.get_by_test_id("badge-brand")).to_have_text("Northwind")
    expect(first.get_by_test_id("asset-creator")).to_have_text("Maya Chen")
    expect(card(ui, 6).get_by_test_id("badge-duration")).to_have_text("0:17")  # a video
    expect(card(ui, 9).get_by_test_id("badge-kind")).to_have_text("Document")
    # The first screenfuls load at once; further down, images wait until they near the viewport.
    expect(first.locator("img")).to_have_attribute("loading", "eager")
    expect(card(ui, 30).locator("img")).to_have_attribute("loading", "lazy")
    first.hover()
    expect(first.get_by_test_id("asset-name")).to_have_text("Coastline 001.jpg")
    expect(first.get_by_test_id("asset-dims")).to_have_text("4500 × 3000")
    card(ui, 6).hover()
    expect(card(ui, 6).get_by_test_id("asset-dims")).to_have_text(re.compile(r"^\d+ × \d+ · 0:17$"))  # a video
    first.hover()
    expect(first.get_by_test_id("asset-similar")).to_be_visible()
    expect(first.locator("img.loaded")).to_have_count(1)
    ui.shot("grid")


def test_click_opens_and_modifier_clicks_select(ui):
    ui.open("grid", "asset-card")
    previews = []
    ui.page.on("request", lambda request: "/harness/img/l" in request.url and previews.append(request.url))
    card(ui, 3).click()
    expect(ui.log).to_contain_text("open id=3 index=2")
    assert any(url.endswith("/l02.png") for url in previews)  # the viewer's preview was fetched as it opened
    card(ui, 5).click(modifiers=["Control"])
    expect(ui.log).to_contain_text("selection=[5]")
    card(ui, 8).click(modifiers=["Shift"])
    expect(ui.log).to_contain_text("selection=[5, 6, 7, 8]")
    card(ui, 1).hover()
    card(ui, 1).get_by_test_id("asset-check").click()
    expect(ui.log).to_contain_text("selection=[1, 5, 6, 7, 8]")
    card(ui, 6).click(modifiers=["Control"])
    expect(ui.log).to_contain_text("selection=[1, 5, 7, 8]")
    expect(ui.page.locator('[data-testid="asset-card"][aria-selected="true"]')).to_have_count(4)
    card(ui, 2).get_by_test_id("asset-similar").click()
    expect(ui.log).to_contain_text("similar id=2")
    card(ui, 10).hover()
    ui.shot("grid-selection")
    ui.page.keyboard.press("Escape")
    expect(ui.log).to_contain_text("selection=[]")
    expect(ui.page.locator('[data-testid="asset-card"][aria-selected="true"]')).to_have_count(0)
    ui.page.keyboard.press("Control+a")
    expect(ui.page.locator('[data-testid="asset-card"][aria-selected="true"]')).to_have_count(30)
    expect(ui.log).to_contain_text("selection=[1, 2, 3")
    # Python clearing the selection (say, after a bulk action) reaches the cards.
    expect(ui.page.get_by_text("30 selected")).to_be_visible()
    ui.page.get_by_role("button", name="Clear selection").click()
    expect(ui.page.locator('[data-testid="asset-card"][aria-selected="true"]')).to_have_count(0)


def test_keyboard_moves_focus_opens_and_toggles(ui):
    ui.open("grid", "asset-card")
    columns = ui.page.get_by_test_id("asset-grid").evaluate(
        "g => getComputedStyle(g).gridTemplateColumns.split(' ').length"
    )
    card(ui, 1).focus()
    ui.page.keyboard.press("ArrowRight")
    expect(card(ui, 2)).to_be_focused()
    ui.page.keyboard.press("ArrowDown")
    expect(card(ui, 2 + columns)).to_be_focused()
    expect(card(ui, 2 + columns)).to_have_attribute("tabindex", "0")
    expect(card(ui, 1)).to_have_attribute("tabindex", "-1")
    ui.page.keyboard.press("ArrowLeft")
    ui.page.keyboard.press("Enter")
    expect(ui.log).to_contain_text(f"open id={1 + columns} index={columns}")
    ui.page.keyboard.press("Space")
    expect(ui.log).to_contain_text(f"selection=[{1 + columns}]")
    ui.page.keyboard.press("Shift+ArrowRight")
    expect(ui.log).to_contain_text(f"selection=[{1 + columns}, {2 + columns}]")
    ui.page.keyboard.press("ArrowUp")
    expect(card(ui, 2)).to_be_focused()


def test_scrolling_to_the_end_loads_each_page_once(ui):
    ui.open("grid", "asset-card")
    expect(cards(ui)).to_have_count(30)
    first_image = scroll_to_the_end(ui)
    expect(ui.log).to_contain_text("load_more loaded=90")
    # Appending reused the existing cards: the first image element is the same node, not a re-render.
    expect(first_image).to_have_attribute("data-marker", "kept")
    ui.page.mouse.wheel(0, 2000)
    expect(ui.page.get_by_test_id("grid-loading")).to_be_hidden()
    expect(cards(ui)).to_have_count(90)
    assert "loaded=120" not in ui.log.inner_text()  # nothing more was asked for past the end


def test_dragging_cards_onto_a_collection_files_them(ui):
    ui.open("grid", "asset-card")
    reference = ui.page.locator('[data-testid="collection-row"][data-collection-id="12"]')
    expect(reference).to_be_visible()
    card(ui, 2).click(modifiers=["Control"])
    card(ui, 3).click(modifiers=["Control"])
    expect(ui.log).to_contain_text("selection=[2, 3]")
    card(ui, 3).drag_to(reference)
    expect(ui.log).to_contain_text("drop collection=12 assets=[2, 3]")
    # An unselected card travels alone; hovering the target highlights it before the drop.
    source = card(ui, 7).bounding_box()
    target = ui.page.locator('[data-testid="collection-row"][data-collection-id="9"]')
    box = target.bounding_box()
    ui.hold_drag((source["x"] + 60, source["y"] + 60), (box["x"] + 40, box["y"] + 10))
    expect(target).to_have_class(re.compile(r"\bdrop-target\b"))
    ui.shot("grid-drag-to-collection")
    ui.page.mouse.up()
    expect(ui.log).to_contain_text("drop collection=9 assets=[7]")


def test_scrolling_fetches_pages_from_the_route_without_a_rerun(ui):
    asked = []
    ui.page.on("request", lambda request: "/harness/grid-pages/" in request.url and asked.append(request.url))
    ui.open("grid_pages", "asset-card")
    first_image = scroll_to_the_end(ui)
    expect(first_image).to_have_attribute("data-marker", "kept")
    assert sorted(url.rsplit("count=", 1)[1] for url in asked) == ["30", "60"]  # each page once (the prefetch too)
    assert "load_more" not in ui.log.inner_text()  # Python was not asked
    # The page's next run (a selection) brings the fetched rows too, so the cards stay as they are.
    card(ui, 85).click(modifiers=["Control"])
    expect(ui.log).to_contain_text("selection=[85] rows=90")
    expect(cards(ui)).to_have_count(90)


def test_a_refused_page_route_falls_back_to_asking_python(ui):
    ui.page.goto("/harness_grid_pages?route=refuse")
    expect(cards(ui).first).to_be_visible()
    cards(ui).last.scroll_into_view_if_needed()  # the second page may already be asked for: the end is near
    expect(ui.log).to_contain_text("load_more loaded=60")  # the route said 403, so the grid asked Python
    expect(card(ui, 60)).to_have_count(1)
