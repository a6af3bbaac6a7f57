"""What managers review and what creators submitted: the queue, wait times and counts per status."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from dam.library import Library
from dam.query import MAX_PAGE_SIZE, Filters, Scope, run_page
from dam.models import Asset
from dam.permissions import Actor, can_see
from dam.repos import brands, events, review

PAGE_SIZE = 50  # a page of the queue; the manager steps through longer queues page by page


@dataclass(frozen=True)
class Waiting:
    """An asset in the queue and how long it has waited since it was submitted."""

    asset: Asset
    waited: timedelta

    @property
    def mark(self) -> tuple[datetime, int]:
        """Where this asset sits in the queue (waiting since, id): pass the last one as `after` for the next page."""
        return (self.asset.submitted_at or self.asset.updated_at, self.asset.id)


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue, how many wait in all (with the filters), how many come before this page, and where
    the next page starts."""

    waiting: list[Waiting]
    total: int
    before: int
    next_after: tuple[datetime, int] | None


@dataclass(frozen=True)
class Submission:
    """Something the actor submitted, with the reason given when it was rejected (plain text, as typed)."""

    asset: Asset
    rejection_note: str | None


def _matching_ids(library: Library, brand_ids: list[int], filters: Filters) -> list[int]:
    """Every asset in review the Library's filters match in these brands (all pages of them, not just the first)."""
    scope, wanted = Scope(brand_ids=tuple(brand_ids)), replace(filters, statuses=("in_review",))
    found, cursor = [], None
    while True:
        page = run_page(library, scope, wanted, limit=MAX_PAGE_SIZE, cursor=cursor)
        found += [i.id for i in page.items]
        if page.next_cursor is None:
            return found
        cursor = page.next_cursor


def queue(
    library: Library, actor: Actor, *, now: datetime | None = None, filters: Filters | None = None,
    after: tuple[datetime, int] | None = None, limit: int = PAGE_SIZE,
) -> QueuePage:  # fmt: skip
    """Assets in review across the brands the actor may review, oldest first, a page at a time after `after`;
    `filters` narrow it as in the Library."""
    brand_ids = actor.brand_ids("asset.review")
    if not brand_ids:
        return QueuePage([], 0, 0, None)
    now = now or events.utcnow()
    only = _matching_ids(library, brand_ids, filters) if filters is not None and filters.active else None
    con = library.catalog.cursor()
    items = review.queue(con, brand_ids, only_ids=only, after=after, limit=limit + 1)
    waiting = [Waiting(a, now - (a.submitted_at or a.updated_at)) for a in items[:limit]]
    next_after = waiting[-1].mark if len(items) > limit else None
    total = review.queue_size(con, brand_ids, only_ids=only)
    before = review.queue_size(con, brand_ids, only_ids=only, upto=after) if after is not None else 0
    return QueuePage(waiting, total, before, next_after)


def my_submissions(library: Library, actor: Actor) -> list[Submission]:
    """What the actor submitted for review, most recently changed first, in brands they can still see."""
    con = library.catalog.cursor()
    mine = [a for a in review.submissions(con, actor.user_id) if can_see(actor, a)]
    notes = review.rejection_notes(con, [a.id for a in mine if a.status == "rejected"])
    return [Submission(a, notes.get(a.id)) for a in mine]


def counts_by_brand(library: Library, actor: Actor) -> dict[str, dict[str, int]]:
    """brand name -> status -> count, over the brands the actor belongs to."""
    con = library.catalog.cursor()
    brand_ids = actor.brand_ids()
    names = {b.id: b.name for b in brands.all_brands(con) if b.id in brand_ids}
    table: dict[str, dict[str, int]] = {name: {} for name in names.values()}
    # Others' drafts are not theirs to see, so not theirs to count either (managers count every draft).
    private = [b for b in brand_ids if actor.role(b) != "manager"]
    found = review.status_counts(con, brand_ids, viewer_id=actor.user_id, private_draft_brand_ids=private)
    for (brand_id, status), count in found.items():
        table[names[brand_id]][status] = count
    return table


def waited_label(waited: timedelta) -> str:
    """`3 d`, `5 h` or `12 min`: how long a submission has waited, as a reviewer reads it."""
    seconds = max(0, int(waited.total_seconds()))
    if seconds >= 86400:
        return f"{seconds // 86400} d"
    if seconds >= 3600:
        return f"{seconds // 3600} h"
    return f"{max(1, seconds // 60)} min"
