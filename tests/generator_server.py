"""A small image generation server for tests, speaking the Library's generator protocol (dam/generate/http.py)."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

Answer = Callable[[dict], tuple[int, dict]]  # the request's JSON body -> (HTTP status, JSON answer)


@dataclass
class Generator:
    url: str
    received: list[dict] = field(default_factory=list)  # every body it was sent, in order


@contextmanager
def generator_server(answer: Answer) -> Iterator[Generator]:
    """Serve `answer` on a free loopback port until the block ends."""
    generator = Generator("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            generator.received.append(body)
            status, reply = answer(body)
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    generator.url = f"http://127.0.0.1:{server.server_port}/generate"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield generator
    finally:
        server.shutdown()
        server.server_close()
