"""The Library page body: rail, toolbar, summary, grid with bulk bar, and the viewer."""

from __future__ import annotations

import streamlit as st

from dam.permissions import Actor

from dam.ui.library import bulk, results
from dam.ui.library.grid import render_grid
from dam.ui.library.rail import render_rail
from dam.ui.library.state import read_view, scope_for, view_token
from dam.ui.library.toolbar import render_summary, render_toolbar
from dam.ui.library.viewer import render_viewer
from dam.ui.session import library
from dam.ui.shell import top_bar


def render_library(actor: Actor) -> None:
    brand = top_bar(actor)
    if brand is None:
        return
    view = read_view()
    scope = scope_for(actor, brand, view, library().settings.recent_days)
    counts = results.load(scope, view.filters, view_token(scope, view.filters))
    render_rail(actor, brand, scope, counts, view)
    render_toolbar(brand, view)
    render_summary(view, results.current().summary)
    bulk.render_notice(actor)
    render_grid(actor, brand, scope, view.filters, trash=view.trash)
    render_viewer(actor, scope, view.filters)

