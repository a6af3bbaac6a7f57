"""Plumbing shared by the components: their JS/CSS read from disk, registration, and which events fired."""

from __future__ import annotations

from functools import partial
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


class StateChanges:
    """Which state keys the user changed in this run, recorded by their on_<key>_change callbacks.

    Component state persists across runs, so its value alone cannot tell a fresh user action from an old
    one, nor from a value Python has since replaced; the callback fires only when the browser sent a change.
    """

    def __init__(self, key: str):
        self._slot = f"_library_components.{key}.changed"

    def _mark(self, name: str) -> None:
        st.session_state.setdefault(self._slot, set()).add(name)

    def watch(self, *names: str) -> dict[str, Callable[[], None]]:
        return {f"on_{name}_change": partial(self._mark, name) for name in names}

    def pop(self) -> set[str]:
        return st.session_state.pop(self._slot, set())


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
