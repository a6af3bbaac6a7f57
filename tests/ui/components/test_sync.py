"""The Python half of the components' contracts: when the page's value overrides the browser's, stale requests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from dam.ui.components import _base
from dam.ui.components._base import Synced, as_ids, asks_for_more


@pytest.fixture
def session(monkeypatch) -> dict:
    """A plain dict standing in for st.session_state (the logic under test is pure bookkeeping)."""
    state: dict = {}
    monkeypatch.setattr(_base, "st", SimpleNamespace(session_state=state))
    return state


def selection() -> Synced:
    return Synced("grid", "selection", lambda ids: sorted(as_ids(ids)))


def user_selects(session: dict, ids: list[int]) -> None:
    """What Streamlit does when the browser sends a new selection: store it, then run the callback."""
    session["grid"] = {"selection": ids}
    selection().callbacks()["on_selection_change"]()


def test_the_first_mount_sends_the_pages_value(session):
    assert selection().revision([4]) == 1
    assert selection().revision([4]) == 1  # unchanged: no new revision


def test_the_run_that_delivers_a_users_change_never_overrides_it(session):
    sync = selection()
    rev = sync.revision([])
    user_selects(session, [3, 1])
    # The page mounts before applying the change, so it still passes the old selection: not an override.
    assert sync.revision([]) == rev
    assert sync.user_change() == [3, 1]
    assert sync.user_change() is None  # reported once
    # Next run the page passes what it stored, in any order: still no override.
    assert sync.revision([1, 3]) == rev


def test_a_change_made_by_the_page_overrides_the_browser(session):
    sync = selection()
    sync.revision([])
    user_selects(session, [1, 2])
    sync.revision([])
    sync.user_change()
    rev = sync.revision([1, 2])
    assert sync.revision([]) == rev + 1  # the page cleared it, say after a bulk action


def test_a_change_is_reported_again_when_its_run_was_interrupted(session):
    sync = selection()
    sync.revision([])
    user_selects(session, [7])
    sync.revision([])  # the run stops here (a newer rerun request) before user_change is read
    assert sync.revision([]) == 1
    assert sync.user_change() == [7]


@pytest.mark.parametrize(
    ("request_", "loaded", "expected"),
    [({"count": 30}, 30, True), ({"count": 30}, 60, False), ({}, 60, True), (None, 60, False)],
)
def test_requests_for_more_made_at_an_older_count_are_dropped(request_, loaded, expected):
    assert asks_for_more(request_, loaded) is expected
