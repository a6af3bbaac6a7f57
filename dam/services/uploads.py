"""Uploads as a person: the permission checks, then the one ingest pipeline the CLI and the demo also use."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from dam.errors import NotFound
from dam.ingest.types import ImportOptions, IngestResult
from dam.library import Library
from dam.permissions import Actor, require
from dam.repos import brands


def check_upload(library: Library, actor: Actor, options: ImportOptions) -> None:
    """Raise unless the actor may upload into the brand, and file into a collection or campaign when asked to."""
    brand = brands.by_name(library.catalog.cursor(), options.brand)
    if brand is None:
        raise NotFound("No such asset or brand.")
    require(actor, "asset.upload", brand.id)
    if options.collection:
        require(actor, "asset.file", brand.id)
    if options.campaign:
        require(actor, "asset.campaign", brand.id)


def upload(
    library: Library, actor: Actor, path: Path | str, options: ImportOptions, *, display_name: str | None = None,
    index: bool = True,
) -> IngestResult:  # fmt: skip
    """Import one file as the actor (who becomes its creator, whatever the options say)."""
    from dam.ingest import import_file  # the pipeline pulls in the image libraries: load it when used

    check_upload(library, actor, options)
    options = dataclasses.replace(options, creator=actor.handle)
    return import_file(library, path, options, display_name=display_name, index=index)
