"""What an actor may see of a brand, as a query Scope: the one place services turn roles into visibility."""

from __future__ import annotations

from dam.permissions import Actor, require
from dam.query import Scope


def scope_for(actor: Actor, brand_id: int, **fields) -> Scope:
    """The brand's live assets the actor may see: drafts only their own, unless they manage the brand.

    `fields` are further Scope fields (bucket, collection_id, nested, recent_days, trash). Non-members get NotFound;
    the trash (`trash=True`) is for those who may see it (managers), whatever a page or a URL asks for.
    """
    require(actor, "asset.view", brand_id)
    if fields.get("trash"):
        require(actor, "trash.view", brand_id)
    manager = actor.role(brand_id) == "manager"
    return Scope(brand_ids=(brand_id,), viewer_id=actor.user_id,
                 private_draft_brand_ids=() if manager else (brand_id,), **fields)  # fmt: skip
