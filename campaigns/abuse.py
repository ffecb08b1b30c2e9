"""Abuse limits on the email channel: daily caps, floods of identical messages, blocked senders.

An email action makes us send a confirmation to the address typed in, and after the click,
letters to officials in the supporter's name. So one network may send only so many email
actions per campaign per day, one address receives only so many confirmations per day, a
personal message repeated by many never-confirmed addresses is held for an organiser, and
organisers can block an address or a network.

Nothing here stores an IP address or a blocked email address: only keyed fingerprints
(HMAC-SHA256 with SECRET_KEY), which match what they were made from and reveal nothing without
the key. Changing SECRET_KEY resets the counting and lifts every block.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import bindparam, exists, func, or_, select

from campaigns.errors import EmailLimitReached
from extensions import db
from fingerprints import fingerprint, words
from inboxes import inbox_key
from letters.counting import move_letter
from models import Action, BlockedSender, BlockKind, Channel, Letter, LetterState, Supporter

BLOCKED_REASON = "not sent: the sender is blocked"


class NetworkLimitReached(EmailLimitReached):
    def __init__(self) -> None:
        super().__init__(_("Many email letters for this case have already been sent from your network today. "
                           "To keep officials' inboxes from being flooded, we take no more email letters from "
                           "one network until tomorrow. Please choose “Print and post” instead: your letters "
                           "are ready in a minute and count just the same."))


class AddressLimitReached(EmailLimitReached):
    def __init__(self) -> None:
        super().__init__(_("We have already sent several confirmation emails to this address today, and to "
                           "protect inboxes from floods we send it no more until tomorrow. Please choose “Print "
                           "and post” instead: your letters are ready in a minute and count just the same."))


# --- fingerprints --------------------------------------------------------------------------------

def network_of(remote_addr: str | None) -> str | None:
    """The network a visitor writes from: an IPv4 address, or the /64 an IPv6 address is in.

    One IPv6 household or phone usually gets a whole /64, so counting single IPv6 addresses
    would let one sender rotate through billions of them.
    """
    try:
        address = ipaddress.ip_address((remote_addr or "").split("%", 1)[0])
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.version == 4:
        return str(address)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def network_fingerprint(remote_addr: str | None) -> str | None:
    network = network_of(remote_addr)
    return fingerprint("network", network) if network else None


def email_fingerprint(email: str) -> str:
    """One fingerprint for every alias of an inbox: blocking an address blocks its spellings."""
    return fingerprint("email", inbox_key(email))


def _typed_email_fingerprint(email: str) -> str:
    # Blocks made before fingerprints were taken of the inbox hold the address as typed.
    return fingerprint("email", email.strip().lower())


def message_fingerprint(text: str) -> str | None:
    """None for an empty message: the standard letter is the same for everyone by design."""
    wording = words(text)
    return fingerprint("message", wording) if wording else None


def masked_email(email: str) -> str:
    """'jane@example.org' → 'j•••@example.org': enough for an organiser to tell blocks apart."""
    local, _at, domain = email.strip().lower().rpartition("@")
    return f"{local[:1]}•••@{domain}" if local else "•••"


# --- blocks --------------------------------------------------------------------------------------

# Built once: the statements the action form runs for every email action.
_BLOCKED = exists().where(or_(
    (BlockedSender.kind == BlockKind.email) & BlockedSender.value.in_([bindparam("email_hash"),
                                                                       bindparam("typed_email_hash")]),
    (BlockedSender.kind == BlockKind.network) & (BlockedSender.value == bindparam("network_hash"))))
_IS_BLOCKED = select(_BLOCKED)
_CONFIRMED_BEFORE = exists().where(Supporter.inbox == bindparam("inbox"), Supporter.email_confirmed_at.is_not(None))
# The daily caps: email actions for the campaign from the network, and confirmations sent to the
# inbox (whichever of its spellings was typed) for any campaign, since `since`. A missing network
# compares with NULL and counts none.
_RECENT_EMAIL_ACTIONS = select(func.count(Action.id)).where(Action.channel == Channel.email,
                                                            Action.created_at >= bindparam("since"))
_FROM_NETWORK = _RECENT_EMAIL_ACTIONS.where(Action.campaign_id == bindparam("campaign_id"),
                                            Action.network_hash == bindparam("network_hash")).scalar_subquery()
_TO_ADDRESS = (_RECENT_EMAIL_ACTIONS.join(Supporter, Action.supporter_id == Supporter.id)
               .where(Supporter.inbox == bindparam("inbox")).scalar_subquery())
_SCREENING = select(_BLOCKED, _CONFIRMED_BEFORE)
_SCREENING_WITH_CAPS = select(_BLOCKED, _CONFIRMED_BEFORE, _FROM_NETWORK, _TO_ADDRESS)


def _sender(email: str, network_hash: str | None) -> dict:
    # A missing network compares with NULL, which matches no block.
    return {"email_hash": email_fingerprint(email), "typed_email_hash": _typed_email_fingerprint(email),
            "network_hash": network_hash}


def is_blocked(email: str, network_hash: str | None) -> bool:
    """Has an organiser blocked this address, or the network the form came from?"""
    return bool(db.session.execute(_IS_BLOCKED, _sender(email, network_hash)).scalar())


# --- the action form -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Screening:
    is_sendable: bool            # False: a blocked sender, answered like anyone and sent nothing
    message_hash: str | None     # the personal message's fingerprint, kept for new addresses only


def screen_email_sender(campaign_id: int, email: str, network_hash: str | None, personal_message: str, *,
                        now: datetime) -> Screening:
    """Called before a new email action is recorded; raises EmailLimitReached over a daily cap.

    A blocked sender's action is recorded and answered like anyone's, but its confirmation is
    never sent, so its letters wait unconfirmed and expire uncounted. Blocks, earlier
    confirmations and the caps' counts are read in one statement.
    """
    params = dict(_sender(email, network_hash), inbox=inbox_key(email))
    if _caps_on():
        params.update(campaign_id=campaign_id, since=now - timedelta(days=1))
        blocked, confirmed_before, from_network, to_address = db.session.execute(
            _SCREENING_WITH_CAPS, params).one()
        _check_daily_caps(from_network, to_address)
    else:
        blocked, confirmed_before = db.session.execute(_SCREENING, params).one()
    message_hash = message_fingerprint(personal_message) if personal_message and not confirmed_before else None
    return Screening(is_sendable=not blocked, message_hash=message_hash)


def _caps_on() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def _check_daily_caps(from_network: int, to_address: int) -> None:
    per_network = current_app.config.get("EMAIL_ACTIONS_PER_NETWORK_PER_DAY", 0)
    if per_network > 0 and from_network >= per_network:
        raise NetworkLimitReached()
    # Every email action sends its address one confirmation, whichever campaign it is for.
    per_address = current_app.config.get("CONFIRMATIONS_PER_ADDRESS_PER_DAY", 0)
    if per_address > 0 and to_address >= per_address:
        raise AddressLimitReached()


# --- the confirmation click ----------------------------------------------------------------------

def holds_back(action: Action) -> bool:
    """Called when a supporter confirms, before their letters are queued: True keeps them back.

    A blocked sender's letters are rejected. Letters whose personal message more than
    IDENTICAL_MESSAGES_BEFORE_HOLD earlier actions of the campaign carried, each from an
    address never confirmed before, are held for an organiser to release or reject. Held and
    rejected letters are not counted; the supporter sees the same thanks as anyone.
    """
    if is_blocked(action.supporter.email, action.network_hash):
        state, reason = LetterState.rejected, BLOCKED_REASON
    elif is_part_of_a_flood(action):
        state, reason = LetterState.held, None
    else:
        return False
    for letter in db.session.scalars(select(Letter).where(
            Letter.action_id == action.id, Letter.state == LetterState.awaiting_confirmation)):
        move_letter(db.session, letter, state)
        letter.failure_reason = reason
    return True


def is_part_of_a_flood(action: Action) -> bool:
    threshold = current_app.config.get("IDENTICAL_MESSAGES_BEFORE_HOLD", 0)
    if threshold <= 0 or not action.message_hash:
        return False
    earlier = db.session.scalar(select(func.count(Action.id)).where(
        Action.campaign_id == action.campaign_id, Action.message_hash == action.message_hash,
        Action.id < action.id))
    return earlier >= threshold
