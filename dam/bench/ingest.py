"""`bench ingest`: import N generated 12 MP JPEGs into a fresh library; report images/s, peak memory, stage shares,
and what a large preview costs the first time the viewer asks for it (ingest leaves those to be made then)."""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from dam.config import Settings
from dam.errors import DamError

DEFAULT_CACHE = Path("bench-data") / "ingest-photos"
TARGET_PER_SECOND = 25.0  # issue 2: at least 25 images/s on the 2-core reference machine
PREVIEW_SAMPLE = 20  # large previews made one after another after the import, as first views would make them


@dataclass
class IngestBenchReport:
    photos: int
    mean_mib: float
    workers: int
    seconds: float  # the ingest pipeline: files in, rows, blobs, thumbnails and visual vectors committed
    images_per_second: float
    model_seconds: float  # loading the MiniLM text model: once per process, whatever the number of files
    index_seconds: float  # dam.indexing.after_ingest (word index, text vectors) for all of them, run once after
    end_to_end_per_second: float  # pipeline and index hook (the model already loaded)
    peak_mib: float
    stage_seconds: dict[str, float]
    stage_shares: dict[str, float]  # of the pipeline's stage time
    worker_busy: float  # share of the workers' wall time spent inside stages
    cpu_ms_per_image: float  # CPU time of workers and this process, per image: what the work costs, whatever the load
    main_cpu_ms_per_image: float  # the part spent in this process (duplicate checks, catalog writes, bookkeeping)
    cores: int
    load_average: float  # the machine's 1-minute load during the run: above `cores`, others were competing
    preview_ms: float  # median wall time to make one large preview on its first view (dam/ingest/previews.py)
    preview_cpu_ms: float  # and its mean CPU time

    @property
    def idle_capacity(self) -> float:
        """Images/s the measured CPU cost allows on this many otherwise idle cores."""
        return self.cores * 1000 / self.cpu_ms_per_image


def register(bench: argparse._SubParsersAction) -> None:
    cmd = bench.add_parser("ingest", help="import generated 12 MP JPEGs; report images/s, peak memory, stages")
    cmd.add_argument("--count", type=int, default=200, help="photos to import (default 200)")
    cmd.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    cmd.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"photo cache folder (default {DEFAULT_CACHE})")
    cmd.add_argument("--json", action="store_true", help="print the report as one JSON object")
    cmd.set_defaults(handler=_cmd_ingest)


def _cmd_ingest(args: argparse.Namespace) -> int:
    from dam.bench.photos import ensure_photos

    if args.count < 1:
        raise DamError("--count must be at least 1.")
    from tqdm import tqdm

    missing = sum(1 for i in range(args.count) if not (args.cache / f"photo-{i:04d}.jpg").exists())
    if missing:
        print(f"generating {missing} benchmark photos in {args.cache} (once; later runs reuse them)", file=sys.stderr)
    with tqdm(total=missing, unit="photo", file=sys.stderr, disable=not (missing and sys.stderr.isatty())) as bar:
        photos = ensure_photos(args.cache, args.count, progress=bar.update)
    settings = Settings() if args.workers is None else replace(Settings(), workers=args.workers)
    report = run(photos, settings.workers, scratch=args.cache.parent)
    if args.json:
        print(json.dumps(asdict(report)))
    else:
        print(describe(report))
    return 0


