"""Kill -9 in the middle of an import: on the next open nothing is half-written, and importing again finishes."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from dam.check import check
from dam.config import Settings
from dam.ingest import ImportOptions, IngestStats, import_paths
from dam.library import Library
from tests.ingest import media
from tests.ingest.conftest import stored_keys

ROOT = Path(__file__).resolve().parents[2]
FILES = 90


def test_sigkill_mid_batch_leaves_every_asset_whole_and_no_stray_file(tmp_path):
    folder = tmp_path / "shoot"
    for i in range(FILES):
        media.jpeg(folder / f"{i:03d}.jpg", i, (480, 360))
    data = tmp_path / "library"
    pending = data / "pending"
    proc = subprocess.Popen(
        [sys.executable, "-m", "dam", "--data", str(data), "import", str(folder), "--brand", "Acme"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, "DAM_WORKERS": "2"},
    )  # fmt: skip
    try:
        first = json.loads(proc.stdout.readline())  # one batch is filed ...
        deadline = time.monotonic() + 30
        while not any(pending.glob("*")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.002)  # ... and the next one has files stored but no rows yet
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()
    assert first["status"] == "added"
    assert proc.returncode == -signal.SIGKILL
    time.sleep(0.3)  # the workers die with their parent

    settings = Settings(data_dir=data, workers=2)
    with Library.open(settings) as library:  # recovery runs here
        rows = library.catalog.query("SELECT sha256, blob_key, thumb_small_key, thumb_large_key FROM assets")
        assert 0 < len(rows) < FILES, "the kill should land mid-import"
        # No blob or thumbnail without its row (a photo's large preview is made on its first view, not at ingest).
        assert stored_keys(library) == {key for row in rows for key in row[1:3]}
        for sha256, blob, small, large in rows:  # and no row without its blob and small thumbnail
            with library.store.open(blob) as f:
                assert hashlib.sha256(f.read()).hexdigest() == sha256
            assert library.store.exists(small) and large is not None
        assert not any(pending.glob("*")) and not any((data / "tmp").glob("*"))
        assert check(library).ok

        again = list(import_paths(library, [folder], ImportOptions(brand="Acme"), index=False))
        assert [r.status for r in again].count("duplicate") == len(rows)
        assert [r.status for r in again].count("added") == FILES - len(rows)


def worker_pids() -> list[int]:
    """This process's ingest workers (spawned interpreters running multiprocessing's spawn_main)."""
    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for child in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in cmdline:
                pids.append(int(child))
    return pids


def test_a_worker_killed_mid_import_is_replaced_and_its_files_are_done_again(tmp_path, settings):
    files = [media.jpeg(tmp_path / f"{i:02d}.jpg", i, (800, 600)) for i in range(40)]
    pending = settings.data_dir / "pending"

    def kill_a_worker_once_files_are_being_stored():
        deadline = time.monotonic() + 60
        while not any(pending.glob("*")) and time.monotonic() < deadline:
            time.sleep(0.001)
        os.kill(worker_pids()[0], signal.SIGKILL)

    stats = IngestStats()
    with Library.open(replace(settings, workers=2)) as library:
        killer = threading.Thread(target=kill_a_worker_once_files_are_being_stored)
        killer.start()
        results = list(import_paths(library, files, ImportOptions(brand="Acme"), stats=stats, index=False))
        killer.join()
        assert [r.status for r in results] == ["added"] * len(files)
        assert stats.worker_restarts == 1
        assert check(library).ok
