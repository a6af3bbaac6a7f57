"""Where originals, thumbnails and attachments live, behind one small interface: local disk or an S3 object store."""

from dam.storage.base import BlobStore, StorageError, blob_key, thumb_key
from dam.storage.local import LocalStore

__all__ = ["BlobStore", "LocalStore", "StorageError", "blob_key", "thumb_key"]
