"""The words organisers read for the codes the system stores: states, channels, kinds of email.

The codes stay as they are in the database, the exports and the logs; the pages show them in
the organiser's language. A code without a label here (a kind of email added later) is shown
as it is stored, with spaces for underscores, rather than not at all.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import pgettext

from organisers.services import CLOSE_REASONS

CAMPAIGN_STATUS = {
    "draft": lambda: pgettext("campaign status", "draft"),
    "live": lambda: pgettext("campaign status", "live"),
    "closed": lambda: pgettext("campaign status", "closed"),
}

CHANNELS = {
    # Translators: the channel of printed letters, a short column heading.
    "pdf": _l("pdf"),
    "email": lambda: pgettext("letter channel", "email"),
    # Translators: letters opened in the supporter's own mail program, a short column heading.
    "mailto": _l("mailto"),
}

LETTER_STATES = {
    "generated": _l("generated"),
    "posted": _l("posted"),
    "awaiting_confirmation": _l("awaiting confirmation"),
    "queued": _l("queued"),
    "sent": lambda: pgettext("letter state", "sent"),
    "failed": lambda: pgettext("letter state", "failed"),
    "expired": _l("expired"),
    "opened": _l("opened"),
    "held": lambda: pgettext("letter state", "held"),
    "rejected": _l("rejected"),
    "duplicate": _l("duplicate"),
}

EMAIL_KINDS = {
    "letter": _l("letter"),
    "confirmation": _l("confirmation"),
    "copy": _l("copy for the supporter"),
    "update": _l("case update"),
    "subscription_confirmation": _l("subscription confirmation"),
    "subscription_notice": _l("subscription notice"),
    "subscription_manage_link": _l("subscription manage link"),
    "erasure_link": _l("erasure link"),
    "webhook_paused": _l("webhook paused"),
}

TARGET_KINDS = {
    # Translators: after an official's name, for an official the letters are addressed to.
    "primary": _l("written to"),
    # Translators: after an official's name, for an official who is sent a copy of the letters.
    "copy": _l("sent a copy"),
}


# A campaign keeps the reason it closed as text: one of the offered reasons, stored in the source
# language, or the organiser's own words, shown as they were written.
CLOSED_REASONS = {
    CLOSE_REASONS["released"]: lambda: pgettext("why an action closed", "released"),
    CLOSE_REASONS["no_longer_needed"]: lambda: pgettext("why an action closed", "action no longer needed"),
}


def _named(table: dict, code) -> str:
    code = getattr(code, "value", code) or ""
    label = table.get(code)
    if label is None:
        return code.replace("_", " ")
    return str(label() if callable(label) else label)


def campaign_status(code) -> str:
    return _named(CAMPAIGN_STATUS, code)


def channel(code) -> str:
    return _named(CHANNELS, code)


def letter_state(code) -> str:
    return _named(LETTER_STATES, code)


def email_kind(code) -> str:
    return _named(EMAIL_KINDS, code)


def target_kind(code) -> str:
    return _named(TARGET_KINDS, code)


def closed_reason(text: str | None) -> str:
    said = CLOSED_REASONS.get(text or "")
    return said() if said else (text or "")
