"""The one-click unsubscribe link in every update, alert and digest email: signed (itsdangerous), never stored.

Small enough to sign 100,000 in a fan-out. A token names a subscription by id and binds it to
the address with a keyed hash, so a link never carries the address itself (URLs end up in logs
and referrers) and an id reused after an erasure cannot be reached with an old link. It never
expires (RFC 8058: a mail read a year later must still let its reader leave) and can do nothing
but stop mail to its own address, so a forwarded update gives nothing else away. The links
that do more (confirm, manage, erase) are single-use secrets kept hashed: email_links.py.
"""
from __future__ import annotations

import hmac

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner

# "subscriber": leave one subscription; "digest": stop every weekly digest subscription of its address.
PURPOSES = frozenset({"subscriber", "digest"})


class InvalidToken(Exception):
    pass


def _secret() -> bytes:
    return current_app.config["SECRET_KEY"].encode()


def email_tag(email: str) -> str:
    """A keyed hash of the address: binds a token to it without revealing it."""
    return hmac.digest(_secret(), b"email:" + email.encode(), "sha256").hex()[:20]


def signer(purpose: str) -> TimestampSigner:
    """One signer, with a key of its own, per purpose."""
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
        raise InvalidToken(_("This link has expired.")) from error
    except (BadSignature, ValueError, UnicodeDecodeError) as error:
        raise InvalidToken(_("This link is not valid.")) from error


def tag_matches(tag: str, email: str) -> bool:
    return hmac.compare_digest(tag, email_tag(email))


def mailto_tag(subscription_id: int, tag: str) -> str:
    """The '<id>-<mac>' after 'unsubscribe+' in the List-Unsubscribe mailto address.

    Not an itsdangerous token: a local part must fit in 64 characters and survive mail
    systems that fold case, so this is a short lowercase hex MAC over the id and email tag.
    """
    mac = hmac.digest(_secret(), f"mailto:{subscription_id}-{tag}".encode(), "sha256").hex()[:16]
    return f"{subscription_id}-{mac}"
