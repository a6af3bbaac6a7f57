"""Inbox: the signed-in person's notifications, newest first, each linking to its asset's thread."""

from dam.ui.inbox_page import render_inbox
from dam.ui.shell import require_actor

render_inbox(require_actor())
