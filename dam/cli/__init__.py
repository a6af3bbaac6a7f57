"""`python -m dam`: the command line. Each command lives in a module of this package with a `register()`."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Callable

from dam.errors import DamError

# Modules that each add their commands to the parser; order is the order in `--help`.
COMMAND_MODULES = ("library", "ingest", "previews", "storage", "catalog", "demo", "exchange", "query", "users",
                   "similar", "generate", "bench")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dam", description="The Library: a studio's digital asset manager.")
    parser.add_argument("--data", metavar="DIR", help="library folder (default: $DAM_DATA or ./data)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"dam.cli.{name}").register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int | None] = args.handler
    try:
        return handler(args) or 0
    except DamError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
