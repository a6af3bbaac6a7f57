"""The viewer as a manager: open from the grid, step with the keys, rate and clear the rating, tag."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import NORTHWIND, attempt, card, cards, in_brand, open_library, settle, shot, sign_in


@pytest.fixture(scope="module")
def maya(browser, app):
    page = sign_in(browser, app, "maya.chen")
    yield page
    page.context.close()


def dialog(page):
    return page.get_by_role("dialog")


class Stars:
    """st.feedback's star radios, "N out of 5 stars", drawn filled (stFeedbackButtonActive) up to the rating."""

    def __init__(self, page):
        self.page = page

    def nth(self, i: int):
        return dialog(self.page).get_by_role("radio", name=f"{i + 1} out of 5 stars", exact=True)

    @property
    def first(self):
        return self.nth(0)


def stars(page):
    return Stars(page)


def test_open_step_rate_clear_and_tag(maya, catalog):
    total = len(in_brand(catalog, NORTHWIND))
    open_library(maya)
    first = int(cards(maya).nth(0).get_attribute("data-asset-id"))
    second = int(cards(maya).nth(1).get_attribute("data-asset-id"))
    cards(maya).nth(1).click()
    counter = maya.get_by_test_id("viewer-counter")
    expect(counter).to_have_text(f"2 of {total}")
    expect(maya.get_by_test_id("viewer-stage")).to_be_visible()
    maya.keyboard.press("ArrowLeft")
    expect(counter).to_have_text(f"1 of {total}")
    expect(dialog(maya).get_by_text(f"#{first}", exact=False)).to_be_visible()  # the Info panel follows
    maya.keyboard.press("ArrowRight")
    maya.keyboard.press("ArrowRight")
    expect(counter).to_have_text(f"3 of {total}")
    maya.keyboard.press("ArrowLeft")
    expect(counter).to_have_text(f"2 of {total}")
    expect(dialog(maya).get_by_text(f"#{second}", exact=False)).to_be_visible()
    assert f"asset={second}" in maya.url

    # Rate, then click the same star again: the rating clears, and both survive a reload. Each click waits for the
    # page to settle first: a step redraws the panel a moment later, and a click on the stars it is replacing is
    # lost (the stars light up at once, before the server has the rating: a reload then drops it). Three stars,
    # or four when an earlier attempt left it at three, so the click always sets rather than clears.
    settle(maya)
    rated = 4 if dialog(maya).get_by_test_id("stFeedbackButtonActive").count() == 3 else 3
    stars(maya).nth(rated - 1).click()
    expect(stars(maya).nth(rated - 1)).to_have_attribute("data-testid", "stFeedbackButtonActive")
    expect(stars(maya).nth(rated)).to_have_attribute("data-testid", "stFeedbackButton")  # exactly that many
    settle(maya)
    maya.reload()
    expect(stars(maya).nth(rated - 1)).to_have_attribute("data-testid", "stFeedbackButtonActive")
    expect(stars(maya).nth(rated)).to_have_attribute("data-testid", "stFeedbackButton")
    settle(maya)
    stars(maya).nth(rated - 1).click()
    expect(stars(maya).nth(rated - 1)).to_have_attribute("data-testid", "stFeedbackButton")
    settle(maya)
    maya.reload()
    expect(stars(maya).first).to_be_visible()
    for i in range(5):
        expect(stars(maya).nth(i)).to_have_attribute("data-testid", "stFeedbackButton")

    # Tag it with a new tag (new on each attempt): the tag is kept and the grid filters by it.
    tag = f"e2e-hero-{attempt()}"
    settle(maya)
    box = dialog(maya).get_by_test_id("stMultiSelect").first.locator("input")
    box.fill(tag)
    maya.get_by_role("option", name=tag).click()  # "Add: e2e-hero-…", a new tag
    expect(dialog(maya).get_by_test_id("stMultiSelect").first).to_contain_text(tag)
    dialog(maya).get_by_text("File name", exact=True).click()  # closes the tag list for the picture (Esc would close the viewer)
    expect(maya.get_by_role("option", name=tag)).to_have_count(0)
    shot(maya, "viewer-info")
    maya.get_by_test_id("viewer-close").click()
    expect(dialog(maya)).to_have_count(0)
    maya.get_by_placeholder("Search names, prompts").fill(f"tag:{tag}")
    maya.get_by_placeholder("Search names, prompts").press("Enter")
    expect(cards(maya)).to_have_count(1)
    expect(card(maya, second)).to_be_visible()
