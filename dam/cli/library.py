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


def cmd_init(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        print(f"library ready at {library.settings.data_dir}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_library(args, read_only=True) as library:
        print_json(assets.record(library.catalog.cursor(), args.id))
    return 0
