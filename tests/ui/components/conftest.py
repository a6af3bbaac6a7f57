"""Fixtures for the component tests: one harness server (`streamlit run`) and one headless Chromium per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.streamlit_server import CHROMIUM, CHROMIUM_ARGS, REPO, streamlit_server

HERE = Path(__file__).resolve().parent
SCREENSHOTS = REPO / "docs" / "screenshots"


@pytest.fixture(scope="session")
def harness(tmp_path_factory) -> str:
    """Base URL of the harness server; its pages live at /harness_<component>."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make sysdeps)")
    env = {"HARNESS_DIR": str(tmp_path_factory.mktemp("harness"))}
    log = tmp_path_factory.mktemp("harness-log") / "streamlit.log"
    with streamlit_server(HERE / "harness_serve.py", log, env, "--theme.primaryColor", "#4f6bed") as base:
        yield base




class Harness:
    """One browser tab on the harness, with the few moves every component test needs."""

    def __init__(self, page):
        self.page = page
        self.log = page.locator(".st-key-event-log")  # the events Python received, as text

    def open(self, name: str, ready: str) -> None:
        """Load /harness_<name> and wait until the element with data-testid `ready` is visible."""
        from playwright.sync_api import expect

        self.page.goto(f"/harness_{name}")
        expect(self.page.get_by_test_id(ready).first).to_be_visible(timeout=30_000)

    def hold_drag(self, start: tuple[float, float], *points: tuple[float, float]) -> None:
        """Press at `start` and drag through `points` without releasing, so a test can look before dropping.

        Chromium's drag emulation ignores moves made after a pause mid-drag (and some quick ones), so all the
        moves happen here in one go, a few steps each, and the pointer settles with a last small move.
        """
        mouse = self.page.mouse
        mouse.move(*start)
        mouse.down()
        for x, y in points:
            mouse.move(x, y, steps=5)
        mouse.move(points[-1][0] + 8, points[-1][1] + 3, steps=3)

    def shot(self, name: str, target=None) -> None:
        """Save docs/screenshots/components-<name>.png of the page or of one element."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (target or self.page).screenshot(path=str(SCREENSHOTS / f"components-{name}.png"), animations="disabled")


@pytest.fixture(scope="session")
def context(browser, harness):
    """One browser context for the session, so Streamlit's scripts come from its cache after the first page."""
    instance = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=harness)
    instance.set_default_timeout(15_000)
    yield instance
    instance.close()


@pytest.fixture
def ui(context):
    """A fresh tab, hence a fresh Streamlit session, on a 1440x900 window."""
    page = context.new_page()
    yield Harness(page)
    page.close()
