"""Every change to an asset is an event (who, when, what, before -> after), read back as the History tab shows it."""

from __future__ import annotations

import pytest

from dam.errors import NotFound
from dam.repos import campaigns, events
from dam.services import assets as service
from dam.services import collections as collection_service
from dam.services import pins, threads
from dam.services.history import asset_history
from tests.factories import make_asset, make_brand, make_user


def test_each_kind_of_change_is_logged_and_shown_newest_first_with_who_made_it(library):
    acme, other = make_brand(library, "Acme"), make_brand(library, "Other")
    maria = make_user(library, "maria", {acme: "manager", other: "manager"})
    carl = make_user(library, "carl", {acme: "creator"})
    asset_id = make_asset(library, acme, 1, status="draft", creator_id=carl.user_id)
    shoots = collection_service.create(library, maria, acme, "Shoots")
    with library.catalog.transaction() as con:
        summer = campaigns.get_or_create(con, acme, "Summer").id
    steps = [
        (carl, lambda: service.set_rating(library, carl, asset_id, 4), "Rated", "rating: none → 4"),
        (carl, lambda: service.add_tags(library, carl, [asset_id], ["beach"]), "Tagged", "tags: none → beach"),
        (carl, lambda: service.file_into(library, carl, [asset_id], shoots), "Filed", "collections: none → Shoots"),
        (carl, lambda: service.assign_campaign(library, carl, [asset_id], summer), "Campaign assigned",
         "campaigns: none → Summer"),
        (carl, lambda: service.set_status(library, carl, [asset_id], "in_review"), "Review status",
         "status: Draft → In review"),
        (maria, lambda: service.set_status(library, maria, [asset_id], "rejected", "Too dark"), "Review status",
         "status: In review → Rejected · note: Too dark"),
        (maria, lambda: pins.set_pinned(library, maria, asset_id, True), "Pinned to the brand", "pinned: False → True"),
        (maria, lambda: service.trash(library, maria, [asset_id]), "Moved to the trash", None),
        (maria, lambda: service.restore(library, maria, [asset_id]), "Restored from the trash", None),
        (maria, lambda: service.move_to_brand(library, maria, [asset_id], other), "Moved to another brand",
         "brand: Acme → Other"),
    ]  # fmt: skip
    for who, change, _what, _detail in steps:
        change()
    logged = events.for_entity(library.catalog.cursor(), "asset", asset_id)
    assert len(logged) == len(steps) and all(e["occurred_at"] is not None for e in logged)
    shown = asset_history(library, maria, asset_id)
    assert [c.what for c in shown] == [what for _who, _change, what, _detail in reversed(steps)]
    assert [c.who for c in shown] == [f"@{who.handle}" for who, *_ in reversed(steps)]
    for change, (_who, _call, _what, detail) in zip(shown, reversed(steps)):
        if detail is not None:
            assert change.detail == detail
    assert shown[1].detail.startswith("in the trash since: ") and shown[1].detail.endswith(" → none")  # restored
    assert len(shown[2].detail) == len("in the trash since: none → 28 Nov 2026 16:16")  # to the minute


def test_history_follows_visibility_and_never_shows_comment_text(library):
    acme, other = make_brand(library, "Acme"), make_brand(library, "Other")
    carl = make_user(library, "carl", {acme: "creator"})
    vera = make_user(library, "vera", {acme: "viewer"})
    otto = make_user(library, "otto", {other: "manager"})
    draft = make_asset(library, acme, 1, status="draft", creator_id=carl.user_id)
    service.rename(library, carl, draft, "Hero shot")
    assert [c.what for c in asset_history(library, carl, draft)] == ["Renamed"]
    for outsider in (vera, otto):  # someone else's draft; another brand
        with pytest.raises(NotFound):
            asset_history(library, outsider, draft)
    service.set_status(library, carl, [draft], "in_review")
    comment = threads.post(library, carl, draft, "secret budget figures")
    threads.delete(library, carl, comment)
    shown = asset_history(library, vera, draft)  # now in review: the viewer sees it
    assert [c.what for c in shown] == ["Review status", "Renamed"]
    assert not any("secret" in f"{c.what} {c.detail}" for c in shown)
