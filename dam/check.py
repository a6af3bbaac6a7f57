"""`check`: every asset's original present and intact and its thumbnails present; no stored file left unowned.

With repair, missing thumbnails are drawn again from the original and orphan files are removed. A missing or
damaged original cannot be repaired here; it stays a problem (restore it from a backup or an export).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from dam.repos import assets
from dam.storage.base import thumb_key

STORED_PREFIXES = ("blobs/", "thumbs/")


@dataclass
class CheckReport:
    assets: int = 0
    problems: list[dict] = field(default_factory=list)  # {"asset_id", "key", "problem"} still wrong
    orphans: list[str] = field(default_factory=list)  # stored files no asset refers to (still there)
    repaired: list[dict] = field(default_factory=list)  # {"asset_id", "key", "action"}
    removed: list[str] = field(default_factory=list)  # orphan files removed by repair

    @property
    def ok(self) -> bool:
        return not self.problems and not self.orphans

    def as_json(self) -> dict:
        return {"ok": self.ok, "assets": self.assets, "problems": self.problems, "orphans": self.orphans,
                "repaired": self.repaired, "removed": self.removed}  # fmt: skip


def check(library, *, repair: bool = False) -> CheckReport:
    """Verify every asset's files (hashing each original) and look for orphans; repair what can be repaired."""
    report = CheckReport()
    store = library.store
    referenced: set[str] = set()
    original_problems: dict[str, str | None] = {}  # the same bytes in several brands share one file: hash it once
    for asset_id, sha256, blob, small, large in assets.stored_files(library.catalog.cursor()):
        report.assets += 1
        referenced.update(key for key in (blob, small, large) if key)
        if blob not in original_problems:
            original_problems[blob] = _original_problem(store, sha256, blob)
        intact = original_problems[blob] is None
        if not intact:
            report.problems.append({"asset_id": asset_id, "key": blob, "problem": original_problems[blob]})
        missing = [size for size, key in (("small", small), ("large", large)) if not key or not store.exists(key)]
        if not missing:
            continue
        if repair and intact:
            _rebuild_thumbnails(library, asset_id, sha256, blob, missing, report)
            referenced.update(thumb_key(sha256, size) for size in missing)
        else:
            for size in missing:
                key = thumb_key(sha256, size)
                report.problems.append({"asset_id": asset_id, "key": key, "problem": f"{size} thumbnail missing"})
    for prefix in STORED_PREFIXES:
        for key in sorted(store.keys(prefix)):
            if key in referenced:
                continue
            if repair:
                store.delete(key)
                report.removed.append(key)
            else:
                report.orphans.append(key)
    return report


def _original_problem(store, sha256: str, blob: str) -> str | None:
    """What is wrong with a stored original, or None when it is there with exactly its bytes."""
    if not store.exists(blob):
        return "original missing"
    digest = hashlib.sha256()
    with store.open(blob) as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
    return None if digest.hexdigest() == sha256 else "original damaged (sha256 differs)"


def _rebuild_thumbnails(library, asset_id: int, sha256: str, blob: str, sizes: list[str], report: CheckReport) -> None:
    """Draw the missing thumbnails again from the original, the way ingest drew them."""
    from dam.ingest.stages import redraw

    try:
        made = redraw(library.store, blob, library.settings.max_pixels)
    except Exception as exc:  # an original ingest once accepted but cannot decode now: report, do not stop
        for size in sizes:
            report.problems.append({"asset_id": asset_id, "key": thumb_key(sha256, size),
                                    "problem": f"{size} thumbnail missing and cannot be redrawn ({exc})"})  # fmt: skip
        return
    keys = {}
    for size in sizes:
        key = thumb_key(sha256, size)
        library.store.put_bytes(key, made.small if size == "small" else made.large)
        keys[f"thumb_{size}_key"] = key
        report.repaired.append({"asset_id": asset_id, "key": key, "action": f"redrew {size} thumbnail"})
    with library.catalog.transaction() as con:
        assets.update(con, asset_id, keys)

