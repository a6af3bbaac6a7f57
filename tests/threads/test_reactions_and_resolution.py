"""Reactions toggle and show who reacted; threads resolve and reopen; counts and open threads for the grid."""

from __future__ import annotations

import pytest

from dam.errors import Rejected
from dam.permissions import PermissionDenied
from dam.repos import comments, events
from dam.services import thread_view, threads
from tests.factories import make_asset


def test_a_reaction_toggles_and_shows_who_reacted(studio):
    cid = threads.post(studio.library, studio.creator, studio.asset, "Final cut")
    assert threads.react(studio.library, studio.viewer, cid, "👍") is True
    assert threads.react(studio.library, studio.manager, cid, "👍") is True
    assert threads.react(studio.library, studio.manager, cid, "🎉") is True
    view = thread_view.load(studio.library, studio.creator, studio.asset).comments[0]
    assert view.reactions == {"👍": ["vera", "maria"], "🎉": ["maria"]}
    assert threads.react(studio.library, studio.viewer, cid, "👍") is False
    view = thread_view.load(studio.library, studio.creator, studio.asset).comments[0]
    assert view.reactions == {"👍": ["maria"], "🎉": ["maria"]}
    assert [e["after"] for e in events.for_entity(studio.con, "comment", cid) if e["action"] == "comment.react"][-1] == {
        "emoji": "👍", "on": False}  # fmt: skip


@pytest.mark.parametrize("emoji", ["💩", "<script>", "", "👍👍"])
def test_only_the_small_emoji_set_is_accepted(studio, emoji):
    cid = threads.post(studio.library, studio.creator, studio.asset, "Hi")
    with pytest.raises(Rejected, match="React with one of"):
        threads.react(studio.library, studio.viewer, cid, emoji)


def test_the_emoji_set_is_the_documented_one():
    assert threads.REACTIONS == ("👍", "❤️", "🎉", "👀", "✅")


def test_a_thread_resolves_and_reopens_with_events_on_the_asset(studio):
    threads.post(studio.library, studio.viewer, studio.asset, "Please fix the horizon")
    threads.resolve(studio.library, studio.creator, studio.asset)
    thread = thread_view.load(studio.library, studio.viewer, studio.asset)
    assert thread.resolved and thread.resolved_by.handle == "carl"
    with pytest.raises(Rejected, match="already resolved"):
        threads.resolve(studio.library, studio.manager, studio.asset)
    threads.reopen(studio.library, studio.manager, studio.asset)
    assert not thread_view.load(studio.library, studio.viewer, studio.asset).resolved
    with pytest.raises(Rejected, match="already open"):
        threads.reopen(studio.library, studio.manager, studio.asset)
    actions = [e["action"] for e in events.for_entity(studio.con, "asset", studio.asset)]
    assert actions == ["thread.resolve", "thread.reopen"]


def test_an_empty_thread_cannot_be_resolved(studio):
    with pytest.raises(Rejected, match="nothing to resolve"):
        threads.resolve(studio.library, studio.manager, studio.asset)


def test_viewers_take_part_but_do_not_resolve(studio):
    threads.post(studio.library, studio.viewer, studio.asset, "Question")
    with pytest.raises(PermissionDenied):
        threads.resolve(studio.library, studio.viewer, studio.asset)
    assert not thread_view.load(studio.library, studio.viewer, studio.asset).can_resolve
    assert thread_view.load(studio.library, studio.creator, studio.asset).can_resolve


def test_a_new_comment_reopens_a_resolved_thread(studio):
    threads.post(studio.library, studio.viewer, studio.asset, "One")
    threads.resolve(studio.library, studio.manager, studio.asset)
    cid = threads.post(studio.library, studio.viewer, studio.asset, "Actually, one more thing")
    assert not thread_view.load(studio.library, studio.viewer, studio.asset).resolved
    reopened = events.for_entity(studio.con, "asset", studio.asset)[-1]
    assert reopened["action"] == "thread.reopen" and reopened["after"]["comment_id"] == cid


def test_comment_counts_cover_live_comments_of_visible_assets(studio):
    first = threads.post(studio.library, studio.viewer, studio.asset, "a")
    threads.post(studio.library, studio.viewer, studio.asset, "b", parent_id=first)
    gone = threads.post(studio.library, studio.viewer, studio.asset, "c")
    threads.delete(studio.library, studio.viewer, gone)
    threads.post(studio.library, studio.manager, studio.draft, "on the draft")
    quiet = make_asset(studio.library, studio.acme, 3, status="approved")
    ids = [studio.asset, studio.draft, quiet]
    assert thread_view.comment_counts(studio.library, studio.viewer, ids) == {studio.asset: 2, quiet: 0}
    assert thread_view.comment_counts(studio.library, studio.manager, ids) == {studio.asset: 2, studio.draft: 1, quiet: 0}
    assert thread_view.comment_counts(studio.library, studio.outsider, ids) == {}
    assert comments.counts(studio.con, ids) == {studio.asset: 2, studio.draft: 1}


def test_unresolved_threads_for_the_library_filter(studio):
    other_asset = make_asset(studio.library, studio.other, 4, status="approved")
    resolved = make_asset(studio.library, studio.acme, 5, status="approved")
    only_deleted = make_asset(studio.library, studio.acme, 6, status="approved")
    threads.post(studio.library, studio.viewer, studio.asset, "open")
    threads.post(studio.library, studio.manager, studio.draft, "open, on a draft")
    threads.post(studio.library, studio.outsider, other_asset, "open elsewhere")
    threads.post(studio.library, studio.viewer, resolved, "settled")
    threads.resolve(studio.library, studio.manager, resolved)
    threads.delete(studio.library, studio.viewer, threads.post(studio.library, studio.viewer, only_deleted, "x"))
    assert comments.unresolved_asset_ids(studio.con, [studio.acme]) == [studio.asset, studio.draft]
    assert thread_view.unresolved_asset_ids(studio.library, studio.viewer) == [studio.asset]  # no draft for a viewer
    assert thread_view.unresolved_asset_ids(studio.library, studio.manager) == [studio.asset, studio.draft, other_asset]
    assert thread_view.unresolved_asset_ids(studio.library, studio.manager, [studio.other]) == [other_asset]
    assert thread_view.unresolved_asset_ids(studio.library, studio.outsider, [studio.acme]) == []


def test_the_open_thread_predicate_composes_with_a_query_over_assets_a(studio):
    threads.post(studio.library, studio.viewer, studio.asset, "open")
    sql = f"SELECT a.id FROM assets a WHERE a.brand_id = ? AND a.id IN ({comments.OPEN_THREAD_ASSETS}) ORDER BY a.id"
    assert [r[0] for r in studio.con.execute(sql, [studio.acme]).fetchall()] == [studio.asset]
