"""The Thread tab of the viewer: an asset's comments with replies, reactions, attachments, mentions, resolution.

Bodies are shown as the sanitised HTML of dam/text/markdown.py through `st.html`; every other piece of text a person
wrote (names, handles, file names) is escaped before it reaches HTML, or shown with `st.text`.
"""

from __future__ import annotations

import html
from typing import Callable

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dam.ui.links import page_link
from dam.errors import DamError, NotFound
from dam.ingest import formats
from dam.permissions import Actor
from dam.services import attachments, thread_view, threads
from dam.services.thread_view import CommentView, Thread
from dam.text.markdown import MAX_BODY_CHARS, escape_markdown, render, with_mentions
from dam.ui.session import library

LIBRARY_PAGE = "pages/library.py"
MAX_INDENT = 4  # deeper replies line up with the fourth level instead of squeezing the text
ATTACHMENT_TYPES = sorted({ext.lstrip(".") for f in formats.SUPPORTED if f.kind in attachments.KINDS for ext in f.extensions})
STYLE = """<style>
.thread-meta{color:#6b6b70;font-size:.85rem;margin-bottom:.25rem}
.thread-meta strong{color:inherit}
.comment-body p{margin:0 0 .5rem}
.comment-body .mention{font-weight:600;color:#1a56c4;background:#e8effc;border-radius:4px;padding:0 2px}
.comment-body pre{white-space:pre-wrap}
</style>"""


def render_thread(actor: Actor, asset_id: int) -> None:
    """The whole thread of one asset for the signed-in actor (the viewer's Thread tab calls this)."""
    try:
        thread = thread_view.load(library(), actor, asset_id)
    except NotFound:
        st.info("This asset is not available to you.")
        return
    key = f"thread.{asset_id}"
    st.html(STYLE)  # styles alone: Streamlit places them out of the flow, once per thread
    _header(actor, thread, key)
    _flash(key, "top")
    if not thread.comments:
        st.caption("No comments yet. Start the discussion below.")
    for view in thread.comments:
        _comment(actor, thread, view, key, depth=0)
    if thread.can_comment:
        _composer(actor, thread, key, parent_id=None)
    else:
        st.caption("This thread is read-only.")


def thread_link(asset_id: int, label: str = "Open thread") -> None:
    """A link to the asset's Thread tab in the Library (`?asset=<id>&tab=thread`)."""
    params = {"asset": str(asset_id), "tab": "thread"}
    try:
        page_link(LIBRARY_PAGE, label=label, icon=":material/forum:", query_params=params)
    except StreamlitAPIException:  # an app without the Library page registered: a plain link to its address
        st.markdown(f"[{label}](./?asset={asset_id}&tab=thread)")


def _run(key: str, where: str, action: Callable[[], object], done: str | None = None) -> None:
    """Call a service; remember its outcome to show at `where` on the next run, then rerun."""
    try:
        action()
    except DamError as exc:
        st.session_state[f"{key}.flash"] = (where, "error", str(exc))
    else:
        st.session_state[f"{key}.flash"] = (where, "success", done) if done else None
        st.session_state.pop(f"{key}.editing", None)
        st.session_state.pop(f"{key}.replying", None)
        _bump(key)
    st.rerun()


def _flash(key: str, where: str) -> None:
    message = st.session_state.get(f"{key}.flash")
    if message and message[0] == where:
        # Messages quote what people typed (handles, file names): plain text in a Markdown-reading widget.
        (st.error if message[1] == "error" else st.success)(escape_markdown(message[2]))


def _bump(key: str) -> None:
    """A fresh generation of composer widgets: the next run shows them empty."""
    st.session_state[f"{key}.generation"] = st.session_state.get(f"{key}.generation", 0) + 1


def _header(actor: Actor, thread: Thread, key: str) -> None:
    lib = library()
    with st.container(horizontal=True, vertical_alignment="center"):
        noun = "comment" if thread.count == 1 else "comments"
        state = "Resolved" if thread.resolved else ("Open" if thread.count else "")
        st.markdown(f"**{thread.count} {noun}**" + (f" · {state}" if state else ""))
        st.space("stretch")
        if thread.can_resolve and thread.resolved:
            if st.button("Reopen", key=f"{key}.reopen", icon=":material/undo:", type="tertiary"):
                _run(key, "top", lambda: threads.reopen(lib, actor, thread.asset.id), "Thread reopened.")
        elif thread.can_resolve and thread.count:
            if st.button("Resolve", key=f"{key}.resolve", icon=":material/check_circle:", type="tertiary"):
                _run(key, "top", lambda: threads.resolve(lib, actor, thread.asset.id), "Thread resolved.")
    if thread.resolved:
        who = f" by @{thread.resolved_by.handle}" if thread.resolved_by else ""
        st.caption(escape_markdown(f"Resolved{who} on {thread.resolved_at:%d %b %Y, %H:%M}. A new comment reopens it."))


def _meta_html(view: CommentView) -> str:
    c = view.comment
    if view.author is not None:
        who = f"<strong>{html.escape(view.author.display_name)}</strong> @{html.escape(view.author.handle)}"
    else:
        who = "<strong>Former member</strong>"
    edited = " · edited" if c.edited_at and not view.deleted else ""
    return f'<div class="thread-meta">{who} · {c.created_at:%d %b %Y, %H:%M}{edited}</div>'


