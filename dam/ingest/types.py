"""The typed inputs and results of ingest."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["added", "duplicate", "rejected"]


@dataclass(frozen=True)
class ImportOptions:
    """Where and how a batch of files is filed."""

    brand: str
    source: str = "uploaded"  # uploaded | generated | imported
    collection: str | None = None  # a path such as "Shoots/Spring 2026"; created as needed
    campaign: str | None = None  # created as needed
    tags: tuple[str, ...] = ()
    creator: str | None = None  # a user handle; created as needed
    prompt: str | None = None
    negative_prompt: str | None = None
    model: str | None = None
    seed: int | None = None
    gen_params: dict | None = None
    parent_id: int | None = None  # generation lineage: the asset this one was made from (its primary input)
    input_ids: tuple[int, ...] = ()  # further assets it was made from, after parent_id
    status: str = "draft"
    rating: int | None = None
    description: str | None = None
    created_at: object | None = None  # a datetime to record instead of now (the demo seed spreads dates)
    # By id instead of by name (a generation request names them so; a rename meanwhile changes nothing).
    collection_id: int | None = None
    campaign_id: int | None = None

    @property
    def inputs(self) -> tuple[int, ...]:
        """Every asset these files were made from, the primary input first."""
        first = () if self.parent_id is None else (self.parent_id,)
        return tuple(dict.fromkeys((*first, *self.input_ids)))


@dataclass(frozen=True)
class IngestResult:
    """What happened to one file: added, duplicate (with the existing id) or rejected (with a one-line reason)."""

    path: str
    status: Status
    asset_id: int | None = None
    reason: str | None = None

    def as_json(self) -> dict:
        return {"path": self.path, "status": self.status, "asset_id": self.asset_id, "reason": self.reason}


@dataclass
class IngestStats:
    """Counts and seconds per stage for one run, filled in as it goes (the benchmark reads these)."""

    files: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"added": 0, "duplicate": 0, "rejected": 0})
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> seconds, summed over all workers
    workers: int = 1
    worker_restarts: int = 0  # worker pools started again after a worker died (a decoder crash)

    def add_seconds(self, seconds: dict[str, float]) -> None:
        for stage, spent in seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + spent

    def count(self, result: "IngestResult") -> None:
        self.files += 1
        self.counts[result.status] = self.counts.get(result.status, 0) + 1
