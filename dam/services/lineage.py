"""Generation lineage both ways: what an asset was made from and what was made from it, as far as the actor sees.

    chain = lineage.chain(library, actor, asset_id, depth=3)
    chain.asset                       # the asset itself (NotFound unless the actor may see it)
    chain.generation                  # its prompt, negative prompt, model, seed and parameters (None if it has none)
    chain.made_from, chain.used_in    # [Step(asset, depth, via)], nearest first, each asset once
    chain.hidden_made_from, chain.hidden_used_in   # how many links lead to assets the actor may not see
    chain.guided_by                   # the brand anchors its generation request attached (those the actor sees)
    chain.request_id                  # the queue request that made it, if one did

The walk never goes through an asset the actor may not see: what lies behind it stays unknown too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dam.errors import Rejected
from dam.library import Library
from dam.models import Asset
from dam.permissions import Actor, can_see, require_visible
from dam.repos import assets, generation_requests, lineage

MAX_DEPTH = 10


@dataclass(frozen=True)
class Generation:
    prompt: str | None
    negative_prompt: str | None
    model: str | None
    seed: int | None
    params: dict[str, Any]


@dataclass(frozen=True)
class Step:
    asset: Asset
    depth: int  # 1: a direct input (or direct result), 2: one further, ...
    via: int  # the asset one step nearer that links to it


@dataclass(frozen=True)
class Lineage:
    asset: Asset
    generation: Generation | None
    made_from: list[Step]
    used_in: list[Step]
    hidden_made_from: int
    hidden_used_in: int
    guided_by: list[Asset]
    request_id: int | None


def generation_of(asset: Asset) -> Generation | None:
    """The generation details an asset records (None when it records none)."""
    if not any((asset.prompt, asset.negative_prompt, asset.model, asset.seed is not None, asset.gen_params)):
        return None
    try:
        params = json.loads(asset.gen_params) if asset.gen_params else {}
    except json.JSONDecodeError:
        params = {"raw": asset.gen_params}  # imported as text that is not JSON: shown as it is
    return Generation(asset.prompt, asset.negative_prompt, asset.model, asset.seed, params)


def _walk(con, actor: Actor, start: Asset, links, depth: int) -> tuple[list[Step], int]:
    """Breadth-first along `links` (inputs or results) from `start`, stopping at assets the actor cannot see."""
    seen, steps, hidden = {start.id}, [], 0
    frontier = [start.id]
    for level in range(1, depth + 1):
        linked = links(con, frontier)
        pairs = [(near, far) for near in frontier for far in linked.get(near, []) if far not in seen]
        found = {a.id: a for a in assets.many(con, list(dict.fromkeys(far for _, far in pairs)))}
        frontier = []
        for near, far in pairs:
            if far in seen:
                continue
            seen.add(far)
            asset = found.get(far)
            if asset is None or not can_see(actor, asset):
                hidden += asset is not None
                continue
            steps.append(Step(asset, level, near))
            frontier.append(far)
        if not frontier:
            break
    return steps, hidden


def chain(library: Library, actor: Actor, asset_id: int, depth: int = 3) -> Lineage:
    """The asset's lineage up to `depth` steps each way."""
    if not 1 <= depth <= MAX_DEPTH:
        raise Rejected(f"Lineage goes 1 to {MAX_DEPTH} steps deep.")
    con = library.catalog.cursor()
    asset = assets.get(con, asset_id)
    require_visible(actor, asset)
    made_from, hidden_from = _walk(con, actor, asset, lineage.inputs_of, depth)
    used_in, hidden_in = _walk(con, actor, asset, lineage.used_in, depth)
    request = generation_requests.that_made(con, asset_id)
    guided_by = [a for a in assets.many(con, request.anchor_ids) if can_see(actor, a)] if request else []
    return Lineage(asset, generation_of(asset), made_from, used_in, hidden_from, hidden_in, guided_by,
                   request.id if request else None)  # fmt: skip
