"""The collections tree: nested collections with counts, selection, asset drops and drag to re-parent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dam.ui.components._base import as_ids, as_int, declare, define

_mount = define("collection_tree", js=("tree.js",), css=("tree.css",))


@dataclass(frozen=True)
class AssetDrop:
    """Assets dragged from the grid and dropped on a collection: file them there."""

    collection_id: int
    asset_ids: list[int]


@dataclass(frozen=True)
class Reparent:
    """A collection dragged onto another (or onto "Move to top level", parent_id None)."""

    id: int
    parent_id: int | None


@dataclass(frozen=True)
class TreeEvents:
    """What the user did in the tree during this run; every field is None when nothing happened."""

    select: int | None = None
    drop: AssetDrop | None = None
    reparent: Reparent | None = None


def collection_tree(
    nodes: Sequence[Mapping[str, Any]],
    *,
    selected_id: int | None,
    key: str,
    draggable_nodes: bool = False,
) -> TreeEvents:
    """Show the collections as a nested tree and report selections and drops.

    Each node is a dict with: id, parent_id (None at the top level), name, count (assets directly in it) and
    rollup (including nested collections). The tree keeps which folders are open across reruns and opens the
    ancestors of `selected_id` whenever it changes. Rows accept assets dragged from the asset grid. With
    `draggable_nodes`, rows can be dragged onto another row or a "Move to top level" zone; moving a collection
    under itself or one of its descendants is refused in the browser (the service must still check).
    """
    result = _mount(
        key=key,
        data={
            "nodes": [dict(node) for node in nodes],
            "selected_id": selected_id,
            "draggable_nodes": bool(draggable_nodes),
        },
        **declare("select", "drop", "reparent"),
    )
    drop = result.drop if isinstance(result.drop, dict) else None
    move = result.reparent if isinstance(result.reparent, dict) else None
    drop_target = as_int(drop.get("collection_id")) if drop else None
    moved = as_int(move.get("id")) if move else None
    return TreeEvents(
        select=as_int(result.select),
        drop=AssetDrop(drop_target, as_ids(drop.get("asset_ids"))) if drop and drop_target is not None else None,
        reparent=Reparent(moved, as_int(move.get("parent_id"))) if move and moved is not None else None,
    )
