"""Measuring for benchmarks: peak memory of this process and all its children, sampled while work runs."""

from __future__ import annotations

import os
import resource
import threading
import time
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


class PeakMemory:
    """Samples the summed RSS of this process and its descendants (worker pools) until stopped.

        with PeakMemory() as peak:
            run_the_work()
        print(peak.mib)

    The sum matters: each worker's own peak (getrusage's RUSAGE_CHILDREN) says nothing about what the machine
    needed at once. Where /proc is missing, it falls back to getrusage of this process alone.
    """

    def __init__(self, interval: float = 0.02):
        self.interval = interval
        self.peak_kib = 0
        self.cpu_seconds = 0.0  # spent sampling: a benchmark that counts this process's CPU takes it off
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="peak-memory", daemon=True)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_kib = max(self.peak_kib, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)

    @property
    def mib(self) -> float:
        return self.peak_kib / 1024

    def _sample(self) -> None:
        while True:
            self.peak_kib = max(self.peak_kib, tree_rss_kib(os.getpid()))
            self.cpu_seconds = time.thread_time()
            if self._stop.wait(self.interval):
                return


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (0 where /proc cannot tell)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        total += _rss_kib(current)
        stack.extend(_children(current))
    return total


def _rss_kib(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:  # the process ended between listing and reading
        return 0
    return int(fields[1]) * PAGE_KIB


def _children(pid: int) -> list[int]:
    children: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return children
    for task in tasks:
        try:
            children.extend(int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split())
        except OSError:
            continue
    return children
