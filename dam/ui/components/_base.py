"""Plumbing shared by the components: their JS/CSS read from disk, registration, and which events fired."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable

import streamlit as st

_HERE = Path(__file__).parent
# base.js and base.css hold the helpers and design tokens every component starts from.
_SHARED_JS = ("base.js",)
_SHARED_CSS = ("base.css",)


def _read(names: tuple[str, ...]) -> str:
    return "\n".join((_HERE / name).read_text(encoding="utf-8") for name in names)


def define(name: str, *, js: tuple[str, ...], css: tuple[str, ...]) -> Callable[..., Any]:
    """Register the component `library_<name>` from files next to this module; returns its mount callable.

    The JS files are concatenated into one ES module (the component's own file must hold the default export),
    which keeps everything inline: nothing is fetched from a CDN or built.
    """
    return st.components.v2.component(
        f"library_{name}",
        js=_read(_SHARED_JS + js),
        css=_read(_SHARED_CSS + css),
        isolate_styles=True,
    )


def _noop() -> None:
    """Triggers must be declared with a callback to reach Python; the value is read from the result instead."""


def declare(*names: str) -> dict[str, Callable[[], None]]:
    """The on_<name>_change keyword arguments that declare trigger keys."""
    return {f"on_{name}_change": _noop for name in names}


class Synced:
    """A value both the browser and the page change: the grid's selection, the viewer's index.

    The browser changes it at once and tells Python; the page passes its copy back on every run. The page's
    copy may override the browser's only when the page itself changed it. In the run that delivers the user's
    change the page has not applied it yet, so that run never overrides, and every override carries a new
    revision number, which is how the browser tells it from a late echo of its own value.
    """

    def __init__(self, key: str, name: str, normalise: Callable[[Any], Any]):
        self._key, self._name, self._normalise = key, name, normalise
        self._slot = f"_library_components.{key}.{name}"

    def _state(self) -> dict[str, Any]:
        return st.session_state.setdefault(self._slot, {"browser": None, "rev": 0, "fresh": False, "value": None})

    def _record(self) -> None:
        # on_<name>_change runs before the script, when the widget state already holds the browser's new value.
        widget_state = st.session_state.get(self._key)
        value = widget_state.get(self._name) if isinstance(widget_state, Mapping) else None
        self._state().update(browser=self._normalise(value), value=value, fresh=True)

    def callbacks(self) -> dict[str, Callable[[], None]]:
        return {f"on_{self._name}_change": self._record}

    def revision(self, page_value: Any) -> int:
        """Before mounting: the revision to send, bumped when the page's value is not the browser's."""
        state = self._state()
        if not state["fresh"] and self._normalise(page_value) != state["browser"]:
            state["rev"] += 1
            state["browser"] = self._normalise(page_value)
        return state["rev"]

    def user_change(self) -> Any:
        """After mounting: the browser's new value when the user changed it in this run, else None.

        Read after the mount, so a run interrupted before this point reports the change in the next run.
        """
        state = self._state()
        if not state["fresh"]:
            return None
        state["fresh"] = False
        return state["value"]


def asks_for_more(request: Any, loaded: int) -> bool:
    """Whether a load_more / need_more request is for the items loaded now, not a repeat already served.

    The browser asks again when an answer seems lost, so a request made at an older count is dropped.
    """
    if not isinstance(request, dict):
        return False
    count = as_int(request.get("count"))
    return count is None or count >= loaded


def as_int(value: Any) -> int | None:
    """An id or index from the browser as an int (JSON numbers may arrive as floats)."""
    try:
        return None if value is None or isinstance(value, bool) else int(value)
    except (TypeError, ValueError):
        return None


def as_ids(values: Any) -> list[int]:
    """A list of asset ids from the browser, dropping anything that is not an id."""
    if not isinstance(values, list):
        return []
    return [i for i in (as_int(v) for v in values) if i is not None]
