"""Review: managers work through the queue of submissions; creators follow what they submitted."""

from dam.ui.review_page import render_review
from dam.ui.shell import require_actor

render_review(require_actor())
