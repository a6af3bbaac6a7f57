"""Plain dataclasses for the things the catalog holds; repositories return these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Brand:
    id: int
    name: str
    palette: list[str] = field(default_factory=list)
    fonts: list[str] = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class User:
    id: int
    handle: str
    display_name: str
    email: str = ""
    is_admin: bool = False


@dataclass(frozen=True)
class Collection:
    id: int
    brand_id: int
    parent_id: int | None
    name: str
    path: str = ""


@dataclass(frozen=True)
class Campaign:
    id: int
    brand_id: int
    name: str
    description: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    archived_at: datetime | None = None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


# Asset columns in table order; the assets repository selects exactly these into an Asset.
ASSET_COLUMNS = (
    "id", "brand_id", "name", "original_name", "kind", "mime", "byte_size", "sha256", "width", "height",
    "duration", "fps", "page_count", "source", "status", "status_before_archive", "rating", "creator_id",
    "created_at", "updated_at", "prompt", "negative_prompt", "model", "seed", "gen_params", "parent_id",
    "taken_at", "camera", "description", "palette", "blob_key", "thumb_small_key", "thumb_large_key",
    "submitted_by", "submitted_at", "deleted_at", "deleted_by",
)  # fmt: skip


@dataclass(frozen=True)
class Asset:
    id: int
    brand_id: int
    name: str
    original_name: str
    kind: str
    mime: str
    byte_size: int
    sha256: str
    width: int | None
    height: int | None
    duration: float | None
    fps: float | None
    page_count: int | None
    source: str
    status: str
    status_before_archive: str | None
    rating: int | None
    creator_id: int | None
    created_at: datetime
    updated_at: datetime
    prompt: str | None
    negative_prompt: str | None
    model: str | None
    seed: int | None
    gen_params: str | None
    parent_id: int | None
    taken_at: datetime | None
    camera: str | None
    description: str
    palette: list[str]
    blob_key: str
    thumb_small_key: str | None
    thumb_large_key: str | None
    submitted_by: int | None
    submitted_at: datetime | None
    deleted_at: datetime | None
    deleted_by: int | None
