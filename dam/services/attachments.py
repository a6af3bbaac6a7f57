"""Files attached to comments: checked by the same ingest stages as uploads, stored apart from assets' files.

An attachment goes through `identify` (name, size, sniffed type, lying extension) and `prepare` (decode with the
pixel limit, so corrupt files, decompression bombs and unsafe SVGs are refused exactly as uploads are; WebP
thumbnails). Its files land under `attachments/`, never under the assets' `blobs/` and `thumbs/`: the trash purge,
import recovery and `check --repair` look after those keys and know nothing of comments.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from dam.errors import Rejected
from dam.ingest import formats
from dam.ingest.checks import check_name, check_size
from dam.ingest.stages import Limits, Refusal, Source, identify, prepare
from dam.library import Library
from dam.repos import comments
from dam.storage.base import BlobStore, blob_key, thumb_key

PREFIX = "attachments/"
KINDS = ("image", "document")  # pictures and PDFs; a video belongs in the Library as an asset of its own
MAX_PER_COMMENT = 10


@dataclass(frozen=True)
class Upload:
    """A file someone attached: its own name (checked like an upload's) and its bytes."""

    name: str
    data: bytes


class _Prefixed:
    """The blob store seen through a key prefix: all that ingest's `prepare` needs to store files elsewhere."""

    def __init__(self, store: BlobStore, prefix: str):
        self.store, self.prefix = store, prefix

    def put_file(self, key: str, source: Path) -> None:
        self.store.put_file(self.prefix + key, source)

    def put_bytes(self, key: str, data: bytes) -> None:
        self.store.put_bytes(self.prefix + key, data)

    def exists(self, key: str) -> bool:
        return self.store.exists(self.prefix + key)

    def delete(self, key: str) -> None:
        self.store.delete(self.prefix + key)


def check_upload(library: Library, upload: Upload) -> None:
    """The cheap checks (name, size) before any bytes are written anywhere."""
    try:
        check_name(upload.name)
        check_size(len(upload.data), library.settings.attachment_max_bytes)
    except Rejected as exc:
        raise Rejected(f"Attachment {upload.name!r}: {exc}.") from None


def store(library: Library, upload: Upload) -> dict:
    """Check, decode, thumbnail and store one attachment; its catalog fields, or Rejected with the reason."""
    check_upload(library, upload)
    limits = Limits(max_bytes=library.settings.attachment_max_bytes, max_pixels=library.settings.max_pixels)
    with tempfile.TemporaryDirectory(prefix="dam-attachment-") as tmp:
        # The bytes go to a fixed temporary name: the person's file name is checked, never used as a path.
        path = Path(tmp) / "upload"
        path.write_bytes(upload.data)
        source = Source(path=path, name=upload.name, shown=upload.name)
        found = identify(source, limits)
        if isinstance(found, Refusal):
            raise Rejected(f"Attachment {upload.name!r}: {found.reason}.")
        fmt = formats.BY_MIME[found.mime]
        if fmt.kind not in KINDS:
            raise Rejected(f"Attachment {upload.name!r}: attach pictures or PDF documents, not {fmt.label} video.")
        # The pending marker guards asset files during an import; attachment rows are the only owners here.
        prepared = prepare(source, found, limits, _Prefixed(library.store, PREFIX), Path(tmp) / "pending")
        if isinstance(prepared, Refusal):
            raise Rejected(f"Attachment {upload.name!r}: {prepared.reason}.")
    return {
        "name": upload.name, "mime": prepared.mime, "kind": prepared.kind, "byte_size": prepared.size,
        "sha256": prepared.sha256, "blob_key": PREFIX + blob_key(prepared.sha256),
        "thumb_key": PREFIX + thumb_key(prepared.sha256, "small"),  # a PDF's shows its first page
        "width": prepared.width, "height": prepared.height, "page_count": prepared.page_count,
    }  # fmt: skip


def keys_for(sha256: str) -> list[str]:
    """Every storage key an attachment with these bytes may have: the original, its small thumbnail, and the large
    one that versions before lazy previews drew (nothing shows it; kept so that purges and `check` know it)."""
    return [PREFIX + blob_key(sha256), *(PREFIX + thumb_key(sha256, size) for size in ("small", "large"))]


def all_stored(library: Library, sha256s: list[str]) -> bool:
    """Whether every file of these attachments is still there (checked in the posting transaction, see discard)."""
    return all(library.store.exists(PREFIX + blob_key(sha256)) for sha256 in sha256s)


def discard(library: Library, sha256s: list[str]) -> None:
    """Remove stored attachment files that no attachment row shows (after a refusal or a deletion).

    Runs under the catalog's write lock, as does the posting transaction, which checks its files are all still
    there: so a file stored for a post about to commit is either kept (its row exists) or the post is refused.
    """
    with library.catalog.transaction() as con:
        for sha256 in dict.fromkeys(sha256s):
            if not comments.blob_in_use(con, PREFIX + blob_key(sha256)):
                for key in keys_for(sha256):
                    library.store.delete(key)
