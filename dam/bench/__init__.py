"""Benchmarks: each module here adds one `python -m dam bench ...` subcommand through `register()`."""
