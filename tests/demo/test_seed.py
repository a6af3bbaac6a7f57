"""Seeding the demo: deterministic files, every status, source and kind, nested collections, people with roles."""

from __future__ import annotations

import hashlib

from dam import auth
from dam.cli import main
from dam.config import Settings
from dam.demo import plan, seed
from dam.demo.brands import BRANDS, PASSWORD
from dam.library import Library
from dam.vocab import KINDS, ROLES, SOURCES, STATUSES


def column(library: Library, sql: str) -> list:
    return [row[0] for row in library.catalog.query(sql)]


def stored_sha256s(settings: Settings) -> set[str]:
    with Library.open(settings, read_only=True) as library:
        return set(column(library, "SELECT sha256 FROM assets"))


def test_small_demo_is_reproducible_and_complete(small_demo, tmp_path):
    """Same plan, same bytes: the catalog holds exactly the files the generators make again, byte for byte;
    and even the smallest demo shows every status, source and kind."""
    expected = {
        hashlib.sha256(seed.make_file(asset, tmp_path).read_bytes()).hexdigest()
        for asset in plan.planned_assets(small_demo.batches)
    }
    assert stored_sha256s(small_demo.settings) == expected
    assert small_demo.summary.rejected == []
    with Library.open(small_demo.settings, read_only=True) as library:
        assert set(column(library, "SELECT DISTINCT status FROM assets")) == set(STATUSES)
        assert set(column(library, "SELECT DISTINCT source FROM assets")) == set(SOURCES)
        assert set(column(library, "SELECT DISTINCT kind FROM assets")) == set(KINDS)
        # Search's indexes were made in the background as uploads finished: none is missing at the end.
        (counts,) = library.catalog.query("SELECT (SELECT count(*) FROM assets), (SELECT count(*) FROM text_embeddings),"
                                          " (SELECT count(*) FROM visual_embeddings)")  # fmt: skip
        assert len(set(counts)) == 1


