"""The Thread tab and the Inbox page under Streamlit's AppTest: two people mention each other and read it.

The same story runs in a real browser through the Library page in test_browser.py; these tests drive the widgets
headless, faster, and cover the cases around it (refusals, hostile text, reactions, edits, resolution).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dam.permissions import Actor, load_actor
from dam.repos import comments, notifications, users
from dam.services import notify, threads
from dam.ui import shell
from dam.web import runtime

INBOX = Path(__file__).resolve().parents[2] / "pages" / "inbox.py"


def thread_tab(asset_id: int, user_id: int) -> None:
    """What the viewer's Thread tab does: render the thread for the signed-in person."""
    from dam.permissions import load_actor
    from dam.ui.session import library
    from dam.ui.thread import render_thread

    render_thread(load_actor(library().catalog.cursor(), user_id), asset_id)


@pytest.fixture
def served(studio, monkeypatch):
    """The studio's library as the one this process serves, restored afterwards."""
    monkeypatch.setattr(runtime, "_state", {})
    runtime.configure(studio.library)
    return studio


def open_thread(studio, asset_id: int, actor: Actor) -> AppTest:
    at = AppTest.from_function(thread_tab, kwargs={"asset_id": asset_id, "user_id": actor.user_id}, default_timeout=30)
    return at.run()


def open_inbox(studio, actor: Actor, monkeypatch) -> AppTest:
    # Signed in as `actor`: the shell asks the session for the actor; the cookie route is tested in tests/web.
    monkeypatch.setattr(shell, "current_actor", lambda: load_actor(studio.con, actor.user_id))
    return AppTest.from_file(str(INBOX), default_timeout=30).run()


