"""The generation worker: takes queued requests one at a time, runs them on the backend and files the results.

    run_next(library)            # the oldest queued request -> running -> done or failed; None when none waits
    run_pending(library)         # until the queue is empty (the CLI's `generate run`)
    start_background(library)    # a daemon thread in the app that runs requests as they come (None: no generator)
    wake(library)                # tell that thread a request is waiting (the request service calls it)

Statuses move queued -> running -> done | failed. A failure keeps the generator's (or the Library's) message and
loses nothing: inputs are only read, and results are filed all together or not at all. A request left running by
a process that stopped is marked failed the next time the worker starts, and can be retried.
"""

from __future__ import annotations

import sys
import threading
from weakref import WeakKeyDictionary

from dam.errors import DamError
from dam.generate.backend import Backend, GeneratorError, Job, NoGenerator, Picture, configured
from dam.generate.results import Destination, file_results
from dam.ingest.previews import large_preview
from dam.library import Library
from dam.models import Asset
from dam.repos import assets, brands, campaigns, collections, events, users
from dam.repos import generation_requests as queue
from dam.repos.generation_requests import GenerationRequest

# Originals in these formats go to the generator as they are, up to this size; others go as their WebP preview.
SEND_AS_IS = ("image/jpeg", "image/png", "image/webp")
MAX_SEND_BYTES = 20 * 1024 * 1024
POLL_SECONDS = 5.0

_lock = threading.Lock()
_running: WeakKeyDictionary = WeakKeyDictionary()  # catalog -> ids of requests this process is running
_threads: WeakKeyDictionary = WeakKeyDictionary()  # catalog -> its BackgroundWorker


def run_next(library: Library, backend: Backend | None = None) -> GenerationRequest | None:
    """Run the oldest queued request to the end; returns it as it finished, or None when the queue is empty."""
    backend = backend or configured(library.settings)
    if backend is None:
        raise NoGenerator()
    request = _claim(library, backend)
    if request is None:
        return None
    try:
        result_ids, note = _run(library, backend, request)
    except DamError as exc:
        _finish(library, request, "failed", str(exc), [])
    except Exception as exc:  # a bug or an unexpected library error: the request records it, the worker goes on
        _finish(library, request, "failed", f"The generation failed unexpectedly ({type(exc).__name__}: {exc}).", [])
    except BaseException:
        _finish(library, request, "failed", "Interrupted while running; retry it.", [])
        raise
    else:
        _finish(library, request, "done", note, result_ids)
    finally:
        with _lock:
            _running.get(library.catalog, set()).discard(request.id)
    return queue.get(library.catalog.cursor(), request.id)


def run_pending(library: Library, backend: Backend | None = None, *,
                limit: int | None = None) -> list[GenerationRequest]:  # fmt: skip
    """Run queued requests until none is left (or `limit` ran); each as it finished, oldest first."""
    backend = backend or configured(library.settings)
    if backend is None:
        raise NoGenerator()
    recover_interrupted(library)
    finished: list[GenerationRequest] = []
    while limit is None or len(finished) < limit:
        request = run_next(library, backend)
        if request is None:
            break
        finished.append(request)
    return finished


def recover_interrupted(library: Library) -> list[int]:
    """Mark failed the requests left running by a process that stopped (none of this process's own)."""
    stale = []
    for request_id in queue.with_status(library.catalog.cursor(), "running"):
        # Checked again under the write lock: this process notes a claim before it commits and forgets it only
        # after the request's end has committed, so a request of its own is never taken for a stale one.
        with library.catalog.transaction() as con:
            request = queue.get(con, request_id)
            with _lock:
                mine = request_id in _running.get(library.catalog, set())
            if request.status != "running" or mine:
                continue
            _record_end(con, request, "failed", "Interrupted: the Library stopped while this ran; retry it.", [])
        stale.append(request_id)
    return stale


def _claim(library: Library, backend: Backend) -> GenerationRequest | None:
    with library.catalog.transaction() as con:
        request_id = queue.oldest_queued(con)
        if request_id is None or not queue.claim(con, request_id, backend.describe(), events.utcnow()):
            return None
        with _lock:
            _running.setdefault(library.catalog, set()).add(request_id)
        request = queue.get(con, request_id)
        events.record(con, actor_id=None, action="generation.start", entity="generation", entity_id=request_id,
                      brand_id=request.brand_id, before={"status": "queued"},
                      after={"status": "running", "backend": backend.describe()})  # fmt: skip
    return request


def _finish(library: Library, request: GenerationRequest, status: str, message: str | None,
            result_ids: list[int]) -> None:  # fmt: skip
    with library.catalog.transaction() as con:
        _record_end(con, request, status, message, result_ids)


def _record_end(con, request: GenerationRequest, status: str, message: str | None, result_ids: list[int]) -> None:
    queue.finish(con, request.id, status, message, result_ids, events.utcnow())
    events.record(con, actor_id=None, action=f"generation.{status}", entity="generation", entity_id=request.id,
                  brand_id=request.brand_id, before={"status": "running"},
                  after={"status": status, "message": message, "result_ids": result_ids})  # fmt: skip


