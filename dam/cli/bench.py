"""CLI command `bench`: one subcommand per benchmark module in dam/bench, each adding itself through `register()`."""

from __future__ import annotations

import argparse
import importlib

# Modules of dam/bench that each add one `python -m dam bench NAME` subcommand; order is the order in `--help`.
BENCH_MODULES = ("ingest", "seed", "query", "gallery", "similar", "ui")


def register(commands: argparse._SubParsersAction) -> None:
    bench = commands.add_parser("bench", help="measure ingest and queries on generated data")
    benchmarks = bench.add_subparsers(dest="benchmark", metavar="BENCHMARK", required=True)
    for name in BENCH_MODULES:
        importlib.import_module(f"dam.bench.{name}").register(benchmarks)
