"""`python -m dam import` and `check` as a user runs them: JSON lines on stdout, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dam.config import Settings
from dam.library import Library
from dam.search import terms
from tests.ingest import media

ROOT = Path(__file__).resolve().parents[2]


def dam(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dam", "--data", str(data), *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )  # fmt: skip


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """One library with a first import done: two good files, one duplicate, one bad."""
    folder = tmp_path_factory.mktemp("shoot")
    media.jpeg(folder / "a.jpg", 1)
    media.save(media.picture(2), folder / "b.png", "PNG")
    shutil.copy(folder / "a.jpg", folder / "c-copy.jpg")
    (folder / "d-empty.jpg").write_bytes(b"")
    data = tmp_path_factory.mktemp("library")
    run = dam(data, "import", folder, "--brand", "Acme", "--collection", "Shoots/Spring", "--tag", "beach",
              "--tag", "dunes", "--creator", "mia", "--campaign", "Launch")  # fmt: skip
    return folder, data, run


def test_import_prints_one_json_object_per_file_and_exits_3_on_a_rejection(imported):
    folder, _data, run = imported
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert run.returncode == 3, run.stderr
    assert [set(line) for line in lines] == [{"path", "status", "asset_id", "reason"}] * 4
    assert [(Path(x["path"]).name, x["status"]) for x in lines] == [
        ("a.jpg", "added"), ("b.png", "added"), ("c-copy.jpg", "duplicate"), ("d-empty.jpg", "rejected")]  # fmt: skip
    assert lines[2]["asset_id"] == lines[0]["asset_id"]
    assert lines[3] == {"path": str(folder / "d-empty.jpg"), "status": "rejected", "asset_id": None,
                        "reason": "empty file"}  # fmt: skip
    assert "Traceback" not in run.stderr
    assert "file/s" not in run.stderr  # our progress bar (unit "file") shows only when stderr is a terminal


def test_import_files_them_as_asked(imported):
    _folder, data, _run = imported
    shown = json.loads(dam(data, "show", "1").stdout)
    assert shown["collections"] == ["Shoots/Spring"] and shown["campaigns"] == ["Launch"]
    assert shown["tags"] == ["beach", "dunes"] and shown["creator"] == "mia" and shown["status"] == "draft"


def test_reimport_of_known_files_exits_0(imported):
    folder, data, _run = imported
    run = dam(data, "import", folder / "a.jpg", folder / "b.png", "--brand", "Acme")
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["status"] for line in run.stdout.splitlines()] == ["duplicate", "duplicate"]


@pytest.mark.parametrize(
    "args, message",
    [
        (("--brand", "Acme", "--parent", "999"), "No asset with id 999"),
        (("--brand", "Acme", "--collection", "A/\x01B"), "control characters"),
        (("--brand", "Acme", "--source", "stolen"), "invalid choice"),
        ((), "--brand"),
    ],
)
def test_user_errors_are_one_line_and_never_a_traceback(args, message, imported):
    folder, data, _run = imported
    run = dam(data, "import", folder / "a.jpg", *args)
    assert run.returncode == 2
    assert message in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""


def test_check_reports_json_and_repairs(imported):
    _folder, data, _run = imported
    clean = dam(data, "check")
    assert clean.returncode == 0 and json.loads(clean.stdout)["ok"] is True
    thumb = next((data / "thumbs").rglob("*-400.webp"))
    thumb.unlink()
    (data / "blobs" / "00").mkdir(parents=True, exist_ok=True)
    (data / "blobs" / "00" / "stray").write_bytes(b"x")

    broken = dam(data, "check")
    report = json.loads(broken.stdout)
    assert broken.returncode == 1
    assert [p["problem"] for p in report["problems"]] == ["small thumbnail missing"]
    assert report["orphans"] == ["blobs/00/stray"]

    repaired = dam(data, "check", "--repair")
    assert repaired.returncode == 0, repaired.stdout
    assert thumb.exists() and not (data / "blobs" / "00" / "stray").exists()


def test_a_bulk_import_leaves_the_search_indexes_complete(tmp_path):
    """Ten files go to a worker per core and the search indexes are made in a background thread meanwhile
    (dam.indexing.Indexer): when the command exits, every asset is in the word index and has both vectors."""
    folder = tmp_path / "dunes"
    for i in range(10):
        media.jpeg(folder / f"dune-{i:02d}.jpg", i)
    data = tmp_path / "library"
    run = subprocess.run(
        [sys.executable, "-m", "dam", "--data", str(data), "import", str(folder), "--brand", "Acme"],
        cwd=ROOT, capture_output=True, text=True, timeout=240, env={**os.environ, "DAM_WORKERS": "2"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    with Library.open(Settings(data_dir=data), read_only=True) as library:
        counts = library.catalog.query(
            f"SELECT (SELECT count(*) FROM assets), (SELECT count(*) FROM text_embeddings),"
            f" (SELECT count(*) FROM visual_embeddings),"
            f" (SELECT count(DISTINCT asset_id) FROM {terms.TERMS} WHERE term = 'dune')"
        )  # fmt: skip
    assert counts == [(10, 10, 10, 10)]