def _run(library: Library, backend: Backend, request: GenerationRequest) -> tuple[list[int], str | None]:
    con = library.catalog.cursor()
    inputs = assets.many(con, request.input_ids)
    missing = sorted(set(request.input_ids) - {a.id for a in inputs})
    if missing:
        raise GeneratorError(f"Input asset {missing[0]} no longer exists.")
    # Anchors guide; one unpinned or purged since the request was made is simply left out.
    anchors = [a for a in assets.many(con, request.anchor_ids) if has_picture(a)]
    job = Job(request.id, request.prompt, request.negative_prompt, request.model, request.seed, request.params,
              inputs=[picture(library, a) for a in inputs], anchors=[picture(library, a) for a in anchors])  # fmt: skip
    images = backend.generate(job)
    where, notes = _destination(library, request)
    ids = file_results(library, request, images, where)
    return ids, " ".join(notes) or None


def _destination(library: Library, request: GenerationRequest) -> tuple[Destination, list[str]]:
    """Where the results go; a collection or campaign removed since the request leaves them out of it, said so."""
    con = library.catalog.cursor()
    brand = brands.by_id(con, request.brand_id)
    creator = users.by_id(con, request.requested_by).handle if request.requested_by is not None else None
    notes = []
    collection_id, campaign_id = request.collection_id, request.campaign_id
    if collection_id is not None and not _in_brand(collections.by_id, con, collection_id, brand.id):
        collection_id = None
        notes.append("The collection it named was deleted meanwhile: the results are unfiled.")
    if campaign_id is not None and not _in_brand(campaigns.by_id, con, campaign_id, brand.id):
        campaign_id = None
        notes.append("The campaign it named is gone: the results are in no campaign.")
    return Destination(brand.name, creator, collection_id, campaign_id), notes


def _in_brand(lookup, con, row_id: int, brand_id: int) -> bool:
    """Whether the collection or campaign `lookup` finds still exists in the brand."""
    try:
        return lookup(con, row_id).brand_id == brand_id
    except DamError:
        return False


def has_picture(asset: Asset) -> bool:
    """Whether there is something to send of the asset: a common original, or a preview."""
    return (asset.mime in SEND_AS_IS and asset.byte_size <= MAX_SEND_BYTES) or asset.thumb_large_key is not None


def picture(library: Library, asset: Asset) -> Picture:
    """What is sent of an asset: its original when small and common enough, else its large WebP preview."""
    if asset.mime in SEND_AS_IS and asset.byte_size <= MAX_SEND_BYTES:
        key, mime = asset.blob_key, asset.mime
    elif asset.thumb_large_key is not None:
        try:  # made from the original if no one has viewed the asset yet (dam/ingest/previews.py)
            key, mime = large_preview(library, asset), "image/webp"
        except DamError as exc:
            raise GeneratorError(f"Asset {asset.id} ({asset.name}): {exc}") from None
    else:
        raise GeneratorError(f"Asset {asset.id} ({asset.name}) has no picture to send to the generator.")
    if not library.store.exists(key):
        raise GeneratorError(f"The file of asset {asset.id} ({asset.name}) is missing; run `python -m dam check`.")
    with library.store.open(key) as stream:
        return Picture(asset.id, asset.name, mime, stream.read())


class BackgroundWorker:
    """One daemon thread per open library that runs requests as they are queued."""

    def __init__(self, library: Library, backend: Backend, poll_seconds: float):
        self.library, self.backend, self.poll_seconds = library, backend, poll_seconds
        self.stopping, self.waiting = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._loop, name="generation-worker", daemon=True)

    def _loop(self) -> None:
        while not self.stopping.is_set():
            try:
                run_pending(self.library, self.backend)
            except Exception as exc:  # the catalog closed under us, or a bug: say so, keep the app alive
                print(f"generation worker: {type(exc).__name__}: {exc}", file=sys.stderr)
            self.waiting.wait(self.poll_seconds)
            self.waiting.clear()

    def stop(self, timeout: float | None = None) -> None:
        self.stopping.set()
        self.waiting.set()
        self.thread.join(timeout)


def start_background(library: Library, *, poll_seconds: float = POLL_SECONDS) -> BackgroundWorker | None:
    """Start the library's worker thread once (later calls return the same one); None when no generator is set."""
    backend = configured(library.settings)
    if backend is None:
        return None
    with _lock:
        worker = _threads.get(library.catalog)
        if worker is None or not worker.thread.is_alive():
            worker = BackgroundWorker(library, backend, poll_seconds)
            _threads[library.catalog] = worker
            worker.thread.start()
    return worker


def wake(library: Library) -> None:
    """Tell the library's worker thread, if there is one, that a request is waiting."""
    with _lock:
        worker = _threads.get(library.catalog)
    if worker is not None:
        worker.waiting.set()