def html_of(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def button(at: AppTest, label: str, nth: int = 0):
    return [b for b in at.button if b.label == label][nth]


def submit(at: AppTest, label: str = "Comment"):
    return next(b for b in at.get("form_submit_button") if b.label == label)


def thread_links(at: AppTest) -> list[str]:
    """Where the inbox's links lead: a page link once the Library page is registered, else a plain link."""
    pages = [f"{e.proto.page}?{e.proto.query_string}" for e in at.get("page_link")]
    buttons = [b.proto.url for b in at.get("link_button") if "tab=thread" in b.proto.url]
    return pages + buttons + [m.value for m in at.markdown if "tab=thread" in m.value]


def test_two_people_mention_each_other_and_read_their_notifications(served, monkeypatch):
    studio = served
    # Vera writes on the thread and mentions Carl by typing his handle.
    vera_tab = open_thread(studio, studio.asset, studio.viewer)
    vera_tab.text_area[0].input("Can you straighten the horizon, @carl?")
    submit(vera_tab).click().run()
    assert not vera_tab.exception and not vera_tab.error
    assert "straighten the horizon" in html_of(vera_tab) and '<span class="mention">@carl</span>' in html_of(vera_tab)
    assert vera_tab.text_area[0].value == ""  # a fresh box for the next comment

    # Carl's inbox shows the mention, unread, linking to the thread; he marks it read.
    carl_inbox = open_inbox(studio, studio.creator, monkeypatch)
    assert not carl_inbox.exception
    assert [t.value for t in carl_inbox.text] == ["@vera mentioned you on “Beach hero”: Can you straighten the horizon, @carl?"]
    assert notifications.unread_count(studio.con, studio.creator.user_id) == 1
    (link,) = thread_links(carl_inbox)
    assert f"asset={studio.asset}" in link and "tab=thread" in link
    button(carl_inbox, "Mark read").click().run()
    assert notifications.unread_count(studio.con, studio.creator.user_id) == 0

    # Carl replies and picks Vera in the Mention box (the autocomplete of the brand's members).
    carl_tab = open_thread(studio, studio.asset, studio.creator)
    button(carl_tab, "Reply").click().run()
    reply_form = [t for t in carl_tab.text_area if t.label == "Reply"][0]
    reply_form.input("Done, have a look.")
    mention = [m for m in carl_tab.multiselect if m.key and ".reply." in m.key][0]
    assert mention.options == ["@maria · maria", "@vera · vera"]  # members who can see it; never otto
    mention.select("vera")
    submit(carl_tab, "Reply").click().run()
    assert not carl_tab.exception and not carl_tab.error
    (root,) = [c for c in comments.for_asset(studio.con, studio.asset) if c.parent_id is None]
    (reply,) = [c for c in comments.for_asset(studio.con, studio.asset) if c.parent_id == root.id]
    assert reply.body == "@vera\n\nDone, have a look."

    # Vera reads it in her inbox and marks everything read.
    vera_inbox = open_inbox(studio, studio.viewer, monkeypatch)
    assert [t.value for t in vera_inbox.text] == ["@carl mentioned you on “Beach hero”: @vera Done, have a look."]
    button(vera_inbox, "Mark all read").click().run()
    assert notifications.unread_count(studio.con, studio.viewer.user_id) == 0


def test_a_refused_mention_shows_why_and_keeps_the_text(served):
    at = open_thread(served, served.asset, served.viewer)
    at.text_area[0].input("cc @otto")
    submit(at).click().run()
    assert "@otto has no access to Acme" in at.error[0].value.replace("\\", "")
    assert at.text_area[0].value == "cc @otto"
    assert comments.for_asset(served.con, served.asset) == []


def test_hostile_bodies_and_names_reach_the_page_inert(served):
    with served.library.catalog.transaction() as con:
        con.execute("UPDATE users SET display_name = ? WHERE id = ?", ["<img src=x onerror=alert(1)>", served.creator.user_id])
    threads.post(served.library, served.creator, served.asset, "<script>alert(1)</script> [x](javascript:alert(1))")
    at = open_thread(served, served.asset, served.viewer)
    markup = html_of(at)
    assert "<script>alert" not in markup and "<img" not in markup and 'href="javascript' not in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup


def test_a_viewer_sees_no_edit_or_delete_on_others_comments(served):
    threads.post(served.library, served.creator, served.asset, "Carl's note")
    at = open_thread(served, served.asset, served.viewer)
    labels = [b.label for b in at.button]
    assert "Edit" not in labels and "Delete" not in labels and "Resolve" not in labels and "Reply" in labels
    as_manager = open_thread(served, served.asset, served.manager)
    assert "Delete" in [b.label for b in as_manager.button] and "Edit" not in [b.label for b in as_manager.button]


def test_reacting_toggles_and_editing_saves(served):
    cid = threads.post(served.library, served.viewer, served.asset, "Frist")
    at = open_thread(served, served.asset, served.viewer)
    button(at, "👍").click().run()
    assert button(at, "👍 1").proto.help.replace("\\", "") == "Reacted: @vera"
    button(at, "Edit").click().run()
    editor = [t for t in at.text_area if t.label == "Edit comment"][0]
    editor.input("First")
    submit(at, "Save").click().run()
    assert comments.get(served.con, cid).body == "First" and not at.exception


def test_a_creator_resolves_and_reopens_the_thread(served):
    threads.post(served.library, served.viewer, served.asset, "Fix please")
    at = open_thread(served, served.asset, served.creator)
    button(at, "Resolve").click().run()
    assert "Resolved" in at.markdown[0].value and any("Resolved by @carl" in c.value for c in at.caption)
    button(at, "Reopen").click().run()
    assert "Open" in at.markdown[0].value


def test_attachments_upload_through_the_thread(served):
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (300, 200), (20, 120, 200)).save(picture, "PNG")
    at = open_thread(served, served.asset, served.viewer)
    at.text_area[0].input("See the reference")
    at.get("file_uploader")[0].upload("a.png", picture.getvalue(), "image/png")
    submit(at).click().run()
    assert not at.exception and not at.error
    assert [t.value for t in at.text if t.value == "a.png"] and at.get("image")  # the picture shows as a thumbnail
    (comment,) = comments.for_asset(served.con, served.asset)
    assert [a.name for a in comments.attachments_for(served.con, [comment.id])[comment.id]] == ["a.png"]
    # A file that lies about its type is refused with the reason, and nothing is posted.
    at.text_area[0].input("And this")
    at.get("file_uploader")[0].upload("notes.png", b"%PDF-1.4 not a picture at all", "image/png")
    submit(at).click().run()
    assert at.error and "notes.png" in at.error[0].value.replace("\\", "") and not at.exception
    assert len(comments.for_asset(served.con, served.asset)) == 1


def test_an_invisible_asset_shows_nothing_of_its_thread(served):
    threads.post(served.library, served.creator, served.draft, "secret")
    at = open_thread(served, served.draft, served.viewer)
    assert "not available" in at.info[0].value and "secret" not in html_of(at)


def test_inbox_filters_by_kind_and_saves_preferences(served, monkeypatch):
    root = threads.post(served.library, served.viewer, served.asset, "Q")
    threads.post(served.library, served.manager, served.asset, "A", parent_id=root)
    threads.post(served.library, served.creator, served.asset, "@vera hi")
    at = open_inbox(served, served.viewer, monkeypatch)
    assert len(at.text) == 2
    at.segmented_control[0].set_value("reply").run()
    assert [t.value for t in at.text] == ["@maria replied to you on “Beach hero”: A"]
    toggle = next(t for t in at.toggle if t.label == notify.KIND_LABELS["mention"])
    toggle.set_value(False).run()
    assert notify.preferences(served.library, load_actor(served.con, served.viewer.user_id))["mention"] is False
    assert users.by_handle(served.con, "vera") is not None
