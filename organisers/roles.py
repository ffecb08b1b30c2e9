"""What each role may open in the organisers' pages: the one place roles are enforced.

Every page of the organisers' blueprint is for organisers. A coordinator may open only the pages
listed here, which concern their own group's events; each of those pages finds its event through
events.services.event_for, so another group's event is not found. Anything else answers 403.
A page added later is closed to coordinators until it is listed here.
"""
from __future__ import annotations

from models import Organiser

# Pages a coordinator may open, besides logging in and out and changing their password.
COORDINATOR_PAGES = frozenset({
    "organisers.events", "organisers.new_event", "organisers.event", "organisers.event_tally",
    "organisers.event_pack", "organisers.event_poster",
})
ACCOUNT_PAGES = frozenset({"organisers.change_password", "organisers.logout"})


def may_open(organiser: Organiser, endpoint: str | None) -> bool:
    if not organiser.is_coordinator:
        return True
    return endpoint in COORDINATOR_PAGES or endpoint in ACCOUNT_PAGES


def home_endpoint(organiser: Organiser) -> str:
    """Where the account lands after logging in."""
    return "organisers.events" if organiser.is_coordinator else "organisers.index"
