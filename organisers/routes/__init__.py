"""The organiser area under /organisers: every page needs a logged-in organiser (see base.py)."""
from organisers.routes import (account, admin, campaigns, dashboard, emails, events, groups,  # noqa: F401 - the views
                               moderation, updates)
from organisers.routes.base import bp

__all__ = ["bp"]
