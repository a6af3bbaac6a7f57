"""What managers review and what creators submitted: the queue, wait times and counts per status."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from dam.library import Library
from dam.query import MAX_PAGE_SIZE, Filters, Scope, run_page
from dam.models import Asset
from dam.permissions import Actor, can_see
from dam.repos import brands, events, review


@dataclass(frozen=True)
class Waiting:
    """An asset in the queue and how long it has waited since it was submitted."""

    asset: Asset
    waited: timedelta


def queue(library: Library, actor: Actor, *, now: datetime | None = None, filters: Filters | None = None) -> list[Waiting]:
    """Assets in review across the brands the actor may review, oldest first; `filters` narrow it as in the Library."""
    brand_ids = actor.brand_ids("asset.review")
    if not brand_ids:
        return []
    now = now or events.utcnow()
    items = review.queue(library.catalog.cursor(), brand_ids)
    if filters is not None and filters.active:
        wanted = replace(filters, statuses=("in_review",))
        page = run_page(library, Scope(brand_ids=tuple(brand_ids)), wanted, limit=MAX_PAGE_SIZE)
        matching = {i.id for i in page.items}
        items = [a for a in items if a.id in matching]
    return [Waiting(a, now - (a.submitted_at or a.updated_at)) for a in items]


def my_submissions(library: Library, actor: Actor) -> list[Asset]:
    """What the actor submitted for review, most recently changed first, in brands they can still see."""
    return [a for a in review.submissions(library.catalog.cursor(), actor.user_id) if can_see(actor, a)]


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
