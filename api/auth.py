"""The organisers' part of the API: a bearer token with the right scope, its own rate limit, every use audited."""
from __future__ import annotations

import functools

from flask import g, request
from flask_babel import lazy_gettext as _l

from api import tokens
from api.errors import ApiError
from extensions import db, limiter, writing
from fingerprints import fingerprint

# Per token, on top of the per-visitor limit: a CRM's nightly sync fits, a runaway loop does not.
TOKEN_LIMIT = "120 per minute; 5000 per hour"
BEARER = "Bearer "
INVALID = _l("This token is not valid: it may be mistyped, expired or revoked.")


def presented_token() -> str | None:
    header = request.headers.get("Authorization", "")
    return header[len(BEARER):].strip() if header.startswith(BEARER) else None


def _token_key() -> str:
    # The limiter's storage (Redis, maybe) gets a keyed fingerprint, never the token.
    return "api-token:" + fingerprint("api-token-limit", presented_token() or "")[:32]


class Unauthorized(ApiError):
    def __init__(self, code: str, message) -> None:
        super().__init__(401, code, message)


def token_required(scope: str):
    """The view runs for a usable token that has `scope`; its use is recorded and committed first."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            presented = presented_token()
            if not presented:
                raise Unauthorized("token_required", None)
            token = tokens.authenticate(presented)
            if token is None:
                raise Unauthorized("invalid_token", INVALID)
            with writing():
                tokens.record_use(token, method=request.method, path=request.path, ip=request.remote_addr)
                db.session.commit()
            if not token.allows(scope):
                raise ApiError(403, "insufficient_scope",
                               _l("This token does not have the %(scope)s scope.", scope=scope))
            g.api_actor = tokens.actor_for(token, request.remote_addr)
            return view(*args, **kwargs)
        # override_defaults=False: the per-visitor limit still holds, so guessing tokens (each guess
        # a key of its own here) is bounded by the visitor's allowance.
        return limiter.limit(TOKEN_LIMIT, key_func=_token_key, override_defaults=False)(wrapped)
    return decorate
