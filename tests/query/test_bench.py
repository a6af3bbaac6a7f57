"""The query benchmark's seed and mix run end to end on a tiny synthetic library."""

from __future__ import annotations

import pytest

from dam.bench.gallery import bench_gallery
from dam.bench.query import bench_queries
from dam.bench.seed import seed_library
from dam.config import Settings
from dam.errors import Rejected
from dam.library import Library
from dam.query import Scope, parse, rail_counts, run_grid


def test_seed_then_bench_query(tmp_path):
    report = seed_library(tmp_path / "lib", 600)
    assert report.assets == 600 and report.catalog_bytes > 0
    with pytest.raises(Rejected, match="--force"):
        seed_library(tmp_path / "lib", 10)
    with Library.open(Settings(data_dir=tmp_path / "lib")) as library:
        con = library.catalog.cursor()
        assert con.execute("SELECT count(*) FROM text_embeddings").fetchall()[0][0] == 600
        assert con.execute("SELECT count(*) FROM collections").fetchall()[0][0] == 300
        scope = Scope(brand_ids=(1,))
        page, total = run_grid(library, scope, parse("puppy"), limit=5)
        assert page.items and all(i.score < 1 for i in page.items)  # semantic matches: the seed has no puppies
        counts = rail_counts(library, scope)
        assert 0 < counts.unfiled < counts.all
    results = bench_queries(Settings(data_dir=tmp_path / "lib"), runs=1)
    assert set(results["queries"]) >= {"no filter", "two tags, any", "search with typo", "semantic search", "find similar"}
    assert results["queries"]["find similar"]["total"] <= 200  # the filter keeps the closest 200 at most
    assert results["similar index load"]["p50_ms"] > 0
    assert all(q["first page"]["p50_ms"] > 0 for q in results["queries"].values())
    gallery = bench_gallery(Settings(data_dir=tmp_path / "lib"), runs=1)
    assert {"newest, first page", "grouped by prompt", "grouped by input", "campaign progress"} <= set(gallery["queries"])
    assert gallery["generations"] > 0 and all(q["p50_ms"] > 0 for q in gallery["queries"].values())
