"""Lineage both ways (made from / used in), as far as the actor may see, and the Gallery of generations."""

from __future__ import annotations

import pytest

from dam.errors import NotFound, Rejected
from dam.query import Filters
from dam.repos import assets
from dam.repos import campaigns as campaign_repo
from dam.services import campaigns, gallery, lineage
from dam.services.gallery import GalleryQuery
from tests.factories import make_asset, make_brand, make_user


@pytest.fixture
def family(library):
    """photo -> remix (also from board) -> remix2 -> remix3; a hidden draft made from the photo too.

    `secret` is the boss's draft (creators and viewers cannot see it); `secret_child` is made from it.
    """
    brand = make_brand(library, "Acme")
    boss = make_user(library, "boss", {brand: "manager"})
    cora = make_user(library, "cora", {brand: "creator"})
    vic = make_user(library, "vic", {brand: "viewer"})
    ids = {"brand": brand}
    ids["photo"] = make_asset(library, brand, 1, status="approved")
    ids["board"] = make_asset(library, brand, 2, status="approved")
    gen = dict(source="generated", status="approved", model="toy-xl")
    ids["remix"] = make_asset(library, brand, 3, prompt="dunes at dusk", parent_id=ids["photo"],
                              gen_params='{"steps": 30}', **gen)  # fmt: skip
    ids["remix2"] = make_asset(library, brand, 4, prompt="dunes  at dusk", parent_id=ids["remix"], **gen)
    ids["remix3"] = make_asset(library, brand, 5, prompt="night market", parent_id=ids["remix2"], **gen)
    ids["secret"] = make_asset(library, brand, 6, source="generated", status="draft", creator_id=boss.user_id,
                               prompt="dunes at dusk", model="flux", parent_id=ids["photo"])  # fmt: skip
    ids["secret_child"] = make_asset(library, brand, 7, prompt="beyond", parent_id=ids["secret"], **gen)
    with library.catalog.transaction() as con:
        assets.update(con, ids["remix"], {"seed": 7})  # make_asset's own `seed` picks the pixels
        for child, parents in [("remix", ["photo", "board"]), ("remix2", ["remix"]), ("remix3", ["remix2"]),
                               ("secret", ["photo"]), ("secret_child", ["secret"])]:  # fmt: skip
            assets.add_inputs(con, ids[child], [ids[p] for p in parents])
    return ids, boss, cora, vic


def ids_of(steps) -> list[tuple[int, int]]:
    return [(s.asset.id, s.depth) for s in steps]


def test_made_from_and_used_in_walk_both_ways(library, family):
    ids, boss, cora, _vic = family
    chain = lineage.chain(library, cora, ids["remix2"], depth=3)
    assert ids_of(chain.made_from) == [(ids["remix"], 1), (ids["photo"], 2), (ids["board"], 2)]
    assert ids_of(chain.used_in) == [(ids["remix3"], 1)]
    assert chain.made_from[1].via == ids["remix"]
    remix = lineage.chain(library, cora, ids["remix"]).generation
    assert (remix.prompt, remix.model, remix.seed, remix.params) == ("dunes at dusk", "toy-xl", 7, {"steps": 30})
    assert lineage.chain(library, cora, ids["photo"]).generation is None
    assert ids_of(lineage.chain(library, cora, ids["remix2"], depth=1).made_from) == [(ids["remix"], 1)]


def test_lineage_shows_only_what_the_actor_may_see(library, family):
    ids, boss, cora, vic = family
    # The boss sees their draft and what was made from it; a creator sees neither, only that one link is hidden.
    assert ids_of(lineage.chain(library, boss, ids["photo"]).used_in) == [
        (ids["secret"], 1), (ids["remix"], 1), (ids["secret_child"], 2), (ids["remix2"], 2), (ids["remix3"], 3)]
    seen = lineage.chain(library, vic, ids["photo"])
    assert ids_of(seen.used_in) == [(ids["remix"], 1), (ids["remix2"], 2), (ids["remix3"], 3)]
    assert seen.hidden_used_in == 1  # secret_child lies behind the hidden draft: not even counted
    child = lineage.chain(library, vic, ids["secret_child"])
    assert child.made_from == [] and child.hidden_made_from == 1
    with pytest.raises(NotFound):
        lineage.chain(library, vic, ids["secret"])
    outsider = make_user(library, "olga", {make_brand(library, "Other"): "manager"})
    with pytest.raises(NotFound):
        lineage.chain(library, outsider, ids["remix"])
    with pytest.raises(Rejected):
        lineage.chain(library, boss, ids["remix"], depth=0)


