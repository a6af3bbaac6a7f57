"""The line under the toolbar: what the grid is filtered by and how many assets match.

    >>> summary_line(Filters(statuses=("approved",), tags=("beach", "sunset")), 128)
    'Status: Approved · Tags: beach AND sunset · 128 results'
"""

from __future__ import annotations

from typing import Callable

from dam.query.filters import UNRATED, Filters
from dam.vocab import SOURCE_LABELS, STATUS_LABELS

KIND_LABELS = {"image": "Image", "video": "Video", "document": "Document"}


def _ratings(f: Filters) -> str:
    stars = [r for r in f.ratings if r != UNRATED]
    words = [f"{r} star{'s' if r > 1 else ''}" for r in stars] + (["Unrated"] if UNRATED in f.ratings else [])
    return ", ".join(words)


def _dates(f: Filters) -> str:
    if f.after and f.before:
        return f"{f.after.isoformat()} to before {f.before.isoformat()}"
    return f"on or after {f.after.isoformat()}" if f.after else f"before {f.before.isoformat()}"


# (label, shown when, how the value reads): the order of the parts in the line. Statuses, sources and kinds
# read in the product's own order (Draft before Approved), not alphabetically.
PARTS: tuple[tuple[str, Callable[[Filters], object], Callable[[Filters], str]], ...] = (
    ("Search", lambda f: f.text, lambda f: f"“{f.text}”"),
    ("Status", lambda f: f.statuses, lambda f: ", ".join(STATUS_LABELS[s] for s in STATUS_LABELS if s in f.statuses)),
    ("Tags", lambda f: f.tags, lambda f: (" AND " if f.tag_mode == "all" else " OR ").join(f.tags)),
    ("Campaign", lambda f: f.campaign, lambda f: str(f.campaign)),
    ("Source", lambda f: f.sources, lambda f: ", ".join(SOURCE_LABELS[s] for s in SOURCE_LABELS if s in f.sources)),
    ("Rating", lambda f: f.ratings, _ratings),
    ("Kind", lambda f: f.kinds, lambda f: ", ".join(KIND_LABELS[k] for k in KIND_LABELS if k in f.kinds)),
    ("Creator", lambda f: f.creators, lambda f: ", ".join(f"@{c}" for c in f.creators)),
    ("Added", lambda f: f.after or f.before, _dates),
    ("Threads", lambda f: f.open_threads, lambda f: "Open"),
)


def _similar(filters: Filters, names: list[str] | None) -> str:
    """`Similar to: cat.jpg` (`+ 2 more` for a selection); ids when the names are not given or not visible."""
    shown = names or [f"#{i}" for i in filters.similar_to]
    return shown[0] + (f" + {len(shown) - 1} more" if len(shown) > 1 else "")


def describe(filters: Filters, similar_names: list[str] | None = None) -> list[str]:
    """One `Label: value` per active filter, in toolbar order; Similar to (the grid's order) comes first."""
    first = [f"Similar to: {_similar(filters, similar_names)}"] if filters.similar_to else []
    return first + [f"{label}: {fmt(filters)}" for label, shown, fmt in PARTS if shown(filters)]


def results(total: int) -> str:
    return f"{total:,} result{'' if total == 1 else 's'}"


def summary_line(filters: Filters, total: int, similar_names: list[str] | None = None) -> str:
    return " · ".join([*describe(filters, similar_names), results(total)])
