"""Generations end to end: pin -> the Brands page -> Use as input -> the worker runs -> the Gallery -> lineage.

The app runs with DAM_GENERATOR_URL pointing at a small generator served by this test: it answers the Library's
JSON protocol with real PNGs that Pillow grades from the starting image, and records what it was sent.
"""

from __future__ import annotations

import base64
import io
import re
from urllib.parse import quote

import pytest
from PIL import Image, ImageEnhance, ImageOps
from playwright.sync_api import expect

from tests.e2e.conftest import NORTHWIND, card, cards, in_brand, open_library, serve_demo, shot, sign_in
from tests.generator_server import generator_server

PROMPT = "Ridge at golden hour, film grain, warm haze"
BULK_PROMPT = "Trail bottle on wet granite, morning mist"
GRADES = (((255, 170, 80), 0.28, 1.1), ((70, 110, 190), 0.30, 0.85), ((120, 120, 120), 0.0, 1.0))  # tint, mix, light


def graded(picture: bytes, number: int) -> bytes:
    """One 'generation': the starting image re-lit and tinted (the third in black and white), as a PNG."""
    image = Image.open(io.BytesIO(picture)).convert("RGB")
    image.thumbnail((960, 960))
    tint, mix, light = GRADES[number % len(GRADES)]
    if mix:
        image = Image.blend(image, Image.new("RGB", image.size, tint), mix)
    else:
        image = ImageOps.grayscale(image).convert("RGB")
    image = ImageEnhance.Brightness(ImageEnhance.Contrast(image).enhance(1.15)).enhance(light)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def variations(body: dict) -> tuple[int, dict]:
    """Three graded PNGs of the first starting image, as a generator would answer."""
    start = base64.b64decode(body["inputs"][0]["data"])
    images = [{"data": base64.b64encode(graded(start, n)).decode(), "seed": 1000 + n} for n in range(3)]
    return 200, {"images": images, "model": "studio-diffusion-2"}


# Both fixtures are per attempt: a rerun (tests/conftest.py) starts from the seeded demo and an empty record
# instead of finding the first attempt's pins, anchors and finished requests.
@pytest.fixture
def generator():
    with generator_server(variations) as server:
        yield server


@pytest.fixture
def gen_app(demo_template, tmp_path_factory, generator):
    """The real app over a fresh copy of the demo, with the test's generator configured."""
    folder = tmp_path_factory.mktemp("e2e-generations")
    with serve_demo(demo_template, folder, DAM_GENERATOR_URL=generator.url) as served:
        yield served


def named(catalog, name: str) -> int:
    return next(i for i, r in in_brand(catalog, NORTHWIND).items() if r.name == name)


def anchor_ids(page) -> list[int]:
    """The Brands page's anchors, in kit order."""
    classes = page.locator('[class*="st-key-kit-anchor-"]').evaluate_all("els => els.map(e => e.className)")
    return [int(re.search(r"st-key-kit-anchor-(\d+)", c).group(1)) for c in classes]


def top(page) -> None:
    """Scroll the page back to its top (Streamlit scrolls its main area, not the window) for a screenshot."""
    page.mouse.move(0, 0)
    page.evaluate("document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")


def generate(dialog, prompt: str) -> None:
    """Fill the Generate panel and submit it; it says the request is queued."""
    dialog.get_by_label("Prompt", exact=True).fill(prompt)
    dialog.get_by_label("Seed", exact=True).fill("77")
    dialog.get_by_role("button", name="Generate").click()
    expect(dialog.get_by_text("Queued as request #", exact=False)).to_be_visible()


