"""API tokens: made and revoked by organisers, checked on every organiser request to the API, every use audited.

A token is `uad_` and 43 random characters (256 bits); only its SHA-256 is stored, so the
database, a backup or the audit log never holds one that works. It is shown once, in the page
that creates it. A fast hash is enough: nothing this random can be found by trying guesses.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from extensions import db
from models import ApiScope, ApiToken, Organiser
from models._types import utcnow
from organisers.audit import Actor, record

TOKEN_PREFIX = "uad_"
# The first characters of a token, kept and shown to tell tokens apart: "uad_" and 8 of the random part.
SHOWN_CHARACTERS = 12
# Longer than any token made here; a header longer than this is not one.
_LONGEST = 100
# What a missing token is compared with, so that a wrong token takes as long as a right one.
_NO_HASH = "0" * 64
SUBJECT = "api token"

SCOPE_LABELS = {
    ApiScope.counts_read: _l("Read exact letter counts of every campaign, drafts included"),
    ApiScope.actions_read: _l("Read supporters' actions, with their names, email addresses and towns"),
    ApiScope.campaigns_write: _l("Add campaigns as drafts from UA sheets, for organisers to review and publish"),
}
EXPIRY_DAYS = (30, 90, 365)


class TokenError(Exception):
    pass


def hash_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogateescape")).hexdigest()


def create_token(name: str, scopes: list[str], *, days: int, actor: Actor) -> tuple[ApiToken, str]:
    """A new token, flushed and audited; returns it with its secret, which is never stored."""
    unknown = set(scopes) - set(ApiScope.ALL)
    if unknown or not scopes:
        raise TokenError(f"unknown scopes {sorted(unknown)}" if unknown else "no scope")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    token = ApiToken(name=name, prefix=secret[:SHOWN_CHARACTERS], token_hash=hash_of(secret),
                     scopes=[scope for scope in ApiScope.ALL if scope in scopes], organiser_id=actor.organiser_id,
                     created_at=now, expires_at=now + timedelta(days=days))
    db.session.add(token)
    db.session.flush()
    record(actor, "api_token.created", token,
           f"{name} ({', '.join(token.scopes)}), {token.prefix}…, expires {token.expires_at:%Y-%m-%d}",
           subject_type=SUBJECT)
    return token, secret


def revoke_token(token: ApiToken, *, actor: Actor) -> bool:
    """Stop the token working from now on; False when it was revoked already."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    record(actor, "api_token.revoked", token, f"{token.name}, {token.prefix}…", subject_type=SUBJECT)
    return True


def tokens() -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).order_by(ApiToken.revoked_at.is_not(None),
                                                             ApiToken.created_at.desc(), ApiToken.id.desc())))


def authenticate(presented: str | None, *, now: datetime | None = None) -> ApiToken | None:
    """The usable token whose secret this is, or None; the same work whether it exists or not."""
    presented = (presented or "")[:_LONGEST]
    wanted = hash_of(presented)
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == wanted)) if presented else None
    # The lookup is by a hash of the token, which tells a timer nothing about the token itself;
    # the comparison is constant-time all the same, and made against a stand-in when nothing matched.
    matches = hmac.compare_digest(token.token_hash if token is not None else _NO_HASH, wanted)
    if token is None or not matches or not token.is_usable(now or utcnow()):
        return None
    # A token acts in its maker's name: it stops with their account.
    organiser = db.session.get(Organiser, token.organiser_id) if token.organiser_id else None
    if organiser is None or not organiser.is_active:
        return None
    return token


def actor_for(token: ApiToken, ip: str | None) -> Actor:
    """Who the audit log says acted: the token's maker, from the caller's address."""
    organiser = db.session.get(Organiser, token.organiser_id)
    return Actor(token.organiser_id, organiser.email if organiser else "", ip)


def record_use(token: ApiToken, *, method: str, path: str, ip: str | None) -> None:
    """Last use and an audit entry, in the organiser's name, for every request the token makes."""
    token.last_used_at = utcnow()
    record(actor_for(token, ip), "api_token.used", token, f"{token.name} ({token.prefix}…): {method} {path}"[:500],
           subject_type=SUBJECT)
