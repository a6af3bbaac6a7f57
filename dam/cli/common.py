"""Helpers shared by the CLI commands: opening the library and printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, Iterator

from dam.config import Settings
from dam.library import Library


def settings_for(args: argparse.Namespace) -> Settings:
    return Settings().with_data(getattr(args, "data", None))


@contextmanager
def open_library(args: argparse.Namespace, *, read_only: bool = False) -> Iterator[Library]:
    library = Library.open(settings_for(args), read_only=read_only)
    try:
        yield library
    finally:
        library.close()


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def to_json(value: Any) -> str:
    return json.dumps(value, default=_plain, ensure_ascii=False)


def print_json(value: Any) -> None:
    sys.stdout.write(to_json(value) + "\n")
    sys.stdout.flush()
