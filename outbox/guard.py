"""The last check before any message leaves: what may reach an official's inbox.

Every campaign names officials with real addresses. Whatever built an outbox row (a letter, a
confirmation typed by anyone, a subscription, a link, a copy), this check runs at the point
where messages leave, for the file mailbox and SMTP alike, on every recipient: the envelope
and any To, Cc, Bcc or Resent- address among the row's headers. An address reaching the inbox
of any campaign's official (compared by `inboxes.inbox_key`, so `+tags`, case, and the dots
and domain aliases of providers that ignore them do not slip past) may receive only a letter
of a live campaign (not in test mode) that lists that very address. Anything else addressed
there is refused: never sent, never retried, and shown to organisers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import getaddresses

from sqlalchemy import select

from extensions import db
from inboxes import inbox_key
from models import Campaign, OutboxMessage, Target

LETTER_KIND = "letter"
RECIPIENT_HEADERS = frozenset({"to", "cc", "bcc", "resent-to", "resent-cc", "resent-bcc"})


@dataclass(frozen=True)
class Listing:
    """One address of one official, as one campaign lists it."""

    campaign_id: int
    is_live: bool        # the campaign is out of test mode: its letters go to the officials
    address: str         # as listed, stripped and lower-cased


class Officials:
    """Every official's address of every campaign, live or not, by the inbox it reaches."""

    def __init__(self, listings: list[Listing]) -> None:
        self.by_inbox: dict[str, list[Listing]] = {}
        for listing in listings:
            self.by_inbox.setdefault(inbox_key(listing.address), []).append(listing)

    @classmethod
    def load(cls) -> Officials:
        """One query for a whole batch of messages."""
        rows = db.session.execute(select(Target.campaign_id, Target.emails, Campaign.is_test_mode)
                                  .join(Campaign, Target.campaign_id == Campaign.id)).all()
        # str(): whatever an editor once stored there, the batch goes on and no address slips past.
        return cls([Listing(campaign_id, not is_test_mode, _plain(str(address)))
                    for campaign_id, emails, is_test_mode in rows for address in emails or [] if address])

    def reaches_an_official(self, address: str) -> bool:
        """Does the address reach the inbox of any campaign's official, in any spelling?"""
        return inbox_key(address) in self.by_inbox

    def refusal(self, row: OutboxMessage) -> str | None:
        """Why this message may not leave, or None when every recipient may receive it."""
        for address in recipients(row):
            listings = self.by_inbox.get(inbox_key(address))
            if not listings:
                continue
            if row.kind != LETTER_KIND:
                return (f"refused: {mask(address)} reaches an official's inbox, which receives letters only, "
                        f"not {row.kind.replace('_', ' ')} emails")
            # This letter's own campaign names that official (in some spelling)…
            own = [listing for listing in listings if listing.campaign_id == row.campaign_id]
            if own and not own[0].is_live:
                return f"refused: {mask(address)} is an official's address and the campaign is in test mode"
            # …and lists the very address the letter goes to: an alias of it could be anyone's.
            if not any(listing.address == _plain(address) for listing in own):
                return (f"refused: {mask(address)} reaches the inbox of an official, "
                        f"and this letter's campaign does not list that address")
        return None


def recipients(row: OutboxMessage) -> list[str]:
    """Everyone the message would reach: the envelope, and addresses in recipient headers.

    Anything but a bare address is read as an address parser (smtplib's among them) reads it
    too, so 'Name <official@example.org>' or two addresses in one entry cannot slip past."""
    values = [str(address) for address in row.recipients or []]
    values += [str(value) for name, value in (row.headers or {}).items() if name.strip().lower() in RECIPIENT_HEADERS]
    found = [value for value in values if _BARE.fullmatch(value)]
    others = [value for value in values if not _BARE.fullmatch(value)]
    return found + others + [address for _, address in getaddresses(others) if address]


# One addr-spec and nothing else, as outbox rows hold their recipients: parsing would not change it.
_BARE = re.compile(r'[^\s<>()\[\],;:"@]+@[^\s<>()\[\],;:"@]+')


def mask(address: str) -> str:
    """'go.saparov@gmail.com' → 'g…v@gmail.com': enough for an organiser to tell which official,
    not a list of addresses to copy."""
    local, at, domain = address.strip().rpartition("@")
    if not at:
        local, domain = address.strip(), ""
    shown = f"{local[0]}…{local[-1]}" if len(local) > 2 else f"{local[:1]}…"
    return f"{shown}{at}{domain}"


def _plain(address: str) -> str:
    return address.strip().lower()