def test_gallery_is_generations_only_newest_first_with_visibility(library, family):
    ids, boss, cora, vic = family
    page, total = gallery.page(library, vic, ids["brand"])
    assert [i.id for i in page.items] == [ids["secret_child"], ids["remix3"], ids["remix2"], ids["remix"]]
    assert total == 4
    assert gallery.page(library, boss, ids["brand"])[1] == 5  # the manager sees the draft too
    assert gallery.page(library, vic, ids["brand"], GalleryQuery(model="TOY-XL"))[1] == 4
    assert gallery.page(library, boss, ids["brand"], GalleryQuery(model="flux"))[1] == 1
    market = gallery.page(library, vic, ids["brand"], GalleryQuery(search="Market"))[0]
    assert [i.id for i in market.items] == [ids["remix3"]]
    drafts = GalleryQuery(filters=Filters(statuses=("draft",), sources=("uploaded",)))
    assert gallery.page(library, boss, ids["brand"], drafts)[1] == 1  # the source stays Generated
    assert gallery.models(library, boss, ids["brand"]) == [("toy-xl", 4), ("flux", 1)]
    assert gallery.models(library, vic, ids["brand"]) == [("toy-xl", 4)]


def test_gallery_filters_by_campaign_and_pages(library, family):
    ids, boss, cora, vic = family
    summer = campaigns.create(library, boss, ids["brand"], "Summer 26")
    with library.catalog.transaction() as con:  # the repository, not the service: no text index to refresh
        campaign_repo.assign(con, summer.id, [ids["remix"], ids["remix3"], ids["photo"]])
    query = GalleryQuery(campaign_id=summer.id)
    assert [i.id for i in gallery.page(library, vic, ids["brand"], query)[0].items] == [ids["remix3"], ids["remix"]]
    first, total = gallery.page(library, vic, ids["brand"], limit=3)
    rest, _ = gallery.page(library, vic, ids["brand"], limit=3, cursor=first.next_cursor)
    assert total == 4 and len(first.items) == 3 and [i.id for i in rest.items] == [ids["remix"]]


def test_gallery_groups_by_prompt_and_by_input(library, family):
    ids, boss, cora, vic = family
    by_prompt = gallery.grouped(library, boss, ids["brand"], by="prompt")
    assert [(g.label, g.count, [i.id for i in g.items]) for g in by_prompt.groups] == [
        ("beyond", 1, [ids["secret_child"]]), ("dunes at dusk", 3, [ids["secret"], ids["remix2"], ids["remix"]]),
        ("night market", 1, [ids["remix3"]])]  # "dunes  at dusk": spacing aside, the same prompt
    assert (by_prompt.total_groups, by_prompt.next_offset) == (3, None)
    by_input = gallery.grouped(library, vic, ids["brand"], by="input", limit=2, per_group=1)
    assert [(g.label, g.count, g.key) for g in by_input.groups] == [
        ("An asset you cannot see", 1, ids["secret"]), ("asset 4", 1, ids["remix2"])]
    assert by_input.groups[1].input.id == ids["remix2"] and by_input.groups[0].input is None
    assert (by_input.total_groups, by_input.next_offset) == (4, 2)
    rest = gallery.grouped(library, vic, ids["brand"], by="input", limit=2, offset=2)
    assert [(g.label, [i.id for i in g.items]) for g in rest.groups] == [
        ("asset 3", [ids["remix2"]]), ("asset 1", [ids["remix"]])]
    assert gallery.grouped(library, vic, ids["brand"], by="input", offset=10).groups == []
    with pytest.raises(Rejected):
        gallery.grouped(library, vic, ids["brand"], by="colour")
