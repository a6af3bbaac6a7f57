"""CLI command about where a library's files live: migrate them to an S3-compatible object store."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict, replace

from dam.cli.common import print_json, settings_for
from dam.library import Library

EXIT_NOT_VERIFIED = 1


def register(commands: argparse._SubParsersAction) -> None:
    move = commands.add_parser(
        "migrate", help="move the library's files to an object store (s3://bucket/prefix)",
        description="Upload every original, thumbnail and attachment to an S3-compatible object store, verify each "
        "by sha256, then record the store as the library's storage location. Safe to run again: a run that was "
        "cut short resumes, and a finished one does nothing. Endpoint and keys come from AWS_ENDPOINT_URL, "
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
    )  # fmt: skip
    move.add_argument("--to", required=True, metavar="s3://BUCKET/PREFIX", help="the object store location")
    move.add_argument("--remove-local", action="store_true", help="delete the local files once the move is recorded")
    move.set_defaults(handler=cmd_migrate)


def cmd_migrate(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from dam.storage.migrate import migrate

    # Opened on its own disk: DAM_STORAGE may already name the target, which the library is not on yet.
    settings = replace(settings_for(args), storage="")
    with Library.open(settings) as library:
        with tqdm(unit="file", file=sys.stderr, disable=not sys.stderr.isatty()) as bar:
            report = migrate(library, args.to.strip(), remove_local=args.remove_local, progress=bar.update)
    print_json({**asdict(report), "ok": report.ok})
    return 0 if report.ok else EXIT_NOT_VERIFIED
