"""A real HTTP server (uvicorn) serving the file routes over a real library, for the web tests."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from dam.web import runtime
from dam.web.grid_pages import ROUTES as GRID_ROUTES
from dam.web.routes import ROUTES as FILE_ROUTES
from dam.web.signin import ROUTES as SIGNIN_ROUTES


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(library):
    """Base URL of a live server whose routes serve `library`."""
    runtime.configure(library)
    port = free_port()
    config = uvicorn.Config(Starlette(routes=FILE_ROUTES + GRID_ROUTES + SIGNIN_ROUTES), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.time() + 10
    while not instance.started and time.time() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def http(server):
    with httpx.Client(base_url=server, timeout=60) as client:
        yield client
