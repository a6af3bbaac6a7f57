"""The real file routes over HTTP (uvicorn) serving a library on SeaweedFS: thumbnails, originals, Range seeks."""

from __future__ import annotations

import pytest

from dam.repos import assets
from dam.web.routes import original_url, thumb_url
from tests.factories import make_brand, make_user
from tests.ingest import media
from tests.web.conftest import http, server  # noqa: F401  (the live server fixtures, over this module's library)


@pytest.fixture
def library(s3_library):
    return s3_library


@pytest.fixture
def clip(library, tmp_path):
    """A real video on S3 and a viewer of its brand."""
    from dam.ingest import ImportOptions, import_file

    acme = make_brand(library, "Acme")
    viewer = make_user(library, "vic", {acme: "viewer"})
    path = media.video(tmp_path / "clip.mp4", "libx264", frames=48, size=(320, 240))
    result = import_file(library, path, ImportOptions(brand="Acme"), index=False)
    with library.catalog.transaction() as con:
        assets.update(con, result.asset_id, {"status": "approved"})
    return assets.get(library.catalog.cursor(), result.asset_id), viewer, path.read_bytes()


def test_a_video_on_s3_streams_whole_and_seeks_by_range(http, clip):  # noqa: F811
    asset, viewer, data = clip
    url = original_url(asset.id, viewer.user_id)
    whole = http.get(url)
    assert whole.status_code == 200 and whole.content == data and whole.headers["content-type"] == "video/mp4"
    assert whole.headers["accept-ranges"] == "bytes" and whole.headers["content-disposition"].startswith("inline")
    middle = http.get(url, headers={"Range": "bytes=100-1099"})
    assert middle.status_code == 206 and middle.content == data[100:1100]
    assert middle.headers["content-range"] == f"bytes 100-1099/{len(data)}"
    tail = http.get(url, headers={"Range": "bytes=-64"})  # a player reading the index at the end of the file
    assert tail.status_code == 206 and tail.content == data[-64:]
    past = http.get(url, headers={"Range": f"bytes={len(data)}-"})
    assert past.status_code == 416 and past.headers["content-range"] == f"bytes */{len(data)}"


def test_thumbnails_on_s3_are_served_and_a_missing_one_is_a_clear_404(http, clip, library):  # noqa: F811
    asset, viewer, _ = clip
    small = http.get(thumb_url(asset.id, "small", viewer.user_id))
    assert small.status_code == 200 and small.content[8:12] == b"WEBP"
    assert small.headers["content-type"] == "image/webp" and "immutable" in small.headers["cache-control"]
    library.store.delete(asset.thumb_large_key)
    remade = http.get(thumb_url(asset.id, "large", viewer.user_id))  # drawn again from the original on S3
    assert remade.status_code == 200 and remade.content[8:12] == b"WEBP" and library.store.exists(asset.thumb_large_key)
    library.store.delete(asset.thumb_large_key)
    library.store.delete(asset.blob_key)
    missing = http.get(thumb_url(asset.id, "large", viewer.user_id))
    assert missing.status_code == 404 and "original is missing" in missing.text
