"""Who is signed in for this browser session, read from the HttpOnly cookie the sign-in route set."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from dam.auth import COOKIE_NAME
from dam.library import Library
from dam.permissions import Actor, load_actor
from dam.web import runtime
from dam.web.signin import sessions


def library() -> Library:
    """The library this server process serves (shared with the file routes)."""
    return runtime.library()


def current_actor() -> Actor | None:
    """The signed-in actor, re-read each run so role changes and sign-outs apply at once; None when signed out."""
    lib = library()
    user_id = sessions().user_id(lib, st.context.cookies.get(COOKIE_NAME))
    return None if user_id is None else load_actor(lib.catalog.cursor(), user_id)


def absolute(url: str) -> str:
    """A server-relative URL made absolute for widgets that only load http(s) URLs (st.image, image columns)."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}{url}" if parts.scheme and parts.netloc else url
