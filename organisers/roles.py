"""What each role may open in the organisers' pages: the one place roles are enforced.

Every page of the organisers' blueprint but the login and an invitation's is for an account that has
logged in (organisers/routes/base.py sends everyone else to the login page), and the blueprint's guard
asks may_open about every request:
- an admin opens every page;
- an organiser opens every page but the admin's (accounts and the audit log);
- a coordinator opens only the pages listed here, which concern their own group's events; each of those
  pages finds its event through events.services.event_for, so another group's event is not found.
Anything else answers 403. A page added later is closed to coordinators until it is listed here.
"""
from __future__ import annotations

from models import Organiser

# The roles as tests and pages name them: who may open a page. ANONYMOUS is whoever has not logged in.
ANONYMOUS, ADMIN, ORGANISER, COORDINATOR = "anonymous", "admin", "organiser", "coordinator"

# Pages open without a session: logging in, and the link that sets an invited account's password.
PUBLIC_PAGES = frozenset({"organisers.login", "organisers.welcome"})

# Pages a coordinator may open, besides logging in and out and changing their password.
COORDINATOR_PAGES = frozenset({
    "organisers.events", "organisers.new_event", "organisers.event", "organisers.event_tally",
    "organisers.event_pack", "organisers.event_poster",
})
ACCOUNT_PAGES = frozenset({"organisers.change_password", "organisers.logout"})
# Pages only an admin may open: other people's accounts, the audit log of everyone's actions, and the
# API tokens, which can read every supporter's name and email, and webhooks, which send them to another system.
ADMIN_PAGES = frozenset({
    "organisers.organisers", "organisers.new_organiser", "organisers.change_organiser", "organisers.audit_log",
    "organisers.api_tokens", "organisers.revoke_api_token",
    "organisers.webhooks", "organisers.new_webhook", "organisers.webhook", "organisers.change_webhook",
    "organisers.redeliver_webhook",
})


def role_of(organiser: Organiser) -> str:
    if organiser.is_coordinator:
        return COORDINATOR
    return ADMIN if organiser.is_admin else ORGANISER


def roles_for(endpoint: str | None) -> frozenset[str]:
    """The roles that may open a page of the organisers' blueprint."""
    if endpoint in PUBLIC_PAGES:
        return frozenset({ANONYMOUS, ADMIN, ORGANISER, COORDINATOR})
    if endpoint in COORDINATOR_PAGES or endpoint in ACCOUNT_PAGES:
        return frozenset({ADMIN, ORGANISER, COORDINATOR})
    if endpoint in ADMIN_PAGES:
        return frozenset({ADMIN})
    return frozenset({ADMIN, ORGANISER})


def may_open(organiser: Organiser, endpoint: str | None) -> bool:
    return role_of(organiser) in roles_for(endpoint)


def home_endpoint(organiser: Organiser) -> str:
    """Where the account lands after logging in."""
    return "organisers.events" if organiser.is_coordinator else "organisers.index"
