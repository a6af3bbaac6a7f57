"""`similar`, `duplicates` and `reindex` on the command line print JSON."""

from __future__ import annotations

import json

from dam.bench.similar_photos import transformed
from dam.cli import main
from dam.repos import embeddings


def test_similar_duplicates_and_reindex(library, settings, ingest, photos, capsys):
    original = ingest(photos["chelsea"], "Acme", "cat.jpg")
    sale = ingest(transformed(photos["chelsea"], "text"), "Acme", "cat-sale.jpg")
    small = ingest(transformed(photos["chelsea"], "resize30"), "Acme", "cat-small.jpg")
    ingest(photos["moon"], "Acme", "moon.jpg")
    library.close()
    data = ["--data", str(settings.data_dir)]
    assert main([*data, "similar", str(original), "--k", "5"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {r["asset_id"] for r in out["results"]} == {sale, small} and min(r["score"] for r in out["results"]) > 0.9
    assert main([*data, "duplicates", "--brand", "Acme"]) == 0
    # A resized copy is a duplicate; one with a caption is a derivative (found by similar, not merged away).
    (group,) = json.loads(capsys.readouterr().out)["groups"]
    assert group["asset_ids"] == [original, small] and group["assets"][0]["width"] == 451
    assert main([*data, "reindex"]) == 0
    assert json.loads(capsys.readouterr().out)["embedded"] == {"descriptor": 4}
    from dam.library import Library

    with Library.open(settings) as again:
        assert len(embeddings.load(again.catalog.cursor(), "descriptor")[0]) == 4
