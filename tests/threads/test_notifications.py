"""Mentions and notifications: who is told what, once, never about their own action, as their preferences say."""

from __future__ import annotations

import pytest

from dam.errors import Rejected
from dam.permissions import load_actor
from dam.repos import comments, notifications, users
from dam.services import assets as asset_service
from dam.services import notify, thread_view, threads
from tests.factories import make_user


def kinds(studio, actor) -> list[tuple[str, int | None]]:
    return [(n.kind, n.asset_id) for n in notify.inbox(studio.library, actor)]


def test_a_mention_notifies_the_person_mentioned(studio):
    threads.post(studio.library, studio.viewer, studio.asset, "What do you think, @maria?")
    (note,) = notify.inbox(studio.library, studio.manager)
    assert note.kind == "mention" and note.asset_id == studio.asset and note.actor_id == studio.viewer.user_id
    assert note.body.startswith("@vera mentioned you on “Beach hero”: What do you think")


def test_mentions_match_handles_without_case(studio):
    threads.post(studio.library, studio.viewer, studio.asset, "@MARIA look")
    assert kinds(studio, studio.manager) == [("mention", studio.asset)]


def test_a_mention_of_someone_outside_the_brand_is_refused_and_nothing_is_saved(studio):
    with pytest.raises(Rejected, match=r"@otto has no access to Acme"):
        threads.post(studio.library, studio.viewer, studio.asset, "cc @otto")
    assert comments.for_asset(studio.con, studio.asset) == []
    assert notify.inbox(studio.library, studio.outsider) == []


def test_a_mention_of_someone_who_cannot_see_a_draft_is_refused(studio):
    with pytest.raises(Rejected, match=r"@vera cannot see this asset yet"):
        threads.post(studio.library, studio.creator, studio.draft, "@vera have a look")
    threads.post(studio.library, studio.creator, studio.draft, "@maria have a look")  # managers see drafts
    assert kinds(studio, studio.manager) == [("mention", studio.draft)]


def test_a_mention_of_an_unknown_handle_is_refused_with_a_hint(studio):
    with pytest.raises(Rejected, match=r"No one has the handle @nobody.*backticks"):
        threads.post(studio.library, studio.viewer, studio.asset, "@nobody?")
    threads.post(studio.library, studio.viewer, studio.asset, "CSS: `@media print` is fine in code")


def test_an_edit_that_mentions_an_outsider_is_refused_and_the_text_kept(studio):
    cid = threads.post(studio.library, studio.viewer, studio.asset, "Draft text")
    with pytest.raises(Rejected, match="no access"):
        threads.edit(studio.library, studio.viewer, cid, "Draft text @otto")
    assert comments.get(studio.con, cid).body == "Draft text"


def test_an_edit_notifies_only_people_newly_mentioned(studio):
    cid = threads.post(studio.library, studio.viewer, studio.asset, "@maria first")
    threads.edit(studio.library, studio.viewer, cid, "@maria first, and @carl too")
    assert kinds(studio, studio.manager) == [("mention", studio.asset)]  # not twice
    assert ("mention", studio.asset) in kinds(studio, studio.creator)


def test_a_reply_notifies_the_parent_s_author(studio):
    root = threads.post(studio.library, studio.viewer, studio.asset, "Question")
    threads.post(studio.library, studio.manager, studio.asset, "Answer", parent_id=root)
    assert kinds(studio, studio.viewer) == [("reply", studio.asset)]


def test_a_comment_notifies_the_asset_s_creator(studio):
    threads.post(studio.library, studio.viewer, studio.asset, "Lovely")
    (note,) = notify.inbox(studio.library, studio.creator)
    assert note.kind == "comment" and note.body.startswith("@vera commented on “Beach hero”")


def test_one_comment_tells_each_person_once_as_the_most_specific_kind(studio):
    root = threads.post(studio.library, studio.creator, studio.asset, "My own asset")
    threads.post(studio.library, studio.viewer, studio.asset, "@carl yes", parent_id=root)
    assert kinds(studio, studio.creator) == [("mention", studio.asset)]  # mention + reply + creator: told once


def test_nobody_is_notified_about_their_own_action(studio):
    root = threads.post(studio.library, studio.creator, studio.asset, "Note to self @carl")
    threads.post(studio.library, studio.creator, studio.asset, "Replying to myself", parent_id=root)
    assert notify.inbox(studio.library, studio.creator) == []


