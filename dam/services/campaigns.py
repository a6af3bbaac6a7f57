"""Campaigns per brand: create, rename, edit, archive and unarchive; a campaign's assets and its progress.

Members see campaigns (`campaign.view`); managers manage them (`campaign.manage`). Names are unique per brand
(ignoring case). Assets are assigned with dam/services/assets.assign_campaign.

    campaigns.list_campaigns(library, actor, brand_id, include_archived=False) -> [Campaign]
    campaigns.get(library, actor, campaign_id) -> Campaign
    campaigns.create(library, actor, brand_id, "Summer 26", starts_on=date(2026, 6, 1), ends_on=None,
                     description="") -> Campaign
    campaigns.rename(library, actor, campaign_id, "Summer 2026") -> Campaign   # saved searches follow the rename
    campaigns.edit(library, actor, campaign_id, ends_on=date(2026, 8, 31), description="...") -> Campaign
    campaigns.set_archived(library, actor, campaign_id, True) -> Campaign
    campaigns.progress(library, actor, campaign_id) -> Progress              # counts by review status
    campaigns.filters_for(library, actor, campaign_id, base=Filters()) -> Filters   # for the Library's grid
    campaigns.assets_page(library, actor, campaign_id, filters, limit=60, cursor=None) -> (Page, total)

Everything the actor is shown goes through the query engine with their Scope, so drafts of others stay hidden
from creators and viewers, in the grid and in the counts alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from dam.errors import Conflict, Rejected
from dam.library import Library
from dam.models import Campaign
from dam.permissions import Actor, require
from dam.query import Filters, Page, parse, run_grid, serialize
from dam.query.groups import status_counts
from dam.repos import campaigns, events, saved_searches
from dam.services.scopes import scope_for
from dam.vocab import STATUSES

MAX_DESCRIPTION = 5_000


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED = _Unchanged()  # `edit` leaves a field alone when given this (its default)


@dataclass(frozen=True)
class Progress:
    """A campaign's assets by review status, as far as the actor may see them."""

    counts: dict[str, int]  # every status in the pipeline's order, zeros included

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def approved(self) -> int:
        return self.counts["approved"]

    @property
    def to_approve(self) -> int:
        """Still on the way: drafts, in review and rejected (archived assets are out of the running)."""
        return self.counts["draft"] + self.counts["in_review"] + self.counts["rejected"]

    @property
    def share_approved(self) -> float:
        """Approved among the assets still in the running (0.0 for an empty campaign)."""
        running = self.approved + self.to_approve
        return self.approved / running if running else 0.0


def _date(value, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()) if str(value).strip() else None
    except ValueError:
        raise Rejected(f"The {what} date {value!r} is not a date: write it like 2026-06-01.") from None


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise Rejected(f"A campaign cannot end ({ends_on}) before it starts ({starts_on}).")


