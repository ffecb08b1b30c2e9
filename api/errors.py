"""Errors as the API answers them: JSON with a stable `code`, a `message`, and `fields` for bad input.

Clients branch on `code` (it never changes once published); `message` is for people, in the
language the request asked for (Accept-Language); `fields` names each field that was refused
with its messages, as the web form shows them beside each field.
"""
from __future__ import annotations

from flask import Response, jsonify, request
from flask_babel import lazy_gettext as _l

PREFIX = "/api/"

# HTTP errors raised outside the API's own views (no route matched, a rate limit, a method the
# route does not take) keep their status and get these codes and messages.
HTTP_CODES = {
    400: ("bad_request", _l("The request could not be read.")),
    401: ("unauthorized", _l("This needs an API token (Authorization: Bearer …).")),
    403: ("forbidden", _l("This token may not do that.")),
    404: ("not_found", _l("There is nothing at this address.")),
    405: ("method_not_allowed", _l("This address does not take that method.")),
    409: ("conflict", _l("This cannot be done now.")),
    410: ("gone", _l("This is no longer here.")),
    413: ("too_large", _l("The request is too large.")),
    415: ("unsupported_media_type", _l("Please send JSON (Content-Type: application/json).")),
    422: ("invalid", _l("Some fields need another look.")),
    429: ("rate_limited", _l("Too many requests. Please wait a little, then try again.")),
    500: ("server_error", _l("Something went wrong on our side. Please try again in a moment.")),
}


class ApiError(Exception):
    """An answer other than success, raised by API views and turned into JSON by the blueprint."""

    def __init__(self, status: int, code: str | None = None, message=None,
                 fields: dict[str, list[str]] | None = None) -> None:
        default_code, default_message = HTTP_CODES.get(status, HTTP_CODES[500])
        super().__init__(code or default_code)
        self.status = status
        self.code = code or default_code
        self.message = message or default_message
        self.fields = fields or {}


def is_api_request() -> bool:
    return request.path.startswith(PREFIX)


def error_response(error: ApiError) -> Response:
    body = {"error": {"code": error.code, "message": str(error.message), "fields": {
        name: [str(message) for message in messages] for name, messages in error.fields.items()}}}
    response = jsonify(body)
    response.status_code = error.status
    # An error is about this request only: never kept by a shared cache.
    response.headers["Cache-Control"] = "no-store"
    if error.status == 401:
        response.headers["WWW-Authenticate"] = f'Bearer realm="UA Desk", error="{error.code}"'
    return response


def http_error_response(status: int) -> Response:
    """For the application's error handlers: an HTTP error on an /api/ address, as JSON."""
    return error_response(ApiError(status if status in HTTP_CODES else 500))
