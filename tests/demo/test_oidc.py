"""With OpenID Connect configured, the identity provider's e-mail signs a person in; unknown e-mails get nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dam.library import Library
from dam.repos import users
from dam.web import runtime

APP = Path(__file__).resolve().parents[2] / "app.py"
AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                 "client_id": "library", "client_secret": "s", "server_metadata_url": "http://127.0.0.1:9/.well-known"}}  # fmt: skip


@pytest.fixture
def served(small_demo, monkeypatch):
    monkeypatch.setenv("DAM_DATA", str(small_demo.settings.data_dir))
    library = Library.open(small_demo.settings)
    runtime.configure(library)
    with library.catalog.transaction() as con:
        con.execute("UPDATE users SET email = 'maya@studio.example' WHERE handle = 'maya.chen'")
    yield library
    library.close()


def run_as(user: dict) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets = AUTH
    at.user = user
    at.context = {"url": "http://localhost:8501/"}
    return at.run()


def test_provider_email_maps_to_the_library_user(served):
    at = run_as({"is_logged_in": True, "email": "MAYA@studio.example"})
    assert not at.exception
    assert not at.get("link_button") or all(b.proto.url != "/auth/signin" for b in at.get("link_button"))
    assert any(b.label.startswith("All assets") for b in at.sidebar.button)


def test_unknown_email_is_told_to_ask_an_admin_and_sees_nothing(served):
    at = run_as({"is_logged_in": True, "email": "stranger@elsewhere.example"})
    assert not at.exception
    assert "ask an admin" in at.warning[0].value
    assert not at.sidebar.button


def test_signed_out_gets_the_providers_sign_in_not_the_password_form(served):
    at = run_as({"is_logged_in": False})
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.get("link_button")


def test_with_oidc_the_server_has_no_password_form(tmp_path):
    """The real server (`streamlit run serve.py`) with an [auth] section: the password routes are gone."""
    import httpx

    from tests.streamlit_server import REPO, streamlit_server

    secrets = tmp_path / "secrets.toml"
    auth = AUTH["auth"]
    secrets.write_text("[auth]\n" + "".join(f'{key} = "{value}"\n' for key, value in auth.items()))
    env = {"DAM_DATA": str(tmp_path / "library"), "DAM_WORKERS": "1"}
    with streamlit_server(REPO / "serve.py", tmp_path / "streamlit.log", env, "--secrets.files", str(secrets)) as base:
        page = httpx.get(f"{base}/auth/signin")  # an unknown path: Streamlit answers with the app itself
        assert 'name="password"' not in page.text and "<title>Sign in" not in page.text
        answer = httpx.post(f"{base}/auth/signin", data={"handle": "maya.chen", "password": "x"})
        assert answer.status_code in (404, 405) and "library_session" not in answer.headers.get("set-cookie", "")
