"""Posting, replying, editing and deleting comments: each checked, stored, shown threaded and logged."""

from __future__ import annotations

import pytest

from dam.errors import NotFound, Rejected
from dam.permissions import PermissionDenied
from dam.repos import comments, events
from dam.services import notify, thread_view, threads
from dam.text.markdown import MAX_BODY_CHARS, render


def test_a_comment_is_stored_as_typed_and_logged(studio):
    cid = threads.post(studio.library, studio.viewer, studio.asset, "  Love the **light** here\r\n  ")
    stored = comments.get(studio.con, cid)
    assert stored.body == "Love the **light** here" and stored.author_id == studio.viewer.user_id
    (event,) = events.for_entity(studio.con, "comment", cid)
    assert event["action"] == "comment.create" and event["actor_id"] == studio.viewer.user_id
    assert event["after"]["body"] == "Love the **light** here" and event["after"]["asset_id"] == studio.asset


def test_control_characters_are_dropped_and_an_empty_comment_is_refused(studio):
    cid = threads.post(studio.library, studio.viewer, studio.asset, "a\x00b\x07c\td\ne")
    assert comments.get(studio.con, cid).body == "abc\td\ne"
    with pytest.raises(Rejected, match="Write something"):
        threads.post(studio.library, studio.viewer, studio.asset, " \n\x00 ")


def test_a_body_over_the_limit_is_refused(studio):
    with pytest.raises(Rejected, match="at most"):
        threads.post(studio.library, studio.viewer, studio.asset, "x" * (MAX_BODY_CHARS + 1))


def test_replies_are_shown_threaded_under_their_parent(studio):
    root = threads.post(studio.library, studio.viewer, studio.asset, "Question")
    reply = threads.post(studio.library, studio.creator, studio.asset, "Answer", parent_id=root)
    nested = threads.post(studio.library, studio.viewer, studio.asset, "Thanks", parent_id=reply)
    second = threads.post(studio.library, studio.manager, studio.asset, "Another topic")
    thread = thread_view.load(studio.library, studio.viewer, studio.asset)
    assert thread.count == 4
    assert [v.comment.id for v in thread.comments] == [root, second]
    assert [v.comment.id for v in thread.comments[0].replies] == [reply]
    assert [v.comment.id for v in thread.comments[0].replies[0].replies] == [nested]


def test_a_reply_must_be_to_a_comment_on_the_same_asset(studio):
    elsewhere = threads.post(studio.library, studio.manager, studio.draft, "On the draft")
    with pytest.raises(NotFound):
        threads.post(studio.library, studio.manager, studio.asset, "Reply", parent_id=elsewhere)
    with pytest.raises(NotFound):
        threads.post(studio.library, studio.manager, studio.asset, "Reply", parent_id=999)


def test_the_author_edits_their_comment_and_the_event_keeps_before_and_after(studio):
    cid = threads.post(studio.library, studio.viewer, studio.asset, "Frist")
    threads.edit(studio.library, studio.viewer, cid, "First")
    stored = comments.get(studio.con, cid)
    assert stored.body == "First" and stored.edited_at is not None
    edit = events.for_entity(studio.con, "comment", cid)[-1]
    assert edit["action"] == "comment.edit" and edit["before"] == {"body": "Frist"} and edit["after"] == {"body": "First"}


@pytest.mark.parametrize("who", ["creator", "manager"])
def test_nobody_else_edits_a_comment_not_even_a_manager(studio, who):
    cid = threads.post(studio.library, studio.viewer, studio.asset, "Mine")
    with pytest.raises(PermissionDenied, match="Only its author"):
        threads.edit(studio.library, getattr(studio, who), cid, "Theirs")
    assert comments.get(studio.con, cid).body == "Mine"


def test_an_edit_to_nothing_is_refused(studio):
    cid = threads.post(studio.library, studio.viewer, studio.asset, "Text")
    with pytest.raises(Rejected, match="delete it instead"):
        threads.edit(studio.library, studio.viewer, cid, "   ")


def test_the_author_deletes_their_comment_and_the_event_keeps_the_text(studio):
    cid = threads.post(studio.library, studio.viewer, studio.asset, "Oops, wrong asset")
    threads.delete(studio.library, studio.viewer, cid)
    stored = comments.get(studio.con, cid)
    assert stored.deleted_at is not None and stored.body == ""
    event = events.for_entity(studio.con, "comment", cid)[-1]
    assert event["action"] == "comment.delete" and event["before"]["body"] == "Oops, wrong asset"
    assert event["after"] == {"deleted_by": studio.viewer.user_id, "moderated": False}
    assert thread_view.load(studio.library, studio.viewer, studio.asset).comments == []


