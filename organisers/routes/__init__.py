"""The organiser area under /organisers: every page needs a logged-in organiser (see base.py)."""
from organisers.routes import (account, admin, api_tokens, campaigns, dashboard, emails, events,  # noqa: F401 - the views
                               groups, moderation, updates, webhooks)
from organisers.routes.base import bp

__all__ = ["bp"]
