"""Starlette routes that stream files: thumbnails, originals (with Range), zips of a selection, uploads."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from dam.errors import DamError, NotFound
from dam.permissions import can_see, load_actor
from dam.models import Asset
from dam.repos import assets as asset_repo
from dam.exchange.zipper import prepare_zip
from dam.ingest.previews import large_preview
from dam.services.uploads import check_upload
from dam.services.uploads import upload as upload_as
from dam.web import runtime
from dam.web.blobs import blob_response, iterate_in_thread
from dam.exchange.names import safe_file_name

# Types a browser would run as a document: never sent inline, never with their own type.
MARKUP_MIMES = frozenset({"image/svg+xml", "text/html", "application/xhtml+xml", "text/xml", "application/xml"})
IMMUTABLE = "private, max-age=31536000, immutable"


def thumb_url(asset_id: int, size: str, actor_id: int) -> str:
    return runtime.signer().sign(f"/files/thumb/{asset_id}/{size}", actor_id)


def original_url(asset_id: int, actor_id: int) -> str:
    return runtime.signer().sign(f"/files/original/{asset_id}", actor_id)


def _forbidden() -> Response:
    return PlainTextResponse("Forbidden: this link is not valid for you, or it has expired.", status_code=403)


def _authorised_asset(request: Request) -> Asset | None:
    """The asset a signed URL names, when the signature holds and its actor may see the asset."""
    q = request.query_params
    actor_id = runtime.signer().verify(request.url.path, q.get("a"), q.get("e"), q.get("s"))
    if actor_id is None:
        return None
    library = runtime.library()
    try:
        asset = asset_repo.get(library.catalog.cursor(), int(request.path_params["asset_id"]))
    except (DamError, ValueError):
        return None
    return asset if _may_see(actor_id, asset) else None


def _may_see(actor_id: int, asset: Asset) -> bool:
    """Whether the actor may fetch this asset's files now (membership is read afresh on every request)."""
    try:
        return can_see(load_actor(runtime.library().catalog.cursor(), actor_id), asset)
    except DamError:
        return False


async def thumbnail(request: Request) -> Response:
    asset = await asyncio.to_thread(_authorised_asset, request)
    if asset is None:
        return _forbidden()
    large = request.path_params["size"] != "small"
    key = asset.thumb_large_key if large else asset.thumb_small_key
    library = runtime.library()
    response = key and await _thumbnail_response(request, library.store, key)
    if response is None and key and large:
        # Not made yet: the large preview is drawn from the original on first view (dam/ingest/previews.py).
        try:
            await asyncio.to_thread(large_preview, library, asset)
        except NotFound as exc:
            return PlainTextResponse(str(exc), status_code=404)
        except (DamError, OSError) as exc:  # a damaged original, or the store not answering
            return PlainTextResponse(str(exc), status_code=503 if isinstance(exc, OSError) else 500)
        response = await _thumbnail_response(request, library.store, key)
    return response or PlainTextResponse("Thumbnail missing: run `python -m dam check --repair`.", status_code=404)


async def _thumbnail_response(request: Request, store, key: str) -> Response | None:
    """A stored thumbnail with long cache headers (its key names its bytes); None when it is not stored."""
    return await blob_response(request, store, key, media_type="image/webp", headers={"Cache-Control": IMMUTABLE})


async def original(request: Request) -> Response:
    asset = await asyncio.to_thread(_authorised_asset, request)
    if asset is None:
        return _forbidden()
    markup = asset.mime in MARKUP_MIMES
    inline = not markup and request.query_params.get("download") != "1"
    headers = {
        "Cache-Control": IMMUTABLE,
        "X-Content-Type-Options": "nosniff",
        # Even if a browser were tricked into rendering it, a sandboxed document runs no script.
        "Content-Security-Policy": "sandbox; default-src 'none'",
    }
    response = await blob_response(
        request, runtime.library().store, asset.blob_key,
        media_type="application/octet-stream" if markup else asset.mime, headers=headers,
        filename=safe_file_name(asset.name, asset.mime, f"asset-{asset.id}"),
        disposition="inline" if inline else "attachment",
    )  # fmt: skip
    return response or PlainTextResponse("Original missing: run `python -m dam check`.", status_code=404)


async def zip_download(request: Request) -> Response:
    ticket = runtime.tickets().redeem(request.path_params["ticket"], "zip")
    if ticket is None:
        return _forbidden()
    library = runtime.library()
    try:
        chosen = asset_repo.many(library.catalog.cursor(), list(ticket.payload))
        if len(chosen) != len(ticket.payload) or not all(_may_see(ticket.actor_id, a) for a in chosen):
            return _forbidden()
        download = await asyncio.to_thread(prepare_zip, library, [a.id for a in chosen])
    except DamError as exc:
        return PlainTextResponse(str(exc), status_code=409)
    return StreamingResponse(
        iterate_in_thread(iter(download)),
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="library-selection.zip"',
                 "Content-Length": str(download.size)},
    )  # fmt: skip


def _upload_as(ticket, path: Path, name: str):
    """Import the received file as the ticket's person (run in a worker thread: it opens its own cursor)."""
    library = runtime.library()
    actor = load_actor(library.catalog.cursor(), ticket.actor_id)
    return upload_as(library, actor, path, ticket.payload, display_name=name)


def _may_upload(actor_id: int, options) -> bool:
    """Whether the actor may still upload as the ticket says (roles can change while a ticket lives).

    Asked before the body is read, so a refused upload writes nothing to disk; the upload service asks again.
    """
    library = runtime.library()
    try:
        check_upload(library, load_actor(library.catalog.cursor(), actor_id), options)
    except DamError:
        return False
    return True


async def upload(request: Request) -> Response:
    """Stream one file's body to disk, then run it through the ingest pipeline; answers with the result."""
    ticket = runtime.tickets().redeem(request.path_params["ticket"], "upload")
    if ticket is None:
        return _forbidden()
    library = runtime.library()
    if not await asyncio.to_thread(_may_upload, ticket.actor_id, ticket.payload):
        return _forbidden()
    # A folder upload sends `folder/sub/file.jpg`: the asset is named after the file itself.
    name = request.query_params.get("name", "upload").replace("\\", "/").rsplit("/", 1)[-1] or "upload"
    limit = library.settings.max_bytes
    upload_dir = library.settings.data_dir / "tmp" / "uploads"
    upload_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=upload_dir)
    received = 0
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in request.stream():
                received += len(chunk)
                if received > limit:
                    return JSONResponse(
                        {"path": name, "status": "rejected", "asset_id": None,
                         "reason": f"file is larger than the {limit // 1024**2} MB limit"}, status_code=413)  # fmt: skip
                await asyncio.to_thread(out.write, chunk)
        try:
            result = await asyncio.to_thread(_upload_as, ticket, Path(tmp_name), name)
        except DamError:  # access lost while the body arrived
            return _forbidden()
        return JSONResponse(result.as_json())
    finally:
        Path(tmp_name).unlink(missing_ok=True)


ROUTES = [
    Route("/files/thumb/{asset_id:int}/{size:str}", thumbnail),
    Route("/files/original/{asset_id:int}", original),
    Route("/files/zip/{ticket:str}", zip_download),
    Route("/files/upload/{ticket:str}", upload, methods=["PUT", "POST"]),
]
