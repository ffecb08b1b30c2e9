"""Where a letter to an official may go: the official's own addresses only once the campaign is live.

The one rule for every channel that addresses an official (the email channel, the mail app's
prefilled message, the previews): in test mode the letter goes to the test address instead.
The outbox's guard checks the same once more as each message leaves.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class LetterRecipients:
    to: list[str]           # where the letter goes now
    officials: list[str]    # the official's own addresses, whatever the mode
    is_test: bool


def address_in_test_mode(campaign) -> str:
    """The campaign's own test address, or the installation's (TEST_MODE_RECIPIENT)."""
    return campaign.test_recipient or current_app.config["TEST_MODE_RECIPIENT"]


def letter_recipients(campaign, target) -> LetterRecipients:
    officials = list(target.emails)
    if campaign.is_test_mode:
        return LetterRecipients(to=[address_in_test_mode(campaign)], officials=officials, is_test=True)
    return LetterRecipients(to=officials, officials=officials, is_test=False)
