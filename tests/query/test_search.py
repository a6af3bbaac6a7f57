"""Ranked search on realistic examples: exact name, then whole words and prefixes by field, typos, meaning."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from dam import indexing
from dam.config import Settings
from dam.library import Library
from dam.query import Filters, Scope, count, parse, run_page
from dam.repos import assets, brands, collections, tags
from tests.query.world import new_asset

NOW = datetime(2026, 6, 1, 12, 0)


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """A brand whose assets each test one rule of the ranking."""
    lib = Library.open(Settings(data_dir=tmp_path_factory.mktemp("search") / "library"))
    ids = {}
    with lib.catalog.transaction() as con:
        b = brands.create(con, "Northwind").id
        other = brands.create(con, "Acme").id

        def add(key, name, days=0, **extra):
            ids[key] = new_asset(con, b, name, NOW - timedelta(days=days), **extra)

        add("exact", "Sunset", days=30)
        add("name_word", "Golden sunset over dunes", days=1)
        add("name_prefix", "Sunsets of Portugal", days=2)
        add("tagged", "IMG_0042", days=3)
        add("prompt", "render-7", days=4, source="generated", prompt="a calm sunset over the harbor")
        add("typo_only", "Sunst poster", days=5)  # a typo in the asset's own name
        add("dog", "IMG_0099", days=6)
        add("file", "Untitled", days=7, original_name="harbor_sunset_final.tif")
        add("described", "Board 3", days=8, description="Moodboard with a sunset palette")
        add("filed", "IMG_0100", days=9)
        add("trashed", "Sunset", days=0, deleted_at=NOW)
        tags.add_to_assets(con, [ids["tagged"]], ["sunset"])
        tags.add_to_assets(con, [ids["dog"]], ["dog", "grass"])
        collections.add_assets(con, collections.ensure_path(con, b, "Shoots/Sunset Beach"), [ids["filed"]])
        ids["other_brand"] = new_asset(con, other, "Sunset", NOW)
    indexing.after_ingest(lib, sorted(ids.values()))
    yield lib, ids, Scope(brand_ids=(b,))
    lib.close()


def ranked(lib, scope, text, **filters):
    return [i.id for i in run_page(lib, scope, Filters(text=text, **filters), limit=200).items]


def test_exact_name_then_name_words_then_other_fields_then_typos(shop):
    lib, ids, scope = shop
    order = ranked(lib, scope, "sunset")
    assert order[0] == ids["exact"]
    # Whole-word matches in name and tags come before prefix matches and before prompt, file name, description.
    assert order.index(ids["name_word"]) < order.index(ids["name_prefix"])
    assert order.index(ids["tagged"]) < order.index(ids["prompt"])
    assert order.index(ids["name_word"]) < order.index(ids["described"])
    assert {ids["file"], ids["described"], ids["filed"], ids["prompt"]} <= set(order)
    # The asset whose name only has a typo of the word comes after every real match.
    lexical = [i for i in order if i != ids["typo_only"]][:8]
    assert all(order.index(i) < order.index(ids["typo_only"]) for i in lexical if i in order)
    assert ids["trashed"] not in order and ids["other_brand"] not in order


def test_a_typo_in_the_search_still_finds_the_word(shop):
    lib, ids, scope = shop
    found = ranked(lib, scope, "sunst")
    assert found[0] == ids["typo_only"]  # a whole-word match of the typed word itself ranks first
    assert {ids["exact"], ids["tagged"], ids["name_word"]} <= set(found)


def test_meaning_finds_what_no_word_says(shop):
    lib, ids, scope = shop
    found = run_page(lib, scope, Filters(text="puppy"), limit=200).items
    assert found and found[0].id == ids["dog"]
    assert found[0].score < 1  # semantic scores sit below every word match


def test_several_words_must_all_match(shop):
    lib, ids, scope = shop
    assert ranked(lib, scope, "golden dunes")[0] == ids["name_word"]
    assert ids["exact"] not in ranked(lib, scope, "sunset harbor")[:2]
    assert ranked(lib, scope, "sunset harbor")[0] in (ids["prompt"], ids["file"])


def test_search_combines_with_filters_and_counts(shop):
    lib, ids, scope = shop
    assert ranked(lib, scope, "sunset", sources=("generated",)) == [ids["prompt"]]
    assert count(lib, scope, parse("source:generated sunset")) == 1
    assert ranked(lib, scope, "sunset", tags=("dog",)) == []


@pytest.mark.parametrize("cards_inline", [5000, 0])  # cards with the matches, or fetched for the page
def test_paging_through_search_results_is_seamless(shop, monkeypatch, cards_inline):
    from dam.query import ranked as ranked_grid

    monkeypatch.setattr(ranked_grid, "CARDS_INLINE", cards_inline)
    lib, ids, scope = shop
    everything = ranked(lib, scope, "sunset")
    seen, cursor = [], None
    while True:
        page = run_page(lib, scope, Filters(text="sunset"), limit=2, cursor=cursor)
        seen += [i.id for i in page.items]
        cursor = page.next_cursor
        if not cursor:
            break
    assert seen == everything


def test_edits_are_searchable_after_the_change_hook(shop):
    lib, ids, scope = shop
    with lib.catalog.transaction() as con:
        assets.update(con, ids["dog"], {"name": "Harborside walk"})
    indexing.after_change(lib, [ids["dog"]])
    assert ids["dog"] in ranked(lib, scope, "harborside")
    assert ranked(lib, scope, "!!! ...") == ranked(lib, scope, "")  # no searchable word: newest first


def test_new_and_changed_assets_reach_semantic_search_without_a_reload(shop):
    lib, ids, scope = shop
    assert ranked(lib, scope, "kitten") is not None  # loads the brand's vectors
    with lib.catalog.transaction() as con:
        cat = new_asset(con, scope.brand_ids[0], "IMG_0500", NOW)
        tags.add_to_assets(con, [cat], ["cat", "sofa"])
    indexing.after_ingest(lib, [cat])
    assert cat in ranked(lib, scope, "kitten")[:1]
    with lib.catalog.transaction() as con:
        tags.remove_from_assets(con, [cat], ["cat"])
        tags.add_to_assets(con, [cat], ["bicycle"])
    indexing.after_change(lib, [cat])
    assert ranked(lib, scope, "kitten")[:1] != [cat]
    assert cat in ranked(lib, scope, "bike")[:2]


def test_nearest_skips_dead_rows_and_compacting_keeps_the_answer():
    import numpy as np
    import torch

    from dam.search import vectors

    rng = np.random.default_rng(5)
    rows = rng.normal(size=(40, 384)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    part = lambda lo, hi: vectors.Part(np.arange(lo, hi), torch.from_numpy(rows[lo:hi].astype(np.float16)),  # noqa: E731
                                       np.ones(hi - lo, dtype=bool))  # fmt: skip
    parts = [part(0, 25), part(25, 40)]
    parts[0].alive[3] = False
    found, scores = vectors.nearest(parts, rows[3], k=5, min_score=-1)
    assert 3 not in found and len(found) == 5 and list(scores) == sorted(scores, reverse=True)
    assert list(vectors.nearest(vectors._compact(parts), rows[3], k=5, min_score=-1)[0]) == list(found)
    assert list(vectors.nearest(parts, rows[30], k=1, min_score=0.5)[0]) == [30]


def test_the_word_index_lives_outside_the_exported_schema(shop):
    lib, ids, scope = shop
    con = lib.catalog.cursor()
    main = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
    derived = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'search_index'").fetchall()}
    assert derived == {"terms", "state"} and not main & {"terms", "state", "search_terms"}


@pytest.mark.parametrize("offset", [0, 10**12])  # dense ids, and ids far apart
def test_word_scores_take_each_words_best_match_and_require_every_word(offset):
    import numpy as np

    from dam.search.lexical import TIER, score_postings

    asset = np.array([1, 1, 1, 2, 3, 3], dtype=np.int64) + offset
    word = np.array([0, 0, 1, 0, 0, 1])
    w = np.array([60, 300, 90, 300, 100, 30], dtype=np.int32)
    sure = np.array([True, True, False, True, True, True])
    ids, scores = score_postings(asset, word, w, sure, 2)
    assert (ids - offset).tolist() == [1, 3]  # asset 2 lacks the second word
    assert scores.tolist() == [TIER + 390, 2 * TIER + 130]  # asset 1 needed a typo for word 1
