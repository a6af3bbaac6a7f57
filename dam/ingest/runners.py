"""Where the stage work runs: in this process for a handful of files, or in one worker process per core."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import types
from contextlib import contextmanager
from typing import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from dam.errors import DamError

# Starting workers costs about half a second (a fresh interpreter importing Pillow, PyAV, PDFium); below this
# many files, doing the work here is quicker.
PARALLEL_FROM = 8
_PR_SET_PDEATHSIG = 1


class WorkersFailed(DamError):
    """The worker processes died before doing any work: a setup problem, not a bad file."""


class InlineRunner:
    """Runs each job as it is submitted, in this process (also what the app's single uploads use)."""

    workers = 1
    restarts = 0

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # handed back through the future, as a pool would
            future.set_exception(exc)
        return future

    def shutdown(self) -> None:
        pass

    def check_started(self) -> None:
        pass


class ProcessRunner:
    """A pool of worker processes that die with this process and heal when a decoder crashes one of them."""

    def __init__(self, workers: int):
        self.workers = workers
        # spawn, not fork: this process holds DuckDB's threads and open catalog; a forked copy would inherit both.
        self.context = multiprocessing.get_context("spawn")
        self.started = self.context.Event()  # set by the first worker that gets as far as running our code
        self.restarts = 0
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self.context,
            initializer=_worker_started,
            initargs=(os.getpid(), self.started),
        )

    def submit(self, fn, *args) -> Future:
        try:
            with plain_main():  # the pool starts its worker processes on submit
                return self.pool.submit(fn, *args)
        except BrokenProcessPool:
            # A worker died (a decoder crashed on some file); the jobs it took down are submitted again.
            self.check_started()
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._start()
            self.restarts += 1
            with plain_main():
                return self.pool.submit(fn, *args)

    def check_started(self) -> None:
        """Tell a worker that crashed on a file from workers that could never start at all."""
        if not self.started.is_set():
            raise WorkersFailed(
                "Ingest worker processes could not start. A script that imports files must keep its top-level "
                "code under `if __name__ == '__main__':` (worker processes re-import the main script)."
            )

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def plain_main() -> Iterator[None]:
    """Hide a script that runs as `__main__` while spawned workers start.

    A spawned worker first imports its parent's `__main__` from its file. Streamlit runs each page as
    `__main__` (and AppTest leaves the last one there), so a worker would run the page itself and die. Package
    entry points (`python -m dam`) are never re-run, so they stay.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None or not getattr(main, "__file__", None):
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def runner_for(workers: int, files: int) -> InlineRunner | ProcessRunner:
    if workers > 1 and files >= PARALLEL_FROM:
        return ProcessRunner(min(workers, files))
    return InlineRunner()


def _worker_started(parent_pid: int, started) -> None:
    # Ctrl-C reaches the whole process group; the main process decides what to do, workers just finish.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent_pid)
    started.set()
    # Load the decoders now, while the main process is still reading files, not inside the first job's time.
    from dam.ingest import media, raster, thumbnails  # noqa: F401


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to kill this worker when the main process dies, even by SIGKILL.

    Otherwise a worker could go on storing files after recovery (in the next process to open the library) has
    already cleaned up, leaving orphans that no pending marker guards.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers still exit when their job queue closes
        return
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)
