"""A small studio for the Brands, Campaigns and Gallery pages: one brand's kit, a campaign, generations with lineage.

Pages run through AppTest as a named person (the same page body the app runs after sign-in) over a real library
with real PNG blobs, served by this process as the app would serve it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dam.config import Settings
from dam.library import Library
from dam.permissions import Actor, load_actor
from dam.repos import assets, campaigns, collections, users
from dam.services import pins
from dam.web import runtime
from tests.factories import make_brand, make_asset, make_user

# A page body run as a named person.
AS_PERSON = """
from dam.permissions import load_actor
from dam.repos import users
from dam.web import runtime
from {module} import {function}
con = runtime.library().catalog.cursor()
{function}(load_actor(con, users.by_handle(con, {handle!r}).id))
"""
GENERATOR = "http://127.0.0.1:9/generate"  # configured, never reached: these tests queue, the e2e test runs


@dataclass
class Studio:
    library: Library
    brand_id: int
    photo: int  # pinned anchor, input of `generated`
    other: int  # a second photo, not pinned
    generated: int  # made from `photo`, with prompt, model, seed and parameters
    campaign_id: int
    collection_id: int

    def con(self):
        return self.library.catalog.cursor()

    def actor(self, handle: str) -> Actor:
        return load_actor(self.con(), users.by_handle(self.con(), handle).id)


def build(settings: Settings) -> Studio:
    library = Library.open(settings)
    brand = make_brand(library, "Northwind Outdoor")
    make_brand(library, "Atlas Coffee")
    manager = make_user(library, "maya", {brand: "manager"})
    make_user(library, "leo", {brand: "creator"})
    make_user(library, "tom", {brand: "viewer"})
    photo = make_asset(library, brand, 1, name="Ridge at dawn", palette=["#2f5d50", "#e07a2f"], status="approved")
    other = make_asset(library, brand, 2, name="Lake at noon", palette=["#7fb3d5"], status="in_review")
    generated = make_asset(library, brand, 3, name="Ridge concept", source="generated", status="in_review",
                           prompt="Ridge at dusk, film grain", negative_prompt="people, text", model="flux-dev",
                           gen_params=json.dumps({"steps": 30}), parent_id=photo)  # fmt: skip
    with library.catalog.transaction() as con:
        assets.update(con, generated, {"seed": 42})  # make_asset's own `seed` names the test picture
        assets.add_inputs(con, generated, [photo])
        campaign = campaigns.create(con, brand, "Summer 26", description="Coastal summer", starts_on=date(2026, 6, 1),
                                    ends_on=date(2026, 8, 31))  # fmt: skip
        campaigns.assign(con, campaign.id, [photo, other, generated])
        collection = collections.create(con, brand, "Concepts")
    pins.set_pinned(library, manager, photo, True)
    return Studio(library, brand, photo, other, generated, campaign.id, collection)


@pytest.fixture
def studio(tmp_path):
    """The studio, served by this process (no generator configured)."""
    made = build(Settings(data_dir=tmp_path / "library"))
    runtime.configure(made.library)
    yield made
    made.library.close()


@pytest.fixture
def studio_with_generator(tmp_path):
    """The studio with a generator configured (requests are queued; nothing runs them here)."""
    made = build(Settings(data_dir=tmp_path / "library", generator_url=GENERATOR))
    runtime.configure(made.library)
    yield made
    made.library.close()


def page(module: str, function: str, handle: str, **query: str) -> AppTest:
    at = AppTest.from_string(AS_PERSON.format(module=module, function=function, handle=handle), default_timeout=60)
    at.context = {"url": "http://localhost:8501/"}  # where the browser is: thumbnails get absolute URLs
    for name, value in query.items():
        at.query_params[name] = value
    return at


def texts(at: AppTest) -> str:
    """Everything the page says in markdown, captions, text and code blocks, as one string to search."""
    parts = [e.value for kind in ("markdown", "caption", "text", "code", "subheader") for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)
