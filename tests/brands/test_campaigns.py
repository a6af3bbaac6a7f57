"""Campaigns: create, rename, edit, archive; their assets through the query engine and their counts by status."""

from __future__ import annotations

from datetime import date

import pytest

from dam.errors import Conflict, NotFound, Rejected
from dam.permissions import PermissionDenied
from dam.query import Filters, parse, saved
from dam.repos import campaigns as campaign_repo
from dam.repos import events
from dam.services import campaigns
from tests.factories import make_asset, make_brand, make_user


def test_create_rename_edit_archive_and_unarchive(library, acme):
    brand, boss, cora, vic = acme
    summer = campaigns.create(library, boss, brand, "  Summer   26 ", starts_on="2026-06-01",
                              ends_on=date(2026, 8, 31), description="Beach season")  # fmt: skip
    assert (summer.name, summer.starts_on, summer.ends_on, summer.description) == (
        "Summer 26", date(2026, 6, 1), date(2026, 8, 31), "Beach season")
    renamed = campaigns.rename(library, boss, summer.id, "Summer 2026")
    edited = campaigns.edit(library, boss, summer.id, ends_on=None, description="Beach season, extended")
    assert (renamed.name, edited.name, edited.starts_on, edited.ends_on) == (
        "Summer 2026", "Summer 2026", date(2026, 6, 1), None)
    archived = campaigns.set_archived(library, boss, summer.id, True)
    assert archived.archived and campaigns.list_campaigns(library, vic, brand) == []
    assert [c.name for c in campaigns.list_campaigns(library, vic, brand, include_archived=True)] == ["Summer 2026"]
    assert not campaigns.set_archived(library, boss, summer.id, False).archived
    assert campaigns.get(library, vic, summer.id).description == "Beach season, extended"
    history = events.for_entity(library.catalog.cursor(), "campaign", summer.id)
    assert [e["action"] for e in history] == [
        "campaign.create", "campaign.rename", "campaign.edit", "campaign.archive", "campaign.unarchive"]
    assert (history[1]["before"], history[1]["after"]) == ({"name": "Summer 26"}, {"name": "Summer 2026"})


def test_names_are_unique_per_brand_and_bad_input_is_refused(library, acme):
    brand, boss, cora, vic = acme
    other = make_brand(library, "Other")
    summer = campaigns.create(library, boss, brand, "Summer")
    launch = campaigns.create(library, boss, brand, "Launch")
    with pytest.raises(Conflict):
        campaigns.create(library, boss, brand, "summer")
    with pytest.raises(Conflict):
        campaigns.rename(library, boss, launch.id, "SUMMER")
    assert campaigns.rename(library, boss, summer.id, "summer").name == "summer"  # its own name in another case
    with library.catalog.transaction() as con:
        campaign_repo.create(con, other, "Summer")  # another brand may use the name
    for attempt, message in [
        (lambda: campaigns.create(library, boss, brand, "   "), "needs a name"),
        (lambda: campaigns.create(library, boss, brand, "Late", starts_on="2026-09-01", ends_on="2026-08-01"),
         "cannot end"),
        (lambda: campaigns.create(library, boss, brand, "When", starts_on="next week"), "not a date"),
        (lambda: campaigns.edit(library, boss, launch.id, ends_on="2000-01-01", starts_on="2001-01-01"), "cannot end"),
        (lambda: campaigns.edit(library, boss, launch.id, description="x" * 5001), "5,000"),
    ]:  # fmt: skip
        with pytest.raises(Rejected, match=message):
            attempt()
    assert campaigns.get(library, boss, launch.id).ends_on is None


def test_only_managers_manage_and_members_see(library, acme):
    brand, boss, cora, vic = acme
    summer = campaigns.create(library, boss, brand, "Summer")
    for actor in (cora, vic):
        with pytest.raises(PermissionDenied):
            campaigns.create(library, actor, brand, "Mine")
        with pytest.raises(PermissionDenied):
            campaigns.rename(library, actor, summer.id, "Ours")
        with pytest.raises(PermissionDenied):
            campaigns.set_archived(library, actor, summer.id, True)
        assert [c.id for c in campaigns.list_campaigns(library, actor, brand)] == [summer.id]
    outsider = make_user(library, "olga", {make_brand(library, "Other"): "manager"})
    with pytest.raises(NotFound):
        campaigns.get(library, outsider, summer.id)
    assert campaigns.get(library, boss, summer.id).name == "Summer"


def test_renaming_a_campaign_keeps_saved_searches_pointing_at_it(library, acme):
    brand, boss, cora, vic = acme
    summer = campaigns.create(library, boss, brand, "Summer 26")
    saved.save(library, brand, "Summer best", parse('campaign:"summer 26" rating:5 dunes'))
    saved.save(library, brand, "Launch", Filters(campaign="Launch"))
    campaigns.rename(library, boss, summer.id, "Summer 2026")
    assert saved.open_saved(library, brand, "Summer best") == parse('campaign:"Summer 2026" rating:5 dunes')
    assert saved.open_saved(library, brand, "Launch") == Filters(campaign="Launch")


def test_progress_counts_by_status_as_far_as_the_actor_sees(library, acme):
    brand, boss, cora, vic = acme
    summer = campaigns.create(library, boss, brand, "Summer")
    statuses = ["approved", "approved", "approved", "in_review", "rejected", "archived", "draft"]
    ids = [make_asset(library, brand, i, status=s, creator_id=boss.user_id) for i, s in enumerate(statuses)]
    ids.append(make_asset(library, brand, 20, status="draft", creator_id=cora.user_id))
    make_asset(library, brand, 21, status="approved")  # not in the campaign
    trashed = make_asset(library, brand, 22, status="approved", deleted_at=events.utcnow())
    with library.catalog.transaction() as con:
        campaign_repo.assign(con, summer.id, [*ids, trashed])
    boss_view = campaigns.progress(library, boss, summer.id)
    assert boss_view.counts == {"draft": 2, "in_review": 1, "approved": 3, "rejected": 1, "archived": 1}
    assert (boss_view.total, boss_view.to_approve, round(boss_view.share_approved, 3)) == (8, 4, round(3 / 7, 3))
    assert campaigns.progress(library, cora, summer.id).counts["draft"] == 1  # only her own draft
    assert campaigns.progress(library, vic, summer.id).counts["draft"] == 0
    empty = campaigns.progress(library, vic, campaigns.create(library, boss, brand, "Empty").id)
    assert (empty.total, empty.share_approved) == (0, 0.0)


def test_a_campaigns_assets_come_through_the_library_filters(library, acme):
    brand, boss, cora, vic = acme
    summer = campaigns.create(library, boss, brand, "Summer")
    approved = [make_asset(library, brand, i, status="approved", rating=5 if i % 2 else None) for i in range(1, 6)]
    hidden = make_asset(library, brand, 9, status="draft", creator_id=boss.user_id)
    with library.catalog.transaction() as con:
        campaign_repo.assign(con, summer.id, [*approved, hidden])
    page, total = campaigns.assets_page(library, vic, summer.id, limit=2)
    assert total == 5 and [i.id for i in page.items] == approved[::-1][:2] and page.next_cursor
    five_stars, total = campaigns.assets_page(library, vic, summer.id, parse("rating:5"))
    assert [i.id for i in five_stars.items] == [approved[4], approved[2], approved[0]] and total == 3
    assert campaigns.assets_page(library, boss, summer.id)[1] == 6
    assert campaigns.filters_for(library, vic, summer.id, parse("rating:5")) == parse("rating:5 campaign:Summer")
