"""Every service operation as every role: exactly the allowed ones succeed, and nothing else changes.

The expectations are written out from the product's rules (issue 5), not read from dam.permissions.RULES,
so a wrong rules table fails here.
"""

from __future__ import annotations

import dataclasses

import pytest
from PIL import Image

from dam.errors import DamError
from dam.ingest import ImportOptions
from dam.permissions import Actor
from dam.repos import assets as asset_repo
from dam.repos import campaigns, events, users
from dam.repos import generation_requests as queue
from dam.services import assets as asset_service
from dam.services import brand_kit, gallery, generation, lineage, people, pins, trash, uploads
from dam.services import campaigns as campaign_service
from dam.services import collections as collection_service
from tests.factories import make_asset, make_brand, make_user

ROLES = ("viewer", "creator", "manager", "admin", "non-member", "signed-out")
# Signed out: no session, so no user and no memberships. The pages stop at the sign-in card
# (tests/demo/test_app.py) and the file routes refuse unsigned URLs (tests/web); here the core itself refuses.
SIGNED_OUT = Actor(user_id=0, handle="")

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
    "upload": {"creator", "manager", "admin"},
}


def _attempt(operation, library, actor, ids):
    """Run one operation; True when it took effect, False when refused (and then nothing was logged either)."""
    logged = _event_count(library)
    took_effect = _run(operation, library, actor, ids)
    assert (_event_count(library) > logged) is took_effect, "a change is logged, a refusal changes nothing"
    return took_effect


def _event_count(library) -> int:
    return library.catalog.query("SELECT count(*) FROM events")[0][0]


