"""The Library page (AppTest) with the `similar:` filter in its URL: the toolbar shows it, it combines, it clears."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dam.web import runtime

PAGE = """
from dam.permissions import load_actor
from dam.repos import users
from dam.ui.library.page import render_library
from dam.web import runtime
con = runtime.library().catalog.cursor()
render_library(load_actor(con, users.by_handle(con, "mara").id))
"""


def test_similar_filter_shows_in_the_toolbar_combines_with_status_and_clears(library, shelf, manager):
    with library.catalog.transaction() as con:
        con.execute("UPDATE assets SET status = 'approved' WHERE id IN (?, ?)", [shelf["cropped"], shelf["coffee"]])
    runtime.configure(library)
    at = AppTest.from_string(PAGE, default_timeout=90)
    at.context = {"url": "http://localhost:8501/"}
    at.query_params["q"] = f"status:approved similar:{shelf['original']}"
    at.run()
    assert not at.exception
    assert [c.value for c in at.caption if c.value.startswith("Similar to")] == [
        "Similar to: astronaut · Status: Approved · 1 result"]  # fmt: skip
    at.button(key="library.toolbar.similar").click().run()
    assert not at.exception
    assert at.query_params.get("q") in (["status:approved"], "status:approved")
    assert any(c.value == "Status: Approved · 2 results" for c in at.caption)
