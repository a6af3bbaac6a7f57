"""Duplicate groups (exact twins, then visual) and the one-step merge with its undo."""

from __future__ import annotations

from dam.bench.similar_photos import transformed
from dam.repos import assets, campaigns, comments, events, tags
from dam.services import assets as asset_service
from dam.services import duplicates
from tests.factories import make_brand, make_user


def _shelf(ingest, photos):
    return {
        "big": ingest(photos["coffee"], "Acme", "coffee.jpg", tags=("mug",)),
        "small": ingest(transformed(photos["coffee"], "resize30"), "Acme", "coffee-small.jpg", tags=("drink",),
                        campaign="Autumn"),  # fmt: skip
        "other": ingest(photos["rocket"], "Acme", "rocket.jpg"),
    }


def test_visual_groups_suggest_the_largest(library, ingest, photos):
    ids = _shelf(ingest, photos)
    boss = make_user(library, "boss", admin=True)
    found = duplicates.find(library, boss, make_brand(library, "Acme"))
    assert [(g.reason, g.asset_ids, g.keep, g.keep_because) for g in found] == [
        ("looks the same", sorted([ids["big"], ids["small"]]), ids["big"], "largest")]


def test_exact_twins_come_first(library, ingest, photos):
    ids = _shelf(ingest, photos)
    boss = make_user(library, "boss", admin=True)
    acme = make_brand(library, "Acme")
    twin = ingest(photos["rocket"], "Other", "rocket.jpg")  # the same bytes, in another brand: allowed
    with library.catalog.transaction() as con:  # a brand move refuses the twin; a Parquet load can bring one in
        assets.update(con, twin, {"brand_id": acme})
    found = duplicates.find(library, boss, acme)
    assert found[0].reason == "same file" and found[0].asset_ids == sorted([ids["other"], twin])


def test_merge_moves_everything_and_undo_puts_it_back(library, ingest, photos):
    ids = _shelf(ingest, photos)
    acme = make_brand(library, "Acme")
    boss = make_user(library, "boss", admin=True)
    asset_service.set_rating(library, boss, ids["small"], 4)
    with library.catalog.transaction() as con:
        note = comments.insert(con, ids["small"], boss.user_id, "use this crop", None, events.utcnow())
    duplicates.merge(library, boss, ids["big"], [ids["small"]])
    con = library.catalog.cursor()
    assert sorted(tags.for_asset(con, ids["big"])) == ["drink", "mug"]
    assert campaigns.names_for_asset(con, ids["big"]) == ["Autumn"]
    assert assets.get(con, ids["big"]).rating == 4
    assert comments.get(con, note.id).asset_id == ids["big"]
    assert assets.get(con, ids["small"]).deleted_at is not None
    assert duplicates.find(library, boss, acme) == []

    duplicates.undo_merge(library, boss, ids["big"])
    con = library.catalog.cursor()
    assert tags.for_asset(con, ids["big"]) == ["mug"] and campaigns.names_for_asset(con, ids["big"]) == []
    assert assets.get(con, ids["big"]).rating is None
    assert comments.get(con, note.id).asset_id == ids["small"]
    assert assets.get(con, ids["small"]).deleted_at is None
    actions = [e["action"] for e in events.for_entity(con, "asset", ids["big"])]
    assert actions[-2:] == ["asset.merge", "asset.unmerge"]


def test_merge_needs_a_manager(library, ingest, photos):
    import pytest

    from dam.permissions import PermissionDenied

    ids = _shelf(ingest, photos)
    creator = make_user(library, "cora", {make_brand(library, "Acme"): "creator"})
    with library.catalog.transaction() as con:
        con.execute("UPDATE assets SET status = 'approved'")
    with pytest.raises(PermissionDenied):
        duplicates.merge(library, creator, ids["big"], [ids["small"]])
