"""An import killed while its original is going up to S3 in parts: no catalog row, no object, parts cleaned up."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta

from PIL import Image

from dam.check import check
from dam.library import Library
from dam.repos import assets
from dam.storage import blob_key


def _big_picture(path, seed: int):
    """A 40 MB BMP of noise: quick to decode, too large for one PUT, so it goes up in parts."""
    side = 3650
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path, "BMP")
    return path


def _kill_during_upload(command, env, store, timeout: float = 60) -> bool:
    """Run the import and SIGKILL it as soon as a multipart upload shows up; False if it finished first."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if store.unfinished_uploads():
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.01)
        return False
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_an_import_killed_mid_upload_leaves_no_row_and_no_object(s3_library, s3_settings, tmp_path):
    store, data = s3_library.store, s3_settings.data_dir
    s3_library.close()  # the import below takes the catalog's write lock
    env = {**os.environ, "DAM_STORAGE": s3_settings.storage}
    for attempt in range(3):  # the upload takes well under a second on loopback: catch it in the act
        path = _big_picture(tmp_path / f"big-{attempt}.bmp", attempt)
        command = [sys.executable, "-m", "dam", "--data", str(data), "import", str(path), "--brand", "Acme"]
        if _kill_during_upload(command, env, store):
            break
    else:
        raise AssertionError("every import finished before it could be interrupted")
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    with Library.open(replace(s3_settings, storage="")) as library:  # recovery runs on open; the location is recorded
        assert not assets.sha_in_use(library.catalog.cursor(), sha256)
        assert not library.store.exists(blob_key(sha256))  # only completed uploads become objects
        report = check(library)
        assert report.ok and report.unfinished_uploads == [blob_key(sha256)]
        assert check(library, repair=True).aborted_uploads == []  # a young upload may still be running elsewhere
        assert check(library, repair=True, stale_after=timedelta(0)).aborted_uploads == report.unfinished_uploads
        assert library.store.unfinished_uploads() == []

