"""CLI commands `query` (the grid as JSON) and `saved-search` (save, list, run and delete named filters)."""

from __future__ import annotations

import argparse

from dam.cli.common import open_library, print_json
from dam.errors import NotFound, Rejected
from dam.query import BUCKETS, Filters, Scope, parse, rail_counts, run_grid, saved, serialize, summary_line
from dam.query.counts import RailCounts
from dam.repos import brands as brand_repo
from dam.repos import collections as collection_repo


def register(commands: argparse._SubParsersAction) -> None:
    query = commands.add_parser("query", help="run a grid query and print the page as JSON")
    _scope_arguments(query)
    _filter_arguments(query)
    _page_arguments(query)
    query.set_defaults(handler=cmd_query)

    saved_cmd = commands.add_parser("saved-search", help="save, list, run or delete named filters of a brand")
    actions = saved_cmd.add_subparsers(dest="action", metavar="ACTION", required=True)
    save = actions.add_parser("save", help="save filters under a name (from --q and/or filter options)")
    save.add_argument("name")
    save.add_argument("--brand", required=True)
    save.add_argument("--replace", action="store_true", help="update an existing saved search of that name")
    _filter_arguments(save)
    save.set_defaults(handler=cmd_save)
    listing = actions.add_parser("list", help="list a brand's saved searches")
    listing.add_argument("--brand", required=True)
    listing.set_defaults(handler=cmd_list)
    run = actions.add_parser("run", help="run a saved search like `query`")
    run.add_argument("name")
    _scope_arguments(run, brand_required=True)
    _page_arguments(run)
    run.set_defaults(handler=cmd_run)
    delete = actions.add_parser("delete", help="delete a saved search")
    delete.add_argument("name")
    delete.add_argument("--brand", required=True)
    delete.set_defaults(handler=cmd_delete)


def _scope_arguments(parser: argparse.ArgumentParser, *, brand_required: bool = False) -> None:
    parser.add_argument("--brand", metavar="NAME", required=brand_required, help="brand to show (default: all)")
    parser.add_argument("--bucket", choices=BUCKETS, default="all")
    parser.add_argument("--collection", metavar="PATH", help='a collection path, e.g. "Shoots/Spring 2026"')
    parser.add_argument("--nested", action="store_true", help="include the collection's sub-collections")


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--campaign", metavar="NAME")
    parser.add_argument("--tag", action="append", default=[], metavar="T")
    parser.add_argument("--tag-mode", choices=("any", "all"))
    parser.add_argument("--source", action="append", default=[], metavar="S")
    parser.add_argument("--rating", action="append", default=[], metavar="N", help="1-5 or unrated")
    parser.add_argument("--status", action="append", default=[], metavar="S")
    parser.add_argument("--kind", action="append", default=[], metavar="K")
    parser.add_argument("--creator", action="append", default=[], metavar="HANDLE")
    parser.add_argument("--search", metavar="TEXT", default="")
    parser.add_argument("--q", metavar="TEXT", default="", help='the text form, e.g. \'tag:beach status:approved sunset\'')


def _page_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=60, metavar="N", help="page size, 1 to 200")
    parser.add_argument("--cursor", metavar="C", help="next_cursor of the previous page")
    parser.add_argument("--counts", action="store_true", help="add bucket and collection counts")


def filters_from(args: argparse.Namespace) -> Filters:
    """The text form (--q) and the separate options together; both narrow, so they simply combine."""
    base = parse(args.q)
    ratings = []
    for raw in args.rating:
        ratings.extend(parse(f"rating:{raw}").ratings)
    campaign = " ".join((args.campaign or "").split()) or None
    if campaign and base.campaign and base.campaign.lower() != campaign.lower():
        raise Rejected("Give one campaign: --campaign and campaign: in --q differ.")
    return Filters(
        text=" ".join(t for t in (base.text, args.search) if t),
        campaign=base.campaign or campaign,
        tags=(*base.tags, *args.tag),
        tag_mode=args.tag_mode or base.tag_mode,
        sources=(*base.sources, *(s.lower() for s in args.source)),
        ratings=(*base.ratings, *ratings),
        statuses=(*base.statuses, *(parse(f'status:"{_escape(s)}"').statuses[0] for s in args.status)),
        kinds=(*base.kinds, *(k.lower() for k in args.kind)),
        creators=(*base.creators, *args.creator),
        after=base.after,
        before=base.before,
    )


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def scope_from(args: argparse.Namespace, con, settings) -> Scope:
    if args.brand:
        brand_ids = (brand_repo.require_by_name(con, args.brand).id,)
    else:
        brand_ids = tuple(b.id for b in brand_repo.all_brands(con))
    collection_id = None
    if args.collection:
        found = [c for c in (collection_repo.find_path(con, b, args.collection) for b in brand_ids) if c is not None]
        if not found:
            raise NotFound(f"No collection at {args.collection!r}" + (f" in {args.brand}." if args.brand else "."))
        if len(found) > 1:
            raise Rejected(f"Several brands have a collection at {args.collection!r}: pick one with --brand.")
        collection_id = found[0]
    elif args.nested:
        raise Rejected("--nested needs --collection.")
    return Scope(brand_ids=brand_ids, bucket=args.bucket, collection_id=collection_id, nested=args.nested,
                 recent_days=settings.recent_days)  # fmt: skip


def _run(library, args: argparse.Namespace, filters: Filters) -> None:
    con = library.catalog.cursor()
    scope = scope_from(args, con, library.settings)
    page, total = run_grid(library, scope, filters, limit=args.limit, cursor=args.cursor)
    items = []
    for item in page.items:
        row = {"id": item.id, "name": item.name, "created_at": item.created_at}
        if item.score is not None:
            row["score"] = item.score
        row |= {"brand_id": item.brand_id, "kind": item.kind, "status": item.status, "source": item.source,
                "rating": item.rating}  # fmt: skip
        items.append(row)
    out = {"total": total, "items": items, "next_cursor": page.next_cursor, "query": serialize(filters),
           "summary": summary_line(filters, total)}  # fmt: skip
    if args.counts:
        out["counts"] = counts_json(rail_counts(library, scope))
    print_json(out)


def counts_json(counts: RailCounts) -> dict:
    return {
        "all": counts.all, "recent": counts.recent, "unfiled": counts.unfiled,
        "collections": [{"id": c.id, "path": c.path, "direct": c.direct, "total": c.total} for c in counts.collections],
    }  # fmt: skip


def cmd_query(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        _run(library, args, filters_from(args))
    return 0


def cmd_save(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        brand = brand_repo.require_by_name(library.catalog.cursor(), args.brand)
        entry = saved.save(library, brand.id, args.name, filters_from(args), replace=args.replace)
        print_json({"id": entry.id, "brand": brand.name, "name": entry.name, "query": entry.query})
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_library(args, read_only=True) as library:
        brand = brand_repo.require_by_name(library.catalog.cursor(), args.brand)
        print_json([{"id": s.id, "name": s.name, "query": s.query, "created_at": s.created_at}
                    for s in saved.list_saved(library, brand.id)])  # fmt: skip
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        brand = brand_repo.require_by_name(library.catalog.cursor(), args.brand)
        _run(library, args, saved.open_saved(library, brand.id, args.name))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        brand = brand_repo.require_by_name(library.catalog.cursor(), args.brand)
        saved.delete(library, brand.id, args.name)
        print_json({"deleted": args.name, "brand": brand.name})
    return 0

