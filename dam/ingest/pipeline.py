"""The ingest pipeline: files in, results out, in order.

identify (worker) -> duplicate check (here) -> prepare (worker: decode, thumbnails, palette, visual vector, store)
-> file a batch in one transaction (here) -> clear pending markers -> `indexing.after_ingest` (for a bulk import
in a background thread, dam.indexing.Indexer). Workers do the CPU work; this process alone writes the catalog.
Results come back in the order the files were given, so asset ids are deterministic for a given input.
"""

from __future__ import annotations

import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from dam import indexing
from dam.ingest import filing, pending, sources
from dam.ingest.runners import runner_for
from dam.ingest.stages import Clock, Identified, Limits, Prepared, Refusal, Source, identify, prepare
from dam.ingest.types import ImportOptions, IngestResult, IngestStats
from dam.repos import assets
from dam.repos.events import utcnow

BATCH_SIZE = 32  # rows per transaction: small enough that a kill loses little work, large enough to be cheap
# A slow batch (videos) still reports progress this often. Each batch costs the main process a transaction's
# fixed work (tens of ms); a second apart, a busy machine filed batches of two or three photos.
FLUSH_SECONDS = 2.0
WINDOW = 2 * BATCH_SIZE  # files in flight at once; bounds memory however long the list of files is


def import_paths(
    library, paths: Iterable[Path | str], options: ImportOptions, *, stats: IngestStats | None = None,
    index: bool = True,
) -> Iterator[IngestResult]:
    """Import files and folders (recursively); yields one result per file, in order, as batches commit.

    Nothing happens until the results are iterated. Option errors (unknown source, bad collection name, missing
    parent asset) raise a DamError before any file is read. With index=False, `indexing.after_ingest` is left to
    the caller (one call for a whole bulk load instead of one per batch; `indexing.ensure_current` catches up).
    """
    return run(library, sources.expand(paths), options, stats=stats, index=index)


def import_file(
    library, path: Path | str, options: ImportOptions, *, display_name: str | None = None, index: bool = True
) -> IngestResult:
    """Import one file. `display_name` is its real name when `path` is a temporary copy (an upload)."""
    path = Path(path)
    source = Source(path=path, name=display_name or path.name, shown=display_name or str(path))
    (result,) = run(library, [source], options, index=index)
    return result


def run(
    library, files: list[Source], options: ImportOptions, *, stats: IngestStats | None = None, index: bool = True
) -> Iterator[IngestResult]:
    """Run the pipeline over listed sources (a generator: work happens as results are taken)."""
    filing_ids = filing.resolve(library.catalog, options)  # before the generator: option errors raise at once
    return _Run(library, options, filing_ids, stats or IngestStats(), index).results(files)


@dataclass
class _Entry:
    """One file on its way through: each field is filled as its stage completes."""

    source: Source
    identifying: Future | None = None
    found: Identified | None = None
    preparing: Future | None = None
    prepared: Prepared | None = None
    twin: "_Entry | None" = None  # an earlier file in this run with the same bytes
    result: IngestResult | None = None  # set early for rejections and duplicates of catalogued assets
    asset_id: int | None = None
    crashes: int = 0  # times a worker died while this file was in flight

    @property
    def settled(self) -> bool:
        return self.result is not None or self.prepared is not None or self.twin is not None

    def outcome(self) -> IngestResult:
        shown = self.source.shown
        if self.result is not None:
            return self.result
        if self.twin is not None:
            twin = self.twin.outcome()
            if twin.asset_id is None:
                return IngestResult(shown, "rejected", None, twin.reason)
            return IngestResult(shown, "duplicate", twin.asset_id, None)
        return IngestResult(shown, "added", self.asset_id, None)


