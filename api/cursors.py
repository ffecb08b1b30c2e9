"""Opaque cursors for paged lists: the last id a page showed, signed so a client cannot forge one."""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from urls import MAX_ID


class BadCursor(ValueError):
    pass


def _serializer(kind: str) -> URLSafeSerializer:
    # The kind is part of the salt: a cursor of one list means nothing to another.
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"api-cursor:{kind}")


def make_cursor(kind: str, last_id: int) -> str:
    return _serializer(kind).dumps(last_id)


def read_cursor(kind: str, cursor: str | None) -> int:
    """The id after which the page starts; 0 for the first page."""
    if not cursor:
        return 0
    try:
        value = _serializer(kind).loads(cursor[:500])
    except (BadSignature, UnicodeError, ValueError):
        raise BadCursor(cursor) from None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_ID:
        raise BadCursor(cursor)
    return value
