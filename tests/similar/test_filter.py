"""The `similar:` filter of the query engine on real photographs: restricts, ranks, combines, respects visibility."""

from __future__ import annotations

import pytest

from dam.errors import Rejected
from dam.query import Filters, Scope, count, refresh, run_page
from dam.repos import embeddings
from dam.services import similar
from dam.similar import compute
from tests.factories import make_brand, make_user


@pytest.fixture
def acme(library, shelf):
    return make_brand(library, "Acme")


def test_keeps_what_looks_alike_closest_first_without_the_asset_itself(library, shelf, acme):
    scope = Scope(brand_ids=(acme,))
    view = refresh(library, scope, Filters(similar_to=(shelf["original"],)), with_counts=False)
    ids = [item.id for item in view.page.items]
    assert set(ids) == {shelf["smaller"], shelf["cropped"]}  # coffee, rocket and cat fall below the cutoff
    assert [i.score for i in view.page.items] == sorted((i.score for i in view.page.items), reverse=True)
    assert view.total == 2 == count(library, scope, Filters(similar_to=(shelf["original"],)))
    assert view.summary == "Similar to: astronaut · 2 results"


def test_combines_with_a_status_filter_and_pages_by_score(library, shelf, acme):
    with library.catalog.transaction() as con:
        con.execute("UPDATE assets SET status = 'approved' WHERE id = ?", [shelf["cropped"]])
    scope = Scope(brand_ids=(acme,))
    both = Filters(similar_to=(shelf["original"],), statuses=("approved",))
    assert [i.id for i in run_page(library, scope, both).items] == [shelf["cropped"]]
    summary = refresh(library, scope, both, with_counts=False).summary
    assert summary == "Similar to: astronaut · Status: Approved · 1 result"
    loose = Filters(similar_to=(shelf["original"],))
    first = run_page(library, scope, loose, limit=1)
    second = run_page(library, scope, loose, limit=1, cursor=first.next_cursor)
    assert [first.items[0].id, second.items[0].id] == [i.id for i in run_page(library, scope, loose).items]
    assert second.next_cursor is None


def test_a_hidden_asset_cannot_be_probed(library, shelf, acme):
    viewer = make_user(library, "vic", {acme: "viewer"})
    # Drafts (everything here) are private to their creator for a viewer: the original is hidden from vic.
    scope = Scope(brand_ids=(acme,), viewer_id=viewer.user_id, private_draft_brand_ids=(acme,))
    with library.catalog.transaction() as con:
        con.execute("UPDATE assets SET status = 'approved' WHERE id = ?", [shelf["smaller"]])
    view = refresh(library, scope, Filters(similar_to=(shelf["original"],)), with_counts=False)
    assert view.page.items == [] and view.summary == f"Similar to: #{shelf['original']} · 0 results"
    other = Scope(brand_ids=(make_brand(library, "Other"),))
    assert run_page(library, other, Filters(similar_to=(shelf["original"],))).items == []


def test_vectors_of_another_descriptor_version_are_refused_until_reindexed(library, shelf, acme, manager):
    with library.catalog.transaction() as con:
        embeddings.set_version(con, "descriptor", "1")
    with pytest.raises(Rejected, match="reindex"):
        similar.similar_to(library, manager, shelf["original"])
    assert run_page(library, Scope(brand_ids=(acme,)), Filters(similar_to=(shelf["original"],))).items == []
    assert compute.reindex(library)["descriptor"] == len(shelf)
    assert {m.asset_id for m in similar.similar_to(library, manager, shelf["original"])} == {
        shelf["smaller"], shelf["cropped"]}  # fmt: skip
