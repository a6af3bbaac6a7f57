"""Asset edits through the services: each checks permissions, records an event, and reports per id in bulk."""

from __future__ import annotations

import pytest

from dam.errors import DamError, NotFound, Rejected
from dam.permissions import PermissionDenied
from dam.repos import assets, collections, events, tags
from dam.services import assets as service
from dam.services import collections as collection_service
from dam.services.review import IllegalTransition
from tests.factories import make_asset, make_brand, make_user


@pytest.fixture
def studio(library):
    acme = make_brand(library, "Acme")
    other = make_brand(library, "Other")
    people = {
        "manager": make_user(library, "maria", {acme: "manager", other: "manager"}),
        "creator": make_user(library, "carl", {acme: "creator"}),
        "viewer": make_user(library, "vera", {acme: "viewer"}),
        "outsider": make_user(library, "otto", {other: "creator"}),
    }
    return library, acme, other, people


def test_rename_records_before_and_after(studio):
    library, acme, _, people = studio
    asset_id = make_asset(library, acme, 1, status="approved")
    service.rename(library, people["creator"], asset_id, "  Beach\x07 hero  ")
    con = library.catalog.cursor()
    assert assets.get(con, asset_id).name == "Beach hero"
    history = events.for_entity(con, "asset", asset_id)
    assert history[-1]["action"] == "asset.rename"
    assert history[-1]["before"] == {"name": "asset 1"} and history[-1]["after"] == {"name": "Beach hero"}


def test_rating_sets_and_clears_and_rejects_out_of_range(studio):
    library, acme, _, people = studio
    asset_id = make_asset(library, acme, 2, status="approved")
    service.set_rating(library, people["creator"], asset_id, 4)
    assert assets.get(library.catalog.cursor(), asset_id).rating == 4
    service.set_rating(library, people["creator"], asset_id, None)
    assert assets.get(library.catalog.cursor(), asset_id).rating is None
    with pytest.raises(Rejected):
        service.set_rating(library, people["creator"], asset_id, 6)


def test_viewer_cannot_edit_and_outsider_cannot_even_see(studio):
    library, acme, _, people = studio
    asset_id = make_asset(library, acme, 3, status="approved")
    with pytest.raises(PermissionDenied):
        service.rename(library, people["viewer"], asset_id, "x")
    with pytest.raises(NotFound):
        service.rename(library, people["outsider"], asset_id, "x")
    assert assets.get(library.catalog.cursor(), asset_id).name == "asset 3"


def test_bulk_tagging_reports_each_asset(studio):
    library, acme, other, people = studio
    mine = make_asset(library, acme, 4, status="approved")
    foreign = make_asset(library, other, 5, status="approved")
    result = service.add_tags(library, people["creator"], [mine, foreign, mine], ["Beach ", "sunset"])
    assert result.succeeded == [mine]
    assert [f.asset_id for f in result.failed] == [foreign]
    assert tags.for_asset(library.catalog.cursor(), mine) == ["beach", "sunset"]
    assert tags.for_asset(library.catalog.cursor(), foreign) == []
    assert "Tagged 1 asset; 1 could not be" in result.summary("Tagged")


def test_trash_and_undo(studio):
    library, acme, _, people = studio
    asset_id = make_asset(library, acme, 6, status="approved")
    assert service.trash(library, people["creator"], [asset_id]).failed  # creators cannot delete
    assert service.trash(library, people["manager"], [asset_id]).succeeded == [asset_id]
    assert assets.get(library.catalog.cursor(), asset_id).deleted_at is not None
    assert service.restore(library, people["manager"], [asset_id]).succeeded == [asset_id]
    assert assets.get(library.catalog.cursor(), asset_id).deleted_at is None


@pytest.mark.parametrize(
    "start, target, role, note, ok",
    [
        ("draft", "in_review", "creator", "", True),
        ("in_review", "approved", "manager", "", True),
        ("in_review", "approved", "creator", "", False),
        ("in_review", "rejected", "manager", "", False),  # a rejection needs a reason
        ("in_review", "rejected", "manager", "soft focus", True),
        ("rejected", "draft", "creator", "", True),
        ("rejected", "in_review", "creator", "", True),
        ("draft", "approved", "manager", "", False),
        ("approved", "archived", "manager", "", True),
        ("approved", "archived", "creator", "", False),
        ("approved", "draft", "manager", "", False),
    ],
)
def test_review_transitions(studio, start, target, role, note, ok):
    library, acme, _, people = studio
    actor = people[role]
    asset_id = make_asset(library, acme, 7, status=start, creator_id=actor.user_id)
    result = service.set_status(library, actor, [asset_id], target, note)
    assert bool(result.succeeded) is ok
    assert assets.get(library.catalog.cursor(), asset_id).status == (target if ok else start)