def _run(operation, library, actor, ids):
    a, brand, other, shelf, campaign = ids["asset"], ids["brand"], ids["other"], ids["shelf"], ids["campaign"]
    single = {
        "rename": lambda: asset_service.rename(library, actor, a, "new name"),
        "rate": lambda: asset_service.set_rating(library, actor, a, 3),
        "describe": lambda: asset_service.set_description(library, actor, a, "words"),
        "collection_create": lambda: collection_service.create(library, actor, brand, "New"),
        "collection_rename": lambda: collection_service.rename(library, actor, shelf, "Renamed"),
        "collection_delete": lambda: collection_service.delete(library, actor, shelf),
        "add_user": lambda: people.add_user(library, actor, "newbie"),
        "upload": lambda: _upload(library, actor),
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


def _upload(library, actor):
    """Upload a real JPEG into Acme as the actor; refusals raise, so reaching the end means it was added."""
    photo = library.settings.data_dir / "incoming" / "photo.jpg"
    photo.parent.mkdir(exist_ok=True)
    Image.new("RGB", (64, 48), (200, 90, 30)).save(photo, "JPEG")
    result = uploads.upload(library, actor, photo, ImportOptions(brand="Acme"), index=False)
    assert result.status == "added", result.reason
    assert asset_repo.get(library.catalog.cursor(), result.asset_id).creator_id == actor.user_id


def _cast(library, role):
    """Two brands, a creator of the first, and the actor in `role` there: (brand, other, creator, actor)."""
    brand, other = make_brand(library, "Acme"), make_brand(library, "Other")
    creator = make_user(library, "cora", {brand: "creator"})
    if role == "admin":
        actor = make_user(library, "ada", admin=True)
    elif role == "signed-out":
        actor = SIGNED_OUT
    elif role == "non-member":
        actor = make_user(library, "nina", {other: "manager"})
    else:
        actor = make_user(library, "rita", {brand: role, other: "manager" if role == "manager" else "viewer"})
    return brand, other, creator, actor


@pytest.mark.parametrize("operation", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(library, role, operation):
    brand, other, creator, actor = _cast(library, role)
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


# Brand kits, campaigns, the Gallery and generations (issue 8): operation -> the roles that may perform it. One
# scene per role runs them all in this order (none undoes what a later one needs), which keeps the suite fast.
KIT_ALLOWED = {
    "kit_view": {"viewer", "creator", "manager", "admin"},
    "kit_palette": {"manager", "admin"},
    "kit_fonts": {"manager", "admin"},
    "kit_notes": {"manager", "admin"},
    "kit_suggest": {"viewer", "creator", "manager", "admin"},
    "pin": {"manager", "admin"},
    "pin_many": {"manager", "admin"},
    "pin_reorder": {"manager", "admin"},
    "logo": {"manager", "admin"},
    "campaign_list": {"viewer", "creator", "manager", "admin"},
    "campaign_assets": {"viewer", "creator", "manager", "admin"},
    "campaign_progress": {"viewer", "creator", "manager", "admin"},
    "campaign_create": {"manager", "admin"},
    "campaign_rename": {"manager", "admin"},
    "campaign_edit": {"manager", "admin"},
    "campaign_archive": {"manager", "admin"},
    "gallery": {"viewer", "creator", "manager", "admin"},
    "gallery_groups": {"viewer", "creator", "manager", "admin"},
    "lineage": {"viewer", "creator", "manager", "admin"},
    "generation_request": {"creator", "manager", "admin"},
    "generation_retry": {"manager", "admin"},  # someone else's failed request: managers follow every one
}


def _kit_operations(library, actor, brand, ids):
    a, pinned, campaign = ids["asset"], ids["pinned"], ids["campaign"]
    # A generator is configured but never called: the matrix only queues requests.
    settings = dataclasses.replace(library.settings, generator_url="http://127.0.0.1:9/generate")
    configured = dataclasses.replace(library, settings=settings)
    return {
        "kit_view": lambda: brand_kit.kit(library, actor, brand),
        "kit_palette": lambda: brand_kit.set_palette(library, actor, brand, ["#123456"]),
        "kit_fonts": lambda: brand_kit.set_fonts(library, actor, brand, ["Inter"]),
        "kit_notes": lambda: brand_kit.set_notes(library, actor, brand, "Clear space: 1x"),
        "kit_suggest": lambda: brand_kit.suggest_palette(library, actor, brand),
        "pin": lambda: pins.set_pinned(library, actor, a, True),
        "pin_many": lambda: _bulk_ok(pins.pin_many(library, actor, [ids["second"]])),
        "pin_reorder": lambda: pins.reorder_pins(library, actor, brand, [pinned]),
        "logo": lambda: pins.set_logo(library, actor, a, True),
        "campaign_list": lambda: campaign_service.list_campaigns(library, actor, brand),
        "campaign_assets": lambda: campaign_service.assets_page(library, actor, campaign),
        "campaign_progress": lambda: campaign_service.progress(library, actor, campaign),
        "campaign_create": lambda: campaign_service.create(library, actor, brand, "Winter"),
        "campaign_rename": lambda: campaign_service.rename(library, actor, campaign, "Summer 2026"),
        "campaign_edit": lambda: campaign_service.edit(library, actor, campaign, description="Beach"),
        "campaign_archive": lambda: campaign_service.set_archived(library, actor, campaign, True),
        "gallery": lambda: gallery.page(library, actor, brand),
        "gallery_groups": lambda: gallery.grouped(library, actor, brand, by="input"),
        "lineage": lambda: lineage.chain(library, actor, a),
        "generation_request": lambda: generation.request(configured, actor, brand, [a], "dunes"),
        "generation_retry": lambda: generation.retry(library, actor, ids["failed_request"]),
    }


def _bulk_ok(result) -> None:
    if not result.succeeded:
        raise DamError(result.failed[0].reason)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_kits_campaigns_and_generations(library, role):
    brand, other, creator, actor = _cast(library, role)
    root = people_admin(library)
    ids = {"asset": make_asset(library, brand, 1, status="approved"),
           "second": make_asset(library, brand, 2, status="approved"),
           "pinned": make_asset(library, brand, 3, status="approved")}  # fmt: skip
    pins.set_pinned(library, root, ids["pinned"], True)
    ids["campaign"] = campaign_service.create(library, root, brand, "Summer").id
    with library.catalog.transaction() as con:
        request = queue.insert(con, {"brand_id": brand, "requested_by": creator.user_id, "prompt": "dunes",
                                     "requested_at": events.utcnow(), "input_ids": [ids["asset"]]})  # fmt: skip
        queue.finish(con, request.id, "failed", "CUDA out of memory", [], events.utcnow())
    ids["failed_request"] = request.id
    allowed = {}
    for operation, attempt in _kit_operations(library, actor, brand, ids).items():
        try:
            attempt()
        except DamError:
            allowed[operation] = False
        else:
            allowed[operation] = True
    assert allowed == {operation: role in roles for operation, roles in KIT_ALLOWED.items()}


# Seeing, the review queue and the trash, the remaining asset edits, and administration: operation -> the roles
# that may perform it. One scene per role runs them in this order (none undoes what a later one needs).
SCENE_ALLOWED = {
    "see_approved": {"viewer", "creator", "manager", "admin"},
    "see_others_draft": {"manager", "admin"},  # a draft shows only to its creator and the brand's managers
    "see_own_draft": {"creator", "manager", "admin"},
    "trash_view": {"manager", "admin"},
    "review_queue": {"manager", "admin"},
    "history": {"viewer", "creator", "manager", "admin"},
    "unfile": {"creator", "manager", "admin"},
    "uncampaign": {"creator", "manager", "admin"},
    "replace_file": {"creator", "manager", "admin"},
    "collection_move": {"manager", "admin"},
    "merge_duplicates": {"manager", "admin"},  # it trashes the copies
    "move_to_unmanaged_brand": {"admin"},  # managers move assets only between brands they manage
    "people_list": {"admin"},
    "set_role": {"admin"},
    "set_password_of_another": {"admin"},
    "add_brand": {"admin"},
    "rename_brand": {"admin"},
}


def _scene_operations(library, actor, ids, tmp_path):
    from PIL import Image

    from dam.query import Filters, run_page
    from dam.services import duplicates, history, review_queue
    from dam.services.replace import replace_file
    from dam.services.scopes import scope_for

    brand = ids["brand"]

    def sees(asset_id, **fields):
        page = run_page(library, scope_for(actor, brand, **fields), Filters(), limit=200)
        return asset_id in {item.id for item in page.items}

    def replace():
        path = tmp_path / "new.jpg"
        Image.new("RGB", (40, 30), (200, 30, 30)).save(path, "JPEG")
        return replace_file(library, actor, ids["asset"], path, "new.jpg")

    return {
        "see_approved": lambda: sees(ids["asset"]),
        "see_others_draft": lambda: sees(ids["others_draft"]),
        "see_own_draft": lambda: sees(ids["own_draft"]),
        "trash_view": lambda: sees(ids["trashed"], trash=True),
        "review_queue": lambda: ids["in_review"] in {w.asset.id for w in review_queue.queue(library, actor).waiting},
        "history": lambda: bool(history.asset_history(library, actor, ids["asset"])),
        "unfile": lambda: asset_service.unfile(library, actor, [ids["asset"]], ids["shelf"]).succeeded,
        "uncampaign": lambda: asset_service.unassign_campaign(library, actor, [ids["asset"]], ids["campaign"]).succeeded,
        "replace_file": replace,
        "collection_move": lambda: collection_service.move(library, actor, ids["shelf"], ids["top"]) or True,
        "merge_duplicates": lambda: duplicates.merge(library, actor, ids["twin"], [ids["other_twin"]]),
        "move_to_unmanaged_brand": lambda: asset_service.move_to_brand(library, actor, [ids["asset"]], ids["third"]).succeeded,
        "people_list": lambda: people.people(library, actor),
        "set_role": lambda: people.set_role(library, actor, "cora", "Third", "viewer") or True,
        "set_password_of_another": lambda: people.set_password(library, actor, "cora", "a new password") or True,
        "add_brand": lambda: people.add_brand(library, actor, "Fourth"),
        "rename_brand": lambda: people.rename_brand(library, actor, "Third", "Third & Co") or True,
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_seeing_reviewing_and_administration(library, role, tmp_path):
    brand, other, creator, actor = _cast(library, role)
    root = people_admin(library)
    third = make_brand(library, "Third")
    if role not in ("admin", "non-member", "signed-out"):
        with library.catalog.transaction() as con:  # a brand the actor belongs to but does not manage
            users.set_membership(con, actor.user_id, third, "viewer")
    mine = actor.user_id if role in ("creator", "manager", "admin") else creator.user_id
    ids = {"brand": brand, "third": third,
           "asset": make_asset(library, brand, 1, status="approved", creator_id=creator.user_id),
           "others_draft": make_asset(library, brand, 2, status="draft", creator_id=creator.user_id),
           "own_draft": make_asset(library, brand, 3, status="draft", creator_id=mine),
           "in_review": make_asset(library, brand, 4, status="in_review"),
           "trashed": make_asset(library, brand, 5, status="approved", deleted_at="2026-01-01 00:00:00"),
           "twin": make_asset(library, brand, 6, status="approved"),
           "other_twin": make_asset(library, brand, 7, status="approved"),
           "top": collection_service.create(library, root, brand, "Top"),
           "shelf": collection_service.create(library, root, brand, "Shelf")}  # fmt: skip
    ids["campaign"] = campaign_service.create(library, root, brand, "Summer").id
    asset_service.file_into(library, root, [ids["asset"]], ids["shelf"])
    asset_service.assign_campaign(library, root, [ids["asset"]], ids["campaign"])
    allowed = {}
    for operation, attempt in _scene_operations(library, actor, ids, tmp_path).items():
        try:
            allowed[operation] = bool(attempt())
        except DamError:
            allowed[operation] = False
    assert allowed == {operation: role in roles for operation, roles in SCENE_ALLOWED.items()}
