"""Keys for per-address rate limits: a keyed fingerprint of the inbox an address reaches, never the address."""
from __future__ import annotations

from fingerprints import fingerprint
from inboxes import inbox_key

# Longer than any address a form accepts; what is cut off cannot tell two real addresses apart.
_LONGEST_ADDRESS = 254


def address_limit_key(scope: str, email: str) -> str:
    """'<scope>:<fingerprint>' for the limiter's storage, which may be a Redis shared with others.

    Like the abuse fingerprints, it is keyed with SECRET_KEY (fingerprints.py): a plain hash of an
    address can be matched by hashing guesses, this cannot. Spellings that reach one inbox (case,
    `+tags`, Gmail's dots and googlemail.com…, see inboxes.py) share one counter, so a limit per
    address cannot be dodged by rewriting it. The scope is part of what is keyed: one address's
    counters under two limits do not match.
    """
    inbox = inbox_key((email or "")[:_LONGEST_ADDRESS])
    return f"{scope}:{fingerprint(f'rate-limit:{scope}', inbox)[:32]}"
