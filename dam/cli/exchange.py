"""CLI commands that move assets out of and into a library: export, load and zip."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from dam.cli.common import open_library, settings_for
from dam.errors import NotFound, Rejected


def register(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="write the catalog as Parquet files into DIR (includes password hashes: keep it private)",
    )
    export.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    export.add_argument("--with-files", action="store_true", help="also copy the originals and thumbnails")
    export.set_defaults(handler=cmd_export)
    load = commands.add_parser("load", help="read an export into an empty library, keeping every id")
    load.add_argument("dir", type=Path, metavar="DIR", help="a folder written by `export`")
    load.set_defaults(handler=cmd_load)
    zip_ = commands.add_parser("zip", help="package assets into a zip with a manifest.csv")
    zip_.add_argument("ids", type=int, nargs="+", metavar="ID")
    zip_.add_argument("--out", required=True, metavar="FILE.zip", help="where to write the zip ('-' for stdout)")
    zip_.set_defaults(handler=cmd_zip)


def _require_library(args: argparse.Namespace) -> None:
    """Reading commands must not create an empty library where there was none."""
    path = settings_for(args).catalog_path
    if not path.is_file():
        raise NotFound(f"No library at {path.parent} (create one with `python -m dam init`).")


@contextmanager
def _file_errors() -> Iterator[None]:
    """A folder that cannot be written or a full disk is a one-line message too, not a traceback."""
    try:
        yield
    except BrokenPipeError:
        raise  # the reader of stdout went away: main() ends quietly
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        raise Rejected(f"{exc.strerror or exc}{where}") from None


def cmd_export(args: argparse.Namespace) -> int:
    from dam.exchange.export import export_library

    _require_library(args)
    with open_library(args, read_only=True) as library, _file_errors():
        summary = export_library(library, args.dir, with_files=args.with_files)
    counts = ", ".join(f"{n} {name}" for name, n in summary.rows.items())
    files = f"; {summary.files} files, {summary.file_bytes / 1024**2:.1f} MB" if args.with_files else ""
    print(f"exported to {summary.folder}: {counts}{files}")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from dam.exchange.load import load_library

    with open_library(args) as library, _file_errors():
        summary = load_library(library, args.dir)
    counts = ", ".join(f"{n} {name}" for name, n in summary.rows.items())
    print(f"loaded {args.dir}: {counts}; {summary.files} files copied")
    if summary.missing_originals:
        print(
            f"warning: {summary.missing_originals} originals are not in this library's storage (the export has no "
            "files); copy its blobs/ folder or export again with --with-files, then run `python -m dam check`.",
            file=sys.stderr,
        )
    return 0


def cmd_zip(args: argparse.Namespace) -> int:
    from dam.exchange.zipper import prepare_zip, write_zip

    _require_library(args)
    with open_library(args, read_only=True) as library, _file_errors():
        if args.out == "-":
            if sys.stdout.isatty():
                raise Rejected("A zip is not for a terminal: give --out FILE.zip, or pipe the output somewhere.")
            for chunk in prepare_zip(library, args.ids):
                sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()
            return 0
        download = write_zip(library, args.ids, Path(args.out))
    print(f"wrote {args.out}: {len(download.entries)} assets, {download.size / 1024**2:.1f} MB")
    return 0
