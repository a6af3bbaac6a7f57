"""CLI command `previews`: make every large preview not made yet, ahead of the first views that would make them."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from dam.cli.common import open_library, print_json

EXIT_SOME_FAILED = 1


def register(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser(
        "previews", help="make the viewer's large previews not made yet (JSON summary)",
        description="Ingest stores each asset's small thumbnail; its large (1600 px) preview is made the first time "
        "someone opens it in the viewer. This makes every one still missing now, one worker process per core, "
        "newest assets first. Exits 1 when some could not be made (a missing or damaged original).",
    )  # fmt: skip
    cmd.add_argument("--brand", metavar="NAME", help="only this brand's assets")
    cmd.set_defaults(handler=cmd_previews)


def cmd_previews(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from dam.ingest.previews import make_missing, plan
    from dam.repos import brands

    # The catalog is only read: previews are files in the store, under keys the rows already record.
    with open_library(args, read_only=True) as library:
        brand_id = brands.require_by_name(library.catalog.cursor(), args.brand).id if args.brand else None
        planned = plan(library, brand_id)
        with tqdm(total=len(planned.todo), unit="preview", file=sys.stderr, disable=not sys.stderr.isatty()) as bar:
            run = make_missing(library, planned, progress=bar.update)
    print_json({**asdict(run), "ok": run.ok})
    return 0 if run.ok else EXIT_SOME_FAILED
