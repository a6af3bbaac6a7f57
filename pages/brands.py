"""Brands: the active brand's kit (anchors, logos, palette, fonts, notes) and its members."""

from dam.ui.brands_page import render_brands
from dam.ui.shell import require_actor

render_brands(require_actor())
