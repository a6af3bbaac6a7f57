"""Settings read once from the environment: where the library lives and the limits for input."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

GIB = 1024**3
MIB = 1024**2


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


@dataclass(frozen=True)
class Settings:
    """Where a library lives and the limits its ingest enforces."""

    data_dir: Path = field(default_factory=lambda: Path(os.environ.get("DAM_DATA", "data")))
    # Where originals, thumbnails and attachments go: "" for the library folder, or s3://bucket/prefix (dam/storage).
    storage: str = field(default_factory=lambda: os.environ.get("DAM_STORAGE", "").strip())
    # Where the catalog is: "" for the DuckDB file in the library folder, or postgresql://... shared by replicas.
    catalog: str = field(default_factory=lambda: os.environ.get("DAM_CATALOG", "").strip())
    catalog_pool: int = field(default_factory=lambda: _env_int("DAM_CATALOG_POOL", 10))  # connections per process
    max_pixels: int = field(default_factory=lambda: _env_int("DAM_MAX_PIXELS", 250_000_000))
    max_bytes: int = field(default_factory=lambda: _env_int("DAM_MAX_BYTES", 2 * GIB))
    # Files attached to comments are references next to the work (a marked-up screenshot, a PDF brief), not assets.
    attachment_max_bytes: int = field(default_factory=lambda: _env_int("DAM_ATTACHMENT_MAX_BYTES", 20 * MIB))
    recent_days: int = field(default_factory=lambda: _env_int("DAM_RECENT_DAYS", 7))
    trash_days: int = field(default_factory=lambda: _env_int("DAM_TRASH_DAYS", 30))
    workers: int = field(default_factory=lambda: _env_int("DAM_WORKERS", os.cpu_count() or 1))
    # A self-hosted image generation server (dam/generate/http.py); empty means no generator is configured.
    generator_url: str = field(default_factory=lambda: os.environ.get("DAM_GENERATOR_URL", "").strip())
    generator_timeout: int = field(default_factory=lambda: _env_int("DAM_GENERATOR_TIMEOUT", 300))  # seconds

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir))  # a str from a caller is fine too

    @property
    def catalog_path(self) -> Path:
        return self.data_dir / "library.duckdb"

    def with_data(self, data_dir: str | Path | None) -> "Settings":
        """The same settings pointed at another library folder."""
        return self if data_dir is None else replace(self, data_dir=Path(data_dir))
