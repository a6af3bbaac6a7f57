"""Threads on assets: post, reply, edit, delete, react, resolve; each checked, changed and logged in one transaction.

Anyone who can see an asset may comment on it (`comment.create`, every role); only a comment's author edits it;
its author or a brand manager (`comment.moderate`) deletes it; resolving the thread is for those who edit the
brand's assets. Reading is in dam/services/thread_view.py.
"""

from __future__ import annotations

import unicodedata
from typing import Sequence

from dam.db.catalog import Connection
from dam.errors import NotFound, Rejected
from dam.library import Library
from dam.models import Asset, User
from dam.permissions import Actor, PermissionDenied, can_see, load_actor, require, require_visible
from dam.repos import assets, brands, comments, events, users
from dam.repos.comments import Comment
from dam.services import attachments as files
from dam.services.attachments import Upload
from dam.services.notify import Audience, about_comment
from dam.text.markdown import MAX_BODY_CHARS, mentions

REACTIONS = ("👍", "❤️", "🎉", "👀", "✅")
RESOLVE_ACTION = "asset.edit"  # creators and managers settle a discussion; viewers take part in it

__all__ = ["REACTIONS", "Upload", "post", "edit", "delete", "react", "resolve", "reopen"]


def clean_body(body: str) -> str:
    """The body as stored: line ends unified, control characters (other than newline and tab) dropped, trimmed."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc").strip()
    if len(text) > MAX_BODY_CHARS:
        raise Rejected(f"A comment is at most {MAX_BODY_CHARS:,} characters; this one has {len(text):,}.")
    return text


def _asset(con: Connection, actor: Actor, asset_id: int) -> Asset:
    """The asset, if the actor may see it and comment on it; a trashed asset's thread is read-only."""
    asset = assets.get(con, asset_id)
    require_visible(actor, asset)
    require(actor, "comment.create", asset.brand_id)
    if asset.deleted_at is not None:
        raise Rejected("This asset is in the trash: its thread is read-only until it is restored.")
    return asset


def _comment(con: Connection, actor: Actor, comment_id: int) -> tuple[Comment, Asset]:
    """A live comment and its asset; one answer for missing and invisible, so ids reveal nothing."""
    try:
        comment = comments.get(con, comment_id)
        asset = assets.get(con, comment.asset_id)
        require_visible(actor, asset)
    except NotFound:
        raise NotFound(f"No comment with id {comment_id}.") from None
    if comment.deleted_at is not None:
        raise Rejected("This comment was deleted.")
    return comment, _asset(con, actor, asset.id)


