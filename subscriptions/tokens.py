"""Signed links in subscription emails (itsdangerous), small enough to sign 100,000 in a fan-out.

A token names a subscription by id and binds it to the address with a keyed hash, so a link
never carries the address itself (URLs end up in logs and referrers) and an id reused after an
erasure cannot be reached with an old link.

Two purposes, each with its own key: "confirm" (the opt-in link, 7 days) and "subscriber",
the token in every email a subscriber gets. The same subscriber token opens the one-click
unsubscribe URL for ever, and the manage page for 30 days from when it was signed: both links
sit side by side in each email, so one token for both gives nothing away, and a fan-out signs
one token per follower instead of two.
"""
from __future__ import annotations

import hmac

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner

CONFIRM_MAX_AGE = 7 * 24 * 3600
# Manage links show what an address follows: they expire, and a fresh one is a form away.
MANAGE_MAX_AGE = 30 * 24 * 3600
# Unsubscribe links never expire: a mail read a year later must still let its reader leave.
UNSUBSCRIBE_MAX_AGE = None

PURPOSES = frozenset({"confirm", "subscriber"})


class InvalidToken(Exception):
    pass


def _secret() -> bytes:
    return current_app.config["SECRET_KEY"].encode()


def email_tag(email: str) -> str:
    """A keyed hash of the address: binds a token to it without revealing it."""
    return hmac.digest(_secret(), b"email:" + email.encode(), "sha256").hex()[:20]


def signer(purpose: str) -> TimestampSigner:
    """One signer per purpose: a confirm link cannot be replayed as a subscriber's link."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown token purpose {purpose!r}")
    return TimestampSigner(current_app.config["SECRET_KEY"], salt=f"uadesk.subscriptions.{purpose}")


def token_payload(subscription_id: int, tag: str) -> str:
    return f"{subscription_id}-{tag}"


def make_token(purpose: str, subscription_id: int, email: str) -> str:
    return signer(purpose).sign(token_payload(subscription_id, email_tag(email))).decode()


def read_token(purpose: str, token: str, max_age: int | None) -> tuple[int, str]:
    """(subscription id, email tag) from a token; the caller checks the tag against the row."""
    try:
        payload = signer(purpose).unsign(token, max_age=max_age).decode()
        subscription_id, tag = payload.split("-", 1)
        return int(subscription_id), tag
    except SignatureExpired as error:
        raise InvalidToken("This link has expired.") from error
    except (BadSignature, ValueError, UnicodeDecodeError) as error:
        raise InvalidToken("This link is not valid.") from error


def tag_matches(tag: str, email: str) -> bool:
    return hmac.compare_digest(tag, email_tag(email))


def mailto_tag(subscription_id: int, tag: str) -> str:
    """The '<id>-<mac>' after 'unsubscribe+' in the List-Unsubscribe mailto address.

    Not an itsdangerous token: a local part must fit in 64 characters and survive mail
    systems that fold case, so this is a short lowercase hex MAC over the id and email tag.
    """
    mac = hmac.digest(_secret(), f"mailto:{subscription_id}-{tag}".encode(), "sha256").hex()[:16]
    return f"{subscription_id}-{mac}"
