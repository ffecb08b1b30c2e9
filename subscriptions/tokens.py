"""Signed, expiring tokens for links in subscription emails (itsdangerous)."""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

CONFIRM_MAX_AGE = 7 * 24 * 3600


class InvalidToken(Exception):
    pass


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"uadesk.subscriptions.{purpose}")


def make_token(purpose: str, subscription_id: int, email: str) -> str:
    return _serializer(purpose).dumps([subscription_id, email])


def read_token(purpose: str, token: str, max_age: int | None = CONFIRM_MAX_AGE) -> tuple[int, str]:
    try:
        subscription_id, email = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise InvalidToken("This link has expired.") from error
    except (BadSignature, ValueError, TypeError) as error:
        raise InvalidToken("This link is not valid.") from error
    return int(subscription_id), str(email)
