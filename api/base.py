"""The API's blueprint and what its views share: JSON answers, caching, CORS and how each is documented.

The API is cookieless: no view reads the session or the logged-in organiser, CSRF (which guards
cookie-carrying forms) is off for it, and nothing it answers sets a cookie. Who calls it is the
visitor's address, or the token in its Authorization header, nothing else.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import Blueprint, Response, current_app, request
from flask.sessions import SessionInterface
from werkzeug.exceptions import HTTPException

from api.errors import PREFIX, ApiError, error_response, http_error_response
from caching import conditional
from extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


class _Cookieless(SessionInterface):
    """The application's sessions everywhere but under /api/, where every request gets none.

    So no session cookie (an organiser's login, say) counts for anything in the API, and no
    answer varies with cookies, which would keep shared caches from keeping the public ones.
    """

    def __init__(self, sessions: SessionInterface) -> None:
        self.sessions = sessions

    def open_session(self, app, request):
        if request.path.startswith(PREFIX):
            return self.make_null_session(app)
        return self.sessions.open_session(app, request)

    def save_session(self, app, session, response) -> None:
        self.sessions.save_session(app, session, response)

    def __getattr__(self, name: str):
        # Everything else (its serializer, say) is the application's own interface's.
        return getattr(self.sessions, name)


@bp.record_once
def _without_sessions(state) -> None:
    state.app.session_interface = _Cookieless(state.app.session_interface)

# Headers a page on another site may send with a cross-origin request to the public endpoints.
_CORS_HEADERS = "Content-Type, If-None-Match, Idempotency-Key, Accept-Language"
# Headers a script on another site may read from the answer.
_CORS_EXPOSED = "ETag, Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"


def operation(method: str, **documentation) -> Callable:
    """Describe a view's method for the OpenAPI document (api/openapi.py reads it from the view).

    Keyword arguments are the operation's OpenAPI fields, plus `cors=True` for endpoints that any
    site may call from a browser.
    """
    def decorate(view):
        operations = getattr(view, "openapi", {})
        view.openapi = {**operations, method.lower(): documentation}
        return view
    return decorate


def _is_cross_origin_open() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    operations = getattr(view, "openapi", {})
    return any(op.get("cors") for op in operations.values())


@bp.after_request
def api_headers(response: Response) -> Response:
    if _is_cross_origin_open():
        # No credentials are ever allowed: a page elsewhere gets what any stranger gets.
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = _CORS_EXPOSED
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = ", ".join(
                sorted(method.upper() for method in getattr(
                    current_app.view_functions[request.endpoint], "openapi", {})) + ["OPTIONS"])
            response.headers["Access-Control-Allow-Headers"] = _CORS_HEADERS
            response.headers["Access-Control-Max-Age"] = "86400"
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.errorhandler(ApiError)
def api_error(error: ApiError) -> Response:
    return error_response(error)


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException) -> Response:
    # A rate limit, a body too large, a method the route does not take: JSON too, with the status kept.
    return http_error_response(error.code or 500)


def cached_json(body: bytes, *, max_age: int, etag: str | None = None) -> Response:
    """A public JSON answer with a strong ETag from its bytes, 304 when the client has it already."""
    response = Response(body, mimetype="application/json")
    response.set_etag(etag or hashlib.sha256(body).hexdigest()[:32])
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    return conditional(response)


# The largest body an endpoint reads unless it says otherwise: an action is a few kilobytes.
MAX_BODY_BYTES = 64 * 1024


def json_body(max_bytes: int = MAX_BODY_BYTES) -> dict:
    """The request's JSON object; 415 when it is not JSON, 413 when it is larger than `max_bytes`,
    400 when it does not parse or is not an object."""
    if not request.is_json:
        raise ApiError(415)
    if request.content_length is not None and request.content_length > max_bytes:
        raise ApiError(413)
    request.max_content_length = max_bytes  # a body without a length is cut off there too
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", None)
    return data
