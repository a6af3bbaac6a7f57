"""Older exports: replayed through the catalog's own migrations so that they load into a newer library."""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterator

import duckdb

from dam.db.catalog import migrate, schema_version
from dam.db.schema import MIGRATIONS
from dam.errors import Rejected
from dam.exchange.export import write_tables
from dam.exchange.manifest import FILES_DIR, Manifest
from dam.exchange.rows import insert_rows
from dam.exchange.validate import check_export


@contextmanager
def upgraded(folder: Path, scratch_root: Path) -> Iterator[Path]:
    """A copy of an older export at this version's schema, in a temporary folder removed afterwards.

    The rows go into a scratch catalog built at the export's schema version; the migrations since then run on it
    exactly as they do when a newer version opens an old library (so data changes apply too, not only new
    columns); then it is exported again. The originals stay put: the copy's files/ links to the export's.
    """
    manifest = Manifest.read(folder)
    if not 1 <= manifest.schema_version <= len(MIGRATIONS):
        raise Rejected(f"{folder} names schema version {manifest.schema_version}, which never existed.")
    scratch_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=scratch_root, prefix="upgrade-") as tmp:
        target = Path(tmp, "export")
        target.mkdir()
        # On disk, not in memory: an export can be larger than this machine's memory.
        con = duckdb.connect(str(Path(tmp, "scratch.duckdb")))
        try:
            _create_schema(con, manifest.schema_version)
            insert_rows(con, check_export(con, folder))
            migrate(con)
            rows = write_tables(con, target)
            version = schema_version(con)
        except duckdb.Error as exc:
            reason = str(exc).strip().splitlines()[0]
            raise Rejected(f"{folder} could not be brought up to this version's schema: {reason}") from None
        finally:
            con.close()
        if manifest.with_files:
            (target / FILES_DIR).symlink_to((folder / FILES_DIR).resolve(), target_is_directory=True)
        replace(manifest, schema_version=version, rows=rows).write(target)
        yield target


def _create_schema(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """An empty catalog exactly as `version` migrations leave it (catalog.migrate only ever goes to the latest)."""
    for statements in MIGRATIONS[:version]:
        for statement in statements:
            con.execute(statement)
    con.execute("CREATE TABLE schema_info (version INTEGER NOT NULL)")
    con.execute("INSERT INTO schema_info VALUES (?)", [version])
