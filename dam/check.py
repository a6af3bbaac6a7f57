"""`check`: every asset's and attachment's original present and intact, thumbnails present, no stored file unowned.

With repair, missing small thumbnails are drawn again from the original and orphan files are removed. A large
preview not made yet is no problem: it is made on first view (dam/ingest/previews.py) or by `python -m dam
previews`; the report counts them. A missing or damaged original cannot be repaired here; it stays a problem
(restore it from a backup or an export). On an object store, uploads a killed process left unfinished (parts,
never an object) are listed, and repair aborts those older than an hour (a younger one may be an upload still
running).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta

from dam.repos import assets, comments
from dam.storage.base import STORED_PREFIXES, thumb_key

STALE_UPLOAD = timedelta(hours=1)


@dataclass
class CheckReport:
    assets: int = 0
    attachments: int = 0
    problems: list[dict] = field(default_factory=list)  # {"asset_id" or "attachment_id", "key", "problem"}
    orphans: list[str] = field(default_factory=list)  # stored files no asset refers to (still there)
    repaired: list[dict] = field(default_factory=list)  # {"asset_id", "key", "action"}
    removed: list[str] = field(default_factory=list)  # orphan files removed by repair
    unfinished_uploads: list[str] = field(default_factory=list)  # keys of multipart uploads never completed
    aborted_uploads: list[str] = field(default_factory=list)  # of those, aborted by repair
    previews_not_made: int = 0  # assets whose large preview is still to be made on first view (information)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.orphans

    def as_json(self) -> dict:
        return {"ok": self.ok, "assets": self.assets, "attachments": self.attachments, "problems": self.problems,
                "orphans": self.orphans, "repaired": self.repaired, "removed": self.removed,
                "unfinished_uploads": self.unfinished_uploads, "aborted_uploads": self.aborted_uploads,
                "previews_not_made": self.previews_not_made}  # fmt: skip


def check(library, *, repair: bool = False, stale_after: timedelta = STALE_UPLOAD) -> CheckReport:
    """Verify every stored file (hashing each original) and look for orphans; repair what can be repaired."""
    report = CheckReport()
    store = library.store
    # One listing answers every "is it there?" (an object store would otherwise take a request per thumbnail).
    present = {key for prefix in STORED_PREFIXES for key in store.keys(prefix)}
    referenced: set[str] = set()
    original_problems: dict[str, str | None] = {}  # the same bytes in several brands share one file: hash it once
    con = library.catalog.cursor()
    for asset_id, sha256, blob, small, large in assets.stored_files(con):
        report.assets += 1
        referenced.update(key for key in (blob, small, large) if key)
        if blob not in original_problems:
            original_problems[blob] = _original_problem(store, present, sha256, blob)
        intact = original_problems[blob] is None
        if not intact:
            report.problems.append({"asset_id": asset_id, "key": blob, "problem": original_problems[blob]})
        report.previews_not_made += not large or large not in present
        # A small thumbnail must be there; of a large preview only the key (its file is made on first view).
        missing = (["small"] if not small or small not in present else []) + ([] if large else ["large"])
        if not missing:
            continue
        if repair and intact:
            _repair_thumbnails(library, asset_id, sha256, blob, missing, report)
            referenced.update(thumb_key(sha256, size) for size in missing)
        else:
            for size in missing:
                key = thumb_key(sha256, size)
                problem = "small thumbnail missing" if size == "small" else "large preview key missing"
                report.problems.append({"asset_id": asset_id, "key": key, "problem": problem})
    _check_attachments(library, present, referenced, original_problems, report)
    for key in sorted(present - referenced):
        if repair:
            store.delete(key)
            report.removed.append(key)
        else:
            report.orphans.append(key)
    _check_uploads(store, repair, stale_after, report)
    return report


def _check_attachments(library, present: set[str], referenced: set[str], hashed: dict, report: CheckReport) -> None:
    """Attachments' originals intact and their thumbnails present (a thumbnail cannot be redrawn here)."""
    from dam.services.attachments import keys_for

    for attachment_id, sha256, blob, small in comments.stored_files(library.catalog.cursor()):
        report.attachments += 1
        referenced.update(keys_for(sha256))  # with the large thumbnail earlier versions drew (nothing shows it)
        if blob not in hashed:
            hashed[blob] = _original_problem(library.store, present, sha256, blob)
        if hashed[blob] is not None:
            report.problems.append({"attachment_id": attachment_id, "key": blob, "problem": hashed[blob]})
        if small and small not in present:
            report.problems.append({"attachment_id": attachment_id, "key": small, "problem": "thumbnail missing"})


def _check_uploads(store, repair: bool, stale_after: timedelta, report: CheckReport) -> None:
    """Unfinished multipart uploads on an object store (a local store's partial writes are cleared on open)."""
    if not hasattr(store, "unfinished_uploads"):
        return
    report.unfinished_uploads = sorted(u["key"] for u in store.unfinished_uploads())
    if repair:
        for upload in store.unfinished_uploads(older_than=stale_after):
            store.abort_upload(upload)
            report.aborted_uploads.append(upload["key"])


def _original_problem(store, present: set[str], sha256: str, blob: str) -> str | None:
    """What is wrong with a stored original, or None when it is there with exactly its bytes."""
    if blob not in present:
        return "original missing"
    digest = hashlib.sha256()
    with store.open(blob) as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
    return None if digest.hexdigest() == sha256 else "original damaged (sha256 differs)"


def _repair_thumbnails(library, asset_id: int, sha256: str, blob: str, sizes: list[str], report: CheckReport) -> None:
    """Draw a missing small thumbnail again from the original, as ingest drew it, and record missing keys.

    A large preview's key is only recorded: its file is made on first view.
    """
    from dam.ingest.stages import redraw

    keys = {f"thumb_{size}_key": thumb_key(sha256, size) for size in sizes}
    if "small" in sizes:
        try:
            webp = redraw(library.store, blob, library.settings.max_pixels, "small")
        except Exception as exc:  # an original ingest once accepted but cannot decode now: report, do not stop
            report.problems.append({"asset_id": asset_id, "key": keys["thumb_small_key"],
                                    "problem": f"small thumbnail missing and cannot be redrawn ({exc})"})  # fmt: skip
            return
        library.store.put_bytes(keys["thumb_small_key"], webp)
    for size in sizes:
        action = "redrew small thumbnail" if size == "small" else "recorded large preview key (made on first view)"
        report.repaired.append({"asset_id": asset_id, "key": thumb_key(sha256, size), "action": action})
    with library.catalog.transaction() as con:
        assets.update(con, asset_id, keys)
