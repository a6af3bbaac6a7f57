"""Every filter and scope, alone and combined, against a plain-Python computation over the same rows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dam.errors import Rejected
from dam.query import Filters, Scope, count, run_page
from dam.query.compile import COLUMN_FILTERS, compile_query, resolve
from dam.query.filters import UNRATED
from dam.vocab import KINDS, SOURCES, STATUSES
from tests.query.world import TAGS, World, descendants


def expected_ids(world: World, scope: Scope, f: Filters) -> list[int]:
    """The oracle: which assets the grid must show, newest first."""
    cutoff = datetime.now() - timedelta(days=scope.recent_days)
    nested = descendants(world, scope.collection_id) if scope.collection_id and scope.nested else {scope.collection_id}
    out = []
    for r in world.rows.values():
        if r.brand_id not in scope.brand_ids or r.deleted != scope.trash:
            continue
        if (scope.private_draft_brand_ids and r.status == "draft" and r.brand_id in scope.private_draft_brand_ids
                and r.creator_id != scope.viewer_id):  # fmt: skip
            continue
        if scope.bucket == "recent" and r.created_at < cutoff or scope.bucket == "unfiled" and r.collections:
            continue
        if scope.collection_id is not None and not (r.collections & nested):
            continue
        if f.tags and (not set(f.tags) <= r.tags if f.tag_mode == "all" else not set(f.tags) & r.tags):
            continue
        if f.campaign and f.campaign.lower() not in {c.lower() for c in r.campaigns}:
            continue
        if f.sources and r.source not in f.sources or f.statuses and r.status not in f.statuses:
            continue
        if f.kinds and r.kind not in f.kinds or f.creators and r.creator not in f.creators:
            continue
        if f.ratings and (r.rating if r.rating is not None else UNRATED) not in f.ratings:
            continue
        if f.after and r.created_at < datetime.combine(f.after, time()):
            continue
        if f.before and r.created_at >= datetime.combine(f.before, time()):
            continue
        out.append(r)
    return [r.id for r in sorted(out, key=lambda r: (r.created_at, r.id), reverse=True)]


def grid_ids(library, scope: Scope, f: Filters, limit: int = 200) -> list[int]:
    ids, cursor = [], None
    while True:
        page = run_page(library, scope, f, limit=limit, cursor=cursor)
        ids += [i.id for i in page.items]
        if not page.next_cursor:
            return ids
        cursor = page.next_cursor


def _some(values):
    return st.lists(st.sampled_from(values), max_size=3).map(tuple)


def _days_ago(n: int) -> date:
    return (datetime.now() - timedelta(days=n)).date()


filters_strategy = st.builds(
    Filters,
    campaign=st.sampled_from([None, None, "Summer 26", "launch", "No such campaign"]),
    tags=_some(TAGS + ["unknown tag"]),
    tag_mode=st.sampled_from(["all", "any"]),
    sources=_some(SOURCES),
    ratings=_some([1, 2, 3, 4, 5, UNRATED]),
    statuses=_some(STATUSES),
    kinds=_some(KINDS),
    creators=_some(["maya", "omar", "lee", "nobody"]),
    after=st.sampled_from([None, None, _days_ago(30), _days_ago(4)]),
)


@st.composite
def scopes(draw, world: World):
    brands = tuple(draw(st.lists(st.sampled_from(world.brand_ids), min_size=1, max_size=2, unique=True)))
    collection = draw(st.sampled_from([None, None, *sorted(c for c, b in world.collection_brand.items() if b in brands)]))
    private = draw(st.sampled_from([(), brands]))
    return Scope(brand_ids=brands, bucket=draw(st.sampled_from(["all", "recent", "unfiled"])),
                 collection_id=collection, nested=collection is not None and draw(st.booleans()),
                 viewer_id=draw(st.sampled_from([None, 1, 2])) if private else None,
                 private_draft_brand_ids=private, trash=draw(st.sampled_from([False, False, False, True])))  # fmt: skip


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), f=filters_strategy)
def test_any_filter_and_scope_match_the_oracle(world_library, data, f):
    library, world = world_library
    scope = data.draw(scopes(world))
    # Small pages cross the engine's recent-time window (90 days) and its fallback to the whole catalog.
    limit = data.draw(st.sampled_from([5, 200]))
    assert grid_ids(library, scope, f, limit) == expected_ids(world, scope, f)
    assert count(library, scope, f) == len(expected_ids(world, scope, f))


@pytest.mark.parametrize("f", [
    Filters(), Filters(tags=("beach",)), Filters(tags=("beach", "sunset")), Filters(tags=("beach", "sunset"), tag_mode="any"),
    Filters(campaign="Summer 26"), Filters(sources=("generated",)), Filters(ratings=(4, 5)), Filters(ratings=(UNRATED,)),
    Filters(statuses=("approved", "in_review")), Filters(kinds=("video",)), Filters(creators=("maya",)),
    Filters(after=_days_ago(10), before=_days_ago(1)),
    Filters(tags=("dog",), statuses=("approved",), ratings=(3, 4, 5, UNRATED), sources=("uploaded", "imported")),
])  # fmt: skip
def test_each_filter_alone_and_a_combination(world_library, f):
    library, world = world_library
    scope = Scope(brand_ids=tuple(world.brand_ids))
    expected = expected_ids(world, scope, f)
    assert grid_ids(library, scope, f) == expected
    assert expected or f.after  # the world is rich enough that each filter selects something


def test_trashed_assets_never_show_outside_the_trash(world_library):
    library, world = world_library
    scope = Scope(brand_ids=tuple(world.brand_ids))
    trashed = {r.id for r in world.rows.values() if r.deleted}
    assert trashed and not trashed & set(grid_ids(library, scope, Filters()))
    assert set(grid_ids(library, Scope(brand_ids=tuple(world.brand_ids), trash=True), Filters())) == trashed


def test_user_values_only_travel_as_parameters(world_library):
    library, world = world_library
    hostile = "x'); DROP TABLE assets; --"
    f = Filters(tags=(hostile,), campaign=hostile, creators=(hostile,), tag_mode="any")
    scope = Scope(brand_ids=(world.brand_ids[0],))
    sql, params = compile_query(scope, f, resolve(library.catalog.cursor(), scope, f))
    assert hostile not in sql and "DROP" not in sql
    assert grid_ids(library, scope, f) == []
    assert {c for _, c in COLUMN_FILTERS} == {"a.source", "a.status", "a.kind"}


@pytest.mark.parametrize("make", [
    lambda: Filters(statuses=("done",)), lambda: Filters(ratings=(6,)), lambda: Filters(tag_mode="some"),
    lambda: Filters(after=date(2026, 2, 1), before=date(2026, 1, 1)), lambda: Scope(brand_ids=(1,), bucket="old"),
    lambda: Scope(brand_ids=(1,), nested=True),
])  # fmt: skip
def test_bad_values_are_rejected_with_a_message(make):
    with pytest.raises(Rejected):
        make()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), f=filters_strategy, word=st.sampled_from(["golden", "harbor", "studio", "neon"]))
def test_search_only_narrows_within_the_filters(world_library, data, f, word):
    """Word matches obey every filter and scope rule, and every asset named with the word is found."""
    library, world = world_library
    scope = data.draw(scopes(world))
    allowed = expected_ids(world, scope, f)
    found = grid_ids(library, scope, Filters(**{**f.__dict__, "text": word}))
    named = [i for i in allowed if word in world.rows[i].name.lower().split()]
    assert set(named) <= set(found)
    assert set(found) <= set(allowed)  # semantic fill-ins obey the filters too
