"""Use as input: asking for a generation, and following the queue. The worker (dam/generate/worker.py) runs it.

Creators and managers request generations (`asset.use_as_input`); a request names its brand, the input assets
(the starting images, from that brand), the prompt and settings, and where results go. The brand's pinned
anchors are attached as guidance. People follow their own requests; managers see every request of their brands
(`generation.manage`) and may retry any failed one.

    status = generation.generator_status(library)      # GeneratorStatus(configured, backend, message)
    req = generation.request(library, actor, brand_id, [asset_id], "dunes at dusk, film grain",
                             negative_prompt="people", model="sdxl", seed=42, params={"steps": 30},
                             campaign_id=3, collection_id=7, use_anchors=True)    # -> GenerationRequest (queued)
    generation.list_requests(library, actor, brand_id=None, statuses=("failed",), limit=50) -> [GenerationRequest]
    generation.get(library, actor, request_id) -> GenerationRequest
    generation.retry(library, actor, request_id) -> GenerationRequest      # a failed one, queued again

A GenerationRequest's status is queued, running, failed (with `message`) or done (with `result_ids`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

from dam.errors import NotFound, Rejected
from dam.generate import worker
from dam.generate.backend import configured
from dam.library import Library
from dam.permissions import Actor, require, require_visible
from dam.repos import assets, campaigns, collections, events
from dam.repos import generation_requests as queue
from dam.repos.generation_requests import STATUSES, GenerationRequest
from dam.services.brand_kit import anchors as brand_anchors

MAX_PROMPT = 4_000
MAX_INPUTS = 16
MAX_PARAMS_BYTES = 16_384
MAX_MODEL = 200


@dataclass(frozen=True)
class GeneratorStatus:
    configured: bool
    backend: str | None  # e.g. the server's URL
    message: str  # one line for the Generate panel


def generator_status(library: Library) -> GeneratorStatus:
    """Whether generations can run, and a line saying so."""
    try:
        backend = configured(library.settings)
    except Rejected as exc:  # a malformed DAM_GENERATOR_URL
        return GeneratorStatus(False, None, str(exc))
    if backend is None:
        return GeneratorStatus(False, None, "No generator is configured: an admin sets DAM_GENERATOR_URL to a "
                               "self-hosted image generation server.")  # fmt: skip
    return GeneratorStatus(True, backend.describe(), f"Generations run on {backend.describe()}.")


def _text(value: str | None, what: str, limit: int) -> str | None:
    if value is None:
        return None
    text = value.replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise Rejected(f"The {what} is longer than {limit:,} characters.")
    return text or None


def _params(params: dict[str, Any] | None) -> str | None:
    if not params:
        return None
    if not isinstance(params, dict):
        raise Rejected("Generation parameters are a set of names and values (a JSON object).")
    try:
        text = json.dumps(params, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        raise Rejected("Generation parameters must be plain JSON values (text, numbers, true/false, lists).") from None
    if len(text.encode()) > MAX_PARAMS_BYTES:
        raise Rejected(f"Generation parameters are larger than {MAX_PARAMS_BYTES // 1024} KiB.")
    return text


def _seed(seed: int | None) -> int | None:
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, int) or not -(2**63) <= seed < 2**63:
        raise Rejected(f"A seed is a whole number (a 64-bit integer), not {seed!r}.")
    return seed


def _checked_inputs(con, actor: Actor, brand_id: int, input_ids: Iterable[int]) -> list[int]:
    wanted = list(dict.fromkeys(int(i) for i in input_ids))
    if len(wanted) > MAX_INPUTS:
        raise Rejected(f"A generation starts from at most {MAX_INPUTS} assets.")
    found = {a.id: a for a in assets.many(con, wanted)}
    for asset_id in wanted:
        asset = found.get(asset_id)
        if asset is None:
            raise NotFound(f"No asset with id {asset_id}.")
        require_visible(actor, asset)
        if asset.brand_id != brand_id:
            raise Rejected(f"“{asset.name}” belongs to another brand: use inputs from the brand you generate for.")
        if asset.deleted_at is not None:
            raise Rejected(f"“{asset.name}” is in the trash.")
        if not worker.has_picture(asset):
            raise Rejected(f"“{asset.name}” has no picture to start from.")
    return wanted


def _checked_target(con, brand_id: int, campaign_id: int | None, collection_id: int | None) -> None:
    if campaign_id is not None:
        campaign = campaigns.by_id(con, campaign_id)
        if campaign.brand_id != brand_id:
            raise Rejected("That campaign belongs to another brand.")
        if campaign.archived:
            raise Rejected(f"The campaign {campaign.name!r} is archived.")
    if collection_id is not None and collections.by_id(con, collection_id).brand_id != brand_id:
        raise Rejected("That collection belongs to another brand.")


def request(library: Library, actor: Actor, brand_id: int, input_ids: Iterable[int], prompt: str, *,
            negative_prompt: str | None = None, model: str | None = None, seed: int | None = None,
            params: dict[str, Any] | None = None, campaign_id: int | None = None, collection_id: int | None = None,
            use_anchors: bool = True) -> GenerationRequest:  # fmt: skip
    """Queue a generation from the input assets and the prompt; the brand's anchors go along unless told not to."""
    require(actor, "asset.use_as_input", brand_id)
    status = generator_status(library)
    if not status.configured:
        raise Rejected(status.message)
    text = _text(prompt, "prompt", MAX_PROMPT)
    if not text:
        raise Rejected("A generation needs a prompt.")
    con = library.catalog.cursor()
    fields = {
        "brand_id": brand_id, "requested_by": actor.user_id, "requested_at": events.utcnow(),
        "input_ids": _checked_inputs(con, actor, brand_id, input_ids),
        "anchor_ids": [a.id for a in brand_anchors(library, actor, brand_id)] if use_anchors else [],
        "prompt": text, "negative_prompt": _text(negative_prompt, "negative prompt", MAX_PROMPT),
        "model": _text(model, "model name", MAX_MODEL), "seed": _seed(seed), "gen_params": _params(params),
        "campaign_id": campaign_id, "collection_id": collection_id,
    }  # fmt: skip
    _checked_target(con, brand_id, campaign_id, collection_id)
    with library.catalog.transaction() as con:
        created = queue.insert(con, fields)
        events.record(con, actor_id=actor.user_id, action="generation.request", entity="generation",
                      entity_id=created.id, brand_id=brand_id, after=created.as_json())  # fmt: skip
    worker.wake(library)
    return created


