"""Webhook secrets and signatures: `UA-Desk-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.

An endpoint's secret is never stored. The database keeps a random salt per endpoint, and the
secret is the keyed fingerprint of that salt under SECRET_KEY (fingerprints.py): a copy of the
database alone cannot sign a delivery nor verify one, and the secret can be shown once and then
worked out again whenever a delivery is signed. Changing SECRET_KEY changes every endpoint's
secret: each then needs a new one (the endpoint's page makes it).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from fingerprints import fingerprint

PREFIX = "whsec_"
# How far a receiver should let the signed time be from its own clock, as the README suggests.
TOLERANCE_SECONDS = 300


def new_salt() -> str:
    return secrets.token_hex(32)


def secret_for(salt: str) -> str:
    """The endpoint's signing secret, as the organiser copies it."""
    return PREFIX + fingerprint("webhook-secret", salt)


def signature(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret: str, body: bytes, header: str, *, now: float | None = None,
           tolerance: int = TOLERANCE_SECONDS) -> bool:
    """What a receiver does (the README shows the same in a few lines): for the tests and for scripts."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = signature(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))
