"""`bench gallery`: p50/p95 of the Gallery's and a campaign's queries on a (seeded) library, as their pages run them.

Run on `bench seed` data: the brand with the most generations is looked at by a manager (who sees drafts too),
its biggest campaign is the campaign. No target is set for these; the figures say what a page waits for.
"""

from __future__ import annotations

import argparse
import json
import os

from dam.bench.query import _timed
from dam.config import Settings
from dam.library import Library
from dam.permissions import Actor
from dam.services import campaigns, gallery
from dam.services.gallery import GalleryQuery


def register(bench: argparse._SubParsersAction) -> None:
    cmd = bench.add_parser("gallery", help="time the Gallery's and a campaign page's queries (see `bench seed`)")
    cmd.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="library folder")
    cmd.add_argument("--runs", type=int, default=15, help="timed runs per query (after one warm-up)")
    cmd.add_argument("--json", action="store_true", help="print the results as JSON")
    cmd.set_defaults(handler=_cmd_gallery)


def _cmd_gallery(args: argparse.Namespace) -> int:
    results = bench_gallery(Settings().with_data(getattr(args, "data", None)), runs=args.runs)
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


def bench_gallery(settings: Settings, *, runs: int = 15) -> dict:
    with Library.open(settings, read_only=True) as library:
        con = library.catalog.cursor()
        found = con.execute(
            "SELECT brand_id, count(*), arg_max(model, created_at) FROM assets WHERE source = 'generated'"
            " GROUP BY brand_id ORDER BY 2 DESC, 1 LIMIT 1").fetchall()  # fmt: skip
        if not found:
            raise SystemExit("This library has no generations: seed one with `python -m dam bench seed`.")
        brand_id, generations, model = found[0]
        campaign = con.execute(
            "SELECT ac.campaign_id FROM asset_campaigns ac JOIN campaigns c ON c.id = ac.campaign_id"
            " WHERE c.brand_id = ? GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", [brand_id]).fetchall()  # fmt: skip
        word = con.execute(
            "SELECT split_part(prompt, ' ', 2) FROM assets WHERE brand_id = ? AND prompt IS NOT NULL"
            " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", [brand_id]).fetchall()[0][0]  # fmt: skip
        # Read only: the looker is made here, not stored. A manager sees every generation, drafts included.
        manager = Actor(user_id=0, handle="bench", roles={brand_id: "manager"})
        campaign_id = campaign[0][0] if campaign else None
        queries = {
            "newest, first page": lambda: gallery.page(library, manager, brand_id),
            f"model {model}": lambda: gallery.page(library, manager, brand_id, GalleryQuery(model=model)),
            f"search {word!r}": lambda: gallery.page(library, manager, brand_id, GalleryQuery(search=word)),
            "grouped by prompt": lambda: gallery.grouped(library, manager, brand_id, by="prompt"),
            "grouped by input": lambda: gallery.grouped(library, manager, brand_id, by="input"),
            "models (filter options)": lambda: gallery.models(library, manager, brand_id),
        }
        if campaign_id is not None:
            queries["campaign, first page"] = lambda: campaigns.assets_page(library, manager, campaign_id)
            queries["campaign progress"] = lambda: campaigns.progress(library, manager, campaign_id)
        out = {"load_average_before": round(os.getloadavg()[0], 2), "generations": generations, "runs": runs,
               "queries": {name: _timed(run, runs) for name, run in queries.items()}}  # fmt: skip
    out["load_average_after"] = round(os.getloadavg()[0], 2)
    return out


def _table(results: dict) -> str:
    lines = [f"{results['generations']:,} generations in the brand, {results['runs']} runs each, load average "
             f"{results['load_average_before']} -> {results['load_average_after']}",
             "ms: wall p50 / wall p95 / process CPU p50"]  # fmt: skip
    for name, r in results["queries"].items():
        lines.append(f"{name:28} {r['p50_ms']:7.1f} /{r['p95_ms']:7.1f} /{r['cpu_p50_ms']:7.1f}")
    return "\n".join(lines)
