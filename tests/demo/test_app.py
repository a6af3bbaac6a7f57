"""The app through Streamlit's AppTest against a small demo library: the sign-in gate and the pages' native widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dam.library import Library
from dam.repos import brands, users
from dam.web import runtime

APP = Path(__file__).resolve().parents[2] / "app.py"
# A page body run as a named person: the same code the page runs after sign-in (which the HTTP tests cover).
AS_PERSON = """
from dam.permissions import load_actor
from dam.repos import users
from dam.web import runtime
from {module} import {function}
con = runtime.library().catalog.cursor()
{function}(load_actor(con, users.by_handle(con, {handle!r}).id))
"""


@pytest.fixture
def served(small_demo, monkeypatch):
    """The small demo as the library this process serves (what DAM_DATA selects under `streamlit run`)."""
    monkeypatch.setenv("DAM_DATA", str(small_demo.settings.data_dir))
    library = Library.open(small_demo.settings)
    runtime.configure(library)
    yield library
    library.close()


def page(module: str, function: str, handle: str) -> AppTest:
    at = AppTest.from_string(AS_PERSON.format(module=module, function=function, handle=handle), default_timeout=60)
    at.context = {"url": "http://localhost:8501/"}  # where the browser is: thumbnails get absolute URLs
    return at


def test_signed_out_visitor_sees_only_the_sign_in_card(served):
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert [b.proto.url for b in at.get("link_button")] == ["/auth/signin"]
    assert not at.get("component_instance")


def test_library_page_shows_live_bucket_counts_for_a_manager(served):
    at = page("dam.ui.library.page", "render_library", "maya.chen").run()
    assert not at.exception
    con = served.catalog.cursor()
    maya = users.by_handle(con, "maya.chen")
    roles = users.memberships(con, maya.id)
    brand_id = min(roles, key=lambda b: brands.by_id(con, b).name)  # the top bar opens the first brand by name
    labels = [b.label for b in at.sidebar.button]
    # Counted independently: live assets of the brand; drafts only her own unless she manages the brand.
    everything = con.execute(
        "SELECT count(*) FROM assets WHERE brand_id = ? AND deleted_at IS NULL"
        " AND (status <> 'draft' OR ? OR creator_id = ?)",
        [brand_id, roles[brand_id] == "manager", maya.id],
    ).fetchone()[0]
    assert any(label.startswith(f"All assets · {everything:,}") for label in labels)
    assert any(label.startswith("Trash") for label in labels) == (users.role_in(con, maya.id, brand_id) == "manager")


def test_toolbar_status_filter_goes_into_the_url(served):
    at = page("dam.ui.library.page", "render_library", "maya.chen").run()
    at.pills(key="library.toolbar.statuses").set_value(["approved"]).run()
    assert not at.exception
    assert at.query_params.get("q") in (["status:approved"], "status:approved")


def test_viewer_sees_no_trash_and_no_upload(served):
    con = served.catalog.cursor()
    viewers = [u for u in users.all_users(con) if set(users.memberships(con, u.id).values()) == {"viewer"}]
    at = page("dam.ui.library.page", "render_library", viewers[0].handle).run()
    assert not at.exception
    assert not any(b.label.startswith("Trash") for b in at.sidebar.button)
    assert not any(b.label == "New" for b in at.sidebar.button)


def test_review_page_lists_the_queue_for_a_manager(served):
    at = page("dam.ui.review_page", "render_review", "maya.chen").run()
    assert not at.exception
    assert at.subheader[0].value == "Review"
    assert any(b.label == "Approve" for b in at.button) or any("queue is empty" in s.value for s in at.success)


def test_admin_page_refuses_non_admins(served):
    at = page("dam.ui.admin_page", "render_admin", "maya.chen").run()
    assert not at.exception
    assert "Only admins" in at.warning[0].value


def test_duplicates_page_renders_for_a_manager(served):
    at = page("dam.ui.duplicates_page", "render_duplicates", "maya.chen").run()
    assert not at.exception


def test_rail_menu_moves_a_collection_under_another(served):
    from dam.repos import collections

    con = served.catalog.cursor()
    northwind = brands.by_name(con, "Northwind Outdoor").id
    with served.catalog.transaction() as tx:
        moved = collections.create(tx, northwind, "Rail move check")
    target = collections.find_path(con, northwind, "Brand")
    at = page("dam.ui.library.page", "render_library", "maya.chen")  # manager of Northwind
    at.session_state["brand"] = "Northwind Outdoor"
    at.query_params["c"] = str(moved)
    at.run()
    at.selectbox(key=f"library.move.{moved}").set_value(target).run()
    next(b for b in at.button if b.label == "Move").click().run()
    assert not at.exception and not at.error
    assert collections.by_id(served.catalog.cursor(), moved).parent_id == target
