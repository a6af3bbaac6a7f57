"""`copy-catalog`: an embedded library's catalog copied into PostgreSQL answers every query as the original did."""

from __future__ import annotations

from dam.cli import main
from dam.config import Settings
from dam.library import Library
from dam.query import Scope, parse, rail_counts, run_grid
from dam.repos import assets, brands
from tests.postgres.server import CatalogUrls
from tests.query.world import build_world, new_asset


def _answers(library, brand_ids: list[int]) -> dict:
    con = library.catalog.cursor()
    scope = Scope(brand_ids=tuple(brand_ids))
    queries = ("", "tag:beach status:approved", "golden", "puppy")
    grids = {q: run_grid(library, scope, parse(q), limit=200) for q in queries}
    return {"records": [assets.record(con, i) for i in assets.all_ids(con)], "rail": rail_counts(library, scope),
            "grids": {q: ([i.id for i in page.items], total) for q, (page, total) in grids.items()}}  # fmt: skip


def test_a_copied_catalog_answers_as_the_original(postgres_server, tmp_path, capsys):
    urls = CatalogUrls(postgres_server)
    try:
        settings = Settings(data_dir=tmp_path / "library")
        with Library.open(settings) as original:
            world = build_world(original, n=60)
            before = _answers(original, world.brand_ids)
        url = urls.new()
        assert main(["--data", str(settings.data_dir), "copy-catalog", "--to", url]) == 0
        assert "copied" in capsys.readouterr().out
        with Library.open(Settings(data_dir=settings.data_dir, catalog=url)) as copy:
            assert _answers(copy, world.brand_ids) == before
            with copy.catalog.transaction() as con:  # ids carry on after the copied ones
                brand = brands.create(con, "Later")
                assert brand.id == len(world.brand_ids) + 1
                assert new_asset(con, brand.id, "later", world.now) == max(world.rows) + 1
        assert main(["--data", str(settings.data_dir), "copy-catalog", "--to", url]) == 2
        assert "already holds a library" in capsys.readouterr().err
    finally:
        urls.drop_all()
