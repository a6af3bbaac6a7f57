"""Gallery: the brand's generations newest first, flat or grouped by prompt or input, and the generation requests."""

from dam.ui.gallery_page import render_gallery
from dam.ui.shell import require_actor

render_gallery(require_actor())
