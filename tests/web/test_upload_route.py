"""Uploads over HTTP: the body streams to disk and through the ingest pipeline; only uploaders may."""

from __future__ import annotations

import io

from PIL import Image

from dam.ingest import ImportOptions
from dam.repos import assets
from dam.web import runtime
from tests.factories import make_brand, make_user


def jpeg_bytes(colour=(200, 80, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def test_upload_adds_then_reports_duplicate_and_rejects_garbage(library, http):
    acme = make_brand(library, "Acme")
    carl = make_user(library, "carl", {acme: "creator"})
    ticket = runtime.tickets().issue(carl.user_id, "upload", ImportOptions(brand="Acme", creator="carl"))
    first = http.put(f"/files/upload/{ticket}", params={"name": "shoot/beach.jpg"}, content=jpeg_bytes())
    assert first.status_code == 200 and first.json()["status"] == "added"
    asset = assets.get(library.catalog.cursor(), first.json()["asset_id"])
    assert asset.name == "beach" and asset.original_name == "beach.jpg" and asset.creator_id == carl.user_id and asset.status == "draft"
    again = http.put(f"/files/upload/{ticket}", params={"name": "copy.jpg"}, content=jpeg_bytes())
    assert again.json() == {**again.json(), "status": "duplicate", "asset_id": asset.id}
    garbage = http.put(f"/files/upload/{ticket}", params={"name": "notes.jpg"}, content=b"not an image at all")
    assert garbage.json()["status"] == "rejected" and garbage.json()["reason"]
    assert not list((library.settings.data_dir / "tmp" / "uploads").iterdir())


def test_viewer_ticket_cannot_upload(library, http):
    acme = make_brand(library, "Acme")
    vera = make_user(library, "vera", {acme: "viewer"})
    ticket = runtime.tickets().issue(vera.user_id, "upload", ImportOptions(brand="Acme"))
    assert http.put(f"/files/upload/{ticket}", params={"name": "a.jpg"}, content=jpeg_bytes()).status_code == 403
    assert http.put("/files/upload/made-up", params={"name": "a.jpg"}, content=jpeg_bytes()).status_code == 403
