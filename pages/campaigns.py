"""Campaigns: the brand's campaigns with dates, description and progress towards approved; managers manage them."""

from dam.ui.campaigns_page import render_campaigns
from dam.ui.shell import require_actor

render_campaigns(require_actor())
