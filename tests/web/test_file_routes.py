"""The file routes over HTTP: signed URLs per user, Range requests, safe types for markup, cache headers."""

from __future__ import annotations

import hashlib

from dam.repos import assets
from dam.storage import thumb_key
from dam.web import runtime
from dam.web.routes import original_url, thumb_url
from dam.web.signing import Signer
from tests.factories import make_asset, make_brand, make_user

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def _studio(library):
    acme, other = make_brand(library, "Acme"), make_brand(library, "Other")
    member = make_user(library, "mia", {acme: "viewer"})
    outsider = make_user(library, "otto", {other: "manager"})
    asset_id = make_asset(library, acme, 1, status="approved")
    return asset_id, member, outsider


def test_original_is_served_to_a_member_with_range_support(library, http):
    asset_id, member, _ = _studio(library)
    blob = library.store.local_path(assets.get(library.catalog.cursor(), asset_id).blob_key).read_bytes()
    url = original_url(asset_id, member.user_id)
    whole = http.get(url)
    assert whole.status_code == 200 and whole.content == blob
    assert whole.headers["content-type"] == "image/png"
    part = http.get(url, headers={"Range": "bytes=0-9"})
    assert part.status_code == 206 and part.content == blob[:10]
    # The viewer's Download button asks for an attachment; opening the original shows it in the tab.
    assert whole.headers["content-disposition"].startswith("inline")
    saved = http.get(url + "&download=1")
    assert saved.status_code == 200 and saved.content == blob
    assert saved.headers["content-disposition"].startswith("attachment")


def test_url_made_for_one_user_or_tampered_is_refused(library, http):
    asset_id, member, outsider = _studio(library)
    assert http.get(original_url(asset_id, outsider.user_id)).status_code == 403  # not a member of the brand
    good = original_url(asset_id, member.user_id)
    assert http.get(good.replace(f"a={member.user_id}", f"a={outsider.user_id}")).status_code == 403
    assert http.get(good.replace(f"/original/{asset_id}", "/original/999")).status_code == 403
    assert http.get(f"/files/original/{asset_id}").status_code == 403
    assert "Forbidden" in http.get(good[:-3] + "abc").text


def test_expired_url_is_refused(library, http):
    asset_id, member, _ = _studio(library)
    secret_signer: Signer = runtime.signer()
    stale = secret_signer.sign(f"/files/original/{asset_id}", member.user_id, now=0)
    assert http.get(stale).status_code == 403


def test_thumbnail_has_long_cache_headers(library, http):
    asset_id, member, _ = _studio(library)
    asset = assets.get(library.catalog.cursor(), asset_id)
    key = thumb_key(asset.sha256, "small")
    library.store.put_bytes(key, b"RIFF0000WEBPVP8 ")
    with library.catalog.transaction() as con:
        assets.update(con, asset_id, {"thumb_small_key": key})
    response = http.get(thumb_url(asset_id, "small", member.user_id))
    assert response.status_code == 200
    assert "immutable" in response.headers["cache-control"]
    assert response.headers["content-type"] == "image/webp"


def test_svg_is_never_served_as_markup(library, http):
    acme = make_brand(library, "Acme")
    viewer = make_user(library, "vic", {acme: "viewer"})
    sha = hashlib.sha256(SVG).hexdigest()
    asset_id = make_asset(library, acme, 2, status="approved", mime="image/svg+xml", name="logo.svg")
    library.store.put_bytes(f"blobs/svg/{sha}", SVG)
    with library.catalog.transaction() as con:
        assets.update(con, asset_id, {"blob_key": f"blobs/svg/{sha}"})
    response = http.get(original_url(asset_id, viewer.user_id))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in response.headers["content-security-policy"]


def test_draft_is_visible_to_its_creator_but_not_other_viewers(library, http):
    acme = make_brand(library, "Acme")
    creator = make_user(library, "cora", {acme: "creator"})
    viewer = make_user(library, "vic", {acme: "viewer"})
    asset_id = make_asset(library, acme, 3, status="draft", creator_id=creator.user_id)
    assert http.get(original_url(asset_id, creator.user_id)).status_code == 200
    assert http.get(original_url(asset_id, viewer.user_id)).status_code == 403
