"""Duplicates in a brand: exact twins, then visual near-duplicates, with a suggestion of which to keep and a merge.

A merge keeps one asset, gives it the tags, collections, campaigns, best rating and comments of the others, and
trashes the others, in one transaction recorded as one `asset.merge` event whose `after` holds exactly what was
added and moved; `undo_merge` reads it back: restores the trashed assets and takes away what was added.
"""

from __future__ import annotations

from dataclasses import dataclass

from dam import indexing
from dam.errors import NotFound, Rejected
from dam.library import Library
from dam.models import Asset
from dam.permissions import Actor, can_see, require, require_visible
from dam.repos import assets, duplicates, embeddings, events
from dam.similar import groups
from dam.similar.embedders import by_name, require_current
from dam.similar.thresholds import DUPLICATE_THRESHOLD


@dataclass(frozen=True)
class Group:
    """Assets that are copies of one another; `keep` is the suggested one to keep and why."""

    reason: str  # "same file" or "looks the same"
    asset_ids: list[int]
    keep: int
    keep_because: str
    score: float | None = None  # the lowest pair score that joined the group (visual groups)


def _best(members: list[Asset]) -> tuple[int, str]:
    """Approved over not, then highest rated, then most pixels, then biggest file, then oldest."""
    ranked = sorted(members, key=lambda a: (a.status != "approved", -(a.rating or 0), -((a.width or 0) * (a.height or 0)),
                                            -a.byte_size, a.id))  # fmt: skip
    best = ranked[0]
    others = ranked[1:]
    if best.status == "approved" and any(a.status != "approved" for a in others):
        why = "approved"
    elif any((a.rating or 0) < (best.rating or 0) for a in others):
        why = "highest rated"
    elif any((a.width or 0) * (a.height or 0) < (best.width or 0) * (best.height or 0) for a in others):
        why = "largest"
    else:
        why = "oldest"
    return best.id, why


def find(library: Library, actor: Actor, brand_id: int, *, embedder: str = "descriptor",
         threshold: float | None = None) -> list[Group]:  # fmt: skip
    """Duplicate groups among the brand's live assets the actor may see: exact twins first, then visual."""
    require(actor, "asset.view", brand_id)
    con = library.catalog.cursor()
    require_current(con, embedder)
    ids, matrix = embeddings.load(con, embedder, brand_id)
    visible = {a.id: a for a in assets.many(con, [int(i) for i in ids]) if a.deleted_at is None and can_see(actor, a)}
    found: list[Group] = []
    twins_seen: set[int] = set()
    for twins in embeddings.sha_twins(con, brand_id):
        members = [visible[i] for i in twins if i in visible]
        if len(members) > 1:
            found.append(Group("same file", [a.id for a in members], *_best(members)))
            twins_seen.update(a.id for a in members)
    keep_rows = [n for n, i in enumerate(ids) if int(i) in visible]
    kept = matrix[keep_rows]
    pairs = groups.close_pairs(ids[keep_rows], kept, threshold or DUPLICATE_THRESHOLD[embedder],
                               by_name(embedder).mirror(kept))  # fmt: skip
    scores = {(a, b): s for a, b, s in pairs}
    for group in groups.join(pairs):
        if set(group) <= twins_seen:
            continue
        members = [visible[i] for i in group]
        lowest = min(s for (a, b), s in scores.items() if a in group)
        found.append(Group("looks the same", group, *_best(members), score=round(lowest, 4)))
    return found


def merge(library: Library, actor: Actor, keep_id: int, other_ids: list[int]) -> int:
    """Keep one asset, move the others' tags, collections, campaigns, rating and comments onto it, trash them.

    Returns the id of the merge event (what `undo_merge` takes).
    """
    others = [int(i) for i in dict.fromkeys(other_ids) if int(i) != int(keep_id)]
    if not others:
        raise Rejected("Choose at least one duplicate to merge into the one you keep.")
    with library.catalog.transaction() as con:
        keep = assets.get(con, keep_id)
        require_visible(actor, keep)
        require(actor, "asset.edit", keep.brand_id)
        require(actor, "asset.delete", keep.brand_id)
        rest = assets.many(con, others)
        if len(rest) != len(others) or any(a.brand_id != keep.brand_id or a.deleted_at is not None for a in rest):
            raise Rejected("Duplicates merge only live assets of the same brand.")
        for asset in rest:
            require_visible(actor, asset)
        had = duplicates.links(con, [keep.id])
        theirs = duplicates.links(con, others)
        added = {table: sorted(theirs[table] - had[table]) for table in duplicates.LINKS}
        duplicates.add_links(con, keep.id, added)
        comments = duplicates.comment_owners(con, others)
        duplicates.move_comments(con, list(comments), keep.id)
        best_rating = max([a.rating or 0 for a in rest] + [keep.rating or 0]) or None
        now = events.utcnow()
        assets.update(con, keep.id, {"rating": best_rating, "updated_at": now})
        for asset in rest:
            assets.update(con, asset.id, {"deleted_at": now, "deleted_by": actor.user_id})
        before = {"rating": keep.rating, "trashed": []}
        after = {"rating": best_rating, "trashed": others, "added": added,
                 "comments": {str(c): a for c, a in comments.items()}}  # fmt: skip
        events.record(con, actor_id=actor.user_id, action="asset.merge", entity="asset", entity_id=keep.id,
                      brand_id=keep.brand_id, before=before, after=after)  # fmt: skip
        event_id = events.for_entity(con, "asset", keep.id)[-1]["id"]
    indexing.after_change(library, [keep.id, *others])
    return int(event_id)


def undo_merge(library: Library, actor: Actor, keep_id: int) -> None:
    """Undo the latest merge into this asset: restore the trashed ones, take back what was moved onto it."""
    with library.catalog.transaction() as con:
        keep = assets.get(con, keep_id)
        require_visible(actor, keep)
        require(actor, "asset.restore", keep.brand_id)
        merges = [e for e in events.for_entity(con, "asset", keep.id) if e["action"] in ("asset.merge", "asset.unmerge")]
        if not merges or merges[-1]["action"] != "asset.merge":
            raise NotFound("This asset has no merge to undo.")
        done = merges[-1]["after"]
        duplicates.remove_links(con, keep.id, {t: ids for t, ids in done["added"].items() if ids})
        for comment_id, asset_id in done["comments"].items():
            duplicates.move_comments(con, [int(comment_id)], int(asset_id))
        now = events.utcnow()
        assets.update(con, keep.id, {"rating": merges[-1]["before"]["rating"], "updated_at": now})
        for asset_id in done["trashed"]:
            assets.update(con, asset_id, {"deleted_at": None, "deleted_by": None})
        events.record(con, actor_id=actor.user_id, action="asset.unmerge", entity="asset", entity_id=keep.id,
                      brand_id=keep.brand_id, before=done, after={"restored": done["trashed"]})  # fmt: skip
    indexing.after_change(library, [keep.id, *done["trashed"]])
