"""A real `streamlit run` server for browser tests: started on a free port, ready when healthy, always stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

from dam.bench.ui import CHROMIUM, CHROMIUM_ARGS  # one launch recipe for the benchmark and the tests

REPO = Path(__file__).resolve().parents[1]


def sign_in(browser, base: str, handle: str, password: str, viewport: dict | None = None):
    """A page in a browser context of its own (its own session cookie), signed in as `handle` through the form."""
    context = browser.new_context(viewport=viewport or {"width": 1440, "height": 1000}, base_url=base)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto("/auth/signin")
    page.fill("#handle", handle)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(script: Path, log: Path, env: dict[str, str], *options: str) -> Iterator[str]:
    """Run `streamlit run script` headless from the repository; yields its base URL once /_stcore/health answers."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer", *options,
    ]  # fmt: skip
    environment = {**os.environ, "PYTHONPATH": str(REPO), **env}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env=environment, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/_stcore/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{script.name} did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
