"""What a grid query says: the Scope (where the rail points, who is looking) and the Filters (the toolbar).

Both are frozen dataclasses, so they are values: equal when they say the same thing, hashable, safe to cache
on. Values are normalised on construction (lower-case tags, sorted tuples), so two ways of writing the same
filter compare equal and serialise to the same text form.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from dam.errors import Rejected
from dam.repos.tags import normalise as normalise_tag
from dam.vocab import KINDS, SOURCES, STATUSES

BUCKETS = ("all", "recent", "unfiled")
TAG_MODES = ("all", "any")
RATINGS = (1, 2, 3, 4, 5)
UNRATED = "unrated"
MAX_PAGE_SIZE = 200


def _sorted_unique(values: Any, allowed: tuple | None = None, what: str = "value") -> tuple:
    items = tuple(sorted(set(values), key=lambda v: (isinstance(v, str), v)))
    if allowed is not None:
        bad = [v for v in items if v not in allowed]
        if bad:
            raise Rejected(f"Unknown {what} {bad[0]!r}: use one of {', '.join(map(str, allowed))}.")
    return items


@dataclass(frozen=True)
class Scope:
    """Which assets the grid starts from, before any toolbar filter.

    `brand_ids` are the brands the viewer may see and has chosen (the active brand, or several); they come from
    the signed-in actor, never from the text form. `viewer_id` and `private_draft_brand_ids` are the seam for
    the roles issue: in the brands listed there, drafts are visible only to their creator (the caller leaves out
    brands where the viewer is a manager). Empty by default, which shows drafts to everyone who sees the brand.
    """

    brand_ids: tuple[int, ...]
    bucket: str = "all"
    collection_id: int | None = None
    nested: bool = False
    recent_days: int = 7
    viewer_id: int | None = None
    private_draft_brand_ids: tuple[int, ...] = ()
    trash: bool = False  # the trash view (roles issue) shows only trashed assets; everything else never does

    def __post_init__(self) -> None:
        object.__setattr__(self, "brand_ids", _sorted_unique(int(b) for b in self.brand_ids))
        object.__setattr__(self, "private_draft_brand_ids", _sorted_unique(int(b) for b in self.private_draft_brand_ids))
        if self.bucket not in BUCKETS:
            raise Rejected(f"Unknown bucket {self.bucket!r}: use one of {', '.join(BUCKETS)}.")
        if self.recent_days < 1:
            raise Rejected("Recently added needs a number of days of at least 1.")
        if self.nested and self.collection_id is None:
            raise Rejected("Include nested needs a collection.")

    def for_rail(self) -> "Scope":
        """The same viewer and brands without bucket or collection: what the rail's counts are taken over."""
        return replace(self, bucket="all", collection_id=None, nested=False)


@dataclass(frozen=True)
class Filters:
    """The toolbar: every field narrows the grid, and they combine with AND.

    Within a field, several values mean any of them (statuses, sources, ratings, kinds, creators), except tags,
    which follow `tag_mode`: "all" requires every tag, "any" at least one. `after` is inclusive and `before`
    exclusive, both on the date the asset was added. `text` is the search box: ranked search over name, file
    name, prompt, tags, description and collection names. `similar_to` keeps the assets that look like those
    assets (dam/similar/neighbours.py) and, without search text, orders the grid by how alike they look.
    """

    text: str = ""
    campaign: str | None = None
    tags: tuple[str, ...] = ()
    tag_mode: str = "all"
    sources: tuple[str, ...] = ()
    ratings: tuple[int | str, ...] = ()
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    creators: tuple[str, ...] = ()
    after: date | None = None
    before: date | None = None
    open_threads: bool = False  # only assets whose comment thread is open (not resolved)
    similar_to: tuple[int, ...] = ()  # only assets that look like these (like their mean), closest first

    def __post_init__(self) -> None:
        set_ = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731
        set_("text", " ".join(str(self.text).split()))
        if self.campaign is not None:
            campaign = " ".join(str(self.campaign).split())
            set_("campaign", campaign or None)
        set_("tags", _sorted_unique((t for t in map(normalise_tag, self.tags) if t), what="tag"))
        if self.tag_mode not in TAG_MODES:
            raise Rejected(f"Unknown tag mode {self.tag_mode!r}: use all or any.")
        set_("sources", _sorted_unique(self.sources, SOURCES, "source"))
        set_("statuses", _sorted_unique(self.statuses, STATUSES, "status"))
        set_("kinds", _sorted_unique(self.kinds, KINDS, "kind"))
        set_("ratings", _sorted_unique(self.ratings, (*RATINGS, UNRATED), "rating"))
        set_("creators", _sorted_unique(c.strip().lstrip("@").lower() for c in self.creators if c.strip().lstrip("@")))
        for name in ("after", "before"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, date):
                raise Rejected(f"{name} needs a date, not {value!r}.")
        set_("open_threads", bool(self.open_threads))
        set_("similar_to", tuple(dict.fromkeys(int(i) for i in self.similar_to)))  # order kept: the first leads
        if any(i < 1 for i in self.similar_to):
            raise Rejected("similar: needs asset ids, e.g. similar:42.")
        if self.after and self.before and self.after >= self.before:
            raise Rejected(f"after:{self.after} must come before before:{self.before}.")

    @property
    def active(self) -> bool:
        """Whether anything narrows the grid (the summary line shows only then)."""
        return self != Filters(tag_mode=self.tag_mode)

    @property
    def more_count(self) -> int:
        """How many of the More button's filters are on (source, rating, status, kind, creator, dates)."""
        more = ("sources", "ratings", "statuses", "kinds", "creators", "after", "before", "open_threads")
        return sum(bool(getattr(self, n)) for n in more)

    def without_text(self) -> "Filters":
        return replace(self, text="")


FILTER_FIELDS = tuple(f.name for f in fields(Filters))


def clamp_page_size(limit: int) -> int:
    if not 1 <= int(limit) <= MAX_PAGE_SIZE:
        raise Rejected(f"A page holds 1 to {MAX_PAGE_SIZE} assets, not {limit}.")
    return int(limit)
