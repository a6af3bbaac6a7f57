"""Access checks for the file routes: the actor named by a signed URL must still be allowed to see the asset."""

from __future__ import annotations

from dam.db.catalog import Connection
from dam.errors import NotFound
from dam.models import Asset
from dam.permissions import can_see, load_actor


def can_view_asset(con: Connection, actor_id: int, asset: Asset) -> bool:
    """Whether the user may fetch this asset's files right now (membership is read afresh on every request)."""
    try:
        return can_see(load_actor(con, actor_id), asset)
    except NotFound:
        return False
