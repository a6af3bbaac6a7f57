"""The review queue: oldest submissions first, only brands the actor reviews, counts per status."""

from __future__ import annotations

from datetime import datetime, timedelta

from dam.services import review_queue
from tests.factories import make_asset, make_brand, make_user


def test_queue_is_oldest_first_and_scoped_to_managed_brands(library):
    acme, other = make_brand(library, "Acme"), make_brand(library, "Other")
    boss = make_user(library, "boss", {acme: "manager", other: "viewer"})
    t0 = datetime(2026, 11, 1, 9, 0)
    newer = make_asset(library, acme, 1, status="in_review", submitted_at=t0 + timedelta(hours=5))
    older = make_asset(library, acme, 2, status="in_review", submitted_at=t0)
    make_asset(library, other, 3, status="in_review", submitted_at=t0)  # boss only views Other
    make_asset(library, acme, 4, status="approved")
    make_asset(library, acme, 5, status="in_review", submitted_at=t0, deleted_at=t0)
    waiting = review_queue.queue(library, boss, now=t0 + timedelta(days=2))
    assert [w.asset.id for w in waiting] == [older, newer]
    assert review_queue.waited_label(waiting[0].waited) == "2 d"
    assert review_queue.waited_label(timedelta(minutes=7)) == "7 min"


def test_creator_has_no_queue_but_counts_per_brand(library):
    acme = make_brand(library, "Acme")
    carl = make_user(library, "carl", {acme: "creator"})
    for seed, status in enumerate(["draft", "in_review", "in_review", "approved"]):
        make_asset(library, acme, seed, status=status)
    assert review_queue.queue(library, carl) == []
    assert review_queue.counts_by_brand(library, carl) == {"Acme": {"draft": 1, "in_review": 2, "approved": 1}}


def test_queue_narrows_with_library_filters(library):
    from dam.query import parse
    from dam.services import assets as asset_service

    acme = make_brand(library, "Acme")
    boss = make_user(library, "boss", {acme: "manager"})
    t0 = datetime(2026, 11, 1, 9, 0)
    beach = make_asset(library, acme, 1, status="in_review", submitted_at=t0)
    other = make_asset(library, acme, 2, status="in_review", submitted_at=t0 + timedelta(hours=1))
    asset_service.add_tags(library, boss, [beach], ["beach"])
    assert [w.asset.id for w in review_queue.queue(library, boss, filters=parse("tag:beach"))] == [beach]
    assert [w.asset.id for w in review_queue.queue(library, boss, filters=parse(""))] == [beach, other]
