"""Collections: the brand's whole tree with counts and covers; create, rename, move and delete."""

from dam.ui.collections_page import render_collections
from dam.ui.shell import require_actor

render_collections(require_actor())
