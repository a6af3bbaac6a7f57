"""A draft shows only to its creator and the brand's managers, and a brand only to its members: in the grid and its
counts, search, the review counts, thumbnails, originals, zips and threads, for each kind of person at once.

(Find similar follows the same rule in tests/similar/test_similar.py; the thread rules in tests/threads.)
"""

from __future__ import annotations

import pytest

from dam.errors import DamError
from dam.query import Filters, rail_counts, run_grid, run_page
from dam.repos import assets
from dam.services import review_queue, thread_view, threads
from dam.services.scopes import scope_for
from dam.storage import thumb_key
from dam.web import runtime
from dam.web.routes import original_url, thumb_url
from tests.factories import make_asset, make_brand, make_user

# who -> whether they see (the draft, the approved asset of Acme)
SEES = {"creator": (True, True), "manager": (True, True), "other creator": (False, True), "viewer": (False, True),
        "outsider": (False, False)}  # fmt: skip


@pytest.fixture
def scene(library):
    acme, other = make_brand(library, "Acme"), make_brand(library, "Other")
    people = {"creator": make_user(library, "cora", {acme: "creator"}),
              "manager": make_user(library, "maria", {acme: "manager"}),
              "other creator": make_user(library, "carl", {acme: "creator"}),
              "viewer": make_user(library, "vera", {acme: "viewer"}),
              "outsider": make_user(library, "otto", {other: "manager"})}  # fmt: skip
    draft = make_asset(library, acme, 1, status="draft", name="Zanzibar draft", creator_id=people["creator"].user_id)
    shown = make_asset(library, acme, 2, status="approved", name="Zanzibar poster")
    for asset_id in (draft, shown):
        sha = assets.get(library.catalog.cursor(), asset_id).sha256
        library.store.put_bytes(thumb_key(sha, "small"), b"RIFF0000WEBPVP8 ")
        with library.catalog.transaction() as con:
            assets.update(con, asset_id, {"thumb_small_key": thumb_key(sha, "small")})
    threads.post(library, people["manager"], draft, "not ready yet")
    return library, acme, people, draft, shown


@pytest.mark.parametrize("who", list(SEES))
def test_each_person_sees_exactly_what_their_role_allows_everywhere(scene, http, who):
    library, acme, people, draft, shown = scene
    actor = people[who]
    sees_draft, sees_brand = SEES[who]
    expected = {i for i, seen in ((draft, sees_draft), (shown, sees_brand)) if seen}

    def listed(**filters) -> set[int]:
        try:
            scope = scope_for(actor, acme)
        except DamError:
            return set()
        page, total = run_grid(library, scope, Filters(**filters), limit=50)
        assert total == len(page.items)
        return {item.id for item in page.items}

    assert listed() == expected  # the grid and its total
    assert listed(text="zanzibar") == expected  # search
    assert listed(statuses=("draft",)) == expected & {draft}
    if sees_brand:
        assert rail_counts(library, scope_for(actor, acme)).all == len(expected)
        counted = review_queue.counts_by_brand(library, actor)["Acme"]
        assert counted == ({"draft": 1, "approved": 1} if sees_draft else {"approved": 1})
    else:
        assert review_queue.counts_by_brand(library, actor) == {"Other": {}}

    for asset_id in (draft, shown):
        code = 200 if asset_id in expected else 403
        assert http.get(thumb_url(asset_id, "small", actor.user_id)).status_code == code
        assert http.get(original_url(asset_id, actor.user_id)).status_code == code
        ticket = runtime.tickets().issue(actor.user_id, "zip", [asset_id])
        assert http.get(f"/files/zip/{ticket}").status_code == code
        try:
            read = thread_view.load(library, actor, asset_id).count
        except DamError:
            read = None
        assert (read is not None) is (asset_id in expected)
    assert thread_view.comment_counts(library, actor, [draft, shown]) == {i: int(i == draft) for i in expected}


def test_signed_out_gets_no_file(scene, http):
    library, _acme, _people, draft, shown = scene
    for asset_id in (draft, shown):
        assert http.get(f"/files/thumb/{asset_id}/small").status_code == 403
        assert http.get(f"/files/original/{asset_id}").status_code == 403
    assert http.get("/files/zip/no-ticket").status_code == 403
    assert http.get("/files/grid/no-ticket?count=0").status_code == 403