def _description(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_DESCRIPTION:
        raise Rejected(f"A campaign description holds up to {MAX_DESCRIPTION:,} characters.")
    return text


def _fields(campaign: Campaign) -> dict:
    return {"name": campaign.name, "description": campaign.description, "starts_on": campaign.starts_on,
            "ends_on": campaign.ends_on, "archived_at": campaign.archived_at}  # fmt: skip


def list_campaigns(library: Library, actor: Actor, brand_id: int, *, include_archived: bool = False) -> list[Campaign]:
    """The brand's campaigns by name; archived ones only when asked for."""
    require(actor, "campaign.view", brand_id)
    return campaigns.for_brand(library.catalog.cursor(), brand_id, include_archived=include_archived)


def get(library: Library, actor: Actor, campaign_id: int) -> Campaign:
    """One campaign of a brand the actor belongs to."""
    campaign = campaigns.by_id(library.catalog.cursor(), campaign_id)
    require(actor, "campaign.view", campaign.brand_id)
    return campaign


def create(library: Library, actor: Actor, brand_id: int, name: str, *, starts_on: date | str | None = None,
           ends_on: date | str | None = None, description: str = "") -> Campaign:  # fmt: skip
    """A new campaign; dates as dates or ISO text, the end not before the start."""
    require(actor, "campaign.manage", brand_id)
    name = campaigns.clean_name(name)
    starts, ends = _date(starts_on, "start"), _date(ends_on, "end")
    _check_dates(starts, ends)
    with library.catalog.transaction() as con:
        if campaigns.by_name(con, brand_id, name) is not None:
            raise Conflict(f"A campaign named {name!r} already exists in this brand.")
        campaign = campaigns.create(con, brand_id, name, description=_description(description), starts_on=starts,
                                    ends_on=ends)  # fmt: skip
        events.record(con, actor_id=actor.user_id, action="campaign.create", entity="campaign", entity_id=campaign.id,
                      brand_id=brand_id, after=_fields(campaign))  # fmt: skip
    return campaign


def _change(library: Library, actor: Actor, campaign_id: int, action: str, change) -> Campaign:
    """Load, check, change and record one campaign in one transaction; `change(con, campaign)` gives new fields."""
    with library.catalog.transaction() as con:
        campaign = campaigns.by_id(con, campaign_id)
        require(actor, "campaign.manage", campaign.brand_id)
        before = _fields(campaign)
        after = change(con, campaign)
        if after == before:
            return campaign
        updated = campaigns.update(con, campaign_id, **after)
        changed = [k for k in after if after[k] != before[k]]
        events.record(con, actor_id=actor.user_id, action=action, entity="campaign", entity_id=campaign_id,
                      brand_id=campaign.brand_id, before={k: before[k] for k in changed},
                      after={k: after[k] for k in changed})  # fmt: skip
    return updated


def rename(library: Library, actor: Actor, campaign_id: int, new_name: str) -> Campaign:
    """Rename a campaign; the brand's saved searches that name it are rewritten to the new name."""
    name = campaigns.clean_name(new_name)

    def change(con, campaign):
        clash = campaigns.by_name(con, campaign.brand_id, name)
        if clash is not None and clash.id != campaign.id:
            raise Conflict(f"A campaign named {name!r} already exists in this brand.")
        _follow_rename(con, campaign, name)
        return _fields(campaign) | {"name": name}

    return _change(library, actor, campaign_id, "campaign.rename", change)


def _follow_rename(con, campaign: Campaign, name: str) -> None:
    """Saved searches name campaigns in their text form: point them at the new name."""
    for saved in saved_searches.for_brand(con, campaign.brand_id):
        try:
            filters = parse(saved.query)
        except Rejected:
            continue  # a saved search that no longer reads is left for its owner to fix
        if filters.campaign and filters.campaign.lower() == campaign.name.lower():
            saved_searches.update_query(con, saved.id, serialize(replace(filters, campaign=name)))


def edit(library: Library, actor: Actor, campaign_id: int, *, starts_on=UNCHANGED, ends_on=UNCHANGED,
         description=UNCHANGED) -> Campaign:  # fmt: skip
    """Change a campaign's dates (None clears one) or description; fields not given stay as they are."""

    def change(con, campaign):
        after = _fields(campaign)
        if starts_on is not UNCHANGED:
            after["starts_on"] = _date(starts_on, "start")
        if ends_on is not UNCHANGED:
            after["ends_on"] = _date(ends_on, "end")
        if description is not UNCHANGED:
            after["description"] = _description(description)
        _check_dates(after["starts_on"], after["ends_on"])
        return after

    return _change(library, actor, campaign_id, "campaign.edit", change)


def set_archived(library: Library, actor: Actor, campaign_id: int, archived: bool) -> Campaign:
    """Archive a campaign (it leaves the pickers; its assets keep it) or bring it back."""
    now = events.utcnow()

    def change(con, campaign):
        if campaign.archived == archived:
            return _fields(campaign)
        return _fields(campaign) | {"archived_at": now if archived else None}

    return _change(library, actor, campaign_id, "campaign.archive" if archived else "campaign.unarchive", change)


def filters_for(library: Library, actor: Actor, campaign_id: int, base: Filters | None = None) -> Filters:
    """The Library's filters narrowed to this campaign (what a campaign page hands the grid)."""
    return replace(base or Filters(), campaign=get(library, actor, campaign_id).name)


def assets_page(library: Library, actor: Actor, campaign_id: int, filters: Filters | None = None, *,
                limit: int = 60, cursor: str | None = None) -> tuple[Page, int]:  # fmt: skip
    """A page of the campaign's assets the actor may see, with the same filters as the Library, and the total."""
    campaign = get(library, actor, campaign_id)
    wanted = replace(filters or Filters(), campaign=campaign.name)
    return run_grid(library, scope_for(actor, campaign.brand_id), wanted, limit=limit, cursor=cursor)


def progress(library: Library, actor: Actor, campaign_id: int) -> Progress:
    """How far the campaign is from approved: its assets (that the actor may see) by review status."""
    campaign = get(library, actor, campaign_id)
    found = status_counts(library, scope_for(actor, campaign.brand_id), Filters(campaign=campaign.name))
    return Progress({status: found.get(status, 0) for status in STATUSES})
