"""The large preview over HTTP: made from the original by its first request, then served from the store, safely
when first requests come together, and a plain message (not a traceback page) when the original is damaged."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import httpx
from PIL import Image

from dam.ingest import ImportOptions, import_file
from dam.repos import assets
from dam.web.routes import thumb_url
from tests.factories import make_brand, make_user
from tests.ingest import media


def _photos(library, tmp_path, count: int):
    """`count` real JPEGs imported into Acme, a member who may see them and an outsider who may not."""
    acme, other = make_brand(library, "Acme"), make_brand(library, "Other")
    member, outsider = make_user(library, "mia", {acme: "manager"}), make_user(library, "otto", {other: "manager"})
    found = []
    for i in range(count):
        result = import_file(library, media.jpeg(tmp_path / f"{i}.jpg", i, (2000, 1500)), ImportOptions(brand="Acme"),
                             index=False)  # fmt: skip
        found.append(assets.get(library.catalog.cursor(), result.asset_id))
    return found, member, outsider


def test_the_first_request_makes_the_preview_and_later_ones_are_served_from_the_store(library, http, tmp_path):
    (photo,), member, outsider = _photos(library, tmp_path, 1)
    store = library.store
    assert not store.exists(photo.thumb_large_key)

    assert http.get(thumb_url(photo.id, "large", outsider.user_id)).status_code == 403
    assert not store.exists(photo.thumb_large_key)  # no work for a request that may not see it

    first = http.get(thumb_url(photo.id, "large", member.user_id))
    assert first.status_code == 200, first.text
    assert first.headers["content-type"] == "image/webp" and "immutable" in first.headers["cache-control"]
    assert Image.open(io.BytesIO(first.content)).size == (1600, 1200)
    with store.open(photo.thumb_large_key) as f:
        assert f.read() == first.content

    store.delete(photo.blob_key)  # it could not be made again now: the next answer comes from the store
    second = http.get(thumb_url(photo.id, "large", member.user_id))
    assert second.status_code == 200 and second.content == first.content
    assert "immutable" in second.headers["cache-control"]


def test_first_requests_that_come_together_all_get_the_same_preview(library, server, tmp_path):
    (photo,), member, _ = _photos(library, tmp_path, 1)
    url = server + thumb_url(photo.id, "large", member.user_id)

    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(lambda _: httpx.get(url, timeout=60), range(4)))

    assert [r.status_code for r in responses] == [200] * 4
    assert len({r.content for r in responses}) == 1
    with library.store.open(photo.thumb_large_key) as f:
        assert f.read() == responses[0].content
    assert not any((library.settings.data_dir / "tmp").glob("put-*"))  # no partial write left behind


def test_a_damaged_or_missing_original_gives_a_plain_message(library, http, tmp_path):
    (damaged, gone), member, _ = _photos(library, tmp_path, 2)
    path = library.store.local_path(damaged.blob_key)
    path.write_bytes(path.read_bytes()[:600])
    library.store.delete(gone.blob_key)

    broken = http.get(thumb_url(damaged.id, "large", member.user_id))
    missing = http.get(thumb_url(gone.id, "large", member.user_id))

    assert broken.status_code == 500 and "cannot be decoded" in broken.text
    assert missing.status_code == 404 and "original is missing" in missing.text
    for response in (broken, missing):
        assert response.headers["content-type"].startswith("text/plain") and "Traceback" not in response.text
    # The small thumbnails, made at ingest, are still served.
    assert http.get(thumb_url(damaged.id, "small", member.user_id)).status_code == 200
