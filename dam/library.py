"""A Library: the settings, catalog and blob store of one library folder, opened together."""

from __future__ import annotations

from dataclasses import dataclass

from dam.config import Settings
from dam.db import open_catalog
from dam.db.catalog import Catalog
from dam.repos import assets
from dam.storage import BlobStore
from dam.storage.location import open_store


@dataclass
class Library:
    """One open library. Services take this; it is the only thing that knows where files live."""

    settings: Settings
    catalog: Catalog
    store: BlobStore

    @classmethod
    def open(cls, settings: Settings | None = None, *, read_only: bool = False) -> "Library":
        settings = settings or Settings()
        catalog = open_catalog(settings, read_only=read_only)
        try:
            store = open_store(settings.data_dir, settings.storage, read_only=read_only,
                               is_new=lambda: not assets.all_ids(catalog.cursor()))  # fmt: skip
        except BaseException:
            catalog.close()
            raise
        library = cls(settings=settings, catalog=catalog, store=store)
        if not read_only:
            # Lazy import: recovery belongs to ingest, which pulls in the image libraries.
            from dam.ingest.recovery import recover

            recover(library)
        return library

    def close(self) -> None:
        self.catalog.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
