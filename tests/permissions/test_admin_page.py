"""The Admin page under AppTest: an admin adds a person, gives them a role and adds a brand; others are refused."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dam import auth
from dam.repos import brands, users
from tests.factories import make_brand, make_user
from tests.permissions.pages import open_page


def open_as(actor) -> AppTest:
    return open_page("dam.ui.admin_page", "render_admin", actor)


def test_an_admin_adds_a_person_gives_a_role_and_adds_a_brand(served):
    make_brand(served, "Acme")
    ada = make_user(served, "ada", admin=True)
    at = open_as(ada)
    assert not at.exception
    form = {t.label: t for t in at.text_input}
    form["Handle"].input("nora")
    form["Display name"].input("Nora <b>Noon</b>")
    form["E-mail"].input("nora@studio.example")
    form["First password"].input("nora's password")
    next(b for b in at.get("form_submit_button") if b.label == "Add person").click().run()
    assert not at.exception and not at.error
    con = served.catalog.cursor()
    nora = users.by_handle(con, "nora")
    assert nora.display_name == "Nora <b>Noon</b>" and auth.sign_in(served, "nora", "nora's password").id == nora.id

    person = next(s for s in at.selectbox if s.label == "Person")
    person.set_value("nora")
    next(s for s in at.selectbox if s.label == "Brand").set_value("Acme")
    next(c for c in at.segmented_control if c.label == "Role").set_value("creator")
    next(b for b in at.get("form_submit_button") if b.label == "Save role").click().run()
    assert not at.exception and not at.error
    assert users.memberships(served.catalog.cursor(), nora.id) == {brands.by_name(con, "Acme").id: "creator"}

    next(t for t in at.text_input if t.label == "New brand").input("Borealis")
    next(b for b in at.get("form_submit_button") if b.label == "Save brands").click().run()
    assert brands.by_name(served.catalog.cursor(), "Borealis") is not None
    table = at.dataframe[0].value
    assert "nora" in list(table["Handle"]) and "Acme: creator" in list(table["Roles"])


def test_a_refused_person_gets_a_message_and_non_admins_get_nothing(served):
    acme = make_brand(served, "Acme")
    ada = make_user(served, "ada", admin=True)
    at = open_as(ada)
    next(t for t in at.text_input if t.label == "Handle").input("ada")
    next(b for b in at.get("form_submit_button") if b.label == "Add person").click().run()
    assert "already exists" in at.error[0].value and not at.exception
    maya = make_user(served, "maya", {acme: "manager"})
    refused = open_as(maya)
    assert "Only admins" in refused.warning[0].value and not refused.dataframe and not refused.get("form_submit_button")
