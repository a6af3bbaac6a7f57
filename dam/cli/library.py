"""CLI commands about the library as a whole: init and show."""

from __future__ import annotations

import argparse

from dam.cli.common import open_library, print_json
from dam.repos import assets


def register(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help="create an empty library (or migrate an older one)")
    init.set_defaults(handler=cmd_init)
    show = commands.add_parser("show", help="print one asset's full record as JSON")
    show.add_argument("id", type=int)
    show.set_defaults(handler=cmd_show)
    trash = commands.add_parser("purge-trash", help="purge assets in the trash longer than --days (default $DAM_TRASH_DAYS or 30)")
    trash.add_argument("--days", type=int, default=None)
    trash.set_defaults(handler=cmd_purge_trash)


def cmd_init(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        print(f"library ready at {library.settings.data_dir}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_library(args, read_only=True) as library:
        print_json(assets.record(library.catalog.cursor(), args.id))
    return 0


def cmd_purge_trash(args: argparse.Namespace) -> int:
    from dam.services.trash import purge_expired

    with open_library(args) as library:
        days = library.settings.trash_days if args.days is None else args.days
        result = purge_expired(library, days=days)
    print_json({"purged": result.succeeded, "failed": [f.__dict__ for f in result.failed], "older_than_days": days})
    return 0 if not result.failed else 1
