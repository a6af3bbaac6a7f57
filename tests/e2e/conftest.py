"""End-to-end fixtures: the real app (`streamlit run serve.py`) over a small demo library, driven by Chromium.

The demo is seeded once per session into a template folder; each test module gets a fresh copy of it and one
server, and the session shares one browser. Pages sign in through the /auth/signin form like a person would.
"""

from __future__ import annotations

import re
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from dam.config import Settings
from dam.demo import seed
from dam.demo.brands import PASSWORD
from dam.library import Library
from tests.streamlit_server import CHROMIUM, REPO, streamlit_server
from tests.streamlit_server import sign_in as sign_in_as

SCALE = 0.02  # about nine assets per brand: every status, source and kind
SCREENSHOTS = REPO / "docs" / "screenshots"
VIEWPORT = {"width": 1440, "height": 900}


@dataclass
class App:
    """One running server over its own copy of the demo library."""

    base: str
    data: Path

    def library(self) -> Library:
        """Open the catalog read-only from the test (DuckDB lets a second process read while the app writes)."""
        return Library.open(Settings(data_dir=self.data), read_only=True)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make sysdeps)")
    data = tmp_path_factory.mktemp("e2e-demo") / "library"
    with Library.open(Settings(data_dir=data)) as library:
        seed.seed(library, scale=SCALE)
    return data


@contextmanager
def serve_demo(template: Path, folder: Path, **env: str) -> Iterator[App]:
    """A server over a fresh copy of the demo library, made in `folder`."""
    data = folder / "library"
    shutil.copytree(template, data)
    env = {"DAM_DATA": str(data), "DAM_WORKERS": "1", **env}
    with streamlit_server(REPO / "serve.py", folder / "streamlit.log", env) as base:
        yield App(base, data)


@pytest.fixture(scope="module")
def app(demo_template, tmp_path_factory):
    """A server over a fresh copy of the demo library, for the tests of one module."""
    with serve_demo(demo_template, tmp_path_factory.mktemp("e2e-app")) as served:
        yield served


@pytest.fixture
def app_for_attempt(request, app, demo_template, tmp_path_factory):
    """The module's server on a test's first attempt; on its rerun (tests/conftest.py) a fresh copy of the demo
    with a server of its own, for a test whose changes the page cannot undo (decisions in the review queue)."""
    if getattr(request.node, "execution_count", 1) <= 1:
        yield app
        return
    with serve_demo(demo_template, tmp_path_factory.mktemp("e2e-rerun")) as served:
        yield served


def attempt() -> str:
    """A suffix of its own for each attempt of a test: names it creates never meet those of an earlier attempt,
    which a rerun finds still in the module's library."""
    return uuid.uuid4().hex[:6]


def sign_in(browser, app: App, handle: str):
    """A page in a context of its own (its own session cookie), signed in as `handle` through the form."""
    return sign_in_as(browser, app.base, handle, PASSWORD, VIEWPORT)


# The app is idle (Streamlit shows its status widget while a script runs) and every picture in view is drawn,
# looking inside the components' shadow roots too.
SETTLED = """() => {
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const images = [];
  const walk = (root) => {
    images.push(...root.querySelectorAll('img'));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  walk(document);
  return images.every((img) => {
    const box = img.getBoundingClientRect();
    const inView = box.width > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    return !inView || !img.getAttribute('src') || img.complete;
  });
}"""


def settle(page) -> None:
    """Wait until the page has settled: checked twice, 0.3 s apart, as a click's rerun can start just after the
    previous one ended. Typing into a widget that a rerun is redrawing can lose the typed text."""
    for _ in range(2):
        page.wait_for_function(SETTLED)
        page.wait_for_timeout(300)


def signed_in_context(browser, app: App, handle: str):
    """A browser context holding `handle`'s session cookie, got by posting the sign-in form through the context's
    own request API: no page has been opened, so a test chooses the first page the server runs."""
    context = browser.new_context(viewport=VIEWPORT, base_url=app.base)
    context.set_default_timeout(30_000)
    answer = context.request.post("/auth/signin", form={"handle": handle, "password": PASSWORD}, max_redirects=0)
    assert answer.status == 303, answer.text()
    return context