def run(photos: list[Path], workers: int, *, scratch: Path | None = None) -> IngestBenchReport:
    """Import `photos` into a new library in a scratch folder (removed afterwards) and measure it.

    The derived indexes that search keeps (dam.indexing.after_ingest: word index, MiniLM text vectors) are
    measured apart: the pipeline runs with index=False, then the text model is loaded (timed on its own: a
    process pays it once, as `import` does while its workers start) and the hook runs once for all the new
    assets, outside the memory measurement (the language model is search's, not ingest's).
    """
    from dam import indexing
    from dam.bench.measure import PeakMemory
    from dam.ingest import ImportOptions, IngestStats, import_paths
    from dam.library import Library
    from dam.search import semantic

    if scratch is not None:
        scratch.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="ingest-run-", dir=scratch))
    try:
        settings = Settings(data_dir=folder / "library", workers=workers)
        stats = IngestStats()
        with Library.open(settings) as library:
            with PeakMemory() as peak:
                main_before, cpu_before = _cpu_seconds(children=False), _cpu_seconds()
                start = time.perf_counter()
                results = list(import_paths(library, photos, ImportOptions(brand="Bench"), stats=stats, index=False))
                seconds = time.perf_counter() - start
                # The pool has shut down, so its workers' time is counted; the memory sampling's is not ingest's.
                cpu = _cpu_seconds() - cpu_before - peak.cpu_seconds
                main_cpu = _cpu_seconds(children=False) - main_before - peak.cpu_seconds
            load = os.getloadavg()[0]
            start = time.perf_counter()
            semantic.model()
            model_seconds = time.perf_counter() - start
            start = time.perf_counter()
            indexing.after_ingest(library, [r.asset_id for r in results if r.status == "added"])
            index_seconds = time.perf_counter() - start
            preview_ms, preview_cpu_ms = _first_views(library, [r.asset_id for r in results[:PREVIEW_SAMPLE]])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    refused = [r for r in results if r.status != "added"]
    if refused:
        raise DamError(f"benchmark photo not added: {refused[0].path}: {refused[0].status} {refused[0].reason}")
    total = sum(stats.seconds.values()) or 1.0
    in_workers = sum(v for k, v in stats.seconds.items() if k not in MAIN_PROCESS_STAGES)
    return IngestBenchReport(
        photos=len(photos),
        mean_mib=sum(p.stat().st_size for p in photos) / len(photos) / 2**20,
        workers=stats.workers,
        seconds=seconds,
        images_per_second=len(photos) / seconds,
        model_seconds=model_seconds,
        index_seconds=index_seconds,
        end_to_end_per_second=len(photos) / (seconds + index_seconds),
        peak_mib=peak.mib,
        stage_seconds=dict(sorted(stats.seconds.items(), key=lambda kv: -kv[1])),
        stage_shares={k: v / total for k, v in sorted(stats.seconds.items(), key=lambda kv: -kv[1])},
        worker_busy=in_workers / (seconds * stats.workers),
        cpu_ms_per_image=cpu * 1000 / len(photos),
        main_cpu_ms_per_image=main_cpu * 1000 / len(photos),
        cores=os.cpu_count() or 1,
        load_average=load,
        preview_ms=preview_ms,
        preview_cpu_ms=preview_cpu_ms,
    )


def _first_views(library, asset_ids: list[int]) -> tuple[float, float]:
    """Median wall and mean CPU milliseconds to make each asset's large preview, as its first view does."""
    from statistics import median

    from dam.ingest.previews import large_preview
    from dam.repos import assets

    walls, cpu_before = [], time.process_time()
    for asset in assets.many(library.catalog.cursor(), asset_ids):
        start = time.perf_counter()
        large_preview(library, asset)
        walls.append((time.perf_counter() - start) * 1000)
    return median(walls), (time.process_time() - cpu_before) * 1000 / len(walls)


def _cpu_seconds(children: bool = True) -> float:
    """CPU time of this process and (unless told not to) of its finished children (the worker pool)."""
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) if children else (resource.RUSAGE_SELF,)
    return sum(usage.ru_utime + usage.ru_stime for usage in map(resource.getrusage, who))


# Stages the main process runs; the rest run in the workers.
MAIN_PROCESS_STAGES = frozenset({"duplicate check", "catalog", "index"})


def describe(report: IngestBenchReport) -> str:
    verdict = "meets" if report.images_per_second >= TARGET_PER_SECOND else "misses"
    busy = report.load_average > report.cores + 0.5
    lines = [
        f"ingest benchmark: {report.photos} JPEG photos of 12 MP ({report.mean_mib:.1f} MiB each), "
        f"{report.workers} worker(s)",
        f"  ingest: {report.images_per_second:.1f} images/s ({report.seconds:.2f} s), "
        f"{verdict} the target of {TARGET_PER_SECOND:.0f}/s",
        f"  derived indexes (dam.indexing.after_ingest, once for all): {report.index_seconds:.2f} s, after "
        f"{report.model_seconds:.1f} s loading the text model (once per process); end to end "
        f"{report.end_to_end_per_second:.1f} images/s",
        f"  CPU per image {report.cpu_ms_per_image:.0f} ms ({report.main_cpu_ms_per_image:.0f} ms of it in this "
        f"process, the rest in the workers): at most {report.idle_capacity:.1f} images/s on {report.cores} "
        "otherwise idle cores",
        f"  load average {report.load_average:.1f} on {report.cores} cores during the run"
        + (" (other processes were competing: wall-clock figures are low)" if busy else ""),
        f"  peak memory {report.peak_mib:.0f} MiB (resident, this process and its workers together)",
        f"  large preview on first view (not made at ingest): {report.preview_ms:.0f} ms median, "
        f"{report.preview_cpu_ms:.0f} ms CPU each ({min(report.photos, PREVIEW_SAMPLE)} made one after another)",
        f"  workers busy {report.worker_busy:.0%} of the time",
        "  share of the ingest stages' time:",
    ]
    for stage, share in report.stage_shares.items():
        where = "main" if stage in MAIN_PROCESS_STAGES else "workers"
        lines.append(f"    {stage:<16} {share:6.1%}  {report.stage_seconds[stage]:7.2f} s  ({where})")
    return "\n".join(lines)
