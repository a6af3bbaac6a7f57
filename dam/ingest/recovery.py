"""Recovery on open: undo what a killed import left half done, so no stored file lacks its catalog row.

Runs from Library.open in write mode, which holds the catalog's single-writer lock: no import can be running.
"""

from __future__ import annotations

from dam.ingest import pending
from dam.repos import assets


def recover(library) -> dict[str, int]:
    """Delete files guarded by pending markers whose hash has no catalog row, then the markers and temp files."""
    folder = pending.pending_dir(library.settings.data_dir)
    con = library.catalog.cursor()
    removed_files = markers = 0
    for marker in pending.markers(folder):
        if pending.is_sha256(marker.name) and not assets.sha_in_use(con, marker.name):
            for key in pending.keys_for(marker.name):
                if library.store.exists(key):
                    library.store.delete(key)
                    removed_files += 1
        marker.unlink(missing_ok=True)
        markers += 1
    return {"markers": markers, "files": removed_files, "temp_files": library.store.clear_tmp()}
