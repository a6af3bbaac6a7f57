"""Who is signed in for this browser session, read from the HttpOnly cookie the sign-in route set."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from dam.auth import COOKIE_NAME
from dam.library import Library
from dam.permissions import Actor, load_actor
from dam.repos import users
from dam.web import runtime
from dam.web.signin import sessions


def library() -> Library:
    """The library this server process serves (shared with the file routes)."""
    return runtime.library()


def oidc_configured() -> bool:
    """Whether the deployment signs people in with OpenID Connect (an [auth] section in .streamlit/secrets.toml)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises rather than returning empty
        return False


def current_actor() -> Actor | None:
    """The signed-in actor, re-read each run so role changes and sign-outs apply at once; None when signed out.

    With OpenID Connect configured, the identity provider's verified e-mail is mapped to a user of the library;
    otherwise the signed session cookie set by the password form decides.
    """
    lib = library()
    con = lib.catalog.cursor()
    if oidc_configured():
        email = st.user.get("email") if st.user.get("is_logged_in") else None
        user = users.by_email(con, email) if email else None
        return None if user is None else load_actor(con, user.id)
    user_id = sessions().user_id(lib, st.context.cookies.get(COOKIE_NAME))
    return None if user_id is None else load_actor(con, user_id)


def absolute(url: str) -> str:
    """A server-relative URL made absolute for widgets that only load http(s) URLs (st.image, image columns)."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}{url}" if parts.scheme and parts.netloc else url