def test_a_switched_off_kind_is_not_created_and_the_next_kind_still_applies(studio):
    notify.set_preference(studio.library, studio.creator, "mention", False)
    root = threads.post(studio.library, studio.creator, studio.asset, "Mine")
    threads.post(studio.library, studio.viewer, studio.asset, "@carl reply", parent_id=root)
    assert kinds(studio, studio.creator) == [("reply", studio.asset)]
    notify.set_preference(studio.library, studio.creator, "reply", False)
    notify.set_preference(studio.library, studio.creator, "comment", False)
    threads.post(studio.library, studio.viewer, studio.asset, "@carl again", parent_id=root)
    assert len(notify.inbox(studio.library, studio.creator)) == 1


def test_preferences_default_on_and_unknown_kinds_are_refused(studio):
    assert notify.preferences(studio.library, studio.viewer) == dict.fromkeys(notify.KIND_LABELS, True)
    notify.set_preference(studio.library, studio.viewer, "review", False)
    assert notify.preferences(studio.library, studio.viewer)["review"] is False
    with pytest.raises(Rejected):
        notify.set_preference(studio.library, studio.viewer, "everything", False)


def test_review_decisions_reach_the_submitter_unless_switched_off(studio):
    submitted = studio.draft
    asset_service.set_status(studio.library, studio.creator, [submitted], "in_review")
    asset_service.set_status(studio.library, studio.manager, [submitted], "rejected", "Crop is off")
    assert kinds(studio, studio.creator) == [("review.rejected", submitted)]
    notify.set_preference(studio.library, studio.creator, "review", False)
    asset_service.set_status(studio.library, studio.creator, [submitted], "in_review")
    asset_service.set_status(studio.library, studio.manager, [submitted], "approved")
    assert kinds(studio, studio.creator) == [("review.rejected", submitted)]


def test_the_inbox_is_newest_first_filters_by_kind_and_marks_read(studio):
    root = threads.post(studio.library, studio.viewer, studio.asset, "Q")
    threads.post(studio.library, studio.creator, studio.asset, "A", parent_id=root)
    threads.post(studio.library, studio.manager, studio.asset, "@vera see this")
    assert [n.kind for n in notify.inbox(studio.library, studio.viewer)] == ["mention", "reply"]
    assert [n.kind for n in notify.inbox(studio.library, studio.viewer, "reply")] == ["reply"]
    newest = notify.inbox(studio.library, studio.viewer)[0]
    notify.mark_read(studio.library, studio.viewer, newest.id)
    assert notifications.unread_count(studio.con, studio.viewer.user_id) == 1
    notify.mark_read(studio.library, studio.viewer)
    assert notifications.unread_count(studio.con, studio.viewer.user_id) == 0
    with pytest.raises(Rejected):
        notify.inbox(studio.library, studio.viewer, "gossip")


def test_one_cannot_mark_someone_else_s_notification_read(studio):
    threads.post(studio.library, studio.viewer, studio.asset, "@maria hi")
    (note,) = notify.inbox(studio.library, studio.manager)
    notify.mark_read(studio.library, studio.viewer, note.id)
    assert notify.inbox(studio.library, studio.manager)[0].read_at is None


def test_people_who_lose_access_are_not_told_and_no_longer_see_old_notifications(studio, library):
    root = threads.post(studio.library, studio.viewer, studio.asset, "Q")
    threads.post(studio.library, studio.creator, studio.asset, "A", parent_id=root)
    assert len(notify.inbox(studio.library, studio.viewer)) == 1
    assert notify.unread_count(studio.library, studio.viewer) == 1  # the bell counts what the inbox lists
    with library.catalog.transaction() as con:
        users.remove_membership(con, studio.viewer.user_id, studio.acme)
    threads.post(studio.library, studio.creator, studio.asset, "A2", parent_id=root)
    assert notifications.for_user(studio.con, studio.viewer.user_id)[0].body.endswith("A")  # none added for A2
    signed_in_again = load_actor(studio.con, studio.viewer.user_id)  # pages load the actor afresh each run
    assert notify.inbox(studio.library, signed_in_again) == []  # and the old one is hidden
    assert notify.unread_count(studio.library, signed_in_again) == 0  # from the bell too


def test_mention_candidates_are_the_people_who_can_read_the_thread(studio, library):
    make_user(library, "ada", admin=True)
    on_asset = [u.handle for u in thread_view.mention_candidates(studio.library, studio.viewer, studio.asset)]
    assert on_asset == ["ada", "carl", "maria"]  # brand members and admins, not the writer, not otto
    on_draft = [u.handle for u in thread_view.mention_candidates(studio.library, studio.creator, studio.draft)]
    assert on_draft == ["ada", "maria"]  # a draft: its creator (the writer) and managers only
