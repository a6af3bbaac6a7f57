"""Stored files as HTTP responses: straight from disk when the store has a path, streamed with Range otherwise.

An object store has no local path, so its objects are streamed through this process a chunk at a time; a Range
request (a video seek) asks the store for just those bytes. Keys are content-addressed and never rewritten, so a
range is always a range of the same bytes (If-Range needs no check).
"""

from __future__ import annotations

import asyncio
from typing import Iterator
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response, StreamingResponse

from dam.storage import BlobStore

CHUNK_BYTES = 256 * 1024


async def blob_response(
    request: Request, store: BlobStore, key: str, *, media_type: str, headers: dict[str, str],
    filename: str | None = None, disposition: str = "inline",
) -> Response | None:
    """The object under `key` as a response honouring a single Range; None when the object is not there."""
    local = store.local_path(key)
    if local is not None:
        if not local.exists():
            return None
        return FileResponse(local, media_type=media_type, headers=headers, filename=filename,
                            content_disposition_type=disposition)  # fmt: skip
    try:
        size = await asyncio.to_thread(store.size, key)
    except FileNotFoundError:
        return None
    except OSError as exc:  # the store is down or refuses the keys: say so, not a 500 with a traceback
        return PlainTextResponse(f"The file store did not answer: {exc}", status_code=503)
    headers = {**headers, "Accept-Ranges": "bytes"}
    if filename is not None:
        headers["Content-Disposition"] = content_disposition(disposition, filename)
    wanted = request.headers.get("range")
    span = parse_range(wanted, size) if wanted else None
    if span == "unsatisfiable":
        return PlainTextResponse("Range not satisfiable", status_code=416, headers={"Content-Range": f"bytes */{size}"})
    start, stop = span if isinstance(span, tuple) else (0, size)
    status = 206 if isinstance(span, tuple) else 200
    if status == 206:
        headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"
    headers["Content-Length"] = str(stop - start)
    body = iterate_in_thread(_chunks(store, key, start, stop))
    return StreamingResponse(body, status_code=status, media_type=media_type, headers=headers)


def parse_range(header: str, size: int) -> tuple[int, int] | str | None:
    """A single `bytes=a-b`, `bytes=a-` or `bytes=-n` as [start, stop); None to send the whole object instead.

    Several ranges at once are answered with the whole object, which RFC 9110 allows; a range past the end is
    "unsatisfiable" (416).
    """
    units, _, spec = header.partition("=")
    if units.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash or not (first.isdigit() or last.isdigit()) or any(p and not p.isdigit() for p in (first, last)):
        return None
    if not first:  # the last n bytes
        n = int(last)
        return (max(0, size - n), size) if n > 0 and size > 0 else "unsatisfiable"
    start = int(first)
    stop = min(size, int(last) + 1) if last else size
    if start >= size:
        return "unsatisfiable"
    return (start, stop) if start < stop else None


def content_disposition(kind: str, filename: str) -> str:
    """The header FileResponse would write: a plain quoted name, or RFC 5987's encoded one for other characters."""
    quoted = quote(filename)
    return f"{kind}; filename*=utf-8''{quoted}" if quoted != filename else f'{kind}; filename="{filename}"'


def _chunks(store: BlobStore, key: str, start: int, stop: int) -> Iterator[bytes]:
    """The bytes a chunk at a time; the object opens when the first chunk is asked for."""
    with store.open_range(key, start, stop) as source:
        while chunk := source.read(CHUNK_BYTES):
            yield chunk


async def iterate_in_thread(iterator):
    """Drive a blocking generator from worker threads so the event loop stays free."""
    sentinel = object()
    try:
        while True:
            chunk = await asyncio.to_thread(next, iterator, sentinel)
            if chunk is sentinel:
                return
            yield chunk
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:  # a client that went away: release the store's connection now, not at collection
            await asyncio.to_thread(close)
