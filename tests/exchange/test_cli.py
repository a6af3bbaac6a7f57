"""`python -m dam export|load|zip` in a real process: exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def dam(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dam", *args], cwd=ROOT, capture_output=True, timeout=120)


def test_export_load_zip_round_trip(studio_folder, tmp_path):
    exported = dam("--data", str(studio_folder), "export", str(tmp_path / "export"), "--with-files")
    assert exported.returncode == 0, exported.stderr
    assert b"7 assets" in exported.stdout
    loaded = dam("--data", str(tmp_path / "copy"), "load", str(tmp_path / "export"))
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stderr == b""
    zipped = dam("--data", str(tmp_path / "copy"), "zip", "1", "2", "--out", str(tmp_path / "two.zip"))
    assert zipped.returncode == 0, zipped.stderr
    assert zipfile.ZipFile(tmp_path / "two.zip").namelist() == ["manifest.csv", "beach.jpg", "Beach (2).jpg"]


def test_zip_to_stdout(studio_folder):
    result = dam("--data", str(studio_folder), "zip", "1", "--out", "-")
    assert result.returncode == 0, result.stderr
    assert zipfile.ZipFile(io.BytesIO(result.stdout)).namelist() == ["manifest.csv", "beach.jpg"]


def test_load_without_files_warns_about_missing_originals(studio_folder, tmp_path):
    assert dam("--data", str(studio_folder), "export", str(tmp_path / "export")).returncode == 0
    loaded = dam("--data", str(tmp_path / "copy"), "load", str(tmp_path / "export"))
    assert loaded.returncode == 0
    assert b"warning: 7 originals are not in this library's storage" in loaded.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["zip", "999", "--out", "{tmp}/x.zip"], b"error: No asset with id 999."),
        (["zip", "1", "--out", "{tmp}/no/such/folder/x.zip"], b"No such file or directory"),
        (["zip", "one", "--out", "{tmp}/x.zip"], b"invalid int value: 'one'"),
        (["zip", "1"], b"the following arguments are required: --out"),
        (["load", "{tmp}/nowhere"], b"is not a folder"),
        (["load", "{studio}"], b"is not an export of The Library"),
        (["export", "{studio}"], b"is not empty; export into a new or empty folder"),
    ],
)
def test_user_errors_exit_2_with_a_message(args, message, studio_folder, tmp_path):
    args = [a.format(tmp=tmp_path, studio=studio_folder) for a in args]
    result = dam("--data", str(studio_folder), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert b"Traceback" not in result.stderr


def test_load_into_a_library_with_assets_is_refused(studio_folder, tmp_path):
    assert dam("--data", str(studio_folder), "export", str(tmp_path / "export")).returncode == 0
    result = dam("--data", str(studio_folder), "load", str(tmp_path / "export"))
    assert result.returncode == 2
    assert b"This library is not empty" in result.stderr and b"Traceback" not in result.stderr


def test_export_of_a_library_that_does_not_exist(tmp_path):
    result = dam("--data", str(tmp_path / "nothing"), "export", str(tmp_path / "out"))
    assert result.returncode == 2
    assert b"No library at" in result.stderr
    assert not (tmp_path / "nothing").exists()
