"""Who may see what: brand membership and draft visibility (the roles issue grows this into the rules table)."""

from __future__ import annotations

from dam.db.catalog import Connection
from dam.errors import NotFound
from dam.models import Asset
from dam.repos import users


def can_view_asset(con: Connection, actor_id: int, asset: Asset) -> bool:
    """Admins see everything; members see their brand's live assets; drafts only their creator and managers."""
    try:
        actor = users.by_id(con, actor_id)
    except NotFound:
        return False
    if actor.is_admin:
        return True
    role = users.role_in(con, actor_id, asset.brand_id)
    if role is None or (asset.deleted_at is not None and role != "manager"):
        return False
    if asset.status == "draft":
        return role == "manager" or asset.creator_id == actor_id
    return True
