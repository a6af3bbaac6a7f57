"""The grid's page route: the cards after those a session holds, appended to its rows; refused when it should be."""

from __future__ import annotations

from dam.query import Filters, Scope, run_page
from dam.repos import users
from dam.ui.library.results import PAGE_SIZE, Loaded, NextPages
from dam.web import runtime
from tests.factories import make_asset, make_brand, make_user


def _view(library, total: int = PAGE_SIZE + 10):
    """A manager's Library view of one brand with its first page loaded, as the page holds it."""
    acme = make_brand(library, "Acme")
    maya = make_user(library, "maya", {acme: "manager"})
    for seed in range(total):
        make_asset(library, acme, seed, status="approved")
    scope = Scope(brand_ids=(acme,), viewer_id=maya.user_id)
    first = run_page(library, scope, Filters(), limit=PAGE_SIZE)
    loaded = Loaded("view-1", list(first.items), first.next_cursor, total)
    ticket = runtime.tickets().issue(maya.user_id, "grid", NextPages(library, maya, scope, Filters(), loaded))
    return acme, maya, loaded, ticket


def test_next_page_is_the_cards_after_count_and_joins_the_sessions_rows(library, http):
    _acme, maya, loaded, ticket = _view(library)
    newest_first = [i.id for i in run_page(library, Scope(brand_ids=(_acme,)), Filters(), limit=100).items]

    page = http.get(f"/files/grid/{ticket}", params={"count": PAGE_SIZE})
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    body = page.json()
    assert [c["id"] for c in body["items"]] == newest_first[PAGE_SIZE:]
    assert body["token"] == "view-1" and body["has_more"] is False
    assert f"a={maya.user_id}" in body["items"][0]["thumb"]  # URLs signed for the ticket's person
    assert [i.id for i in loaded.items] == newest_first  # the page's next run shows these rows too

    # Asked again (an answer lost on the way): the same cards, not a further page.
    assert [c["id"] for c in http.get(f"/files/grid/{ticket}", params={"count": PAGE_SIZE}).json()["items"]] == \
        newest_first[PAGE_SIZE:]  # fmt: skip
    assert http.get(f"/files/grid/{ticket}", params={"count": len(newest_first)}).json()["items"] == []


def test_refused_without_a_ticket_with_bad_input_and_after_a_role_change(library, http):
    acme, maya, _loaded, ticket = _view(library, total=3)
    assert http.get("/files/grid/not-a-ticket", params={"count": 0}).status_code == 403
    zip_ticket = runtime.tickets().issue(maya.user_id, "zip", [1])
    assert http.get(f"/files/grid/{zip_ticket}", params={"count": 0}).status_code == 403
    bad = http.get(f"/files/grid/{ticket}", params={"count": "ten"})
    assert bad.status_code == 400 and "whole number" in bad.text
    with library.catalog.transaction() as con:
        users.set_membership(con, maya.user_id, acme, "viewer")  # drafts of others are no longer hers to see
    assert http.get(f"/files/grid/{ticket}", params={"count": 0}).status_code == 403
