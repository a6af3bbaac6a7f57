"""What a worker makes of one file: the small thumbnail from one reduced decode (the large preview waits for its
first view), the visual vector filed with the row (as `reindex` would compute it), and nothing left behind when
the file is refused halfway."""

from __future__ import annotations

import numpy as np
from PIL import Image

from dam import indexing
from dam.ingest import pending
from dam.repos import assets, embeddings
from dam.similar import descriptor
from dam.similar.embedders import Descriptor
from tests.ingest import media
from tests.ingest.conftest import stored_keys, thumbnail


def test_a_photo_gets_its_small_thumbnail_at_ingest_and_its_large_preview_on_first_view(tmp_path, ingest, library):
    # 3400 x 2200: JPEG's DCT scaling decodes it at 1/8 (425 px) for the small thumbnail, and at 1/2 (1700 px,
    # just above 1600) when the large preview is asked for.
    original = media.picture(7, (3400, 2200))
    path = media.save(original, tmp_path / "wide.jpg", "JPEG", quality=92)

    (result,) = ingest(path)

    asset = assets.get(library.catalog.cursor(), result.asset_id)
    assert library.store.exists(asset.thumb_small_key) and not library.store.exists(asset.thumb_large_key)
    assert library.catalog.query("SELECT width, height FROM assets") == [(3400, 2200)]
    small, large = thumbnail(library, result.asset_id, "small"), thumbnail(library, result.asset_id, "large")
    assert small.size == (400, 259) and large.size == (1600, 1035)
    assert library.store.exists(asset.thumb_large_key)  # made once, kept
    # Both still show the picture: close to a direct shrink of the original.
    for thumb in (small, large):
        expected = np.asarray(original.resize(thumb.size, Image.Resampling.BOX), np.float32)
        assert np.abs(np.asarray(thumb.convert("RGB"), np.float32) - expected).mean() < 6


def test_the_visual_vector_is_filed_with_the_row_as_reindex_computes_it(tmp_path, ingest, library):
    png = media.save(media.picture(2, (500, 500)), tmp_path / "b.png", "PNG")
    results = ingest(media.jpeg(tmp_path / "a.jpg", 1, (640, 480)), png)
    ids = [r.asset_id for r in results]

    stored = embeddings.vectors_of(library.catalog.cursor(), "descriptor", ids)

    assert sorted(stored) == sorted(ids)  # no index hook ran (index=False): the workers made them
    for asset_id in ids:
        expected = Descriptor().embed([thumbnail(library, asset_id, "small")])[0]
        assert np.allclose(stored[asset_id][: descriptor.DIMENSIONS], expected, atol=1e-6)


def test_the_index_hook_computes_visual_vectors_only_where_they_are_missing(tmp_path, ingest, library):
    a, b = (r.asset_id for r in ingest(media.jpeg(tmp_path / "a.jpg", 1), media.jpeg(tmp_path / "b.jpg", 2)))
    marker = np.zeros(descriptor.DIMENSIONS, np.float32)
    marker[0] = 1.0  # a vector no picture gives: still there afterwards means it was not recomputed
    with library.catalog.transaction() as con:
        embeddings.store(con, "descriptor", [a], marker[None, :])
        con.execute("DELETE FROM visual_embeddings WHERE asset_id = ?", [b])

    with library.catalog.transaction() as con:
        computed = indexing.add_visual_vectors(library.store, con, [a, b])

    stored = embeddings.vectors_of(library.catalog.cursor(), "descriptor", [a, b])
    assert computed["descriptor"] == 1
    assert np.array_equal(stored[a][: descriptor.DIMENSIONS], marker)
    expected = Descriptor().embed([thumbnail(library, b, "small")])[0]
    assert np.allclose(stored[b][: descriptor.DIMENSIONS], expected, atol=1e-6)


def test_a_file_refused_while_decoding_leaves_no_original_and_no_marker(tmp_path, ingest, library):
    whole = media.jpeg(tmp_path / "whole.jpg", 3, (800, 600)).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 2])  # the header is fine, so it gets as far as decoding

    (result,) = ingest(cut)

    assert result.status == "rejected" and "truncated" in result.reason
    assert stored_keys(library) == set()
    assert pending.markers(pending.pending_dir(library.settings.data_dir)) == []