class _Run:
    def __init__(self, library, options: ImportOptions, filing_ids: filing.Filing, stats: IngestStats, index: bool):
        self.library = library
        self.index = index
        self.options = options
        self.filing = filing_ids
        self.stats = stats
        self.clock = Clock(stats.seconds)  # times the stages run here, into the same totals as the workers'
        settings = library.settings
        self.limits = Limits(max_bytes=settings.max_bytes, max_pixels=settings.max_pixels)
        self.pending_dir = pending.pending_dir(settings.data_dir)
        self.first_with: dict[str, _Entry] = {}  # sha256 -> the first unfiled entry with those bytes
        self.indexer: indexing.Indexer | None = None

    def results(self, files: list[Source]) -> Iterator[IngestResult]:
        runner = runner_for(self.library.settings.workers, len(files))
        self.stats.workers = runner.workers
        # A bulk import indexes in the background (dam.indexing.Indexer); a few files, as the app uploads them,
        # are indexed before their results are given.
        self.indexer = indexing.Indexer(self.library) if self.index and runner.workers > 1 else None
        window: deque[_Entry] = deque()
        queue = iter(files)
        last_flush = time.monotonic()
        try:
            while True:
                while len(window) < WINDOW and (source := next(queue, None)) is not None:
                    window.append(_Entry(source, identifying=runner.submit(identify, source, self.limits)))
                if not window:
                    return
                self._advance(window, runner)
                ready = _settled_prefix(window)
                waiting = len(window) - ready
                if ready and (ready >= BATCH_SIZE or not waiting or time.monotonic() - last_flush >= FLUSH_SECONDS):
                    yield from self._flush([window.popleft() for _ in range(ready)])
                    last_flush = time.monotonic()
                elif waiting:
                    timeout = max(0.05, FLUSH_SECONDS - (time.monotonic() - last_flush)) if ready else None
                    wait(_in_flight(window), timeout=timeout, return_when=FIRST_COMPLETED)
        finally:
            runner.shutdown()
            self.stats.worker_restarts = runner.restarts
            # Files prepared but never filed (the caller stopped early, or an error): remove them now rather
            # than leaving them for recovery at the next open.
            self._discard([e.found.sha256 for e in window if e.preparing is not None])
            if self.indexer is not None:
                with self.clock.stage("index"):
                    self.indexer.close()

    def _advance(self, window: deque[_Entry], runner) -> None:
        """Take finished stage results; decide duplicates strictly in file order, so the first copy wins."""
        identified = []
        for entry in window:
            if entry.found is not None or entry.settled:
                continue
            if not entry.identifying.done():
                break
            found = self._take(entry, "identifying", runner, identify, entry.source, self.limits)
            if found is None:  # its worker died: identified again, and the files after it wait their turn
                break
            identified.append((entry, found))
        if identified:
            self._decide(identified, runner)
        for entry in window:
            if entry.preparing is not None and entry.preparing.done() and not entry.settled:
                args = (entry.source, entry.found, self.limits, self.library.store, self.pending_dir)
                outcome = self._take(entry, "preparing", runner, prepare, *args)
                if outcome is None:
                    continue
                self.stats.add_seconds(outcome.seconds)
                if isinstance(outcome, Refusal):
                    entry.result = IngestResult(entry.source.shown, "rejected", None, outcome.reason)
                else:
                    entry.prepared = outcome

    @staticmethod
    def _take(entry: _Entry, stage: str, runner, job, *args):
        """A finished job's value; when a worker died under it, the job again (None), or a refusal the second time.

        A pool whose worker dies fails every job in flight, so one crash is forgiven; a file that crashes a
        decoder twice is the culprit.
        """
        try:
            return getattr(entry, stage).result()
        except BrokenProcessPool:
            runner.check_started()
            entry.crashes += 1
            if entry.crashes > 1:
                return Refusal("a decoder crashed on this file")
            setattr(entry, stage, runner.submit(job, *args))
            return None

    def _decide(self, identified: list[tuple[_Entry, Identified | Refusal]], runner) -> None:
        """Refused, a copy of an earlier file in this run, a duplicate in the catalog, or on to be prepared."""
        with self.clock.stage("duplicate check"):  # one query for all the files identified since the last look
            shas = [found.sha256 for _, found in identified if isinstance(found, Identified)]
            existing = filing.existing_duplicates(self.library.catalog, self.filing, shas)
        for entry, found in identified:
            self.stats.add_seconds(found.seconds)
            shown = entry.source.shown
            if isinstance(found, Refusal):
                entry.result = IngestResult(shown, "rejected", None, found.reason)
                continue
            entry.found = found
            twin = self.first_with.get(found.sha256)
            if twin is not None:
                entry.twin = twin
            elif found.sha256 in existing:
                entry.result = IngestResult(shown, "duplicate", existing[found.sha256], None)
            else:
                self.first_with[found.sha256] = entry
                args = (entry.source, found, self.limits, self.library.store, self.pending_dir)
                entry.preparing = runner.submit(prepare, *args)

    def _flush(self, entries: list[_Entry]) -> Iterator[IngestResult]:
        """File the prepared entries in one transaction, then report every entry in order."""
        batch = [e for e in entries if e.prepared is not None and e.result is None]
        if batch:
            with self.clock.stage("catalog"):
                filed = filing.file_batch(
                    self.library.catalog, self.filing, self.options, [(e.source, e.prepared) for e in batch], utcnow()
                )
                for entry, (asset_id, new) in zip(batch, filed):
                    entry.asset_id = asset_id
                    if not new:
                        entry.result = IngestResult(entry.source.shown, "duplicate", asset_id, None)
                pending.clear(self.pending_dir, [e.prepared.sha256 for e in batch])
            added = [e.asset_id for e in batch if e.result is None]
            if added and self.indexer is not None:
                self.indexer.add(added)
            elif added and self.index:
                with self.clock.stage("index"):
                    indexing.after_ingest(self.library, added)
        for entry in entries:
            if entry.found is not None and self.first_with.get(entry.found.sha256) is entry:
                del self.first_with[entry.found.sha256]  # filed (or refused): later copies go by the catalog
            result = entry.outcome()
            self.stats.count(result)
            yield result

    def _discard(self, sha256s: list[str]) -> None:
        if not sha256s:
            return
        kept = {s for s in sha256s if assets.sha_in_use(self.library.catalog.cursor(), s)}
        for sha256 in sha256s:
            if sha256 not in kept:
                for key in pending.keys_for(sha256):
                    self.library.store.delete(key)
        pending.clear(self.pending_dir, sha256s)


def _settled_prefix(window: deque[_Entry]) -> int:
    count = 0
    for entry in window:
        if not entry.settled:
            break
        count += 1
    return count


def _in_flight(window: deque[_Entry]) -> list[Future]:
    return [f for e in window for f in (e.identifying, e.preparing) if f is not None and not f.done()]

