"""Links emailed to one address that act for it: their secret exists only in that email.

A link's secret is made at random and kept only as its SHA-256, so nothing the requesting
browser received, and nothing in the database, lets anyone make one: whoever opens it has read
that inbox. Confirmation links of letters and subscriptions keep their hash on their own row;
the links that act for an address as a whole (manage what it follows, erase it) are EmailLink
rows, used once and deleted when they expire or the address is erased.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, or_, select

from extensions import db
from models import EmailLink, LinkPurpose
from models._types import utcnow


class LinkNotValid(Exception):
    """The link is unknown, already used, or expired; the message says which, for the person."""


def new_secret() -> tuple[str, str]:
    """(the secret for the link, the hash to keep)."""
    secret = secrets.token_urlsafe(32)
    return secret, hash_of(secret)


def hash_of(secret: str) -> str:
    # 256 random bits: a fast hash is enough, nothing can be guessed by trying.
    return hashlib.sha256(secret.encode()).hexdigest()


def new_link(purpose: LinkPurpose, email: str, *, lifetime: timedelta, used: bool = False) -> tuple[EmailLink, str]:
    """A new link for the address, flushed; returns the row and the secret to put in the email.

    `used`: the person has just proved they read the inbox (a confirmation link): the row opens
    a session at once and its secret is never sent.
    """
    secret, secret_hash = new_secret()
    now = utcnow()
    link = EmailLink(purpose=purpose, token_hash=secret_hash, email=email, created_at=now, expires_at=now + lifetime,
                     used_at=now if used else None)
    db.session.add(link)
    db.session.flush()
    return link, secret


def usable_link(purpose: LinkPurpose, secret: str, *, now: datetime | None = None) -> EmailLink:
    """The unused, unexpired link of this purpose with this secret; LinkNotValid otherwise."""
    link = db.session.scalar(select(EmailLink).where(EmailLink.token_hash == hash_of(secret),
                                                     EmailLink.purpose == purpose)) if secret else None
    if link is None or link.used_at is not None:
        raise LinkNotValid(_("This link is not valid any more: each link works once."))
    if (now or utcnow()) > link.expires_at:
        raise LinkNotValid(_("This link has expired."))
    return link


def use(link: EmailLink) -> None:
    link.used_at = utcnow()


def forget_links(email: str) -> int:
    """Every link and session of the address ends (it is being erased)."""
    return db.session.execute(delete(EmailLink).where(EmailLink.email == email)).rowcount


def delete_expired_links(now: datetime, *, session_length: timedelta) -> int:
    """Links past their lifetime, and sessions past their length, hold an address for nothing."""
    return db.session.execute(delete(EmailLink).where(or_(
        EmailLink.expires_at < now, EmailLink.used_at < now - session_length))).rowcount