def test_archive_returns_to_previous_status(studio):
    library, acme, _, people = studio
    asset_id = make_asset(library, acme, 8, status="approved")
    service.set_status(library, people["manager"], [asset_id], "archived")
    failed = service.set_status(library, people["manager"], [asset_id], "draft")
    assert "goes back to Approved" in failed.failed[0].reason
    assert service.set_status(library, people["manager"], [asset_id], "approved").succeeded == [asset_id]


def test_illegal_transition_message_is_clear():
    from dam.services.review import find_transition

    with pytest.raises(IllegalTransition, match="from Draft to Approved"):
        find_transition("draft", "approved")


def test_filing_and_brand_move(studio):
    library, acme, other, people = studio
    asset_id = make_asset(library, acme, 9, status="approved")
    shoots = collection_service.create(library, people["manager"], acme, "Shoots")
    spring = collection_service.create(library, people["manager"], acme, "Spring", shoots)
    assert service.file_into(library, people["creator"], [asset_id], spring).succeeded == [asset_id]
    assert collections.paths_for_asset(library.catalog.cursor(), asset_id) == ["Shoots/Spring"]
    moved = service.move_to_brand(library, people["manager"], [asset_id], other)
    assert moved.succeeded == [asset_id]
    assert assets.get(library.catalog.cursor(), asset_id).brand_id == other
    assert collections.paths_for_asset(library.catalog.cursor(), asset_id) == []
    with pytest.raises(DamError):
        service.move_to_brand(library, people["creator"], [asset_id], acme)


def test_collection_cannot_move_under_itself_and_delete_keeps_assets(studio):
    library, acme, _, people = studio
    manager = people["manager"]
    top = collection_service.create(library, manager, acme, "Products")
    child = collection_service.create(library, manager, acme, "Bottles", top)
    with pytest.raises(DamError, match="under itself"):
        collection_service.move(library, manager, top, child)
    with pytest.raises(PermissionDenied):
        collection_service.create(library, people["creator"], acme, "Nope")
    asset_id = make_asset(library, acme, 10, status="approved")
    service.file_into(library, people["creator"], [asset_id], child)
    collection_service.delete(library, manager, top)
    con = library.catalog.cursor()
    assert collections.all_for_brand(con, acme) == []
    assert assets.get(con, asset_id).deleted_at is None


def test_submitter_is_notified_of_the_decision(studio):
    from dam.repos import notifications

    library, acme, _, people = studio
    creator, manager = people["creator"], people["manager"]
    asset_id = make_asset(library, acme, 11, status="draft", creator_id=creator.user_id)
    service.set_status(library, creator, [asset_id], "in_review")
    service.set_status(library, manager, [asset_id], "rejected", "logo too small")
    con = library.catalog.cursor()
    inbox = notifications.for_user(con, creator.user_id)
    assert [n.kind for n in inbox] == ["review.rejected"]
    assert "logo too small" in inbox[0].body and inbox[0].asset_id == asset_id
    assert notifications.unread_count(con, creator.user_id) == 1
    notifications.mark_read(con, creator.user_id)
    assert notifications.unread_count(con, creator.user_id) == 0
    assert notifications.for_user(con, manager.user_id) == []


def test_admins_add_and_rename_brands_and_links_keep_working(studio):
    from dam.repos import brands
    from dam.services import people

    library, acme, _, who = studio
    admin = make_user(library, "ada", admin=True)
    asset_id = make_asset(library, acme, 12, status="approved")
    with pytest.raises(PermissionDenied):
        people.add_brand(library, who["manager"], "Nope")
    new_id = people.add_brand(library, admin, "Fjord & Co")
    with pytest.raises(DamError, match="already exists"):
        people.add_brand(library, admin, "fjord & co")
    people.rename_brand(library, admin, "Acme", "Acme Studio")
    con = library.catalog.cursor()
    assert brands.by_id(con, acme).name == "Acme Studio" and brands.by_id(con, new_id).name == "Fjord & Co"
    assert assets.get(con, asset_id).brand_id == acme
    with pytest.raises(DamError, match="already exists"):
        people.rename_brand(library, admin, "Acme Studio", "Fjord & Co")
