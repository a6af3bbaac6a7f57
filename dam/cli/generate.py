"""CLI commands for the generation queue: `generate request`, `generate list` and `generate run`."""

from __future__ import annotations

import argparse

from dam.cli.common import open_library, print_json
from dam.cli.ingest import _json_object


def register(commands: argparse._SubParsersAction) -> None:
    generate = commands.add_parser("generate", help="the generation queue: request, list, run")
    verbs = generate.add_subparsers(dest="verb", metavar="VERB", required=True)

    req = verbs.add_parser("request", help="queue a generation as a person (prints the request as JSON)")
    req.add_argument("--brand", required=True, metavar="NAME")
    req.add_argument("--as", required=True, dest="handle", metavar="HANDLE", help="who asks (their role decides)")
    req.add_argument("--prompt", required=True, metavar="TEXT")
    req.add_argument("--input", type=int, action="append", default=[], dest="inputs", metavar="ID",
                     help="an asset to start from (repeatable)")
    req.add_argument("--negative-prompt", metavar="TEXT")
    req.add_argument("--model", metavar="NAME")
    req.add_argument("--seed", type=int, metavar="N")
    req.add_argument("--params", type=_json_object, metavar="JSON", help='e.g. \'{"steps": 30}\'')
    req.add_argument("--campaign", metavar="NAME", help="campaign the results join")
    req.add_argument("--collection", metavar='"PARENT/CHILD"', help="collection the results are filed in")
    req.add_argument("--no-anchors", action="store_true", help="leave the brand's pinned anchors out")
    req.set_defaults(handler=cmd_request)

    lst = verbs.add_parser("list", help="requests newest first, one JSON line each")
    lst.add_argument("--brand", metavar="NAME")
    lst.add_argument("--status", action="append", default=[], metavar="S", help="queued, running, failed or done")
    lst.add_argument("--limit", type=int, default=100)
    lst.set_defaults(handler=cmd_list)

    run = verbs.add_parser("run", help="run queued requests on the configured generator (DAM_GENERATOR_URL)")
    run.add_argument("--once", action="store_true", help="only the oldest queued request")
    run.set_defaults(handler=cmd_run)


def cmd_request(args: argparse.Namespace) -> int:
    from dam.errors import NotFound
    from dam.permissions import load_actor
    from dam.repos import brands, campaigns, collections, users
    from dam.services import generation

    with open_library(args) as library:
        con = library.catalog.cursor()
        user = users.by_handle(con, args.handle)
        if user is None:
            raise NotFound(f"No user with the handle {args.handle!r}.")
        brand = brands.require_by_name(con, args.brand)
        campaign_id = collection_id = None
        if args.campaign:
            found = campaigns.by_name(con, brand.id, args.campaign)
            if found is None:
                raise NotFound(f"No campaign named {args.campaign!r} in {brand.name}.")
            campaign_id = found.id
        if args.collection:
            collection_id = collections.find_path(con, brand.id, args.collection)
            if collection_id is None:
                raise NotFound(f"No collection at {args.collection!r} in {brand.name}.")
        created = generation.request(
            library, load_actor(con, user.id), brand.id, args.inputs, args.prompt,
            negative_prompt=args.negative_prompt, model=args.model, seed=args.seed, params=args.params,
            campaign_id=campaign_id, collection_id=collection_id, use_anchors=not args.no_anchors,
        )  # fmt: skip
    print_json(created.as_json())
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from dam.errors import Rejected
    from dam.repos import brands
    from dam.repos import generation_requests as queue

    bad = [s for s in args.status if s not in queue.STATUSES]
    if bad:
        raise Rejected(f"Unknown status {bad[0]!r}: use one of {', '.join(queue.STATUSES)}.")
    with open_library(args, read_only=True) as library:
        con = library.catalog.cursor()
        brand_ids = [brands.require_by_name(con, args.brand).id] if args.brand else None
        for request in queue.listing(con, brand_ids, statuses=tuple(args.status), limit=max(1, args.limit)):
            print_json(request.as_json())
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Run the queue in this process; the app must not hold the library open meanwhile (one writer per file)."""
    from dam.generate import worker

    with open_library(args) as library:
        finished = worker.run_pending(library, limit=1 if args.once else None)
        for request in finished:
            print_json({"id": request.id, "status": request.status, "message": request.message,
                        "result_ids": request.result_ids})  # fmt: skip
    return 0
