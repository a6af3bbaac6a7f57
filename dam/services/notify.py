"""Who hears about a comment, and the inbox where they read it, honouring each person's preferences."""

from __future__ import annotations

from dataclasses import dataclass

from dam.db.catalog import Connection
from dam.errors import Rejected
from dam.library import Library
from dam.models import Asset
from dam.permissions import Actor, can_see, load_actor
from dam.repos import assets, notifications
from dam.repos.comments import Comment
from dam.repos.notifications import Notification
from dam.text.markdown import excerpt

# Preference kinds in the order the inbox lists them; a comment that is several of these to one person (a reply
# that also mentions them) is told once, as the first kind in this order that they have switched on.
KIND_LABELS = {
    "mention": "Mentions of you",
    "reply": "Replies to your comments",
    "comment": "Comments on assets you created",
    "review": "Review decisions on your submissions",
}


@dataclass(frozen=True)
class Audience:
    """Who a comment may concern, by kind: people mentioned, the author it replies to, the asset's creator."""

    mentioned: tuple[int, ...] = ()
    replied_to: int | None = None
    creator: int | None = None

    def by_kind(self) -> list[tuple[str, int]]:
        pairs = [("mention", user_id) for user_id in self.mentioned]
        if self.replied_to is not None:
            pairs.append(("reply", self.replied_to))
        if self.creator is not None:
            pairs.append(("comment", self.creator))
        return pairs


def _body(kind: str, actor: Actor, asset: Asset, comment: Comment) -> str:
    verb = {"mention": "mentioned you", "reply": "replied to you", "comment": "commented"}[kind]
    return f"@{actor.handle} {verb} on “{asset.name}”: {excerpt(comment.body)}"


def about_comment(con: Connection, actor: Actor, asset: Asset, comment: Comment, audience: Audience) -> list[int]:
    """Notify everyone the comment concerns, once each; never its author, nor anyone who cannot see the asset."""
    told: set[int] = {actor.user_id}
    for kind, user_id in audience.by_kind():
        if user_id in told or not notifications.wants(con, user_id, kind):
            continue
        if not can_see(load_actor(con, user_id), asset):
            told.add(user_id)
            continue
        notifications.add(con, user_id, kind, asset_id=asset.id, actor_id=actor.user_id,
                          body=_body(kind, actor, asset, comment))  # fmt: skip
        told.add(user_id)
    return sorted(told - {actor.user_id})


def inbox(library: Library, actor: Actor, kind: str | None = None, limit: int = 100) -> list[Notification]:
    """The actor's notifications, newest first, leaving out any about an asset they can no longer see."""
    if kind is not None and kind not in KIND_LABELS:
        raise Rejected(f"Unknown kind of notification {kind!r}.")
    con = library.catalog.cursor()
    found = notifications.for_user(con, actor.user_id, limit, kind)
    ids = sorted({n.asset_id for n in found if n.asset_id is not None})
    visible = {a.id for a in assets.many(con, ids) if can_see(actor, a)}
    return [n for n in found if n.asset_id is None or n.asset_id in visible]


def unread_count(library: Library, actor: Actor) -> int:
    """The number the top bar's bell shows: unread notifications the inbox would list."""
    con = library.catalog.cursor()
    by_asset = notifications.unread_by_asset(con, actor.user_id)
    visible = {a.id for a in assets.many(con, [i for i in by_asset if i is not None]) if can_see(actor, a)}
    return sum(n for asset_id, n in by_asset.items() if asset_id is None or asset_id in visible)


def mark_read(library: Library, actor: Actor, notification_id: int | None = None) -> None:
    """Mark one of the actor's notifications read, or with None all of them."""
    with library.catalog.transaction() as con:
        notifications.mark_read(con, actor.user_id, notification_id)


def preferences(library: Library, actor: Actor) -> dict[str, bool]:
    """Every kind with whether the actor wants it (on unless they switched it off)."""
    chosen = notifications.preferences(library.catalog.cursor(), actor.user_id)
    return {kind: chosen.get(kind, True) for kind in KIND_LABELS}


def set_preference(library: Library, actor: Actor, kind: str, enabled: bool) -> None:
    """Switch one kind of notification on or off for the actor; it applies to notifications made from now on."""
    if kind not in KIND_LABELS:
        raise Rejected(f"Unknown kind of notification {kind!r}.")
    with library.catalog.transaction() as con:
        notifications.set_preference(con, actor.user_id, kind, enabled)
