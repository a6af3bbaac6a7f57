"""Every service operation as every role: exactly the allowed ones succeed, and nothing else changes.

The expectations are written out from the product's rules (issue 5), not read from dam.permissions.RULES,
so a wrong rules table fails here.
"""

from __future__ import annotations

import pytest

from dam.errors import DamError
from dam.repos import campaigns
from dam.services import assets as asset_service
from dam.services import collections as collection_service
from dam.services import people, trash
from tests.factories import make_asset, make_brand, make_user

ROLES = ("viewer", "creator", "manager", "admin", "non-member")

# operation -> the roles that may perform it
ALLOWED = {
    "rename": {"creator", "manager", "admin"},
    "rate": {"creator", "manager", "admin"},
    "describe": {"creator", "manager", "admin"},
    "tag": {"creator", "manager", "admin"},
    "untag": {"creator", "manager", "admin"},
    "file": {"creator", "manager", "admin"},
    "campaign": {"creator", "manager", "admin"},
    "submit": {"creator", "manager", "admin"},
    "approve": {"manager", "admin"},
    "reject": {"manager", "admin"},
    "archive": {"manager", "admin"},
    "trash": {"manager", "admin"},
    "restore": {"manager", "admin"},
    "purge": {"manager", "admin"},
    "move_brand": {"manager", "admin"},
    "collection_create": {"manager", "admin"},
    "collection_rename": {"manager", "admin"},
    "collection_delete": {"manager", "admin"},
    "add_user": {"admin"},
}


def _attempt(operation, library, actor, ids):
    """Run one operation; True when it took effect, False when refused."""
    a, brand, other, shelf, campaign = ids["asset"], ids["brand"], ids["other"], ids["shelf"], ids["campaign"]
    single = {
        "rename": lambda: asset_service.rename(library, actor, a, "new name"),
        "rate": lambda: asset_service.set_rating(library, actor, a, 3),
        "describe": lambda: asset_service.set_description(library, actor, a, "words"),
        "collection_create": lambda: collection_service.create(library, actor, brand, "New"),
        "collection_rename": lambda: collection_service.rename(library, actor, shelf, "Renamed"),
        "collection_delete": lambda: collection_service.delete(library, actor, shelf),
        "add_user": lambda: people.add_user(library, actor, "newbie"),
    }
    bulk = {
        "tag": lambda: asset_service.add_tags(library, actor, [a], ["x"]),
        "untag": lambda: asset_service.remove_tags(library, actor, [ids["tagged"]], ["old"]),
        "file": lambda: asset_service.file_into(library, actor, [a], shelf),
        "campaign": lambda: asset_service.assign_campaign(library, actor, [a], campaign),
        "submit": lambda: asset_service.set_status(library, actor, [ids["draft"]], "in_review"),
        "approve": lambda: asset_service.set_status(library, actor, [ids["in_review"]], "approved"),
        "reject": lambda: asset_service.set_status(library, actor, [ids["in_review"]], "rejected", "no"),
        "archive": lambda: asset_service.set_status(library, actor, [a], "archived"),
        "trash": lambda: asset_service.trash(library, actor, [a]),
        "restore": lambda: asset_service.restore(library, actor, [ids["trashed"]]),
        "purge": lambda: trash.purge(library, actor, [ids["trashed"]]),
        "move_brand": lambda: asset_service.move_to_brand(library, actor, [a], other),
    }
    if operation in single:
        try:
            single[operation]()
        except DamError:
            return False
        return True
    try:
        return bool(bulk[operation]().succeeded)
    except DamError:
        return False


@pytest.mark.parametrize("operation", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(library, role, operation):
    brand, other = make_brand(library, "Acme"), make_brand(library, "Other")
    creator = make_user(library, "cora", {brand: "creator"})
    if role == "admin":
        actor = make_user(library, "ada", admin=True)
    elif role == "non-member":
        actor = make_user(library, "nina", {other: "manager"})
    else:
        actor = make_user(library, "rita", {brand: role, other: "manager" if role == "manager" else "viewer"})
    mine = actor.user_id if role == "creator" else creator.user_id
    ids = {
        "brand": brand, "other": other,
        "asset": make_asset(library, brand, 1, status="approved"),
        "tagged": make_asset(library, brand, 2, status="approved"),
        "draft": make_asset(library, brand, 3, status="draft", creator_id=mine),
        "in_review": make_asset(library, brand, 4, status="in_review"),
        "trashed": make_asset(library, brand, 5, status="approved", deleted_at="2026-01-01 00:00:00"),
        "shelf": collection_service.create(library, people_admin(library), brand, "Shelf"),
    }  # fmt: skip
    with library.catalog.transaction() as con:
        ids["campaign"] = campaigns.get_or_create(con, brand, "Summer").id
    asset_service.add_tags(library, people_admin(library), [ids["tagged"]], ["old"])
    assert _attempt(operation, library, actor, ids) is (role in ALLOWED[operation])


def people_admin(library):
    """A system admin to arrange the scene (created once per library)."""
    from dam.permissions import load_actor
    from dam.repos import users

    con = library.catalog.cursor()
    existing = users.by_handle(con, "root")
    if existing:
        return load_actor(con, existing.id)
    return make_user(library, "root", admin=True)