def _comment(actor: Actor, thread: Thread, view: CommentView, key: str, depth: int) -> None:
    cid = view.comment.id
    with st.container(border=depth == 0, key=f"thread-comment-{cid}"):
        body = '<p class="comment-body"><em>Comment deleted.</em></p>' if view.deleted else render(view.comment.body)
        st.html(_meta_html(view) + body)
        if not view.deleted:
            _attachments(actor, view, key)
            _reactions(actor, thread, view, key)
        _flash(key, f"comment.{cid}")
        if st.session_state.get(f"{key}.editing") == cid and view.can_edit:
            _editor(actor, view, key)
        if st.session_state.get(f"{key}.replying") == cid and thread.can_comment:
            _composer(actor, thread, key, parent_id=cid)
        for reply in view.replies:
            if depth + 1 >= MAX_INDENT:
                _comment(actor, thread, reply, key, depth + 1)
                continue
            with st.container(horizontal=True, gap=None):
                st.space(24)
                with st.container():
                    _comment(actor, thread, reply, key, depth + 1)


def _attachments(actor: Actor, view: CommentView, key: str) -> None:
    lib = library()
    if not view.attachments:
        return
    with st.container(horizontal=True, gap="small"):
        for item in view.attachments:
            with st.container(width=180, gap=None):
                if item.thumb_key:
                    try:
                        thumb, _mime, _name = thread_view.attachment_file(lib, actor, item.id, thumbnail=True)
                        st.image(thumb, width="stretch")
                    except (DamError, OSError):
                        st.caption("(preview missing)")
                st.text(item.name)
                st.download_button(
                    "Download", key=f"{key}.download.{item.id}", file_name=item.name, mime=item.mime,
                    data=lambda item_id=item.id: thread_view.attachment_file(lib, actor, item_id)[0],
                    icon=":material/download:", type="tertiary", on_click="ignore",
                )  # fmt: skip


def _reactions(actor: Actor, thread: Thread, view: CommentView, key: str) -> None:
    lib = library()
    cid = view.comment.id
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        for emoji in threads.REACTIONS:
            who = view.reactions.get(emoji, [])
            mine = actor.handle in who
            label = f"{emoji} {len(who)}" if who else emoji
            tip = escape_markdown("Reacted: " + ", ".join(f"@{h}" for h in who)) if who else None
            if st.button(label, key=f"{key}.react.{cid}.{emoji}", help=tip, type="secondary" if mine else "tertiary",
                         disabled=not thread.can_comment):  # fmt: skip
                _run(key, f"comment.{cid}", lambda e=emoji: threads.react(lib, actor, cid, e))
        st.space("stretch")
        if thread.can_comment and st.button("Reply", key=f"{key}.reply.{cid}", icon=":material/reply:", type="tertiary"):
            st.session_state[f"{key}.replying"] = cid
            st.rerun()
        if view.can_edit and st.button("Edit", key=f"{key}.edit.{cid}", icon=":material/edit:", type="tertiary"):
            st.session_state[f"{key}.editing"] = cid
            st.rerun()
        if view.can_delete:
            with st.popover("Delete", icon=":material/delete:", type="tertiary", key=f"{key}.delete.{cid}"):
                mod = view.comment.author_id != actor.user_id
                st.write("Remove this comment for everyone?" if mod else "Delete your comment?")
                if st.button("Delete", key=f"{key}.confirm_delete.{cid}", type="primary"):
                    _run(key, "top", lambda: threads.delete(lib, actor, cid), "Comment deleted.")


def _editor(actor: Actor, view: CommentView, key: str) -> None:
    cid = view.comment.id
    with st.form(f"{key}.edit_form.{cid}"):
        body = st.text_area("Edit comment", value=view.comment.body, max_chars=MAX_BODY_CHARS, key=f"{key}.edit_body.{cid}")
        with st.container(horizontal=True):
            save = st.form_submit_button("Save", type="primary")
            cancel = st.form_submit_button("Cancel", type="tertiary")
    if save:
        _run(key, f"comment.{cid}", lambda: threads.edit(library(), actor, cid, body or ""), "Comment updated.")
    if cancel:
        st.session_state.pop(f"{key}.editing", None)
        st.rerun()


def _composer(actor: Actor, thread: Thread, key: str, parent_id: int | None) -> None:
    """The box to write a comment or a reply: Markdown text, people to mention, files to attach."""
    lib = library()
    where = f"comment.{parent_id}" if parent_id else "composer"
    generation = st.session_state.get(f"{key}.generation", 0)
    prefix = f"{key}.{'reply' if parent_id else 'new'}.{generation}"
    people = {u.handle: u for u in thread_view.mention_candidates(lib, actor, thread.asset.id)}
    limit_mb = max(1, lib.settings.attachment_max_bytes // (1024 * 1024))
    if parent_id is None:
        _flash(key, where)
    with st.form(f"{prefix}.form", border=parent_id is None):
        body = st.text_area(
            "Reply" if parent_id else "Comment", key=f"{prefix}.body", max_chars=MAX_BODY_CHARS,
            placeholder="Markdown works: **bold**, _italic_, `code`, [links](https://…). Type @handle to mention someone.",
        )  # fmt: skip
        chosen = st.multiselect(
            "Mention", list(people), key=f"{prefix}.mention", placeholder="Type a name to mention a teammate",
            format_func=lambda h: f"@{h} · {people[h].display_name}",
        )  # fmt: skip
        files = st.file_uploader(
            f"Attach pictures or PDFs (up to {limit_mb} MB each)", type=ATTACHMENT_TYPES, accept_multiple_files=True,
            key=f"{prefix}.files", max_upload_size=limit_mb,
        )  # fmt: skip
        sent = st.form_submit_button("Reply" if parent_id else "Comment", type="primary", icon=":material/send:")
    if sent:
        uploads = [attachments.Upload(f.name, f.getvalue()) for f in files or []]
        text = with_mentions(body or "", chosen)
        _run(key, where, lambda: threads.post(lib, actor, thread.asset.id, text, parent_id=parent_id, attachments=uploads))
