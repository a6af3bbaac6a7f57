"""Pages run under AppTest as a named person, over the library the `served` fixture serves (conftest.py)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def page_body(module: str, function: str, user_id: int) -> None:
    """What a page does after sign-in: its body for the signed-in person (AppTest runs this function's source)."""
    import importlib

    from dam.permissions import load_actor
    from dam.ui.session import library

    getattr(importlib.import_module(module), function)(load_actor(library().catalog.cursor(), user_id))


def open_page(module: str, function: str, actor, query: dict | None = None) -> AppTest:
    at = AppTest.from_function(page_body, kwargs={"module": module, "function": function, "user_id": actor.user_id},
                               default_timeout=60)  # fmt: skip
    at.context = {"url": "http://localhost:8501/"}  # where the browser is: thumbnails get absolute URLs
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.run()
