"""The organiser area under /organisers: every page needs a logged-in organiser (see base.py)."""
from organisers.routes import account, admin, campaigns, dashboard, emails, moderation, updates  # noqa: F401 - the views
from organisers.routes.base import bp

__all__ = ["bp"]
