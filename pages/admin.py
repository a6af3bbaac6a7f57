"""Admin: people, their roles per brand, and the brands themselves (admins only)."""

from dam.ui.admin_page import render_admin
from dam.ui.shell import require_actor

render_admin(require_actor())
