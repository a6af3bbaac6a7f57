"""Library: the rail (buckets, collections, upload), the toolbar, the asset grid, bulk actions and the viewer."""

from dam.ui.library.page import render_library
from dam.ui.shell import require_actor

render_library(require_actor())
