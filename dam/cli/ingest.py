"""CLI commands for getting files in and keeping them sound: import and check."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import closing

from dam.cli.common import open_library, print_json
from dam.vocab import SOURCES

EXIT_SOME_REJECTED = 3
EXIT_CHECK_FAILED = 1


def register(commands: argparse._SubParsersAction) -> None:
    imp = commands.add_parser(
        "import", help="import files and folders into a brand (one JSON line per file)",
        description="Import files and folders (recursively). Prints one JSON object per file: path, status "
        "(added, duplicate, rejected), asset_id, reason. Exits 3 when any file was rejected.",
    )  # fmt: skip
    imp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    imp.add_argument("--brand", required=True, metavar="NAME", help="brand to file into (created when new)")
    imp.add_argument("--source", choices=SOURCES, help="how the files arrived (default: uploaded, or generated "
                     "when a generation detail such as --prompt or --parent is given)")
    imp.add_argument("--collection", metavar='"PARENT/CHILD"', help="collection path (created when new)")
    imp.add_argument("--campaign", metavar="NAME", help="campaign (created when new)")
    imp.add_argument("--tag", action="append", default=[], dest="tags", metavar="T", help="a tag (repeatable)")
    imp.add_argument("--creator", metavar="HANDLE", help="user who made them (created when new)")
    gen = imp.add_argument_group("generation details (lineage for generations made elsewhere)")
    gen.add_argument("--prompt", metavar="TEXT", help="generation prompt")
    gen.add_argument("--negative-prompt", metavar="TEXT", help="what the generation was told to avoid")
    gen.add_argument("--model", metavar="NAME", help="the model that made them")
    gen.add_argument("--seed", type=int, metavar="N", help="the generation seed")
    gen.add_argument("--params", type=_json_object, metavar="JSON", help='other parameters, e.g. \'{"steps": 30}\'')
    gen.add_argument("--parent", type=int, action="append", default=[], dest="parents", metavar="ID",
                     help="an asset these were made from (repeatable; the first is the primary input)")
    imp.set_defaults(handler=cmd_import)

    check = commands.add_parser("check", help="verify every asset's files; report orphans (JSON)")
    check.add_argument("--repair", action="store_true", help="redraw missing small thumbnails, remove orphan files")
    check.set_defaults(handler=cmd_check)


def cmd_import(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from dam.ingest import ImportOptions
    from dam.ingest.pipeline import run
    from dam.ingest.sources import expand

    generation = (args.prompt, args.negative_prompt, args.model, args.seed, args.params)
    source = args.source or ("generated" if args.parents or any(v is not None for v in generation) else "uploaded")
    options = ImportOptions(
        brand=args.brand, source=source, collection=args.collection, campaign=args.campaign,
        tags=tuple(args.tags), creator=args.creator, prompt=args.prompt, negative_prompt=args.negative_prompt,
        model=args.model, seed=args.seed, gen_params=args.params, parent_id=args.parents[0] if args.parents else None,
        input_ids=tuple(args.parents[1:]),
    )  # fmt: skip
    rejected = 0
    with open_library(args) as library:
        files = expand(args.paths)
        progress = tqdm(total=len(files), unit="file", file=sys.stderr, disable=not sys.stderr.isatty())
        with closing(run(library, files, options)) as results, progress:
            for result in results:
                print_json(result.as_json())
                progress.update()
                rejected += result.status == "rejected"
    return EXIT_SOME_REJECTED if rejected else 0


def _json_object(text: str) -> dict:
    """--params: a JSON object, or argparse's one-line usage error saying what is wrong."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise argparse.ArgumentTypeError(f"not JSON ({exc.msg} at character {exc.pos + 1})") from None
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError('give a JSON object, e.g. {"steps": 30}')
    return value


def cmd_check(args: argparse.Namespace) -> int:
    from dam.check import check

    # Only a repair writes; a plain check can run beside readers.
    with open_library(args, read_only=not args.repair) as library:
        report = check(library, repair=args.repair)
    print_json(report.as_json())
    return 0 if report.ok else EXIT_CHECK_FAILED
