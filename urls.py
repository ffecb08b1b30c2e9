"""What a URL may carry: ids every supported database can store, and text without control characters or broken UTF-8.

A URL is the one input no form validates. An id past the database's integer range (PostgreSQL's
`integer` stops at 2^31 - 1, SQLite's at 2^63 - 1) makes the query fail instead of finding nothing,
and PostgreSQL refuses any text holding a NUL. So ids are bounded where the URL is matched, and
query integers are read through `int_arg`. A path with a control character or bytes that are not
UTF-8 is answered 404 before any view runs: no page has such an address. A query parameter with
either is left out, as if it had not been sent: every parameter here is an optional hint (a page
number, where to return after logging in), and a mangled link should still open its page.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from flask import Flask, Request, abort, request
from werkzeug.datastructures import MultiDict
from werkzeug.routing import IntegerConverter, Map, ValidationError
from werkzeug.utils import cached_property

# The smaller of the two databases' integer ranges bounds every id. Ids start at 1, but 0 is
# within range: it reaches the view, which answers it as any id that names nothing.
MAX_ID = 2 ** 31 - 1
# Control characters, and the lone surrogates that stand for bytes that are not UTF-8.
_UNFIT = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: 0 … MAX_ID, written in ASCII digits; anything else matches no page."""

    regex = r"[0-9]+"  # Werkzeug's \d+ also matches other scripts' digits

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = 0, max: int | None = MAX_ID,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> int:
        if self.max is not None and len(value.lstrip("-0")) > len(str(self.max)):
            raise ValidationError()  # too long to be in range, so never worth converting
        return super().to_python(value)


def int_arg(name: str, default: int | None = None, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """The query string's `name` as a whole number from `low` to `high`; `default` when it is absent or anything else.

    Like `request.args.get(name, default, type=int)`, but a number no database column holds
    is treated as the junk it is instead of reaching a query.
    """
    text = request.args.get(name, "")
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > len(str(high)):
        return default
    value = int(text)
    return value if low <= value <= high else default


class ScreenedRequest(Request):
    """A request whose `args` hold only the query parameters that are clean text."""

    @cached_property
    def args(self) -> MultiDict[str, str]:
        text = self.query_string.decode("utf-8", "surrogateescape")
        pairs = parse_qsl(text, keep_blank_values=True, errors="surrogateescape")
        return self.parameter_storage_class(
            (key, value) for key, value in pairs if not (_UNFIT.search(key) or _UNFIT.search(value)))


def _screen_path() -> None:
    # WSGI hands the path over as bytes spelt in Latin-1 (PEP 3333).
    path = request.environ.get("PATH_INFO", "").encode("latin-1", "replace").decode("utf-8", "surrogateescape")
    if _UNFIT.search(path):
        abort(404)


def init_app(app: Flask) -> None:
    """Call before any blueprint or extension: rules pick their converters when they are added, and
    the screening should run before any other extension's before_request looks at the request."""
    app.url_map.converters["int"] = IdConverter
    app.request_class = ScreenedRequest
    app.before_request(_screen_path)


def safe_next(target: str | None) -> str | None:
    """A path on this site to return to (after login, after choosing a language), or None.

    Only a relative path starting with a single "/" is accepted: "//evil.example",
    "https://evil.example", "/\\evil.example" and anything with control characters are not.
    """
    if not target or len(target) > 2000 or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
