"""The export's manifest.json: what wrote it, at which schema version, and how many rows each file holds."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dam.errors import Rejected

FORMAT = "the-library-export"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
# Originals and thumbnails keep their storage keys below this folder: files/blobs/ab/cd/<sha256>.
FILES_DIR = "files"


@dataclass(frozen=True)
class Manifest:
    """Written last, so a folder with a manifest holds a complete export."""

    schema_version: int
    library_version: str
    exported_at: str
    with_files: bool
    rows: dict[str, int]  # table -> rows in its Parquet file
    files: int = 0  # originals and thumbnails copied under files/
    file_bytes: int = 0
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    notes: list[str] = field(default_factory=list)

    def write(self, folder: Path) -> None:
        text = json.dumps(asdict(self), indent=2, sort_keys=True)
        (folder / MANIFEST_NAME).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        """The manifest of an export folder; anything that is not one of ours is refused with the reason."""
        if not folder.is_dir():
            raise Rejected(f"{folder} is not a folder.")
        path = folder / MANIFEST_NAME
        if not path.is_file():
            raise Rejected(f"{folder} is not an export of The Library: it has no {MANIFEST_NAME}.")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise Rejected(f"{path} is not valid JSON: {exc}.") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise Rejected(f"{path} does not describe an export of The Library.")
        if data.get("format_version") != FORMAT_VERSION:
            raise Rejected(
                f"{folder} uses export format {data.get('format_version')!r}; this version reads format "
                f"{FORMAT_VERSION}."
            )
        try:
            manifest = cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
        except TypeError as exc:
            raise Rejected(f"{path} is incomplete: {exc}.") from None
        if not isinstance(manifest.rows, dict) or not isinstance(manifest.schema_version, int):
            raise Rejected(f"{path} is damaged: 'rows' must be an object and 'schema_version' a number.")
        return manifest
