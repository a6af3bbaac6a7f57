"""Reading threads: an asset's comments as a tree, who may do what with them, attachments' files, counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from dam.db.catalog import Connection
from dam.errors import NotFound
from dam.library import Library
from dam.models import Asset, User
from dam.permissions import Actor, can_see, load_actor, require_visible
from dam.repos import assets, comments, users
from dam.repos.comments import Attachment, Comment
from dam.services.threads import REACTIONS, RESOLVE_ACTION


@dataclass(frozen=True)
class CommentView:
    """One comment as its reader sees it, with its replies (oldest first) nested inside."""

    comment: Comment
    author: User | None
    attachments: list[Attachment] = field(default_factory=list)
    reactions: dict[str, list[str]] = field(default_factory=dict)  # emoji -> handles of who reacted
    replies: list["CommentView"] = field(default_factory=list)
    can_edit: bool = False
    can_delete: bool = False

    @property
    def deleted(self) -> bool:
        return self.comment.deleted_at is not None


@dataclass(frozen=True)
class Thread:
    """An asset's discussion: top-level comments with their replies, whether it is resolved, what the reader may do."""

    asset: Asset
    comments: list[CommentView]
    count: int  # live comments, replies included
    resolved_at: datetime | None
    resolved_by: User | None
    can_comment: bool
    can_resolve: bool

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


def _visible_asset(con: Connection, actor: Actor, asset_id: int) -> Asset:
    asset = assets.get(con, asset_id)
    require_visible(actor, asset)
    return asset


def load(library: Library, actor: Actor, asset_id: int) -> Thread:
    """The thread of an asset the actor can see (NotFound otherwise, the same as for a missing asset)."""
    con = library.catalog.cursor()
    asset = _visible_asset(con, actor, asset_id)
    rows = comments.for_asset(con, asset.id)
    ids = [c.id for c in rows]
    files = comments.attachments_for(con, ids)
    reactions: dict[int, dict[str, list[str]]] = {}
    for reaction in comments.reactions_for(con, ids):
        reactions.setdefault(reaction.comment_id, {}).setdefault(reaction.emoji, []).append(reaction.handle)
    people: dict[int, User | None] = {}
    writable = asset.deleted_at is None and actor.can("comment.create", asset.brand_id)
    moderator = actor.can("comment.moderate", asset.brand_id)

    def person(user_id: int | None) -> User | None:
        if user_id is not None and user_id not in people:
            try:
                people[user_id] = users.by_id(con, user_id)
            except NotFound:  # a removed account: the comment stays, unattributed
                people[user_id] = None
        return people.get(user_id) if user_id is not None else None

    def view(c: Comment) -> CommentView:
        own = c.author_id == actor.user_id
        live = c.deleted_at is None
        by_emoji = reactions.get(c.id, {})
        return CommentView(
            comment=c, author=person(c.author_id), attachments=files.get(c.id, []) if live else [],
            reactions={e: by_emoji[e] for e in REACTIONS if e in by_emoji} if live else {},
            can_edit=live and writable and own, can_delete=live and writable and (own or moderator),
        )  # fmt: skip

    views = {c.id: view(c) for c in rows}
    roots: list[CommentView] = []
    for c in rows:  # oldest first, so every parent is placed before its replies
        parent = views.get(c.parent_id) if c.parent_id is not None else None
        (parent.replies if parent is not None else roots).append(views[c.id])
    resolved = comments.resolution(con, asset.id)
    return Thread(
        asset=asset, comments=_prune(roots), count=sum(1 for c in rows if c.deleted_at is None),
        resolved_at=resolved[0] if resolved else None, resolved_by=person(resolved[1]) if resolved else None,
        can_comment=writable, can_resolve=writable and actor.can(RESOLVE_ACTION, asset.brand_id),
    )  # fmt: skip


def _prune(views: list[CommentView]) -> list[CommentView]:
    """Drop deleted comments that have no live reply below them; keep the others as placeholders."""
    kept = []
    for v in views:
        v.replies[:] = _prune(v.replies)
        if not v.deleted or v.replies:
            kept.append(v)
    return kept


def mention_candidates(library: Library, actor: Actor, asset_id: int) -> list[User]:
    """The people who can read this asset's thread, and so may be mentioned in it (the actor left out)."""
    con = library.catalog.cursor()
    asset = _visible_asset(con, actor, asset_id)
    people = {u.id: u for u, _role in users.members_of(con, asset.brand_id)}
    people.update({u.id: u for u in users.all_users(con) if u.is_admin})
    return sorted(
        (u for u in people.values() if u.id != actor.user_id and can_see(load_actor(con, u.id), asset)),
        key=lambda u: u.handle.lower(),
    )


def attachment_file(library: Library, actor: Actor, attachment_id: int, *, thumbnail: bool = False) -> tuple[bytes, str, str]:
    """(bytes, mime, name) of an attachment, or of its WebP thumbnail, for someone who can read its thread."""
    con = library.catalog.cursor()
    try:
        found = comments.attachment(con, attachment_id)
        comment = comments.get(con, found.comment_id)
        _visible_asset(con, actor, comment.asset_id)
    except NotFound:
        raise NotFound(f"No attachment with id {attachment_id}.") from None
    if thumbnail:
        if found.thumb_key is None:
            raise NotFound(f"Attachment {attachment_id} has no thumbnail.")
        key, mime = found.thumb_key, "image/webp"
    else:
        key, mime = found.blob_key, found.mime
    with library.store.open(key) as f:
        return f.read(), mime, found.name


def comment_counts(library: Library, actor: Actor, asset_ids: list[int]) -> dict[int, int]:
    """asset id -> live comments, for the assets among these the actor can see (0 where there are none)."""
    con = library.catalog.cursor()
    visible = [a.id for a in assets.many(con, list(asset_ids)) if can_see(actor, a)]
    found = comments.counts(con, visible)
    return {asset_id: found.get(asset_id, 0) for asset_id in visible}


def unresolved_asset_ids(library: Library, actor: Actor, brand_ids: list[int] | None = None) -> list[int]:
    """Assets with an open thread among the brands given (default: all the actor's), that the actor can see."""
    allowed = set(actor.brand_ids())
    chosen = sorted(allowed if brand_ids is None else allowed & set(brand_ids))
    con = library.catalog.cursor()
    ids = comments.unresolved_asset_ids(con, chosen)
    return [a.id for a in assets.many(con, ids) if can_see(actor, a)]
