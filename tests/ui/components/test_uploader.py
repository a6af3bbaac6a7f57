"""The uploader in Chromium: real file input, per-file results, size limit, duplicates and page-wide folder drops."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import expect


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="PNG")
    return out.getvalue()


def result(ui, path: str):
    return ui.page.locator(f'[data-testid="upload-result"][data-path="{path}"]')


def test_a_batch_through_the_file_input_shows_each_result_and_reports_done(ui):
    ui.open("uploader", "upload-button")
    ui.page.get_by_test_id("upload-input").set_input_files([
        {"name": "coast.png", "mimeType": "image/png", "buffer": png((200, 120, 80))},
        {"name": "bottle.png", "mimeType": "image/png", "buffer": png((40, 90, 200))},
        {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"not an image"},
    ])  # fmt: skip
    panel = ui.page.get_by_test_id("upload-progress")
    expect(panel).to_be_visible()
    expect(ui.page.get_by_test_id("upload-result")).to_have_count(3)
    expect(result(ui, "coast.png")).to_have_attribute("data-status", "added")
    expect(result(ui, "bottle.png")).to_have_attribute("data-status", "added")
    expect(result(ui, "notes.txt")).to_have_attribute("data-status", "rejected")
    expect(result(ui, "notes.txt")).to_contain_text("unsupported file type")
    expect(ui.page.get_by_test_id("upload-summary")).to_have_text("2 added · 1 rejected")
    expect(ui.log).to_contain_text("done coast.png:added, bottle.png:added, notes.txt:rejected")
    ui.shot("uploader")
    ui.page.get_by_test_id("upload-dismiss").click()
    expect(panel).to_be_hidden()


def test_oversized_files_are_refused_in_the_browser_repeats_are_duplicates_and_folders_keep_paths(ui, tmp_path):
    ui.open("uploader", "upload-button")
    picture = png((10, 160, 90))
    ui.page.get_by_test_id("upload-input").set_input_files([
        {"name": "a.png", "mimeType": "image/png", "buffer": picture},
        {"name": "huge.tif", "mimeType": "image/tiff", "buffer": b"\0" * 2_100_000},
    ])  # fmt: skip
    expect(result(ui, "huge.tif")).to_have_attribute("data-status", "rejected")
    expect(result(ui, "huge.tif")).to_contain_text("larger than the 1.9 MB limit")
    expect(ui.log).to_contain_text("done a.png:added, huge.tif:rejected")
    ui.page.get_by_test_id("upload-input").set_input_files([{"name": "again.png", "mimeType": "image/png", "buffer": picture}])
    expect(result(ui, "again.png")).to_have_attribute("data-status", "duplicate")
    expect(ui.log).to_contain_text("done again.png:duplicate")
    shoot = tmp_path / "shoot"
    (shoot / "selects").mkdir(parents=True)
    (shoot / "wide.png").write_bytes(png((90, 30, 140)))
    (shoot / "selects" / "close.png").write_bytes(png((250, 200, 40)))
    (shoot / ".DS_Store").write_bytes(b"litter")
    ui.page.get_by_test_id("upload-folder-input").set_input_files(shoot)
    expect(ui.page.get_by_test_id("upload-result")).to_have_count(2)
    expect(result(ui, "shoot/selects/close.png")).to_have_attribute("data-status", "added")
    expect(result(ui, "shoot/wide.png")).to_have_attribute("data-status", "added")


def test_files_dropped_anywhere_show_the_overlay_and_upload_with_their_folder_path(ui):
    ui.open("uploader", "upload-button")
    overlay = ui.page.get_by_test_id("upload-overlay")
    expect(overlay).to_be_hidden()
    # A drag of our own assets (as from the grid) must not look like an upload.
    ui.page.evaluate("""() => {
        const dt = new DataTransfer();
        dt.setData('application/x-library-assets', '{"asset_ids": [1]}');
        document.body.dispatchEvent(new DragEvent('dragenter', {dataTransfer: dt, bubbles: true, composed: true}));
    }""")
    expect(overlay).to_be_hidden()
    ui.page.evaluate("""() => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array([1, 2, 3, 4])], 'dropped.png', {type: 'image/png'}));
        window.__drop = dt;
        document.body.dispatchEvent(new DragEvent('dragenter', {dataTransfer: dt, bubbles: true, composed: true}));
    }""")
    expect(overlay).to_be_visible()
    expect(overlay).to_contain_text("Drop to upload")
    ui.shot("uploader-drop")
    ui.page.evaluate("""() => document.body.dispatchEvent(
        new DragEvent('drop', {dataTransfer: window.__drop, bubbles: true, cancelable: true, composed: true}))""")
    expect(overlay).to_be_hidden()
    expect(result(ui, "dropped.png")).to_have_attribute("data-status", "added")
    expect(ui.log).to_contain_text("done dropped.png:added")
