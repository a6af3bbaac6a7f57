"""CLI command `copy-catalog`: the library folder's DuckDB catalog into an empty PostgreSQL database."""

from __future__ import annotations

import argparse
import sys

from dam.cli.common import settings_for
from dam.db import POSTGRES_SCHEMES
from dam.db.postgres import redacted
from dam.errors import NotFound, Rejected


def register(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser("copy-catalog", help="copy the DuckDB catalog into an empty PostgreSQL database")
    cmd.add_argument("--to", required=True, metavar="URL", help="postgresql://user@host:port/database (empty)")
    cmd.set_defaults(handler=_copy)


def _copy(args: argparse.Namespace) -> int:
    from dam.db.transfer import copy_catalog

    if not args.to.startswith(POSTGRES_SCHEMES):
        raise Rejected("--to needs a postgresql://user@host:port/database URL.")
    path = settings_for(args).catalog_path
    if not path.exists():
        raise NotFound(f"No catalog at {path}: point --data at the library folder.")
    counts = copy_catalog(path, args.to, progress=lambda t, n: print(f"{t}: {n:,} rows", file=sys.stderr))
    print(f"copied {sum(counts.values()):,} rows in {len(counts)} tables to {redacted(args.to)}; run the replicas "
          f"with DAM_CATALOG set to that URL")  # fmt: skip
    return 0
