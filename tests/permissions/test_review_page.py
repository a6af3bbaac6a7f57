"""The Review page under AppTest: a manager pages through a queue longer than a page; a creator reads why."""

from __future__ import annotations

from datetime import datetime, timedelta

from dam.services import assets as asset_service
from dam.services.review_queue import PAGE_SIZE
from tests.factories import make_asset, make_brand, make_user
from tests.permissions.pages import open_page

T0 = datetime(2026, 11, 1, 9, 0)


def summary(at) -> str:
    """The line above the queue: how many wait, which of them this page shows."""
    return next(c.value for c in at.caption if " waiting" in c.value)


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_a_manager_pages_through_a_long_queue(served):
    library = served
    acme = make_brand(library, "Acme")
    maria = make_user(library, "maria", {acme: "manager"})
    total = PAGE_SIZE + 10
    starred = (7, PAGE_SIZE + 5)
    waiting = [make_asset(library, acme, n, status="in_review", submitted_at=T0 + timedelta(minutes=n),
                          name=f"shot {n}", rating=5 if n in starred else None) for n in range(total)]  # fmt: skip
    at = open_page("dam.ui.review_page", "render_review", maria)
    assert not at.exception
    assert summary(at).startswith(f"{total} waiting · showing 1–{PAGE_SIZE} · oldest first")
    assert len(at.dataframe[0].value) == PAGE_SIZE
    assert button(at, "Previous page").disabled
    # J on the page's last asset runs on into the next page.
    at.session_state["review.cursor"] = PAGE_SIZE - 1
    at.run()
    assert any(m.value == f"**{PAGE_SIZE} of {total}**" for m in at.markdown)
    button(at, "Next").click().run()
    assert any(m.value == f"**{PAGE_SIZE + 1} of {total}**" for m in at.markdown)
    assert summary(at).startswith(f"{total} waiting · showing {PAGE_SIZE + 1}–{total}")
    assert list(at.dataframe[0].value["Name"]) == [f"shot {n}" for n in range(PAGE_SIZE, total)]
    assert button(at, "Next page").disabled
    # Approving there keeps the place and the true total.
    button(at, "Approve").click().run()
    assert not at.exception
    assert summary(at).startswith(f"{total - 1} waiting · showing {PAGE_SIZE + 1}–{total - 1}")
    assert asset_service.assets.get(library.catalog.cursor(), waiting[PAGE_SIZE]).status == "approved"
    # K on a page's first asset goes back to the last of the page before; the page buttons step whole pages.
    button(at, "Previous").click().run()
    assert any(m.value == f"**{PAGE_SIZE} of {total - 1}**" for m in at.markdown)
    assert summary(at).startswith(f"{total - 1} waiting · showing 1–{PAGE_SIZE}")
    button(at, "Next page").click().run()
    assert summary(at).startswith(f"{total - 1} waiting · showing {PAGE_SIZE + 1}–{total - 1}")
    button(at, "Previous page").click().run()
    assert summary(at).startswith(f"{total - 1} waiting · showing 1–{PAGE_SIZE}")
    # A new filter starts again at its own first page.
    at.text_input(key="review.filter").input("rating:5").run()
    assert not at.exception
    assert summary(at).startswith("2 waiting · oldest first")
    assert list(at.dataframe[0].value["Name"]) == [f"shot {n}" for n in starred]


def test_a_creator_sees_the_rejection_reason_as_plain_text(served):
    library = served
    acme = make_brand(library, "Acme")
    maria = make_user(library, "maria", {acme: "manager"})
    carl = make_user(library, "carl", {acme: "creator"})
    mine = make_asset(library, acme, 1, status="draft", creator_id=carl.user_id, name="Hero")
    asset_service.set_status(library, carl, [mine], "in_review")
    reason = "<script>alert(1)</script> **Logo** too small"
    asset_service.set_status(library, maria, [mine], "rejected", reason)
    at = open_page("dam.ui.review_page", "render_review", carl)
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Status"]) == ["Rejected"] and list(table["Reason"]) == [reason]
    assert not at.get("html") and all("script" not in m.value for m in at.markdown)
