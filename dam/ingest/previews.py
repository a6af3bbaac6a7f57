"""Large previews (the viewer's 1600 px WebP), made from the original the first time they are asked for.

Ingest stores an asset's original and small thumbnail, and records the large preview's key in the catalog
already (content-addressed: `thumb_key(sha256, "large")`); the file behind that key is made here on first use and
kept. Everything that reads a large preview goes through `large_preview`: the thumbnail route, the generator's
input pictures. `python -m dam previews` makes the missing ones ahead of time, in the ingest worker processes.

Making one twice is harmless: the key names the same bytes whoever makes them, and every store write is atomic.
Within a process, a lock per key keeps two first requests for one preview from both decoding the original.
"""

from __future__ import annotations

import os
import threading
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator

from dam.errors import DamError, NotFound
from dam.storage.base import BlobStore, StorageError

# Previews being made at once by `make_missing`: enough to keep every worker busy, few enough to stop promptly.
WINDOW = 16


class PreviewFailed(DamError):
    """The original is there but no preview can be drawn from it (damaged since it was imported)."""


class _KeyLock:
    """A lock for one key, dropped (through the weak dictionary) once no thread holds or waits for it."""

    __slots__ = ("lock", "__weakref__")

    def __init__(self) -> None:
        self.lock = threading.Lock()


_LOCKS: weakref.WeakValueDictionary[str, _KeyLock] = weakref.WeakValueDictionary()
_LOCKS_GUARD = threading.Lock()
# Previews a process makes at once: a first view decodes in the app's own process (a huge PNG takes its full
# size in memory), and hovering over a grid asks for many; past one per core they would only queue for the CPU.
_MAKERS = threading.BoundedSemaphore(os.cpu_count() or 2)


@contextmanager
def _one_maker(key: str) -> Iterator[None]:
    """Hold the lock of one preview key while it is made."""
    with _LOCKS_GUARD:
        held = _LOCKS.get(key)
        if held is None:
            held = _LOCKS[key] = _KeyLock()
    with held.lock:
        yield


def large_preview(library, asset) -> str:
    """The store key of the asset's large preview, made now from its original when it is not stored yet.

    NotFound when the asset has no preview or its original is missing, PreviewFailed when the original cannot
    be decoded, StorageError when the store does not answer: each with a one-line message fit to show.
    """
    key = asset.thumb_large_key
    if key is None:
        raise NotFound(f"Asset {asset.id} has no preview.")
    if not library.store.exists(key):
        with _one_maker(key), _MAKERS:
            make(library.store, asset.blob_key, key, library.settings.max_pixels)
    return key


def make(store: BlobStore, blob: str, key: str, max_pixels: int) -> bool:
    """Draw the large preview of the original `blob` and store it under `key`, unless it is there already.

    True when it was made here. A plain function of picklable arguments: `python -m dam previews` runs it in
    worker processes.
    """
    from dam.ingest.stages import describe_error, redraw

    if store.exists(key):  # made meanwhile (another request, another process)
        return False
    try:
        webp = redraw(store, blob, max_pixels, "large")
    except FileNotFoundError:
        raise NotFound("The original is missing, so no preview can be made: run `python -m dam check`.") from None
    except StorageError:
        raise
    except MemoryError:
        raise PreviewFailed("Not enough memory to decode the original for a preview.") from None
    except Exception as exc:  # whatever a decoder raises on a damaged original: a reason, not a traceback
        reason = describe_error(exc)
        raise PreviewFailed(f"No preview can be made: the original cannot be decoded ({reason}).") from None
    store.put_bytes(key, webp)
    return True


@dataclass
class PreviewPlan:
    """The large previews not made yet among some live assets: preview key -> (asset id, its original's key)."""

    assets: int
    todo: dict[str, tuple[int, str]]


@dataclass
class PreviewRun:
    """What `make_missing` did: live assets looked at, previews missing, made, and the ones that could not be."""

    assets: int = 0
    missing: int = 0
    made: int = 0
    failed: list[dict] = field(default_factory=list)  # {"asset_id", "reason"}

    @property
    def ok(self) -> bool:
        return not self.failed


def plan(library, brand_id: int | None = None) -> PreviewPlan:
    """The large previews of the live assets (of one brand) not made yet, newest assets first."""
    from dam.repos import assets

    rows = assets.large_previews(library.catalog.cursor(), brand_id)
    present = set(library.store.keys("thumbs/"))  # one listing, not a request per asset on an object store
    todo: dict[str, tuple[int, str]] = {}
    for asset_id, blob, key in rows:
        if key not in present:
            todo.setdefault(key, (asset_id, blob))  # the same bytes in two brands share one preview
    return PreviewPlan(assets=len(rows), todo=todo)


def make_missing(library, planned: PreviewPlan, *, progress: Callable[[int], object] | None = None) -> PreviewRun:
    """Make the planned previews, one worker process per core; `progress(1)` after each."""
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    from dam.ingest.runners import runner_for

    run = PreviewRun(assets=planned.assets, missing=len(planned.todo))
    store, max_pixels = library.store, library.settings.max_pixels
    runner = runner_for(library.settings.workers, len(planned.todo))
    jobs, in_flight = iter(planned.todo.items()), {}
    try:
        while True:
            while len(in_flight) < WINDOW and (job := next(jobs, None)) is not None:
                key, (asset_id, blob) = job
                in_flight[runner.submit(make, store, blob, key, max_pixels)] = (asset_id, blob, key, 0)
            if not in_flight:
                return run
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                asset_id, blob, key, crashes = in_flight.pop(future)
                try:
                    run.made += future.result()
                except BrokenProcessPool:
                    # A pool whose worker dies fails every job in flight: each gets one more go, as in ingest.
                    runner.check_started()
                    if not crashes:
                        in_flight[runner.submit(make, store, blob, key, max_pixels)] = (asset_id, blob, key, 1)
                        continue
                    run.failed.append({"asset_id": asset_id, "reason": "a decoder crashed on its original"})
                except DamError as exc:
                    run.failed.append({"asset_id": asset_id, "reason": str(exc)})
                if progress is not None:
                    progress(1)
    finally:
        runner.shutdown()
