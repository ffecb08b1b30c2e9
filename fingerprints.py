"""Keyed fingerprints (HMAC-SHA256 with SECRET_KEY): what UA Desk keeps instead of an address or a name.

A fingerprint matches what it was made from and reveals nothing without the key, so a copy of
the database, or a shared Redis, does not list who acted. Changing SECRET_KEY makes new ones:
counting, blocks and limits built on them start afresh.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

from flask import current_app

_WORD = re.compile(r"\w+")


def fingerprint(purpose: str, value: str) -> str:
    """64 hex characters; the purpose keeps one kind of fingerprint from matching another."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def words(text: str) -> str:
    """Case, spacing, punctuation and look-alike characters removed: what is left is the wording."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text or "").casefold()))
