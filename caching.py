"""Answers a browser or script may keep: ETag checks and 304s, with the headers written once."""
from __future__ import annotations

from flask import Response, request


def conditional(response: Response) -> Response:
    """`response`, or a 304 when the request's If-None-Match / If-Modified-Since says the client has it.

    Werkzeug's make_conditional also adds a Date header, and every server we run behind
    (gunicorn, werkzeug's own) writes Date itself without looking at the app's, so the
    client would get two. Date is the server's to send, as on every other answer.
    """
    response = response.make_conditional(request)
    del response.headers["Date"]
    return response
