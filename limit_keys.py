"""Keys for per-address rate limits: a keyed fingerprint of the inbox an address reaches, never the address."""
from __future__ import annotations

import hashlib
import hmac

from flask import current_app

from inboxes import inbox_key

# Longer than any address a form accepts; what is cut off cannot tell two real addresses apart.
_LONGEST_ADDRESS = 254


def address_limit_key(scope: str, email: str) -> str:
    """'<scope>:<fingerprint>' for the limiter's storage, which may be a Redis shared with others.

    Like the abuse fingerprints (campaigns/abuse.py), the fingerprint is an HMAC-SHA256 keyed
    with SECRET_KEY: a plain hash of an address can be matched by hashing guesses, this cannot.
    Spellings that reach one inbox (case, `+tags`, Gmail's dots and googlemail.com…, see
    inboxes.py) share one counter, so a limit per address cannot be dodged by rewriting it.
    The scope is part of what is keyed: one address's counters under two limits do not match.
    """
    inbox = inbox_key((email or "")[:_LONGEST_ADDRESS])
    secret = current_app.config["SECRET_KEY"].encode()
    message = f"rate-limit:{scope}:{inbox}".encode("utf-8", "surrogatepass")
    return f"{scope}:{hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]}"
