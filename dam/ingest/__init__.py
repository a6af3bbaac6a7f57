"""Ingest: the one pipeline that turns files into catalog rows, blobs and thumbnails.

Used by the CLI (`python -m dam import`), the app's uploads and the demo seed. The public API:

    from dam.ingest import ImportOptions, IngestResult, import_paths, import_file

    options = ImportOptions(brand="Acme", source="uploaded", collection="Shoots/Spring 2026", tags=("beach",))
    for result in import_paths(library, [Path("photos/")], options):
        print(result.status, result.asset_id, result.reason)

    result = import_file(library, Path(tmp_path), options, display_name="IMG_0001.HEIC")  # an upload

`import_paths` is a generator: files are read as its results are taken. Several files go to one worker process
per core (settings.workers); a single file is done in the calling thread. See dam/ingest/pipeline.py for the
stages and dam/ingest/pending.py for how a killed import is undone.
"""

from dam.ingest.types import ImportOptions, IngestResult, IngestStats

__all__ = ["ImportOptions", "IngestResult", "IngestStats", "import_paths", "import_file"]


def __getattr__(name: str):
    # The pipeline pulls in the image and video libraries; load it only when used.
    if name in ("import_paths", "import_file"):
        from dam.ingest import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
