"""Duplicates: near-duplicate groups of the active brand, with a suggested keeper and an undoable merge."""

from dam.ui.duplicates_page import render_duplicates
from dam.ui.shell import require_actor

render_duplicates(require_actor())
