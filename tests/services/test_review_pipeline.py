"""Every move between review statuses, legal and illegal, and who may make each legal one.

The table is written out from issue 5, not read from dam.services.review.TRANSITIONS, so a wrong table fails here.
"""

from __future__ import annotations

import itertools

import pytest

from dam.repos import assets, events
from dam.services import assets as service
from dam.services.review import IllegalTransition, find_transition
from dam.vocab import STATUS_LABELS, STATUSES
from tests.factories import make_asset, make_brand, make_user

LIVE = ("draft", "in_review", "approved", "rejected")
# (from, to) -> who may make the move. Archived goes back only to the status it had before (kept on the asset).
LEGAL = {
    ("draft", "in_review"): {"creator", "manager"},  # submit
    ("in_review", "approved"): {"manager"},
    ("in_review", "rejected"): {"manager"},  # with a reason
    ("rejected", "draft"): {"creator", "manager"},  # rework
    ("rejected", "in_review"): {"creator", "manager"},  # resubmit
    # Beyond the list, and kept on purpose: the submitter (or a manager) takes a submission back to rework it.
    ("in_review", "draft"): {"creator", "manager"},
    **{(status, "archived"): {"manager"} for status in LIVE},
}


@pytest.mark.parametrize("current, target", list(itertools.product(LIVE, STATUSES)))
def test_every_move_from_a_live_status_is_legal_or_refused_clearly(current, target):
    if (current, target) in LEGAL:
        transition = find_transition(current, target)
        assert (transition.source, transition.target) == (current, target)
        assert transition.needs_reason is (target == "rejected")
    else:
        message = f"Cannot move an asset from {STATUS_LABELS[current]} to {STATUS_LABELS[target]}."
        with pytest.raises(IllegalTransition, match=message):
            find_transition(current, target)


@pytest.mark.parametrize("previous, target", list(itertools.product(LIVE, STATUSES)))
def test_archived_goes_back_only_to_its_previous_status(previous, target):
    if target == previous:
        assert find_transition("archived", target, previous).action == "asset.archive"  # a manager's move
    else:
        clear = "from Archived to Archived" if target == "archived" else f"goes back to {STATUS_LABELS[previous]}"
        with pytest.raises(IllegalTransition, match=clear):
            find_transition("archived", target, previous)


def test_each_legal_move_succeeds_for_exactly_the_roles_allowed_and_is_logged(library):
    """Through the service, as a viewer, a creator and a manager (the creator made the assets), and a non-member."""
    acme, other = make_brand(library, "Acme"), make_brand(library, "Other")
    people = {"viewer": make_user(library, "vera", {acme: "viewer"}),
              "creator": make_user(library, "carl", {acme: "creator"}),
              "manager": make_user(library, "maria", {acme: "manager"}),
              "non-member": make_user(library, "otto", {other: "manager"})}  # fmt: skip
    moves = {**LEGAL, **{("archived", status): {"manager"} for status in LIVE}}
    seed = 0
    for (current, target), allowed in moves.items():
        for role, actor in people.items():
            seed += 1
            previous = target if current == "archived" else None
            asset_id = make_asset(library, acme, seed, status=current, status_before_archive=previous,
                                  creator_id=people["creator"].user_id, submitted_by=people["creator"].user_id)  # fmt: skip
            result = service.set_status(library, actor, [asset_id], target, "needs a sharper crop")
            moved = assets.get(library.catalog.cursor(), asset_id)
            assert bool(result.succeeded) is (role in allowed), (current, target, role, result.failed)
            assert moved.status == (target if role in allowed else current), (current, target, role)
            if role in allowed:
                last = events.for_entity(library.catalog.cursor(), "asset", asset_id)[-1]
                assert (last["action"], last["actor_id"]) == ("asset.status", actor.user_id)
                assert last["before"] == {"status": current}
                assert last["after"] == {"status": target, "note": "needs a sharper crop"}
            elif role == "non-member":
                assert result.failed[0].reason == f"No asset with id {asset_id}."  # nothing learned about it


def test_a_rejection_needs_a_reason_and_an_illegal_move_says_so(library):
    acme = make_brand(library, "Acme")
    maria = make_user(library, "maria", {acme: "manager"})
    waiting = make_asset(library, acme, 1, status="in_review")
    assert service.set_status(library, maria, [waiting], "rejected", "  ").failed[0].reason == "A rejection needs a reason."
    approved = make_asset(library, acme, 2, status="approved")
    refused = service.set_status(library, maria, [approved], "draft")
    assert refused.failed[0].reason == "Cannot move an asset from Approved to Draft."
    assert assets.get(library.catalog.cursor(), approved).status == "approved"
    with pytest.raises(Exception, match="Unknown status 'done'"):
        service.set_status(library, maria, [approved], "done")


def test_only_the_submitter_or_a_manager_takes_a_submission_back(library):
    from dam.services.review import moves_for

    acme = make_brand(library, "Acme")
    carl = make_user(library, "carl", {acme: "creator"})
    cleo = make_user(library, "cleo", {acme: "creator"})
    maria = make_user(library, "maria", {acme: "manager"})
    mine = make_asset(library, acme, 1, status="draft", creator_id=carl.user_id)
    service.set_status(library, carl, [mine], "in_review")
    refused = service.set_status(library, cleo, [mine], "draft")
    assert refused.failed[0].reason == "Only its submitter or a manager can take a submission back to Draft."
    asset = assets.get(library.catalog.cursor(), mine)
    assert [t.target for t in moves_for(cleo, asset)] == []  # and the Info tab offers her nothing
    assert [t.target for t in moves_for(carl, asset)] == ["draft"]
    assert [t.target for t in moves_for(maria, asset)] == ["draft", "approved", "rejected", "archived"]
    assert service.set_status(library, carl, [mine], "draft").succeeded == [mine]
    service.set_status(library, carl, [mine], "in_review")
    assert service.set_status(library, maria, [mine], "draft").succeeded == [mine]
    service.set_status(library, maria, [mine], "archived")
    archived = assets.get(library.catalog.cursor(), mine)
    assert [t.target for t in moves_for(maria, archived)] == ["draft"] and moves_for(carl, archived) == []
