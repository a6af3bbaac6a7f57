"""Every thread operation as every role, on a visible asset and on a draft: exactly the allowed ones succeed."""

from __future__ import annotations

import pytest

from dam.errors import DamError, NotFound
from dam.services import thread_view, threads
from tests.factories import make_user

ROLES = ("viewer", "creator", "manager", "outsider")


def operations(studio, asset_id: int):
    """name -> a call as `who`, each on a fresh comment by `who` or by someone else who can see the asset."""
    lib = studio.library

    def by_other(who):
        author = studio.creator if who == studio.manager else studio.manager
        return threads.post(lib, author, asset_id, "by someone else")

    return {
        "read": lambda who: thread_view.load(lib, who, asset_id),
        "post": lambda who: threads.post(lib, who, asset_id, "hello"),
        "reply": lambda who: threads.post(lib, who, asset_id, "re", parent_id=by_other(who)),
        "react": lambda who: threads.react(lib, who, by_other(who), "👀"),
        "edit own": lambda who: threads.edit(lib, who, threads.post(lib, who, asset_id, "a"), "b"),
        "delete own": lambda who: threads.delete(lib, who, threads.post(lib, who, asset_id, "a")),
        "edit others'": lambda who: threads.edit(lib, who, by_other(who), "changed"),
        "delete others'": lambda who: threads.delete(lib, who, by_other(who)),
        "resolve": lambda who: (by_other(who), threads.resolve(lib, who, asset_id)),
        "mention list": lambda who: thread_view.mention_candidates(lib, who, asset_id),
    }


ALLOWED_ON_APPROVED = {
    "viewer": {"read", "post", "reply", "react", "edit own", "delete own", "mention list"},
    "creator": {"read", "post", "reply", "react", "edit own", "delete own", "resolve", "mention list"},
    "manager": {"read", "post", "reply", "react", "edit own", "delete own", "delete others'", "resolve", "mention list"},
    "outsider": set(),
}
# A draft is visible to its creator (carl) and the brand's managers only.
ALLOWED_ON_DRAFT = {**ALLOWED_ON_APPROVED, "viewer": set()}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["asset", "draft"])
def test_thread_permission_matrix(studio, role, which):
    asset_id = getattr(studio, which)
    allowed = (ALLOWED_ON_APPROVED if which == "asset" else ALLOWED_ON_DRAFT)[role]
    who = getattr(studio, role)
    outcome = {}
    for name, call in operations(studio, asset_id).items():
        try:
            call(who)
        except DamError as exc:
            outcome[name] = type(exc).__name__
        else:
            outcome[name] = "ok"
    assert {name for name, result in outcome.items() if result == "ok"} == allowed, outcome
    if not allowed:  # no brand access (or a hidden draft): told nothing exists, never what the role lacks
        assert set(outcome.values()) == {"NotFound"}, outcome


def test_an_admin_acts_as_a_manager_everywhere(studio, library):
    admin = make_user(library, "ada", admin=True)
    cid = threads.post(studio.library, studio.creator, studio.draft, "draft note")
    assert thread_view.load(studio.library, admin, studio.draft).count == 1
    threads.delete(studio.library, admin, cid)


def test_comment_ids_of_hidden_threads_reveal_nothing(studio):
    hidden = threads.post(studio.library, studio.creator, studio.draft, "secret plans")
    for call in (
        lambda: threads.edit(studio.library, studio.viewer, hidden, "x"),
        lambda: threads.delete(studio.library, studio.viewer, hidden),
        lambda: threads.react(studio.library, studio.viewer, hidden, "👍"),
    ):
        with pytest.raises(NotFound, match=f"No comment with id {hidden}"):
            call()
    with pytest.raises(NotFound, match="No comment with id 9999"):
        threads.react(studio.library, studio.viewer, 9999, "👍")
