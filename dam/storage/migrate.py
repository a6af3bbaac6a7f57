"""`migrate --to s3://...`: move a library's files from its folder into an object store, then switch it over.

Every original, thumbnail and attachment is uploaded, read back and compared by sha256 with the local file; only
when all of them match is the new location recorded (storage.json), so an interrupted run leaves the library
working from local disk as before. A journal of verified keys makes a second run pick up where the first stopped,
and a run after the switch does nothing. Local files are kept unless asked to remove them.
"""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from dam.errors import Rejected
from dam.repos import events
from dam.storage import location
from dam.storage.base import STORED_PREFIXES
from dam.storage.local import LocalStore

JOURNAL_NAME = "migrate.journal"
THREADS = 4  # uploads wait on the network more than on the CPU


@dataclass
class MigrateReport:
    target: str
    files: int = 0  # files in the library's folder
    copied: int = 0  # uploaded by this run
    verified_before: int = 0  # already in the store and verified by an earlier run
    removed_local: int = 0
    already_moved: bool = False
    mismatched: list[str] = field(default_factory=list)  # keys whose read-back differed (nothing recorded)

    @property
    def ok(self) -> bool:
        return not self.mismatched


def migrate(library, target: str, *, remove_local: bool = False, progress: Callable[[], None] | None = None
            ) -> MigrateReport:  # fmt: skip
    """Copy and verify every stored file into `target`, then record it as the library's storage location."""
    data_dir = library.settings.data_dir
    found = location.recorded(data_dir)
    if found is not None:
        if found["location"] != target:
            raise Rejected(f"This library's files are already in {found['location']}; moving them on to {target} "
                           "is not supported.")  # fmt: skip
        return MigrateReport(target, already_moved=True)
    source = library.store
    if not isinstance(source, LocalStore):
        raise Rejected("Only a library whose files are on local disk can be migrated.")
    store = location.object_store(target, data_dir)
    store.ensure_bucket()
    journal = _Journal(data_dir / JOURNAL_NAME, target)
    keys = [key for prefix in STORED_PREFIXES for key in source.keys(prefix)]
    report = MigrateReport(target, files=len(keys))

    counting = threading.Lock()

    def move(key: str) -> None:
        stored = _size(store, key)
        if key in journal.done and stored == source.size(key):
            copied = False
        else:
            if stored is not None:
                store.delete(key)  # not verified by this move (another run's, or cut short): replace, never trust
            store.put_file(key, source.local_path(key))
            if _sha256(store.open(key)) != _sha256(source.open(key)):
                report.mismatched.append(key)
                return
            journal.add(key)
            copied = True
        with counting:
            report.copied += copied
            report.verified_before += not copied
        if progress:
            progress()

    pool = ThreadPoolExecutor(THREADS)
    try:
        for _ in pool.map(move, keys):  # an exception in any upload (or a Ctrl-C) is raised here
            pass
    finally:
        pool.shutdown(cancel_futures=True)  # stopping: the files not yet started wait for the next run
    if report.mismatched:
        return report
    location.record(data_dir, target, store.access.endpoint)
    with library.catalog.transaction() as con:  # entity id 0: the library itself, the catalog's only one
        events.record(con, actor_id=None, action="library.storage_moved", entity="library", entity_id=0,
                      before={"location": str(data_dir)}, after={"location": target, "files": len(keys)})  # fmt: skip
    journal.remove()
    if remove_local:
        for key in keys:
            source.delete(key)
        report.removed_local = len(keys)
    library.store = store
    return report


def _size(store, key: str) -> int | None:
    try:
        return store.size(key)
    except FileNotFoundError:
        return None


def _sha256(stream) -> str:
    digest = hashlib.sha256()
    with stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


class _Journal:
    """Keys already uploaded and verified for one target, one a line (appended as each is done)."""

    def __init__(self, path: Path, target: str):
        self.path, self.header = path, f"# {target}"
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        # A journal for another target (an abandoned move elsewhere) says nothing about this one.
        self.done = set(lines[1:]) if lines[:1] == [self.header] else set()
        if lines[:1] != [self.header]:
            path.write_text(self.header + "\n", encoding="utf-8")
        self._lock = threading.Lock()

    def add(self, key: str) -> None:
        with self._lock, open(self.path, "a", encoding="utf-8") as out:
            out.write(key + "\n")

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
