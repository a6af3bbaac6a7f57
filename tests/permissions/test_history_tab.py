"""The viewer's History tab under AppTest: a rename made in the Info tab reads back as who, what, before -> after."""

from __future__ import annotations

from tests.factories import make_asset, make_brand, make_user
from tests.permissions.pages import open_page

TAB = "library.viewer.tab"  # the viewer's tabs (st.tabs with a key: a click sets it)


def test_a_rename_shows_in_the_history_tab_as_plain_text(served):
    library = served
    acme = make_brand(library, "Acme")
    carl = make_user(library, "carl", {acme: "creator"})
    vera = make_user(library, "vera", {acme: "viewer"})
    asset_id = make_asset(library, acme, 1, status="approved", creator_id=carl.user_id, name="Beach")
    at = open_page("dam.ui.library.page", "render_library", carl, {"asset": str(asset_id)})
    assert not at.exception
    renamed = "<b>Beach</b> **hero**"  # typed by a person: shown as typed, never as HTML or markdown
    at.text_input(key=f"library.info.name.{asset_id}").input(renamed).run()
    assert not at.exception

    # Someone else opens the same asset from its link and reads its History.
    at = open_page("dam.ui.library.page", "render_library", vera, {"asset": str(asset_id)})
    at.session_state[TAB] = "History"
    at.run()
    assert not at.exception
    lines = [t.value for t in at.text]
    assert lines[0].startswith("Renamed · @carl · ")
    assert lines[1] == f"name: Beach → {renamed}"
    assert not at.get("html") and not any("hero" in m.value for m in at.markdown)
