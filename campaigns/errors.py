"""What can go wrong when a supporter acts: domain errors the public pages turn into messages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l


class ActionError(Exception):
    """A domain error the route shows to the supporter."""

    message = _l("Something went wrong.")


class CampaignClosed(ActionError):
    message = _l("This action is closed, so no more letters can be written. You can still follow the case.")


class ActionNotFound(ActionError):
    message = _l("This link is not valid. It may be mistyped or it may have expired.")


class ActionExpired(ActionError):
    message = _l("This link has expired. Please fill in the form again: it takes a minute.")


class LettersGone(ActionError):
    message = _l("The letters of this link are no longer here: the supporter's details were erased, or the "
                 "organisers changed the officials of this case. You can fill in the form again.")


class AlreadySubmitted(ActionError):
    """The form was sent twice (refresh, back button, double click): the first action stands."""

    def __init__(self, action) -> None:
        super().__init__("already submitted")
        self.action = action


class EmailLimitReached(ActionError):
    """Over one of the email channel's daily caps: the form comes back, everything kept."""

    status = 429

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
