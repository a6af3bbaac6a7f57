"""`bench query`: p50/p95 of a fixed mix of grid queries on a (seeded) library, as the Library page runs them.

Each mix is timed four ways: the first page, a deep keyset page (2,000 assets in), the total count, and a whole
grid refresh (page + total + bucket and collection counts). Queries run in the biggest brand, as the active
brand of the page. Search-text embeddings are not reused between runs, so semantic timings include encoding
the query.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from dataclasses import dataclass
from typing import Callable

from dam.config import Settings
from dam.library import Library
from dam.query import Filters, Scope, count, parse, rail_counts, refresh, run_grid, run_page, serialize
from dam.search import semantic

DEEP = 2_000  # assets before the deep page
PAGE = 60


@dataclass(frozen=True)
class Mix:
    name: str
    text_form: str
    collection: bool = False


def register(bench: argparse._SubParsersAction) -> None:
    cmd = bench.add_parser("query", help="time the grid query mix on a library (see `bench seed`)")
    cmd.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="library folder")
    cmd.add_argument("--runs", type=int, default=15, help="timed runs per query (after one warm-up)")
    cmd.add_argument("--json", action="store_true", help="print the results as JSON")
    cmd.set_defaults(handler=_cmd_query)


def _cmd_query(args: argparse.Namespace) -> int:
    settings = Settings().with_data(getattr(args, "data", None))
    results = bench_queries(settings, runs=args.runs)
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


def _mixes(library: Library, brand_id: int) -> list[Mix]:
    """The fixed mix, with values taken from the library: its most used tags, biggest campaign and so on."""
    con = library.catalog.cursor()
    tags = [r[0] for r in con.execute(
        "SELECT t.name FROM asset_tags x JOIN tags t ON t.id = x.tag_id WHERE t.name NOT LIKE '% %'"
        " GROUP BY t.name ORDER BY count(*) DESC, t.name LIMIT 2").fetchall()]  # fmt: skip
    campaign = con.execute(
        "SELECT c.name FROM campaigns c JOIN asset_campaigns ac ON ac.campaign_id = c.id WHERE c.brand_id = ?"
        " GROUP BY c.name ORDER BY count(*) DESC, c.name LIMIT 1", [brand_id]).fetchall()  # fmt: skip
    quoted = [f'"{t}"' if " " in t else t for t in tags]
    mixes = [
        Mix("no filter", ""),
        Mix("status + rating", "status:approved rating:4..5"),
        Mix("two tags, all", " ".join(f"tag:{t}" for t in quoted)),
        Mix("two tags, any", " ".join(f"tag:{t}" for t in quoted) + " tags:any"),
        Mix("campaign", f'campaign:"{campaign[0][0]}"' if campaign else ""),
        Mix("collection, nested", "", collection=True),
        Mix("search words", "golden dunes"),
        Mix("search with typo", "sunst"),
        Mix("semantic search", "puppy"),
    ]
    # Find similar (the viewer's button is this filter): an asset of the brand with a visual vector, when the
    # library has them (`bench seed` makes them).
    like = con.execute(
        "SELECT min(a.id) FROM assets a JOIN visual_embeddings v ON v.asset_id = a.id"
        " WHERE a.brand_id = ? AND a.deleted_at IS NULL", [brand_id]).fetchall()  # fmt: skip
    if like[0][0] is not None:
        mixes.append(Mix("find similar", f"similar:{like[0][0]}"))
    return mixes


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # every thread of this process, DuckDB's included
    return usage.ru_utime + usage.ru_stime


def _timed(fn: Callable[[], object], runs: int, before: Callable[[], None] = lambda: None) -> dict[str, float]:
    """Wall-clock p50/p95, and the p50 of CPU time this process spent: on a machine shared with other work
    the wall clock waits for the cores too, the CPU time does not."""
    before()
    fn()  # warm-up: caches of the process (vocabulary, brand vectors), as a running app has them
    samples, cpu = [], []
    for _ in range(runs):
        before()
        start, start_cpu = time.perf_counter(), _cpu_seconds()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((_cpu_seconds() - start_cpu) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return {"p50_ms": round(statistics.median(samples), 2), "p95_ms": round(p95, 2),
            "cpu_p50_ms": round(statistics.median(cpu), 2)}  # fmt: skip


def bench_queries(settings: Settings, *, runs: int = 15) -> dict:
    with Library.open(settings) as library:
        con = library.catalog.cursor()
        n_assets = con.execute("SELECT count(*) FROM assets").fetchall()[0][0]
        brand_id, brand_assets = con.execute(
            "SELECT brand_id, count(*) FROM assets GROUP BY brand_id ORDER BY 2 DESC, 1 LIMIT 1").fetchall()[0]  # fmt: skip
        root = con.execute(
            "SELECT c.id FROM collections c WHERE c.brand_id = ? AND c.parent_id IS NULL ORDER BY c.id LIMIT 1", [brand_id]
        ).fetchall()  # fmt: skip
        base = Scope(brand_ids=(brand_id,), recent_days=settings.recent_days)
        forget_query_vectors = semantic._query_cache.clear
        out: dict = {"load_average_before": round(os.getloadavg()[0], 2), "assets": n_assets, "brand_assets": brand_assets, "catalog_bytes": library.catalog.size_bytes(),
                     "runs": runs, "queries": {}}  # fmt: skip
        for mix in _mixes(library, brand_id):
            scope = Scope(brand_ids=(brand_id,), collection_id=root[0][0], nested=True) if mix.collection else base
            filters = parse(mix.text_form)
            if mix.name == "find similar":  # timed on the index a running app settles on (its HNSW graph if large)
                _settle_visual_index(library, scope, filters)
            out["queries"][mix.name] = _measure(library, scope, filters, runs, forget_query_vectors)
        out["rail counts"] = _timed(lambda: rail_counts(library, base), runs)
        if "find similar" in out["queries"]:  # what a replica's first Find similar pays (and after a bulk change)
            out["similar index load"] = _timed(lambda: _load_visual_index(library, brand_id), min(runs, 5))
    out["load_average_after"] = round(os.getloadavg()[0], 2)
    return out


def _settle_visual_index(library: Library, scope: Scope, filters: Filters) -> None:
    """Load the brand's Find similar index and wait for its background HNSW graph, if it gets one."""
    from dam.similar import index

    run_page(library, scope, filters, limit=PAGE)
    index.for_catalog(library.catalog).wait_for_graphs()


