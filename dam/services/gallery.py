"""The Gallery: a generations-only view (source Generated) for browsing what the studio has created.

Newest first, flat or grouped by prompt or by input asset; filtered by model, campaign, words of the prompt or
name, and anything the Library's toolbar can say. What the actor sees follows the Library exactly: members
only, drafts only for their creator and the brand's managers, never the trash.

    q = GalleryQuery(model="sdxl", campaign_id=3, search="dunes")
    page, total = gallery.page(library, actor, brand_id, q, limit=60, cursor=None)      # flat, like the grid
    view = gallery.grouped(library, actor, brand_id, q, by="prompt", limit=20, offset=0)  # or by="input"
    view.groups[0].label, .count, .items (newest few), .input (the input Asset, or None); view.next_offset
    gallery.models(library, actor, brand_id) -> [("sdxl", 41), ("flux-dev", 12)]         # the model filter's options

Items are dam.query.Item cards, as the Library's grid shows them; the viewer opens them as usual.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from dam.errors import Rejected
from dam.library import Library
from dam.models import Asset
from dam.permissions import Actor, can_see
from dam.query import Filters, Item, Page, run_grid
from dam.query.compile import Clause
from dam.query.groups import groups, model_counts
from dam.repos import assets, campaigns
from dam.services.scopes import scope_for

GROUPINGS = ("prompt", "input")
# A search word of the Gallery: in the prompt or the name, any case (strpos: the word is data, never a pattern).
WORD_IN_PROMPT_OR_NAME = "(strpos(lower(coalesce(a.prompt, '')), ?) > 0 OR strpos(lower(a.name), ?) > 0)"
MAX_GROUPS = 100
MAX_PER_GROUP = 48


@dataclass(frozen=True)
class GalleryQuery:
    """What the Gallery is narrowed to. `filters` are the Library's (its source and search text are ignored)."""

    model: str | None = None
    campaign_id: int | None = None
    search: str = ""  # every word must appear in the prompt or the name (any case)
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True)
class GalleryGroup:
    key: str | int | None  # the prompt ('' for none), or the input asset's id (None for none)
    label: str
    input: Asset | None  # grouped by input: that asset, when the actor may see it
    count: int
    newest_at: datetime
    items: list[Item]


@dataclass(frozen=True)
class GalleryGroups:
    groups: list[GalleryGroup]
    total_groups: int
    next_offset: int | None


def _narrowed(library: Library, actor: Actor, brand_id: int, query: GalleryQuery):
    """The scope, filters and extra clauses that select the query's generations."""
    scope = scope_for(actor, brand_id)
    filters = replace(query.filters, sources=("generated",), text="")
    if query.campaign_id is not None:
        campaign = campaigns.by_id(library.catalog.cursor(), query.campaign_id)
        if campaign.brand_id != brand_id:
            raise Rejected("That campaign belongs to another brand.")
        filters = replace(filters, campaign=campaign.name)
    extra: list[Clause] = []
    if query.model and query.model.strip():
        extra.append(Clause("lower(a.model) = ?", (query.model.strip().lower(),)))
    for word in query.search.lower().split():
        extra.append(Clause(WORD_IN_PROMPT_OR_NAME, (word, word)))
    return scope, filters, tuple(extra)


def page(library: Library, actor: Actor, brand_id: int, query: GalleryQuery | None = None, *, limit: int = 60,
         cursor: str | None = None) -> tuple[Page, int]:  # fmt: skip
    """One page of generations, newest first, and how many there are; pass `next_cursor` back for more."""
    scope, filters, extra = _narrowed(library, actor, brand_id, query or GalleryQuery())
    return run_grid(library, scope, filters, limit=limit, cursor=cursor, extra=extra)


def grouped(library: Library, actor: Actor, brand_id: int, query: GalleryQuery | None = None, *, by: str = "prompt",
            limit: int = 20, offset: int = 0, per_group: int = 8) -> GalleryGroups:  # fmt: skip
    """Generations in groups (same prompt, or same input asset), the group with the newest first."""
    if by not in GROUPINGS:
        raise Rejected(f"The Gallery groups by prompt or by input, not {by!r}.")
    if not 1 <= limit <= MAX_GROUPS or not 1 <= per_group <= MAX_PER_GROUP or offset < 0:
        raise Rejected(f"Ask for 1 to {MAX_GROUPS} groups of 1 to {MAX_PER_GROUP} assets.")
    scope, filters, extra = _narrowed(library, actor, brand_id, query or GalleryQuery())
    found, total = groups(library, scope, filters, by, extra=extra, limit=limit, offset=offset, per_group=per_group)
    inputs = {}
    if by == "input":
        inputs = {a.id: a for a in assets.many(library.catalog.cursor(), [g.key for g in found if g.key is not None])
                  if can_see(actor, a)}  # fmt: skip
    shown = [GalleryGroup(g.key, _label(by, g.key, inputs), inputs.get(g.key), g.count, g.newest_at, g.items)
             for g in found]  # fmt: skip
    more = offset + len(found) < total
    return GalleryGroups(shown, total, offset + len(found) if more else None)


def _label(by: str, key, inputs: dict[int, Asset]) -> str:
    if by == "prompt":
        return key or "No prompt"
    if key is None:
        return "No input asset"
    return inputs[key].name if key in inputs else "An asset you cannot see"


def models(library: Library, actor: Actor, brand_id: int) -> list[tuple[str, int]]:
    """The models behind the brand's generations the actor sees, most used first."""
    scope, filters, extra = _narrowed(library, actor, brand_id, GalleryQuery())
    return model_counts(library, scope, filters, extra=extra)
