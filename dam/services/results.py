"""Per-item results for bulk operations: which ids succeeded, and why the others did not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from dam.errors import DamError


@dataclass(frozen=True)
class ItemResult:
    asset_id: int
    ok: bool
    reason: str | None = None


@dataclass
class BulkResult:
    """The outcome of a bulk action, one entry per asset id asked for."""

    items: list[ItemResult] = field(default_factory=list)

    @property
    def succeeded(self) -> list[int]:
        return [i.asset_id for i in self.items if i.ok]

    @property
    def failed(self) -> list[ItemResult]:
        return [i for i in self.items if not i.ok]

    def summary(self, verb: str) -> str:
        """One line for the page, e.g. `Tagged 12 assets; 2 could not be: ...`."""
        done = len(self.succeeded)
        line = f"{verb} {done} asset{'s' if done != 1 else ''}"
        if self.failed:
            reasons = "; ".join(f"#{i.asset_id}: {i.reason}" for i in self.failed[:3])
            more = f" (+{len(self.failed) - 3} more)" if len(self.failed) > 3 else ""
            line += f"; {len(self.failed)} could not be: {reasons}{more}"
        return line


def for_each(asset_ids: Iterable[int], action: Callable[[int], None]) -> BulkResult:
    """Run an action per id, turning each user-facing error into that id's failure instead of stopping."""
    result = BulkResult()
    for asset_id in dict.fromkeys(asset_ids):
        try:
            action(asset_id)
        except DamError as exc:
            result.items.append(ItemResult(asset_id, False, str(exc)))
        else:
            result.items.append(ItemResult(asset_id, True))
    return result