def _load_visual_index(library: Library, brand_id: int) -> None:
    """Read the brand's visual vectors from the catalog into Find similar's exact index, as on first use (a large
    brand's HNSW graph is then built in the background: dam/similar/index.py)."""
    from dam.repos import embeddings
    from dam.similar import index, neighbours

    index.ExactIndex(*embeddings.load(library.catalog.cursor(), neighbours.EMBEDDER, brand_id))


def _measure(library: Library, scope: Scope, filters: Filters, runs: int, before: Callable[[], None]) -> dict:
    page, total = run_grid(library, scope, filters, limit=PAGE)
    cursor, seen = None, 0
    while seen < DEEP:
        deep = run_page(library, scope, filters, limit=200, cursor=cursor)
        seen += len(deep.items)
        cursor = deep.next_cursor
        if cursor is None:
            break
    result = {"text_form": _describe(filters), "total": total, "deep_offset": seen if cursor else None}
    result["first page"] = _timed(lambda: run_page(library, scope, filters, limit=PAGE), runs, before)
    if cursor:
        result["deep page"] = _timed(lambda: run_page(library, scope, filters, limit=PAGE, cursor=cursor), runs, before)
    result["count"] = _timed(lambda: count(library, scope, filters), runs, before)
    result["grid refresh"] = _timed(lambda: refresh(library, scope, filters, limit=PAGE), runs, before)
    return result


def _describe(filters: Filters) -> str:
    return serialize(filters)


def _table(results: dict) -> str:
    lines = [f"{results['assets']:,} assets ({results['brand_assets']:,} in the queried brand), catalog "
             f"{results['catalog_bytes'] / 2**20:,.0f} MiB, {results['runs']} runs each, load average "
             f"{results['load_average_before']} -> {results['load_average_after']}",
             "ms: wall p50 / wall p95 / process CPU p50",
             f"{'query':20} {'total':>8}  {'first page':>20}  {'deep page':>20}  {'count':>20}  {'grid refresh':>20}"]  # fmt: skip
    cell = lambda r: f"{r['p50_ms']:6.1f} /{r['p95_ms']:6.1f} /{r['cpu_p50_ms']:6.1f}" if r else f"{'-':>20}"  # noqa: E731
    for name, r in results["queries"].items():
        lines.append(f"{name:20} {r['total']:>8,}  {cell(r['first page'])}  {cell(r.get('deep page'))}  "
                     f"{cell(r['count'])}  {cell(r['grid refresh'])}")  # fmt: skip
    lines.append(f"{'rail counts':20} {'':>8}  {cell(results['rail counts'])}")
    if "similar index load" in results:
        lines.append(f"{'similar index load':20} {'':>8}  {cell(results['similar index load'])}")
    return "\n".join(lines)
