"""The words for webhooks' stored codes (events, refusals, failures), in the page's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

EVENTS = {
    "action.taken": _l("Action taken"),
    "letter.sent": _l("Letter sent by email"),
    "letter.posted": _l("Letter posted"),
    "subscription.confirmed": _l("Subscription confirmed"),
    "subscription.ended": _l("Subscription ended"),
    "update.published": _l("Case update published"),
    "supporter.erased": _l("Supporter erased"),
}

PROBLEMS = {
    "malformed": _l("Please enter a full address starting with https://."),
    "credentials": _l("Please leave the user name and password out of the address."),
    "unknown_host": _l("This host name could not be found."),
    "private_address": _l("This address is inside a private network; webhooks only go to public addresses."),
    "not_https": _l("Webhooks go over https only."),
    "no_events": _l("Please choose at least one event."),
    "erased": _l("This delivery's supporter was erased: it cannot be sent again."),
}

FAILURES = {
    "http_status": _l("the endpoint did not answer with 2xx"),
    "connection": _l("no connection"),
    "timeout": _l("no answer in time"),
    "refused_address": _l("refused: the host now points inside a private network"),
    "cancelled": _l("cancelled"),
}

PAUSES = {
    "failing": _l("paused after failing again and again"),
    "organiser": _l("paused by an organiser"),
}

STATUSES = {
    "pending": _l("waiting"),
    "delivered": _l("delivered"),
    "cancelled": _l("cancelled"),
}


def event(code: str) -> str:
    return str(EVENTS.get(code, code))


def events(codes) -> str:
    return ", ".join(event(code) for code in codes or ())


def problem(code: str) -> str:
    return str(PROBLEMS.get(code, code))


def failure(text: str) -> str:
    """'connection: [Errno 111] Connection refused' → the code worded, then what the system said."""
    code, _sep, detail = (text or "").partition(": ")
    if code not in FAILURES:
        return text
    return f"{FAILURES[code]} ({detail})" if detail else str(FAILURES[code])


def pause(code: str) -> str:
    return str(PAUSES.get(code, code))


def status(code) -> str:
    code = getattr(code, "value", code)
    return str(STATUSES.get(code, code))