def _may_follow(actor: Actor, found: GenerationRequest) -> bool:
    return found.requested_by == actor.user_id or actor.can("generation.manage", found.brand_id)


def get(library: Library, actor: Actor, request_id: int) -> GenerationRequest:
    """One request: its requester's, or any of a brand the actor manages."""
    found = queue.get(library.catalog.cursor(), request_id)
    if actor.role(found.brand_id) is None or not _may_follow(actor, found):
        raise NotFound(f"No generation request with id {request_id}.")
    return found


def list_requests(library: Library, actor: Actor, brand_id: int | None = None, *, statuses: tuple[str, ...] = (),
             limit: int = 50) -> list[GenerationRequest]:  # fmt: skip
    """Requests the actor may follow, newest first: their own, and all of the brands they manage."""
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        raise Rejected(f"Unknown status {bad[0]!r}: use one of {', '.join(STATUSES)}.")
    if not 1 <= limit <= 500:
        raise Rejected("List 1 to 500 requests.")
    if brand_id is not None:
        require(actor, "asset.view", brand_id)
    brand_ids = [brand_id] if brand_id is not None else actor.brand_ids()
    con = library.catalog.cursor()
    managed = [b for b in brand_ids if actor.can("generation.manage", b)]
    mine = queue.listing(con, brand_ids, requested_by=actor.user_id, statuses=statuses, limit=limit)
    theirs = queue.listing(con, managed, statuses=statuses, limit=limit) if managed else []
    merged = {r.id: r for r in [*mine, *theirs]}
    return sorted(merged.values(), key=lambda r: -r.id)[:limit]


def retry(library: Library, actor: Actor, request_id: int) -> GenerationRequest:
    """Queue a failed request again, as it was asked."""
    found = get(library, actor, request_id)
    require(actor, "asset.use_as_input", found.brand_id)
    if found.status != "failed":
        raise Rejected(f"Only a failed request can be retried; this one is {found.status}.")
    with library.catalog.transaction() as con:
        queue.requeue(con, request_id)
        events.record(con, actor_id=actor.user_id, action="generation.retry", entity="generation",
                      entity_id=request_id, brand_id=found.brand_id,
                      before={"status": "failed", "message": found.message}, after={"status": "queued"})  # fmt: skip
    worker.wake(library)
    return queue.get(library.catalog.cursor(), request_id)