def test_full_demo(tmp_path, capsys):
    """One full seed (the slow part of this suite), checked from every side, then `--if-empty` on top of it."""
    settings = Settings(data_dir=tmp_path / "demo")
    with Library.open(settings) as library:
        summary = seed.seed(library)
        q = library.catalog.query
        assert summary.rejected == []
        assert 280 <= summary.total <= 320
        assert set(summary.per_brand) == {b.name for b in BRANDS} and min(summary.per_brand.values()) >= 90
        assert q("SELECT count(*) FROM assets")[0][0] == summary.total

        assert set(column(library, "SELECT DISTINCT status FROM assets")) == set(STATUSES)
        assert set(column(library, "SELECT DISTINCT source FROM assets")) == set(SOURCES)
        assert set(column(library, "SELECT DISTINCT kind FROM assets")) == set(KINDS)
        mimes = set(column(library, "SELECT DISTINCT mime FROM assets"))
        assert {"image/jpeg", "image/png", "image/webp", "image/svg+xml", "application/pdf", "video/mp4",
                "video/webm"} <= mimes  # fmt: skip

        # Collections nest three levels deep in every brand; some assets are in none.
        depth = q("""
            WITH RECURSIVE tree(id, brand_id, level) AS (
                SELECT id, brand_id, 1 FROM collections WHERE parent_id IS NULL
                UNION ALL SELECT c.id, c.brand_id, tree.level + 1 FROM collections c JOIN tree ON c.parent_id = tree.id)
            SELECT brand_id, max(level) FROM tree GROUP BY brand_id""")  # fmt: skip
        assert len(depth) == 3 and all(level >= 3 for _, level in depth)
        unfiled = q("SELECT count(*) FROM assets a WHERE a.id NOT IN (SELECT asset_id FROM collection_assets)")[0][0]
        assert 3 <= unfiled <= 30

        # Campaigns, tags, ratings, recency, EXIF.
        assert sorted(n for _, n in q("SELECT brand_id, count(*) FROM campaigns GROUP BY 1")) in ([2, 3, 3], [3, 3, 2])
        assert q("SELECT count(*) FROM asset_campaigns")[0][0] > 100
        tags_per_asset = q("SELECT avg(n) FROM (SELECT asset_id, count(*) AS n FROM asset_tags GROUP BY 1)")[0][0]
        assert 3 <= tags_per_asset <= 6
        assert q("SELECT count(*) FROM assets WHERE rating IS NULL")[0][0] > 20
        assert set(column(library, "SELECT DISTINCT rating FROM assets WHERE rating IS NOT NULL")) == {1, 2, 3, 4, 5}
        assert q("SELECT count(*) FROM assets WHERE created_at > now()::TIMESTAMP - INTERVAL 7 DAY")[0][0] >= 5
        assert q("SELECT min(created_at) < now()::TIMESTAMP - INTERVAL 100 DAY FROM assets")[0][0]
        assert q("SELECT count(*) FROM assets WHERE camera IS NOT NULL AND taken_at IS NOT NULL")[0][0] > 50
        assert q("SELECT count(*) FROM assets WHERE kind = 'video' AND duration BETWEEN 2 AND 4")[0][0] == 6
        assert q("SELECT count(*) FROM assets WHERE kind = 'document' AND page_count > 1")[0][0] == 3

        # Generations: prompts, models and seeds, made from an upload, some from another generation.
        generated = q("SELECT prompt, model, seed, parent_id FROM assets WHERE source = 'generated'")
        assert len(generated) >= 30 and all(all(v is not None for v in row) for row in generated)
        parents = dict(q("SELECT a.id, p.source FROM assets a JOIN assets p ON p.id = a.parent_id"))
        assert {"uploaded", "generated"} <= set(parents.values())

        # Review went through the service: submissions by creators, decisions by managers, notes to the inbox.
        assert q("SELECT count(*) FROM assets WHERE status <> 'draft' AND submitted_by IS NULL AND source <> 'imported'")[0][0] == 0
        assert q("SELECT count(*) FROM notifications")[0][0] > 0

        # People: each role in each brand, one admin, creators are the assets' creators, all can sign in.
        roles = q("SELECT b.name, m.role FROM memberships m JOIN brands b ON b.id = m.brand_id")
        assert {(b.name, r) for b in BRANDS for r in ROLES} <= set(roles)
        assert column(library, "SELECT handle FROM users WHERE is_admin") == ["alex.admin"]
        creators = q("SELECT DISTINCT m.role FROM assets a JOIN memberships m ON m.user_id = a.creator_id AND m.brand_id = a.brand_id")
        assert {r for (r,) in creators} <= {"creator", "manager"}
        assert auth.sign_in(library, "leo.hart", PASSWORD).handle == "leo.hart"
    # Deterministic: a sample of the plan, made again, gives files the catalog already holds.
    stored = stored_sha256s(settings)
    assert len(stored) == summary.total
    for asset in plan.planned_assets(plan.build())[::25]:
        assert hashlib.sha256(seed.make_file(asset, tmp_path / "again").read_bytes()).hexdigest() in stored
    assert not (settings.data_dir / seed.CACHE).exists()
    assert "leo.hart" in (settings.data_dir / seed.HINT_FILE).read_text()

    # `--if-empty` on a seeded library does nothing, quickly; without it the demo refuses to seed again.
    capsys.readouterr()
    assert main(["--data", str(settings.data_dir), "demo", "--if-empty"]) == 0
    again = capsys.readouterr().out
    assert "already has" in again and "library-demo" in again and "alex.admin" in again  # how to sign in, again
    assert main(["--data", str(settings.data_dir), "demo"]) != 0
    assert "already has assets" in capsys.readouterr().err
    with Library.open(settings, read_only=True) as library:
        assert library.catalog.query("SELECT count(*) FROM assets")[0][0] == summary.total


def test_small_demo_brands_have_kits_and_lineage(small_demo):
    """Each brand's kit has its logo, its poster font and anchors; every generation's inputs are recorded."""
    with Library.open(small_demo.settings, read_only=True) as library:
        kits = library.catalog.query(
            "SELECT b.name, b.fonts, (SELECT count(*) FROM brand_logos l WHERE l.brand_id = b.id),"
            " (SELECT count(*) FROM brand_pins p WHERE p.brand_id = b.id) FROM brands b ORDER BY b.name")
        assert [(name, len(fonts), logos, anchors > 0) for name, fonts, logos, anchors in kits] == [
            (b.name, 1, 1, True) for b in sorted(BRANDS, key=lambda b: b.name)]
        unlinked = "SELECT count(*) FROM assets a WHERE a.parent_id IS NOT NULL AND a.id NOT IN (SELECT asset_id FROM asset_inputs)"
        assert library.catalog.query(unlinked)[0][0] == 0
