"""The review pipeline as data: which status may follow which, and who may make each move."""

from __future__ import annotations

from dataclasses import dataclass

from dam.errors import DamError
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
