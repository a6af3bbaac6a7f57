"""Where originals and thumbnails live, behind one small interface (local disk now, object storage later)."""

from dam.storage.base import BlobStore, blob_key, thumb_key
from dam.storage.local import LocalStore

__all__ = ["BlobStore", "LocalStore", "blob_key", "thumb_key"]
