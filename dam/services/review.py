"""The review pipeline as data: which status may follow which, and who may make each move."""

from __future__ import annotations

from dataclasses import dataclass

from dam.errors import DamError
from dam.models import Asset
from dam.permissions import Actor
from dam.vocab import STATUS_LABELS


class IllegalTransition(DamError):
    """A status change the review pipeline does not allow."""


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: str  # the permission it needs
    needs_reason: bool = False


TRANSITIONS = (
    Transition("draft", "in_review", "asset.submit"),
    Transition("in_review", "draft", "asset.submit"),  # withdraw a submission to rework it
    Transition("in_review", "approved", "asset.review"),
    Transition("in_review", "rejected", "asset.review", needs_reason=True),
    Transition("rejected", "draft", "asset.submit"),
    Transition("rejected", "in_review", "asset.submit"),
    *(Transition(s, "archived", "asset.archive") for s in ("draft", "in_review", "approved", "rejected")),
)
# Archived goes back to whatever the asset was before (kept in status_before_archive), by a manager.
UNARCHIVE_ACTION = "asset.archive"


def may_make(actor: Actor, asset: Asset, transition: Transition) -> bool:
    """Whether the actor's role allows the move here; a submission is taken back only by its submitter or a manager."""
    if not actor.can(transition.action, asset.brand_id):
        return False
    withdraw = (transition.source, transition.target) == ("in_review", "draft")
    return not withdraw or asset.submitted_by == actor.user_id or actor.role(asset.brand_id) == "manager"


def moves_for(actor: Actor, asset: Asset) -> list[Transition]:
    """The moves the actor may make from the asset's status now (what the viewer's Info tab offers)."""
    if asset.status == "archived":
        back = find_transition("archived", asset.status_before_archive or "draft", asset.status_before_archive)
        return [back] if may_make(actor, asset, back) else []
    return [t for t in TRANSITIONS if t.source == asset.status and may_make(actor, asset, t)]


def find_transition(current: str, target: str, previous: str | None = None) -> Transition:
    """The allowed move from `current` to `target`, or IllegalTransition with a clear message."""
    if current == "archived" and target != "archived":
        if target == (previous or "draft"):
            return Transition("archived", target, UNARCHIVE_ACTION)
        raise IllegalTransition(
            f"An archived asset goes back to {STATUS_LABELS[previous or 'draft']}, not {STATUS_LABELS.get(target, target)}."
        )
    for transition in TRANSITIONS:
        if transition.source == current and transition.target == target:
            return transition
    raise IllegalTransition(
        f"Cannot move an asset from {STATUS_LABELS.get(current, current)} to {STATUS_LABELS.get(target, target)}."
    )
