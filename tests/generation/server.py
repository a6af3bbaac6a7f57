"""A tiny image generation server for the tests, speaking the HTTP backend's protocol (dam/generate/http.py).

Each path is one behaviour: /ok answers two real PNGs (made with Pillow), /raw one PNG as image/png, /fail an
HTTP 500 with a message, /slow answers after the client's timeout, /garbage "images" that are not pictures,
/truncated a good PNG then a broken one, /badjson text that is not JSON, /hold waits until the test releases it.
Every request body it receives is kept in `received`.
"""

from __future__ import annotations

import base64
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image

SLOW_SECONDS = 2.5


def png(colour: tuple[int, int, int], size: tuple[int, int] = (48, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class GeneratorServer:
    """The server, started on a free port in a daemon thread."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.release = threading.Event()
        self.holding = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.received.append(body)
                try:
                    server.answer(self, self.path, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    @staticmethod
    def reply(handler, status: int, data: bytes, content_type: str = "application/json") -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def answer(self, handler, path: str, body: dict) -> None:
        seed = body.get("seed") or 0
        images = [{"data": _b64(png((seed % 256, 90, 40))), "seed": seed + 1},
                  {"data": _b64(png((20, 160, seed % 256)))}]
        if path == "/ok":
            self.reply(handler, 200, json.dumps({"images": images, "model": "toy-xl"}).encode())
        elif path == "/raw":
            self.reply(handler, 200, png((5, 5, 5)), "image/png")
        elif path == "/fail":
            self.reply(handler, 500, json.dumps({"error": "CUDA out of memory"}).encode())
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self.reply(handler, 200, json.dumps({"images": images}).encode())
        elif path == "/garbage":
            garbage = [images[0], {"data": _b64(b"this is not an image, just words")}]
            self.reply(handler, 200, json.dumps({"images": garbage}).encode())
        elif path == "/truncated":
            broken = png((1, 2, 3))[:60]  # a PNG signature and header, then nothing: sniffs as PNG, cannot decode
            self.reply(handler, 200, json.dumps({"images": [images[0], {"data": _b64(broken)}]}).encode())
        elif path == "/badjson":
            self.reply(handler, 200, b"<html>gateway says hello</html>", "text/html")
        elif path == "/hold":
            self.holding.set()
            self.release.wait(30)
            self.reply(handler, 200, json.dumps({"images": images[:1]}).encode())
        else:
            self.reply(handler, 404, b"no such path", "text/plain")