def _parent(con: Connection, asset: Asset, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    try:
        parent = comments.get(con, parent_id)
    except NotFound:
        parent = None
    if parent is None or parent.asset_id != asset.id:
        raise NotFound(f"No comment with id {parent_id} on this asset.")
    if parent.deleted_at is not None:
        raise Rejected("That comment was deleted: reply to the thread instead.")
    return parent


def _mentioned(con: Connection, asset: Asset, body: str) -> list[User]:
    """The people a body mentions; Rejected (and so nothing saved) if any of them could not read the thread."""
    people = []
    for handle in mentions(body):
        user = users.by_handle(con, handle)
        if user is None:
            raise Rejected(f"No one has the handle @{handle}. Check the spelling, or write it as `@{handle}` "
                           "(in backticks) if it is not a person.")  # fmt: skip
        reader = load_actor(con, user.id)
        if reader.role(asset.brand_id) is None:
            brand = brands.by_id(con, asset.brand_id).name
            raise Rejected(f"@{user.handle} has no access to {brand}, so they cannot read this thread. "
                           "Ask an admin to add them to the brand, or leave the mention out.")  # fmt: skip
        if not can_see(reader, asset):
            raise Rejected(f"@{user.handle} cannot see this asset yet: a draft shows only to its creator and the "
                           "brand's managers. Mention them once it is submitted for review.")  # fmt: skip
        people.append(user)
    return people


def _check_post(con: Connection, actor: Actor, asset_id: int, parent_id: int | None, body: str):
    asset = _asset(con, actor, asset_id)
    return asset, _parent(con, asset, parent_id), _mentioned(con, asset, body)


def post(
    library: Library, actor: Actor, asset_id: int, body: str, *, parent_id: int | None = None,
    attachments: Sequence[Upload] = (),
) -> int:  # fmt: skip
    """Comment on an asset (or reply to one of its comments), with optional attachments; the new comment's id."""
    text = clean_body(body)
    if not text and not attachments:
        raise Rejected("Write something or attach a file.")
    if len(attachments) > files.MAX_PER_COMMENT:
        raise Rejected(f"Attach at most {files.MAX_PER_COMMENT} files to one comment.")
    # Every check that needs no file runs first, so a refused comment never costs a decode or leaves a file.
    _check_post(library.catalog.cursor(), actor, asset_id, parent_id, text)
    for upload in attachments:
        files.check_upload(library, upload)
    stored: list[dict] = []
    try:
        for upload in attachments:
            stored.append(files.store(library, upload))
        with library.catalog.transaction() as con:
            asset, parent, mentioned = _check_post(con, actor, asset_id, parent_id, text)
            if not files.all_stored(library, [s["sha256"] for s in stored]):
                raise Rejected("An attachment could not be kept while posting: please post the comment again.")
            comment = comments.insert(con, asset.id, actor.user_id, text, parent and parent.id, events.utcnow())
            for fields in stored:
                comments.add_attachment(con, comment.id, fields)
            events.record(con, actor_id=actor.user_id, action="comment.create", entity="comment", entity_id=comment.id,
                          brand_id=asset.brand_id, before=None,
                          after={"asset_id": asset.id, "parent_id": comment.parent_id, "body": text,
                                 "attachments": [s["name"] for s in stored]})  # fmt: skip
            _reopen_for_new_comment(con, actor, asset, comment)
            audience = Audience(mentioned=tuple(u.id for u in mentioned), replied_to=parent and parent.author_id,
                                creator=asset.creator_id)  # fmt: skip
            about_comment(con, actor, asset, comment, audience)
    except BaseException:
        files.discard(library, [s["sha256"] for s in stored])
        raise
    return comment.id


def _reopen_for_new_comment(con: Connection, actor: Actor, asset: Asset, comment: Comment) -> None:
    """A new comment on a resolved thread reopens it: someone has raised something new."""
    resolved = comments.resolution(con, asset.id)
    if resolved is not None:
        _reopen(con, actor, asset, resolved[0], comment_id=comment.id)


def _reopen(con: Connection, actor: Actor, asset: Asset, resolved_at, **why) -> None:
    comments.set_resolution(con, asset.id, None, None)
    events.record(con, actor_id=actor.user_id, action="thread.reopen", entity="asset", entity_id=asset.id,
                  brand_id=asset.brand_id, before={"resolved_at": resolved_at}, after={"resolved_at": None, **why})  # fmt: skip


def edit(library: Library, actor: Actor, comment_id: int, body: str) -> None:
    """Change the text of one's own comment; people it newly mentions are told."""
    text = clean_body(body)
    with library.catalog.transaction() as con:
        comment, asset = _comment(con, actor, comment_id)
        if comment.author_id != actor.user_id:
            raise PermissionDenied("Only its author can edit a comment.")
        if not text and not comments.attachments_for(con, [comment.id]):
            raise Rejected("A comment needs some text: delete it instead.")
        if text == comment.body:
            return
        mentioned = _mentioned(con, asset, text)
        already = {handle.lower() for handle in mentions(comment.body)}
        comments.set_body(con, comment.id, text, events.utcnow())
        events.record(con, actor_id=actor.user_id, action="comment.edit", entity="comment", entity_id=comment.id,
                      brand_id=asset.brand_id, before={"body": comment.body}, after={"body": text})  # fmt: skip
        newly = tuple(u.id for u in mentioned if u.handle.lower() not in already)
        about_comment(con, actor, asset, comments.get(con, comment.id), Audience(mentioned=newly))


def delete(library: Library, actor: Actor, comment_id: int) -> None:
    """Delete one's own comment, or as a brand manager anyone's; replies stay, under a 'deleted' placeholder."""
    with library.catalog.transaction() as con:
        comment, asset = _comment(con, actor, comment_id)
        moderated = comment.author_id != actor.user_id
        if moderated:
            require(actor, "comment.moderate", asset.brand_id)
        removed = comments.remove_attachments(con, comment.id)
        comments.mark_deleted(con, comment.id, actor.user_id, events.utcnow())
        events.record(con, actor_id=actor.user_id, action="comment.delete", entity="comment", entity_id=comment.id,
                      brand_id=asset.brand_id,
                      before={"body": comment.body, "attachments": [a.name for a in removed]},
                      after={"deleted_by": actor.user_id, "moderated": moderated})  # fmt: skip
    # Files go only after the rows are committed, and only those no other comment shows.
    files.discard(library, [a.sha256 for a in removed])


def react(library: Library, actor: Actor, comment_id: int, emoji: str) -> bool:
    """Toggle the actor's reaction on a comment; True when the reaction is now on."""
    if emoji not in REACTIONS:
        raise Rejected(f"React with one of {' '.join(REACTIONS)}.")
    with library.catalog.transaction() as con:
        comment, asset = _comment(con, actor, comment_id)
        on = comments.toggle_reaction(con, comment.id, actor.user_id, emoji, events.utcnow())
        events.record(con, actor_id=actor.user_id, action="comment.react", entity="comment", entity_id=comment.id,
                      brand_id=asset.brand_id, before=None, after={"emoji": emoji, "on": on})  # fmt: skip
    return on


def resolve(library: Library, actor: Actor, asset_id: int) -> None:
    """Mark the asset's thread resolved (it reopens by itself when someone comments again)."""
    with library.catalog.transaction() as con:
        asset = _asset(con, actor, asset_id)
        require(actor, RESOLVE_ACTION, asset.brand_id)
        if not comments.counts(con, [asset.id]):
            raise Rejected("There is nothing to resolve: the thread has no comments.")
        if comments.resolution(con, asset.id) is not None:
            raise Rejected("The thread is already resolved.")
        now = events.utcnow()
        comments.set_resolution(con, asset.id, actor.user_id, now)
        events.record(con, actor_id=actor.user_id, action="thread.resolve", entity="asset", entity_id=asset.id,
                      brand_id=asset.brand_id, before={"resolved_at": None}, after={"resolved_at": now})  # fmt: skip


def reopen(library: Library, actor: Actor, asset_id: int) -> None:
    """Reopen a resolved thread."""
    with library.catalog.transaction() as con:
        asset = _asset(con, actor, asset_id)
        require(actor, RESOLVE_ACTION, asset.brand_id)
        resolved = comments.resolution(con, asset.id)
        if resolved is None:
            raise Rejected("The thread is already open.")
        _reopen(con, actor, asset, resolved[0])
