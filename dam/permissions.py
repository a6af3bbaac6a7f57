"""One table of rules (role -> allowed actions) and one check, `require`, that every service calls."""

from __future__ import annotations

from dataclasses import dataclass, field

from dam.db.catalog import Connection
from dam.errors import DamError, NotFound
from dam.models import Asset
from dam.repos import brands, users


class PermissionDenied(DamError):
    """The actor's role does not allow this action on this brand."""

    exit_code = 4


VIEWER = frozenset({"asset.view", "comment.create", "kit.view", "campaign.view"})
CREATOR = VIEWER | {
    "asset.upload", "asset.edit", "asset.file", "asset.campaign", "asset.submit", "asset.use_as_input",
    "collection.view",
}  # fmt: skip
MANAGER = CREATOR | {
    "asset.review", "asset.archive", "asset.delete", "asset.restore", "asset.purge", "asset.move_brand",
    "collection.manage", "campaign.manage", "pin.manage", "comment.moderate", "trash.view", "kit.edit",
    "generation.manage",
}  # fmt: skip
RULES: dict[str, frozenset[str]] = {"viewer": VIEWER, "creator": frozenset(CREATOR), "manager": frozenset(MANAGER)}

ACTION_LABELS = {
    "asset.view": "see assets", "asset.upload": "upload", "asset.edit": "edit assets", "asset.file": "file assets",
    "asset.campaign": "assign campaigns", "asset.submit": "submit for review", "asset.review": "review assets",
    "asset.archive": "archive assets", "asset.delete": "delete assets", "asset.restore": "restore assets",
    "asset.purge": "purge the trash", "asset.move_brand": "move assets between brands",
    "collection.manage": "manage collections", "campaign.manage": "manage campaigns", "pin.manage": "pin assets",
    "comment.create": "comment", "comment.moderate": "remove comments", "trash.view": "see the trash",
    "asset.use_as_input": "start generations", "collection.view": "see collections",
    "kit.view": "see the brand kit", "campaign.view": "see campaigns", "kit.edit": "edit the brand kit",
    "generation.manage": "manage other people's generations",
}  # fmt: skip


@dataclass(frozen=True)
class Actor:
    """Who is acting: a user with a role per brand. Scope always comes from here, never from request input."""

    user_id: int
    handle: str
    is_admin: bool = False
    roles: dict[int, str] = field(default_factory=dict)

    def role(self, brand_id: int) -> str | None:
        return "manager" if self.is_admin else self.roles.get(brand_id)

    def can(self, action: str, brand_id: int) -> bool:
        role = self.role(brand_id)
        return role is not None and action in RULES[role]

    def brand_ids(self, action: str = "asset.view") -> list[int]:
        """Brands where the actor may perform an action (for admins: those they are members of, plus all)."""
        return sorted(b for b, r in self.roles.items() if action in RULES[r])


def load_actor(con: Connection, user_id: int) -> Actor:
    """The actor for a signed-in user, with their memberships (admins act as managers everywhere)."""
    user = users.by_id(con, user_id)
    roles = users.memberships(con, user_id)
    if user.is_admin:
        roles = {brand.id: "manager" for brand in brands.all_brands(con)}
    return Actor(user_id=user.id, handle=user.handle, is_admin=user.is_admin, roles=roles)


def require(actor: Actor, action: str, brand_id: int) -> None:
    """Raise PermissionDenied unless the actor may do `action` in the brand; non-members learn nothing."""
    if actor.role(brand_id) is None:
        raise NotFound("No such asset or brand.")
    if not actor.can(action, brand_id):
        label = ACTION_LABELS.get(action, action)
        raise PermissionDenied(f"Your role ({actor.role(brand_id)}) cannot {label} in this brand.")


def can_see(actor: Actor, asset: Asset) -> bool:
    """Members see their brand's live assets; drafts only their creator and managers; trash only managers."""
    role = actor.role(asset.brand_id)
    if role is None:
        return False
    if asset.deleted_at is not None:
        return role == "manager"
    return asset.status != "draft" or role == "manager" or asset.creator_id == actor.user_id


def require_visible(actor: Actor, asset: Asset) -> None:
    if not can_see(actor, asset):
        raise NotFound(f"No asset with id {asset.id}.")
