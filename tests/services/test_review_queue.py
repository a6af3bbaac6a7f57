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
    waiting = review_queue.queue(library, boss, now=t0 + timedelta(days=2)).waiting
    assert [w.asset.id for w in waiting] == [older, newer]
    assert review_queue.waited_label(waiting[0].waited) == "2 d"
    assert review_queue.waited_label(timedelta(minutes=7)) == "7 min"


def test_creator_has_no_queue_but_counts_per_brand(library):
    acme = make_brand(library, "Acme")
    carl = make_user(library, "carl", {acme: "creator"})
    boss = make_user(library, "boss", {acme: "manager"})
    for seed, status in enumerate(["draft", "in_review", "in_review", "approved"]):
        make_asset(library, acme, seed, status=status)
    make_asset(library, acme, 9, status="draft", creator_id=carl.user_id)
    assert review_queue.queue(library, carl).waiting == []
    # Someone else's draft is not Carl's to see, so not his to count either; the manager counts every draft.
    assert review_queue.counts_by_brand(library, carl) == {"Acme": {"draft": 1, "in_review": 2, "approved": 1}}
    assert review_queue.counts_by_brand(library, boss) == {"Acme": {"draft": 2, "in_review": 2, "approved": 1}}


def test_creators_follow_their_submissions_while_they_can_see_them(library):
    from dam.permissions import load_actor
    from dam.repos import users
    from dam.services import assets as asset_service

    acme = make_brand(library, "Acme")
    carl = make_user(library, "carl", {acme: "creator"})
    boss = make_user(library, "boss", {acme: "manager"})
    first = make_asset(library, acme, 1, status="draft", creator_id=carl.user_id)
    second = make_asset(library, acme, 2, status="draft", creator_id=carl.user_id)
    asset_service.set_status(library, carl, [first, second], "in_review")
    asset_service.set_status(library, boss, [first], "rejected", "Logo too small")
    states = {s.asset.id: s.asset.status for s in review_queue.my_submissions(library, carl)}
    assert states == {first: "rejected", second: "in_review"}
    assert review_queue.my_submissions(library, boss) == []
    with library.catalog.transaction() as con:  # Carl leaves the brand: his old submissions go with it
        users.remove_membership(con, carl.user_id, acme)
    assert review_queue.my_submissions(library, load_actor(library.catalog.cursor(), carl.user_id)) == []


def test_queue_narrows_with_library_filters(library):
    from dam.query import parse
    from dam.services import assets as asset_service

    acme = make_brand(library, "Acme")
    boss = make_user(library, "boss", {acme: "manager"})
    t0 = datetime(2026, 11, 1, 9, 0)
    beach = make_asset(library, acme, 1, status="in_review", submitted_at=t0)
    other = make_asset(library, acme, 2, status="in_review", submitted_at=t0 + timedelta(hours=1))
    asset_service.add_tags(library, boss, [beach], ["beach"])
    assert [w.asset.id for w in review_queue.queue(library, boss, filters=parse("tag:beach")).waiting] == [beach]
    assert [w.asset.id for w in review_queue.queue(library, boss, filters=parse("")).waiting] == [beach, other]


def test_a_long_queue_pages_oldest_first_with_its_true_total(library):
    from dam.query import parse
    from dam.services import assets as asset_service

    acme, other = make_brand(library, "Acme"), make_brand(library, "Other")
    boss = make_user(library, "boss", {acme: "manager", other: "manager"})
    t0 = datetime(2026, 11, 1, 9, 0)
    # 230 waiting (more than the 200 the queue used to stop at), two brands interleaved, ties on the time broken by id.
    waiting = [make_asset(library, (acme, other)[n % 2], n, status="in_review",
                          submitted_at=t0 + timedelta(minutes=n // 2)) for n in range(230)]  # fmt: skip
    make_asset(library, acme, 999, status="approved")
    seen, after, pages = [], None, 0
    while True:
        page = review_queue.queue(library, boss, after=after, now=t0 + timedelta(days=1))
        assert page.total == 230 and page.before == len(seen)
        seen += [w.asset.id for w in page.waiting]
        pages += 1
        if page.next_after is None:
            break
        after = page.next_after
    assert seen == sorted(waiting, key=lambda i: (i // 2, i)) and pages == 5  # 50 a page
    # A decision taken meanwhile does not shift the next page: the keyset starts right after the last one shown.
    first = review_queue.queue(library, boss)
    asset_service.set_status(library, boss, [first.waiting[0].asset.id], "approved")
    second = review_queue.queue(library, boss, after=first.next_after)
    assert second.waiting[0].asset.id == seen[50] and second.total == 229 and second.before == 49
    # Filtered, every match counts and pages too, not only those among the oldest 200.
    late = seen[-60:]
    asset_service.add_tags(library, boss, late, ["late"])
    filtered = review_queue.queue(library, boss, filters=parse("tag:late"), limit=40)
    assert filtered.total == 60 and [w.asset.id for w in filtered.waiting] == late[:40]
    rest = review_queue.queue(library, boss, filters=parse("tag:late"), limit=40, after=filtered.next_after)
    assert [w.asset.id for w in rest.waiting] == late[40:] and rest.next_after is None and rest.before == 40


def test_creators_read_why_their_submission_was_rejected_as_typed(library):
    from dam.services import assets as asset_service

    acme = make_brand(library, "Acme")
    carl = make_user(library, "carl", {acme: "creator"})
    boss = make_user(library, "boss", {acme: "manager"})
    rejected, approved = (make_asset(library, acme, n, status="draft", creator_id=carl.user_id) for n in (1, 2))
    asset_service.set_status(library, carl, [rejected, approved], "in_review")
    asset_service.set_status(library, boss, [rejected], "rejected", "Too dark")
    asset_service.set_status(library, carl, [rejected], "in_review")
    asset_service.set_status(library, boss, [rejected], "rejected", "<b>Logo</b> too small & off-centre")
    asset_service.set_status(library, boss, [approved], "approved", "Lovely")
    notes = {s.asset.id: s.rejection_note for s in review_queue.my_submissions(library, carl)}
    # The latest rejection's reason, kept exactly as typed (the page shows it as plain text); none once approved.
    assert notes == {rejected: "<b>Logo</b> too small & off-centre", approved: None}
