"""The viewer in Chromium: stepping with arrows and keys, loading more near the end, zoom and pan, video, Esc."""

from __future__ import annotations

from playwright.sync_api import expect


def stage(ui):
    return ui.page.get_by_test_id("viewer-stage")


def test_arrows_and_keys_step_through_items_and_python_follows(ui):
    ui.open("viewer", "viewer-stage")
    counter = ui.page.get_by_test_id("viewer-counter")
    image = ui.page.get_by_test_id("viewer-image")
    expect(counter).to_have_text("1 of 20")
    expect(ui.page.get_by_test_id("viewer-prev")).to_be_disabled()
    expect(image).to_have_attribute("src", "/harness/img/l00.png")
    expect(image).to_have_class("media loaded")
    ui.shot("viewer")
    ui.page.get_by_test_id("viewer-next").click()
    expect(counter).to_have_text("2 of 20")
    expect(image).to_have_attribute("src", "/harness/img/l01.png")
    expect(ui.log).to_contain_text("step index=1")
    expect(ui.page.get_by_text("Showing Bottle hero final 02.png")).to_be_visible()  # the side panel followed
    ui.page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("3 of 20")
    expect(ui.log).to_contain_text("step index=2")
    ui.page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text("2 of 20")
    expect(ui.log).to_contain_text("step index=1")
    # Keys typed into a field stay in the field (once the rerun has replaced the previous asset's field).
    expect(ui.page.get_by_test_id("stTextInput")).to_have_count(1)
    ui.page.get_by_label("File name").press("ArrowRight")
    expect(counter).to_have_text("2 of 20")


def test_rapid_steps_stay_local_and_ask_for_more_near_the_end(ui):
    ui.open("viewer", "viewer-stage")
    counter = ui.page.get_by_test_id("viewer-counter")
    stage(ui).click(position={"x": 20, "y": 300})  # focus the page without a field
    for _ in range(9):
        ui.page.keyboard.press("ArrowRight")
    # Eight items were loaded; the ninth step waited for the next page, which the viewer asked for itself.
    expect(counter).to_have_text("10 of 20")
    expect(ui.log).to_contain_text("need_more loaded=16")
    expect(ui.log).to_contain_text("step index=9")
    expect(ui.page.get_by_text("Showing Logo mark final 10.png")).to_be_visible()


def test_click_toggles_zoom_wheel_zooms_drag_pans_and_double_click_fits(ui):
    ui.open("viewer", "viewer-stage")
    zoom = ui.page.get_by_test_id("viewer-zoom")
    image = ui.page.get_by_test_id("viewer-image")
    expect(image).to_have_class("media loaded")
    expect(stage(ui)).to_have_attribute("data-zoom", "fit")
    box = stage(ui).bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    ui.page.mouse.click(*centre)
    expect(stage(ui)).to_have_attribute("data-zoom", "zoomed")
    expect(zoom).to_have_text("100%")
    before = image.evaluate("i => i.style.transform")
    ui.page.mouse.move(*centre)
    ui.page.mouse.down()
    ui.page.mouse.move(centre[0] + 120, centre[1] + 60, steps=5)
    ui.page.mouse.up()
    expect(stage(ui)).to_have_attribute("data-zoom", "zoomed")  # a drag pans, it does not toggle
    assert image.evaluate("i => i.style.transform") != before
    ui.shot("viewer-zoomed")
    ui.page.mouse.click(*centre)
    expect(stage(ui)).to_have_attribute("data-zoom", "fit")
    expect(zoom).to_have_text("Fit")
    ui.page.mouse.move(*centre)
    ui.page.mouse.wheel(0, -400)
    expect(stage(ui)).to_have_attribute("data-zoom", "zoomed")
    ui.page.mouse.dblclick(*centre)
    expect(stage(ui)).to_have_attribute("data-zoom", "fit")


def test_video_plays_from_the_original_and_esc_closes(ui):
    ui.open("viewer", "viewer-stage")
    for _ in range(3):
        ui.page.get_by_test_id("viewer-next").click()
    expect(ui.page.get_by_test_id("viewer-counter")).to_have_text("4 of 20")
    expect(stage(ui)).to_have_attribute("data-kind", "video")
    video = ui.page.get_by_test_id("viewer-video")
    expect(video).to_be_visible()
    expect(video).to_have_attribute("src", "/harness/img/l03.png")
    expect(video).to_have_attribute("poster", "/harness/img/l03.png")
    ui.page.keyboard.press("Escape")
    expect(ui.log).to_contain_text("close")
    expect(ui.page.get_by_role("button", name="Open viewer")).to_be_visible()
    expect(stage(ui)).to_have_count(0)


def test_in_a_dialog_the_keys_step_and_esc_closes(ui):
    ui.page.goto("/harness_viewer?dialog=1")
    ui.page.get_by_role("button", name="Open viewer").click()
    dialog = ui.page.get_by_role("dialog")
    expect(dialog.get_by_test_id("viewer-stage")).to_be_visible()
    expect(dialog.get_by_test_id("viewer-image")).to_have_class("media loaded")
    ui.page.keyboard.press("ArrowRight")
    expect(dialog.get_by_test_id("viewer-counter")).to_have_text("2 of 20")
    expect(dialog.get_by_text("Showing Bottle hero final 02.png")).to_be_visible()
    ui.shot("viewer-dialog")
    ui.page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(ui.page.get_by_role("button", name="Open viewer")).to_be_visible()
