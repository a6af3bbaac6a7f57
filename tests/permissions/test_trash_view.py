"""The Library's Trash view under AppTest: a manager restores and purges; anyone else asking for it gets the library."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dam.repos import assets
from tests.factories import make_asset, make_brand, make_user
from tests.permissions.pages import open_page

SELECTION = "library.selection"


@pytest.fixture
def scene(served):
    library = served
    acme = make_brand(library, "Acme")
    people = {"maria": make_user(library, "maria", {acme: "manager"}), "carl": make_user(library, "carl", {acme: "creator"})}
    live = make_asset(library, acme, 1, status="approved")
    binned = [make_asset(library, acme, seed, status="approved", deleted_at="2026-11-01 10:00:00") for seed in (2, 3)]
    return library, people, live, binned


def trash_view(actor, selection: list[int]) -> AppTest:
    # The first run sets the view up (a new view starts with nothing selected).
    at = open_page("dam.ui.library.page", "render_library", actor, {"trash": "1"})
    at.session_state[SELECTION] = selection  # what a click in the grid component hands over
    return at.run()


def test_a_manager_restores_and_purges_from_the_trash(scene):
    library, people, _live, (restored, purged) = scene
    at = trash_view(people["maria"], [restored])
    assert not at.exception
    assert any("Trash older than 30 days is purged" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Restore").click().run()
    assert assets.get(library.catalog.cursor(), restored).deleted_at is None
    at.session_state[SELECTION] = [purged]
    at.run()
    purge = next(b for b in at.button if b.label == "Purge for good")
    assert purge.disabled  # only once the manager confirms it cannot be undone
    at.checkbox(key="library.trash.confirm").check().run()
    next(b for b in at.button if b.label == "Purge for good").click().run()
    assert not at.exception
    assert library.catalog.query("SELECT count(*) FROM assets WHERE id = ?", [purged]) == [(0,)]


def test_a_creator_asking_for_the_trash_sees_the_live_library(scene):
    _library, people, live, binned = scene
    at = trash_view(people["carl"], [live, *binned])
    assert not at.exception
    labels = [b.label for b in at.button]
    assert "Restore" not in labels and "Purge for good" not in labels
    assert not any("Trash:" in c.value for c in at.caption)
