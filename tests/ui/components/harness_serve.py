"""Harness server for the component tests: the harness pages plus routes serving test images and taking uploads."""

from __future__ import annotations

import hashlib
import itertools
import os
from pathlib import Path

import streamlit as st
from harness_common import SERVED, grid_items
from harness_images import write_images
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

ROOT = Path(os.environ["HARNESS_DIR"])
IMAGES = ROOT / "img"
UPLOADS = ROOT / "uploads"
write_images(IMAGES)
UPLOADS.mkdir(parents=True, exist_ok=True)
_seen: dict[str, int] = {}
_ids = itertools.count(1001)
_bodies = itertools.count()


async def image(request: Request) -> Response:
    path = IMAGES / request.path_params["name"]
    if path.parent != IMAGES or not path.is_file():
        return PlainTextResponse("not found", status_code=404)
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "max-age=3600"})


async def upload(request: Request) -> Response:
    """Streams the body to disk like the real route, then answers with an ingest-shaped result."""
    name = request.query_params.get("name", "upload")
    digest = hashlib.sha256()
    target = UPLOADS / f"{next(_bodies)}.part"
    with target.open("wb") as out:
        async for chunk in request.stream():
            digest.update(chunk)
            out.write(chunk)
    if name.endswith(".txt"):
        return JSONResponse({"path": name, "status": "rejected", "asset_id": None, "reason": "unsupported file type (text/plain)"})
    key = digest.hexdigest()
    if key in _seen:
        return JSONResponse({"path": name, "status": "duplicate", "asset_id": _seen[key], "reason": "already in the library"})
    _seen[key] = next(_ids)
    return JSONResponse({"path": name, "status": "added", "asset_id": _seen[key], "reason": None})


async def grid_page(request: Request) -> Response:
    """The grid's page route as dam/web/grid_pages.py answers it: the 30 cards after `count`, or 403."""
    if request.path_params["mode"] == "refuse":
        return PlainTextResponse("Forbidden: this link is not valid for you, or it has expired.", status_code=403)
    count = int(request.query_params["count"])
    SERVED[request.path_params["session"]] = max(SERVED.get(request.path_params["session"], 0), count + 30)
    return JSONResponse({"token": 0, "items": grid_items(90)[count : count + 30], "has_more": count + 30 < 90})


app = st.App(
    "harness_app.py",
    routes=[Route("/harness/img/{name}", image), Route("/harness/upload", upload, methods=["PUT"]),
            Route("/harness/grid-pages/{mode}/{session}", grid_page)],
)
