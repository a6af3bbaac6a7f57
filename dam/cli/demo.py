"""CLI command `demo`: seed an empty library with the demo brands, people and about 300 assets."""

from __future__ import annotations

import argparse

from dam.cli.common import open_library


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="seed an empty library with demo brands, people and assets")
    demo.add_argument("--if-empty", action="store_true", help="do nothing (and succeed) when the library has assets")
    demo.add_argument("--scale", type=float, default=1.0, help=argparse.SUPPRESS)  # smaller demos for tests
    demo.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    # The seeding code (numpy, Pillow, PyAV) loads only once we know there is work: `make run` calls this on
    # every start and must not wait for imports when the library is already there.
    from dam.repos import assets

    with open_library(args) as library:
        existing = len(assets.all_ids(library.catalog.cursor()))
        if existing and args.if_empty:
            print(f"library at {library.settings.data_dir} already has {existing} assets; demo not seeded")
            # `make run` says how to sign in on every start, not only the first (the demo left its hint behind).
            hint = library.settings.data_dir / "signin-hint.txt"
            if hint.exists():
                print(hint.read_text().strip())
            return 0
        from dam.demo import seed

        summary = seed.seed(library, scale=args.scale)
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.phases.items())
    print(f"Demo library ready at {library.settings.data_dir}: {summary.total} assets in {summary.seconds:.1f} s ({phases})")
    for brand, count in summary.per_brand.items():
        print(f"  {brand:<20} {count:>4} assets")
    for line in summary.rejected:
        print(f"  not imported: {line}")
    print(f"Sign in with the password {seed.PASSWORD!r} as:")
    for line in seed.people_lines():
        print(f"  {line}")
    return 0
