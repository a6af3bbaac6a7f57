"""`python -m dam import --source generated --parent ...` and `python -m dam generate request|list|run`, as users run
them: JSON lines, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dam.config import Settings
from dam.library import Library
from dam.repos import assets
from tests.factories import make_asset, make_brand, make_user
from tests.generation.server import png

ROOT = Path(__file__).resolve().parents[2]


def dam(data: Path, *args: str, generator: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "DAM_GENERATOR_URL": generator, "DAM_GENERATOR_TIMEOUT": "20", "DAM_WORKERS": "1"}
    return subprocess.run([sys.executable, "-m", "dam", "--data", str(data), *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=240, env=env)  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A library on disk with a brand, a creator, a viewer and two approved photos (ids 1 and 2)."""
    data = tmp_path_factory.mktemp("library")
    with Library.open(Settings(data_dir=data)) as library:
        brand = make_brand(library, "Acme")
        make_user(library, "cora", {brand: "creator"})
        make_user(library, "vic", {brand: "viewer"})
        assert [make_asset(library, brand, i, status="approved") for i in (1, 2)] == [1, 2]
    return data


def record(data: Path, asset_id: int) -> dict:
    with Library.open(Settings(data_dir=data), read_only=True) as library:
        return assets.record(library.catalog.cursor(), asset_id)


def test_import_records_lineage_for_generations_made_elsewhere(folder, tmp_path):
    made = tmp_path / "remix.png"
    made.write_bytes(png((200, 100, 50)))
    run = dam(folder, "import", made, "--brand", "Acme", "--prompt", "dunes at dusk", "--parent", "2",
              "--parent", "1", "--model", "sdxl", "--seed", "42", "--negative-prompt", "people",
              "--params", '{"steps": 30}')  # fmt: skip
    assert run.returncode == 0, run.stderr
    (line,) = [json.loads(x) for x in run.stdout.splitlines()]
    shown = record(folder, line["asset_id"])
    assert (shown["source"], shown["parent_id"], sorted(shown["inputs"])) == ("generated", 2, [1, 2])
    assert (shown["prompt"], shown["model"], shown["seed"], shown["negative_prompt"]) == (
        "dunes at dusk", "sdxl", 42, "people")
    assert json.loads(shown["gen_params"]) == {"steps": 30}


@pytest.mark.parametrize("args, message", [
    (("import", "x.png", "--brand", "Acme", "--params", "{steps: 30}"), "not JSON"),
    (("import", "x.png", "--brand", "Acme", "--parent", "1", "--parent", "999"), "No asset with id 999"),
    (("generate", "run"), "No generator is configured"),
    (("generate", "request", "--brand", "Acme", "--as", "cora", "--prompt", "dunes", "--input", "1"),
     "No generator is configured"),
    (("generate", "list", "--status", "finished"), "Unknown status 'finished'"),
])  # fmt: skip
def test_user_errors_are_one_line_without_a_traceback(folder, args, message):
    run = dam(folder, *args)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr


def test_request_list_and_run_against_a_generator(folder, server):
    """The happy path runs in-process in test_queue.py; here a failing generator keeps the run cheap (no ingest)."""
    url = server.url("/fail")
    refused = dam(folder, "generate", "request", "--brand", "Acme", "--as", "vic", "--prompt", "dunes",
                  "--input", "1", generator=url)  # fmt: skip
    assert refused.returncode == 4 and "Your role (viewer) cannot start generations" in refused.stderr
    asked = dam(folder, "generate", "request", "--brand", "Acme", "--as", "cora", "--prompt", "dunes at dusk",
                "--input", "1", "--seed", "5", "--params", '{"steps": 4}', generator=url)  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    queued = json.loads(asked.stdout)
    assert (queued["status"], queued["input_ids"], queued["gen_params"]) == ("queued", [1], {"steps": 4})
    ran = dam(folder, "generate", "run", generator=url)
    assert ran.returncode == 0, ran.stderr
    assert [json.loads(x) for x in ran.stdout.splitlines()] == [{
        "id": queued["id"], "status": "failed", "message": "The generator failed (HTTP 500): CUDA out of memory",
        "result_ids": []}]  # fmt: skip
    listed = dam(folder, "generate", "list", "--status", "failed")
    assert [json.loads(x)["id"] for x in listed.stdout.splitlines()] == [queued["id"]]
    assert server.received[-1]["seed"] == 5 and server.received[-1]["inputs"][0]["asset_id"] == 1
