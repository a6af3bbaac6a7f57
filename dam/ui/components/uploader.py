"""The uploader: a rail button plus a page-wide drop target that streams files and folders to the upload route."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dam.ui.components._base import declare, define

_mount = define("upload_zone", js=("uploader.js",), css=("uploader.css",))


@dataclass(frozen=True)
class UploadEvents:
    """What finished during this run: the results of a whole batch, in the order the files were queued."""

    done: list[dict[str, Any]] | None = None  # each {"path", "status": added|duplicate|rejected, "asset_id", "reason"}


def upload_zone(upload_url: str, *, key: str, max_bytes: int, label: str = "Upload to library") -> UploadEvents:
    """A button (files, or a folder via the small folder button) and a page-wide "Drop to upload" target.

    Each file is sent as the raw body of `PUT {upload_url}&name=<relative path>` (two at a time) and the
    server's JSON result is shown per file; files over `max_bytes` are rejected in the browser without being
    sent. When the batch has finished, `done` holds every result, including client-side rejections and
    network errors as {"path", "status": "rejected", "asset_id": None, "reason"}. The progress panel stays
    until dismissed. Mount one per page: it owns the page's file drops (drags of assets or collections from
    the grid and tree are ignored).

    `upload_url` is read when each file starts, so a page may issue a fresh upload ticket on every run.
    """
    result = _mount(
        key=key,
        data={"upload_url": upload_url, "max_bytes": int(max_bytes), "label": label},
        **declare("done"),
    )
    done = result.done if isinstance(result.done, list) else None
    return UploadEvents(done=[r for r in done if isinstance(r, dict)] if done is not None else None)