def test_pin_brand_page_use_as_input_gallery_and_lineage(browser, gen_app, generator, catalog):
    maya = sign_in(browser, gen_app, "maya.chen")
    brand = quote(NORTHWIND)
    photo, bottle, poster = (named(catalog, n) for n in ("DSCF1000", "Trail bottle 750 ml, hero on dark",
                                                         "Go Further poster, v1"))  # fmt: skip

    # Pin three assets from the bulk bar, then use two of them as input from there too.
    open_library(maya)
    for asset_id in (photo, bottle, poster):
        card(maya, asset_id).click(modifiers=["Control"])
    bar = maya.locator(".st-key-library-bulk-bar")
    expect(bar).to_contain_text("3 selected")
    bar.get_by_role("button", name="Pin to brand").click()
    expect(maya.locator(".st-key-library-notice")).to_contain_text("Pinned 3 assets")
    # The page reran: wait for the one grid it draws now, with the selection cleared, before selecting again.
    expect(cards(maya).and_(maya.locator('[aria-selected="true"]'))).to_have_count(0)
    for asset_id in (bottle, poster):
        expect(card(maya, asset_id)).to_have_count(1)
        card(maya, asset_id).click(modifiers=["Control"])
    expect(bar).to_contain_text("2 selected")  # as a person would, before acting on the selection
    bar.get_by_role("button", name="Use as input").click()
    dialog = maya.get_by_role("dialog")
    expect(dialog.get_by_text("Starting images · 2")).to_be_visible()
    dialog.get_by_label("Prompt", exact=True).fill(BULK_PROMPT)
    shot(maya, "generate-panel")
    generate(dialog, BULK_PROMPT)
    maya.keyboard.press("Escape")

    # The Brands page shows them after any anchors the kit had; move the photo first, add the logo and fonts.
    maya.goto(f"/brands?brand={brand}")
    expect(maya.locator(f".st-key-kit-anchor-{poster}")).to_be_visible()
    order = anchor_ids(maya)
    assert {photo, bottle, poster} <= set(order)
    while order[0] != photo:
        at = order.index(photo)
        maya.locator(f".st-key-brands-anchor-earlier-{photo} button").first.click()
        order[at - 1 : at + 1] = [photo, order[at - 1]]
        moved = maya.locator('[class*="st-key-kit-anchor-"]').nth(at - 1)
        expect(moved).to_have_class(re.compile(f"kit-anchor-{photo}"))
    assert anchor_ids(maya) == order
    logo = named(catalog, "northwind-logo")
    if not maya.locator(f".st-key-kit-logo-{logo}").count():  # the demo's kit may hold it already
        maya.get_by_role("button", name="Add logos").click()
        maya.get_by_test_id("stPopoverBody").get_by_test_id("stMultiSelect").locator("input").fill("northwind-logo")
        maya.get_by_role("option", name="northwind-logo", exact=False).first.click()
        maya.get_by_test_id("stPopoverBody").get_by_role("button", name="Add", exact=True).click()
    expect(maya.locator(f".st-key-kit-logo-{logo}")).to_be_visible()
    maya.get_by_text("Edit fonts").click()
    maya.get_by_label("Fonts, one per line").fill("Barlow Condensed 700\nSource Serif 4\nInter")
    maya.get_by_role("button", name="Save fonts").click()
    expect(maya.get_by_text("Source Serif 4", exact=True)).to_be_visible()
    maya.get_by_text("Edit fonts").click()  # folded again for the screenshot, once the toast has gone
    expect(maya.get_by_test_id("stToast")).to_have_count(0, timeout=20_000)
    expect(maya.get_by_test_id("kit-swatches")).to_be_visible()
    top(maya)
    shot(maya, "brands")

    maya.goto(f"/campaigns?brand={brand}")  # the demo's campaigns and how far each is from approved
    expect(maya.get_by_role("progressbar").first).to_be_visible()
    shot(maya, "campaigns")
    maya.goto(f"/brands?brand={brand}")

    # Open the photo from its anchor card: the Library's viewer; use it as input from there.
    maya.locator(f".st-key-kit-anchor-{photo}").get_by_role("link").first.click()
    dialog = maya.get_by_role("dialog")
    expect(dialog.get_by_text(f"#{photo}", exact=False)).to_be_visible()
    expect(maya.get_by_role("combobox", name="Brand")).to_have_value(NORTHWIND)  # not maya's first brand
    dialog.get_by_text("Use as input", exact=True).click()
    expect(dialog.get_by_text(f"Guidance · the brand's {len(order)} pinned anchors")).to_be_visible()
    generate(dialog, PROMPT)

    # The worker runs both; the Requests tab follows them to Done, and the results are in the Gallery.
    maya.goto(f"/gallery?brand={brand}&tab=requests")
    requests = maya.locator('[class*="st-key-generation-request-"]')
    expect(requests.filter(has_text="Done")).to_have_count(2, timeout=240_000)
    shot(maya, "gallery-requests")
    sent = {body["prompt"]: body for body in generator.received}
    assert sorted(p["asset_id"] for p in sent[BULK_PROMPT]["inputs"]) == sorted([bottle, poster])
    assert [p["asset_id"] for p in sent[PROMPT]["inputs"]] == [photo]
    assert [p["asset_id"] for p in sent[PROMPT]["anchors"]] == order and sent[PROMPT]["seed"] == 77
    maya.get_by_role("tab", name="Generations").click()
    results = cards(maya).filter(has_text="Ridge at golden hour")
    expect(results).to_have_count(3)
    expect(cards(maya).filter(has_text="Trail bottle on wet granite")).to_have_count(3)
    maya.mouse.move(0, 0)
    shot(maya, "gallery")
    maya.get_by_role("radio", name="By input asset").click()
    photo_set = maya.locator('[class*="st-key-gallery-set-"]').filter(has=maya.get_by_role("link", name="DSCF1000"))
    expect(photo_set.get_by_test_id("asset-card").filter(has_text="Ridge at golden hour")).to_have_count(3)
    shot(maya, "gallery-by-input")
    maya.get_by_role("radio", name="Newest first").click()
    expect(maya.locator('[class*="st-key-gallery-set-"]')).to_have_count(0)  # the flat grid again, alone

    # A result opens in the Library's viewer, which shows what it was made from and how.
    results.first.click()
    dialog = maya.get_by_role("dialog")
    expect(maya.get_by_role("combobox", name="Brand")).to_have_value(NORTHWIND)
    expect(dialog.get_by_test_id("viewer-counter")).to_have_text(re.compile(r"^\d+ of (?!1$)\d+$"))  # in the grid
    lineage = dialog.locator('[class*="st-key-viewer-lineage-"]')
    expect(lineage.get_by_text("Made from")).to_be_visible()
    expect(lineage.get_by_role("link", name="DSCF1000")).to_be_visible()
    expect(lineage.get_by_text(PROMPT)).to_be_visible()
    expect(lineage).to_contain_text("studio-diffusion-2")
    lineage.scroll_into_view_if_needed()
    shot(maya, "viewer-lineage")
    maya.context.close()
