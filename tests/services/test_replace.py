"""Replacing a file: new bytes checked like uploads; an approved asset goes back to review; the old file goes."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from dam.errors import DamError, NotFound
from dam.permissions import PermissionDenied
from dam.repos import assets, events
from dam.services.replace import replace_file
from tests.factories import make_asset, make_brand, make_user


def jpeg(path, colour):
    Image.new("RGB", (80, 60), colour).save(path, "JPEG")
    return path


def test_replacing_an_approved_file_sends_it_back_to_review(library, tmp_path):
    acme = make_brand(library, "Acme")
    carl = make_user(library, "carl", {acme: "creator"})
    asset_id = make_asset(library, acme, 1, status="approved", creator_id=carl.user_id)
    old = assets.get(library.catalog.cursor(), asset_id)
    new = replace_file(library, carl, asset_id, jpeg(tmp_path / "fixed.jpg", (200, 10, 10)), "fixed.jpg")
    assert new.status == "in_review" and new.submitted_by == carl.user_id
    assert new.sha256 != old.sha256 and new.mime == "image/jpeg" and (new.width, new.height) == (80, 60)
    assert library.store.exists(new.blob_key) and library.store.exists(new.thumb_small_key)
    assert not library.store.exists(old.blob_key)  # no other asset held the old bytes
    assert events.for_entity(library.catalog.cursor(), "asset", asset_id)[-1]["action"] == "asset.replace_file"


def test_draft_stays_draft_and_bad_files_or_viewers_change_nothing(library, tmp_path):
    acme = make_brand(library, "Acme")
    carl = make_user(library, "carl", {acme: "creator"})
    vera = make_user(library, "vera", {acme: "viewer"})
    asset_id = make_asset(library, acme, 2, status="draft", creator_id=carl.user_id)
    before = assets.get(library.catalog.cursor(), asset_id)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff not really a jpeg")
    with pytest.raises(DamError):
        replace_file(library, carl, asset_id, broken, "broken.jpg")
    with pytest.raises(NotFound):  # a viewer cannot even see someone else's draft
        replace_file(library, vera, asset_id, jpeg(tmp_path / "v.jpg", (1, 2, 3)), "v.jpg")
    shown = make_asset(library, acme, 3, status="approved")
    with pytest.raises(PermissionDenied):
        replace_file(library, vera, shown, jpeg(tmp_path / "w.jpg", (3, 2, 1)), "w.jpg")
    assert assets.get(library.catalog.cursor(), asset_id) == before
    after = replace_file(library, carl, asset_id, jpeg(tmp_path / "ok.jpg", (9, 9, 200)), "ok.jpg")
    assert after.status == "draft"
