"""CLI commands `similar ID`, `duplicates --brand NAME` (JSON) and `reindex` (recompute visual vectors)."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from dam.cli.common import open_library, print_json
from dam.errors import NotFound
from dam.permissions import Actor, load_actor
from dam.repos import assets
from dam.repos import brands as brand_repo
from dam.repos import users as user_repo


def register(commands: argparse._SubParsersAction) -> None:
    similar = commands.add_parser("similar", help="assets that look like one asset, best first, as JSON")
    similar.add_argument("asset_id", type=int, metavar="ID")
    similar.add_argument("--k", type=int, default=20, help="how many at most (default 20)")
    similar.add_argument("--min-score", type=float, help="cutoff instead of the calibrated one")
    similar.add_argument("--embedder", default="descriptor", choices=("descriptor", "clip"))
    _as_argument(similar)
    similar.set_defaults(handler=cmd_similar)
    dupes = commands.add_parser("duplicates", help="near-duplicate groups of a brand, as JSON")
    dupes.add_argument("--brand", required=True, metavar="NAME")
    dupes.add_argument("--embedder", default="descriptor", choices=("descriptor", "clip"))
    _as_argument(dupes)
    dupes.set_defaults(handler=cmd_duplicates)
    reindex = commands.add_parser("reindex", help="recompute every asset's visual vectors")
    reindex.set_defaults(handler=cmd_reindex)


def _as_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_user", metavar="HANDLE", help="see only what this user may see")


def _actor(con, handle: str | None) -> Actor:
    """The operator sees every brand like an admin; --as narrows to one user's view."""
    if handle:
        user = user_repo.by_handle(con, handle)
        if user is None:
            raise NotFound(f"No user @{handle}.")
        return load_actor(con, user.id)
    return Actor(user_id=0, handle="cli", is_admin=True, roles={b.id: "manager" for b in brand_repo.all_brands(con)})


def cmd_similar(args: argparse.Namespace) -> None:
    from dam.services import similar

    with open_library(args, read_only=True) as library:
        con = library.catalog.cursor()
        found = similar.similar_to(library, _actor(con, args.as_user), args.asset_id, args.k,
                                   min_score=args.min_score, embedder=args.embedder)  # fmt: skip
        names = {a.id: a.name for a in assets.many(con, [m.asset_id for m in found])}
        print_json({"asset_id": args.asset_id, "results": [
            {"asset_id": m.asset_id, "name": names.get(m.asset_id), "score": m.score} for m in found]})  # fmt: skip


def cmd_duplicates(args: argparse.Namespace) -> None:
    from dam.services import duplicates

    with open_library(args, read_only=True) as library:
        con = library.catalog.cursor()
        brand = brand_repo.require_by_name(con, args.brand)
        groups = duplicates.find(library, _actor(con, args.as_user), brand.id, embedder=args.embedder)
        sizes = {a.id: a for a in assets.many(con, [i for g in groups for i in g.asset_ids])}
        print_json({"brand": brand.name, "groups": [
            {**asdict(g), "assets": [{"id": i, "name": sizes[i].name, "width": sizes[i].width,
                                      "height": sizes[i].height, "bytes": sizes[i].byte_size} for i in g.asset_ids]}
            for g in groups]})  # fmt: skip


def cmd_reindex(args: argparse.Namespace) -> None:
    from dam.similar import compute

    with open_library(args) as library:
        print_json({"embedded": compute.reindex(library)})
