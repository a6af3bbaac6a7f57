"""Turn what a user names (files, folders) into the list of files to ingest, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from dam.ingest.stages import Source

# Never worth importing from a folder walk: system clutter rather than anyone's work. Named explicitly, such a
# file is still taken (and judged by its bytes).
_CLUTTER = {"Thumbs.db", "desktop.ini", "Icon\r"}


def expand(paths: Iterable[Path | str]) -> list[Source]:
    """Files as given, and every file under each folder (sorted, hidden files and folders skipped)."""
    found: list[Source] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(_walk(path))
        else:
            # Missing paths stay in the list: identify rejects them with a reason, and the batch goes on.
            found.append(Source(path=path, name=path.name, shown=str(given)))
    return found


def _walk(folder: Path) -> list[Source]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name in _CLUTTER:
                continue  # .DS_Store, AppleDouble "._IMG_0001.JPG" files, editor swap files
            path = Path(root, name)
            found.append(Source(path=path, name=name, shown=str(path)))
    return found
