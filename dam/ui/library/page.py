"""The Library page body: rail, toolbar, summary, grid with bulk bar, and the viewer."""

from __future__ import annotations

import gc
import threading

import streamlit as st

from dam.models import Brand
from dam.permissions import Actor
from dam.query import Scope
from dam.search import semantic
from dam.ui.library import bulk, results
from dam.ui.library.grid import render_grid
from dam.ui.library.rail import render_rail
from dam.ui.library.state import View, read_view, scope_for, view_token
from dam.ui.library.toolbar import render_summary, render_toolbar
from dam.ui.library.viewer import render_viewer
from dam.ui.session import library
from dam.ui.shell import top_bar
from dam.web import runtime


def _warm_up() -> None:
    """Load the text model, then exempt everything loaded so far from the garbage collector's full passes.

    The model brings about half a million long-lived Python objects; Streamlit runs a full collection after
    every script run, which then takes 0.3-1.3 s of held GIL per click. Frozen objects are skipped by it.
    """
    try:
        semantic.encode(["warm up"])
    except Exception:  # noqa: BLE001 - the next real use loads it again and reports the error where it matters
        return
    gc.freeze()


def _warm_text_model() -> None:
    """Warm up in the background, once per process, after the first Library page has been drawn.

    Every edit re-indexes the assets' text, and loading the model takes 4-10 s of CPU on this machine: without
    this the first person to rate, tag, delete or upload after a restart waits for it.
    """

    def start() -> threading.Thread:
        thread = threading.Thread(target=_warm_up, name="text-model-warm-up", daemon=True)
        thread.start()
        return thread

    runtime.once("library.text_model_warm_up", start)


def _view(actor: Actor, brand: Brand) -> tuple[View, Scope]:
    view = read_view()
    return view, scope_for(actor, brand, view, library().settings.recent_days)


@st.fragment
def _results(actor: Actor, brand: Brand) -> None:
    """Toolbar, summary line and grid: a filter change reruns only these, as the rail's counts ignore filters."""
    view, scope = _view(actor, brand)  # read afresh: a toolbar callback has just rewritten the URL
    results.load(scope, view.filters, view_token(scope, view.filters), with_counts=False)
    render_toolbar(brand, view)
    render_summary(actor, brand, view, results.current().summary)
    bulk.render_notice(actor)
    render_grid(actor, brand, scope, view.filters, trash=scope.trash)  # scope: what the actor may see


def render_library(actor: Actor) -> None:
    brand = top_bar(actor)
    if brand is None:
        return
    view, scope = _view(actor, brand)
    counts = results.load(scope, view.filters, view_token(scope, view.filters))
    render_rail(actor, brand, scope, counts, view)
    _results(actor, brand)
    render_viewer(actor, scope, view.filters)
    _warm_text_model()