def shot(page, name: str) -> None:
    """Save docs/screenshots/<name>.png of the whole window once the page has settled."""
    settle(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), animations="disabled")


@dataclass(frozen=True)
class Row:
    """One asset of the demo as seeded (every module's copy starts from the same catalog)."""

    id: int
    name: str
    brand: str
    status: str
    source: str
    rating: int | None
    sha256: str
    kind: str
    creator: str | None  # the creator's handle
    created_at: object  # a datetime
    tags: frozenset[str]
    campaigns: frozenset[str]


@pytest.fixture(scope="session")
def catalog(demo_template) -> dict[int, Row]:
    """The demo's assets by id, read from the template before any server opens a copy of it."""
    with Library.open(Settings(data_dir=demo_template), read_only=True) as library:
        con = library.catalog.cursor()
        tags = con.execute("SELECT x.asset_id, t.name FROM asset_tags x JOIN tags t ON t.id = x.tag_id").fetchall()
        camps = con.execute("SELECT ac.asset_id, c.name FROM asset_campaigns ac JOIN campaigns c ON c.id = ac.campaign_id").fetchall()
        rows = con.execute(
            "SELECT a.id, a.name, b.name, a.status, a.source, a.rating, a.sha256, a.kind, u.handle, a.created_at"
            " FROM assets a JOIN brands b ON b.id = a.brand_id LEFT JOIN users u ON u.id = a.creator_id"
        ).fetchall()
    return {
        r[0]: Row(*r, frozenset(t for i, t in tags if i == r[0]), frozenset(c for i, c in camps if i == r[0]))
        for r in rows
    }


def in_brand(catalog: dict[int, Row], brand: str) -> dict[int, Row]:
    return {i: r for i, r in catalog.items() if r.brand == brand}


NORTHWIND = "Northwind Outdoor"


def cards(page):
    return page.get_by_test_id("asset-card")


def card(page, asset_id: int):
    return page.locator(f'[data-testid="asset-card"][data-asset-id="{asset_id}"]')


def shown_ids(page) -> set[int]:
    return {int(i) for i in cards(page).evaluate_all("cs => cs.map(c => c.dataset.assetId)")}


def open_library(page, query: str = "", brand: str = NORTHWIND) -> None:
    """Go to the Library on `brand` (plus any extra URL parameters) and wait for the grid's cards."""
    from urllib.parse import quote

    from playwright.sync_api import expect

    page.goto(f"/?brand={quote(brand)}" + (f"&{query}" if query else ""))
    expect(cards(page).first).to_be_visible()


def expect_ids(page, ids) -> None:
    """The grid shows exactly these assets (polled, as each change is a rerun away)."""
    import time

    deadline, want = time.monotonic() + 30, set(ids)
    while shown_ids(page) != want and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert shown_ids(page) == want, page.url


def summary(page):
    return page.locator(".st-key-library-summary")


def search(page, text: str) -> None:
    box = page.get_by_placeholder("Search names, prompts")
    box.fill(text)
    box.press("Enter")


def user_id(handle: str) -> int:
    """The demo's users are created in PEOPLE order, so ids are stable."""
    from dam.demo.brands import PEOPLE

    return next(i for i, person in enumerate(PEOPLE, start=1) if person.handle == handle)


def rail(page):
    return page.get_by_test_id("stSidebar")


def tree_row(page, name: str):
    return rail(page).get_by_test_id("collection-row").filter(has=page.locator(f'text="{name}"'))


def rail_count(page, label: str) -> int:
    """The count on a rail button, "All assets · 12" or "Trash · 0": tests count from what is there now, as an
    earlier test of the module (or an earlier attempt of this one) may have added, trashed or filed assets."""
    from playwright.sync_api import expect

    button = rail(page).get_by_role("button", name=re.compile(rf"^{label} · "))
    expect(button).to_be_visible()
    return int(re.search(r" · ([\d,]+)", button.inner_text()).group(1).replace(",", ""))


def expect_rail_count(page, label: str, n: int) -> None:
    from playwright.sync_api import expect

    expect(rail(page).get_by_role("button", name=re.compile(rf"^{label} · {n:,}(?![\d,])"))).to_be_visible()
