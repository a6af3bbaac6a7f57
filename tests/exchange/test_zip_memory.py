"""A zip streams: zipping 300 MB of incompressible originals costs the process almost no more memory than 1 KB."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from dam.config import Settings
from dam.library import Library
from dam.repos import assets, brands
from dam.storage import blob_key

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
BIG_FILES, BIG_FILE_MB = 3, 100
# Peak memory may grow by this much over a one-asset zip; the product's bound is 200 MB for 5 GB.
ALLOWED_GROWTH_MB = 60


def add_random_original(library: Library, brand_id: int, size: int, work: Path) -> int:
    """An asset whose original is `size` bytes of noise, written and hashed a chunk at a time."""
    digest = hashlib.sha256()
    spool = work / "spool"
    with open(spool, "wb") as out:
        for offset in range(0, size, 8 * MB):
            chunk = os.urandom(min(8 * MB, size - offset))
            digest.update(chunk)
            out.write(chunk)
    sha = digest.hexdigest()
    library.store.put_file(blob_key(sha), spool)
    spool.unlink()
    now = datetime(2026, 1, 1)
    with library.catalog.transaction() as con:
        return assets.insert(con, {
            "brand_id": brand_id, "name": "noise.bin", "original_name": "noise.bin", "kind": "video",
            "mime": "video/mp4", "byte_size": size, "sha256": sha, "created_at": now, "updated_at": now,
            "blob_key": blob_key(sha),
        })  # fmt: skip


def peak_rss_mb(data: Path, ids: list[int], out: Path) -> float:
    """Run `python -m dam zip` in a child process and return that child's own peak resident memory."""
    command = [sys.executable, "-m", "dam", "--data", str(data), "zip", *map(str, ids), "--out", str(out)]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4 reports this one child's usage (RUSAGE_CHILDREN would mix in every earlier child of the test run).
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode()
    child.stderr.close()
    assert child.returncode == 0, stderr
    return usage.ru_maxrss / 1024  # kilobytes on Linux


def test_zipping_300_mb_stays_flat(tmp_path):
    data = tmp_path / "library"
    with Library.open(Settings(data_dir=data)) as library:
        with library.catalog.transaction() as con:
            brand = brands.create(con, "Acme").id
        small = add_random_original(library, brand, 1024, tmp_path)
        big = [add_random_original(library, brand, BIG_FILE_MB * MB, tmp_path) for _ in range(BIG_FILES)]

    baseline = peak_rss_mb(data, [small], tmp_path / "small.zip")
    peak = peak_rss_mb(data, big, tmp_path / "big.zip")
    print(f"\nzip peak RSS: {baseline:.0f} MB for 1 KB, {peak:.0f} MB for {BIG_FILES * BIG_FILE_MB} MB")
    assert peak - baseline < ALLOWED_GROWTH_MB

    with zipfile.ZipFile(tmp_path / "big.zip") as archive:
        infos = [i for i in archive.infolist() if i.filename != "manifest.csv"]
        assert [i.file_size for i in infos] == [BIG_FILE_MB * MB] * BIG_FILES
        assert all(i.compress_type == zipfile.ZIP_STORED for i in infos)
        assert [i.filename for i in infos] == ["noise.mp4", "noise (2).mp4", "noise (3).mp4"]