def test_a_manager_removes_anyone_s_comment_and_that_is_logged_as_moderation(studio):
    cid = threads.post(studio.library, studio.creator, studio.asset, "Off-topic")
    threads.delete(studio.library, studio.manager, cid)
    event = events.for_entity(studio.con, "comment", cid)[-1]
    assert event["actor_id"] == studio.manager.user_id and event["after"]["moderated"] is True


@pytest.mark.parametrize("who", ["viewer", "creator"])
def test_others_cannot_delete_a_comment(studio, who):
    cid = threads.post(studio.library, studio.manager, studio.asset, "Keep me")
    with pytest.raises(PermissionDenied, match="remove comments"):
        threads.delete(studio.library, getattr(studio, who), cid)
    assert comments.get(studio.con, cid).deleted_at is None


def test_a_deleted_comment_with_replies_stays_as_a_placeholder(studio):
    root = threads.post(studio.library, studio.viewer, studio.asset, "Root")
    threads.post(studio.library, studio.creator, studio.asset, "Reply", parent_id=root)
    threads.delete(studio.library, studio.viewer, root)
    thread = thread_view.load(studio.library, studio.creator, studio.asset)
    (placeholder,) = thread.comments
    assert placeholder.deleted and placeholder.comment.body == "" and not placeholder.can_edit
    assert [r.comment.body for r in placeholder.replies] == ["Reply"]
    assert thread.count == 1


def test_a_deleted_comment_cannot_be_edited_reacted_to_or_replied_to(studio):
    cid = threads.post(studio.library, studio.viewer, studio.asset, "Gone soon")
    threads.delete(studio.library, studio.viewer, cid)
    with pytest.raises(Rejected, match="deleted"):
        threads.edit(studio.library, studio.viewer, cid, "Back")
    with pytest.raises(Rejected, match="deleted"):
        threads.react(studio.library, studio.viewer, cid, "👍")
    with pytest.raises(Rejected, match="deleted"):
        threads.post(studio.library, studio.viewer, studio.asset, "Reply", parent_id=cid)


def test_a_trashed_asset_s_thread_is_read_only(studio):
    cid = threads.post(studio.library, studio.creator, studio.asset, "Before the trash")
    studio.set_asset(studio.asset, deleted_at=events.utcnow(), deleted_by=studio.manager.user_id)
    with pytest.raises(Rejected, match="trash"):
        threads.post(studio.library, studio.manager, studio.asset, "After")
    with pytest.raises(Rejected, match="trash"):
        threads.delete(studio.library, studio.manager, cid)
    thread = thread_view.load(studio.library, studio.manager, studio.asset)  # managers still read it
    assert not thread.can_comment and not thread.comments[0].can_delete


def test_what_each_reader_may_do_is_part_of_the_view(studio):
    mine = threads.post(studio.library, studio.viewer, studio.asset, "Mine")
    theirs = threads.post(studio.library, studio.creator, studio.asset, "Theirs")
    as_viewer = {v.comment.id: v for v in thread_view.load(studio.library, studio.viewer, studio.asset).comments}
    as_manager = {v.comment.id: v for v in thread_view.load(studio.library, studio.manager, studio.asset).comments}
    assert (as_viewer[mine].can_edit, as_viewer[mine].can_delete) == (True, True)
    assert (as_viewer[theirs].can_edit, as_viewer[theirs].can_delete) == (False, False)
    assert (as_manager[theirs].can_edit, as_manager[theirs].can_delete) == (False, True)


@pytest.mark.parametrize(
    "name",
    ['<script>alert("name")</script>', '[x](javascript:alert(1))', "&lt;b&gt;", "<img src=x onerror=alert(1)>"],
)
def test_hostile_asset_names_reach_notifications_as_plain_text(studio, name):
    studio.set_asset(studio.asset, name=name)
    threads.post(studio.library, studio.viewer, studio.asset, "Nice")
    (note,) = notify.inbox(studio.library, studio.creator)
    assert name in note.body  # stored as typed; the inbox shows it with st.text, never as Markdown or HTML


def test_a_stored_body_is_rendered_only_through_the_sanitiser(studio):
    cid = threads.post(studio.library, studio.viewer, studio.asset, "<script>alert(1)</script> [x](javascript:alert(1))")
    view = thread_view.load(studio.library, studio.viewer, studio.asset).comments[0]
    assert view.comment.id == cid
    markup = render(view.comment.body)
    assert "<script" not in markup and "href" not in markup
