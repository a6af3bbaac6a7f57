"""The catalog: the embedded DuckDB file (the default) or, for several app replicas, a PostgreSQL database."""

from __future__ import annotations

from dam.errors import Rejected

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_catalog(settings, *, read_only: bool = False):
    """The catalog `settings.catalog` names: empty for the library folder's DuckDB file, or a postgresql:// URL."""
    url = settings.catalog
    if not url:
        from dam.db.catalog import Catalog

        return Catalog(settings.catalog_path, read_only=read_only)
    if url.startswith(POSTGRES_SCHEMES):
        from dam.db.postgres import PgCatalog

        return PgCatalog(url, read_only=read_only, pool_size=settings.catalog_pool)
    raise Rejected("DAM_CATALOG must be a postgresql://user@host/database URL, or empty for the library folder's "
                   "own DuckDB file.")  # fmt: skip


def is_postgres(con) -> bool:
    """Whether a connection (or cursor) talks to PostgreSQL rather than DuckDB."""
    return getattr(con, "dialect", "duckdb") == "postgres"
