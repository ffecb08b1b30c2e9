"""Absolute links for subscription emails, built the same way in a request and in a worker."""
from __future__ import annotations

from email.utils import parseaddr

from flask import current_app


def external_url(endpoint: str, **values) -> str:
    """BASE_URL + the route's path.

    url_for needs a request (or SERVER_NAME) to build from, and the fan-out runs in a worker
    that has neither; the path alone comes from the URL map.
    """
    path = current_app.url_map.bind("uadesk.invalid").build(endpoint, values)
    return current_app.config["BASE_URL"] + path


def sender_address() -> str:
    """The bare address of MAIL_DEFAULT_SENDER, which may be written 'Name <address>'."""
    return parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1]


def mail_domain() -> str:
    """The domain of MAIL_DEFAULT_SENDER: the home of List-Id and the unsubscribe mailbox."""
    return sender_address().rpartition("@")[2] or "uadesk.invalid"
