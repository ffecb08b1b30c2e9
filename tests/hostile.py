"""Hostile input for the property tests, and the readers that check what comes back.

The property tests (tests/test_hostile_*.py) draw from these: text no form should choke on
(control characters, NUL, CR/LF with a header after them, bidi overrides, markup, template
syntax, SQL, very long text, every Unicode plane), numbers and choices no form offers, tokens
no emailed link carries, and for email fields the spellings of one inbox (inboxes.inbox_key)
and addresses outside ASCII or almost valid. The profile sets how many examples a property
tries: 300 on every run, 2,000 with HYPOTHESIS_PROFILE=thorough (tests/conftest.py).
"""
from __future__ import annotations

import os
import re
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses
from html.parser import HTMLParser
from urllib.parse import quote

import idna
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import select

from extensions import db
from outbox.wire import wire_message

# Some bugs show on one database only; their tests say so with this.
POSTGRESQL = bool(os.environ.get("TEST_DATABASE_URL"))

hostile_settings = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                   HealthCheck.data_too_large],
                            deadline=None)


def fewer_examples(requests: int) -> settings:
    """For a property whose every example sends `requests` hostile values (a few spellings of one
    inbox, say): the profile's number of values in all, in fewer examples."""
    return settings(hostile_settings, max_examples=max(10, settings.default.max_examples // requests))


# --- text ----------------------------------------------------------------------------------------

NASTY = [
    "", " ", "\x00", "a\x00b", "line\nbreak", "line\r\nBcc: victim@example.org", "\u202eevil\u202c",
    "\u2066isolate\u2069", "<b>bold</b>", '<img src="file:///etc/passwd">', "<font color=red>x</font>",
    "<script>alert(1)</script>", "{{ 7*7 }}", "{salutation}", "%s%n", "'; DROP TABLE letters; --",
    "Aýna Şükürowa ň ý ş ž ç ä ö ü", "Пожалуйста, освободите его", "¡Libérenlo ya! ñ", "حرية لعزات",
    "😀🕊️✉️", "x" * 5000, "=cmd|' /C calc'!A0", "@SUM(1+1)", "\t+tab", "../../etc/passwd",
]
ORGANISER_NASTY = [
    *NASTY,
    "<img src=file:///etc/passwd>", '<a href="javascript:alert(1)">x</a>', "[click](javascript:alert(1))",
    "![x](file:///etc/passwd)", '<p onmouseover="alert(1)">hover</p>', "<style>body{display:none}</style>",
    "<svg onload=alert(1)>", "</textarea><script>alert(1)</script>", '"><b>broke out</b>',
    "{person}", "{ person }", "{{demands}}", "}{", "a\rBcc: victim@example.org", "line\u2028separator",
    "Subject: x\nBcc: victim@example.org", "=HYPERLINK(\"http://evil.example\",\"x\")", "-2+3", "+1 212 486 25 21",
    "Türkmenistanyň Prezidenti", "Туркменистан\nАшхабад", "السيد الرئيس", "x" * 21000,
    "Ы" * 6000, "word " * 1200, "\n\n\n", "a\n\nb\n\nc",
]


def _text(nasty: list[str]):
    # Any text, and every plane (codec="utf-8" leaves out only the surrogates).
    return st.one_of(st.sampled_from(nasty), st.text(max_size=300),
                     st.text(alphabet=st.characters(codec="utf-8"), max_size=60))


hostile = _text(NASTY)
organiser_hostile = _text(ORGANISER_NASTY)


def lines_up_to(limit: int):
    """Lines people do type, of any length up to a field's limit and one past it: letters, marks,
    numbers, punctuation, symbols and spaces of any script, no control or format character."""
    typed = st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp"))
    return st.one_of(st.sampled_from([limit, limit + 1]), st.integers(1, limit)).flatmap(
        lambda size: st.text(alphabet=typed, min_size=size, max_size=size))


one_line = lines_up_to(200)

# --- numbers, choices and tokens ---------------------------------------------------------------------

NUMBERS = ["0", "-1", "1.5", "1e3", "1e309", "NaN", "inf", "-0", "0x1F", "1_000", "+7", " 7 ", "０", "１２", "٣",
           "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
           "99999999999999999999", "-99999999999999999999", "1" * 400]
hostile_number = st.one_of(st.sampled_from(NUMBERS), st.integers().map(str), hostile)


def hostile_choice(*valid: str):
    """One of the form's own choices, or anything else."""
    return st.one_of(st.sampled_from(valid), st.sampled_from(NUMBERS), hostile)


# Ids in a path: the route's int converter takes any run of digits; beyond these, see the xfail
# tests on huge ids in tests/test_hostile_organiser_forms.py.
path_id = st.one_of(st.integers(min_value=0, max_value=50), st.integers(min_value=0, max_value=2**31 - 1))
TOKEN_NASTY = ["x", "0", "-", "_", "..", "%00", "a" * 2000, "' OR '1'='1", "<script>", "😀", "null", "undefined",
               "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "a.b.c", "%2F..%2F", "\u202e", "\x00"]
hostile_token = st.one_of(st.sampled_from(TOKEN_NASTY), st.text(min_size=1, max_size=80),
                          st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.",
                                  min_size=1, max_size=90))
# Any JSON value, for the API: what a client sends where a field wants text, a list of ids or true/false.
JSON_NASTY = [None, True, False, 0, -1, 2**31, 2**63, 10**400, 1.5, float("1e308"), [], {}, [None], [True], ["1"],
              [2**31], [-1], {"$gt": ""}, {"name": "x"}]
json_scalar = st.one_of(st.sampled_from(JSON_NASTY), st.none(), st.booleans(), st.integers(),
                        st.floats(allow_nan=False), hostile)
hostile_json = st.recursive(json_scalar, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)), max_leaves=12)
# Fields a button's form does not have, or has with another value.
junk_fields = st.dictionaries(st.sampled_from(["email", "csrf_token", "kind", "id", "token", "secret", "to", "code",
                                               "subscription_id", "reason", "op", "website", "follow", "x"]),
                              st.one_of(hostile, st.lists(hostile, max_size=3)), max_size=4)


def segment(text: str) -> str:
    """Text as one path segment of a URL, whatever it holds."""
    return quote(text, safe="")


# --- email addresses -------------------------------------------------------------------------------

# Inboxes that have several spellings: any mailbox (case, +tags), Gmail (dots, googlemail.com),
# and a domain in Unicode or IDNA.
ALIAS_BASES = ["jane@example.org", "gosaparov@gmail.com", "jane@bücher.example"]
NON_ASCII_EMAILS = [
    "джейн@example.org", "jane@bücher.example", "jane@xn--bcher-kva.example", "用户@例子.广告",
    "αλέξης@παράδειγμα.δοκιμή", "josé@example.org", "ｊａｎｅ@example.org", "jane@ｅｘａｍｐｌｅ.org",
    "jane@bu\u0308cher.example", "ß@straße.example", "İ" * 120 + "@example.org",
    # Short as typed, long once folded to its inbox (NFKC writes U+FDFA as 18 letters).
    "\ufdfa" * 14 + "@example.org", "\ufb03" * 60 + "@example.org",
]
ALMOST_VALID_EMAILS = [
    "jane@example", "jane@@example.org", "jane@example..org", "jane.@example.org", ".jane@example.org",
    "jane@-example.org", "jane@exa mple.org", "jane@example.org.", "jane@exam_ple.org", '"jane doe"@example.org',
    "jane@[127.0.0.1]", "jane@localhost", "jane(comment)@example.org", "<jane@example.org>",
    "Jane <jane@example.org>", "jane@xn--bcher.example", "ja\u200bne@example.org", "jane@example.test",
    "jane@example.invalid", "jane＠example.org", "jane@example.org\u202e", "jane@ex\u00adample.org",
    "jane@example.org,victim@example.org", "jane@example.org;victim@example.org", "jane@example.org victim@example.org",
    "jane@example.org\r\nBcc: victim@example.org", "jane@example.org\nBcc: victim@example.org",
    "jane@example.org\x00victim@example.org", "jane@example.org%0ABcc:victim@example.org",
    "=?utf-8?q?jane=0ABcc=3A_victim=40example=2Eorg?=@example.org", "jane@example.org>, <victim@example.org",
    "a" * 65 + "@example.org", "a@" + "b" * 250 + ".org", "@example.org", "jane@", "+@example.org", "jane+@example.org",
]
EMAIL_NASTY = NON_ASCII_EMAILS + ALMOST_VALID_EMAILS
_TAG = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", max_size=10)
_FULL_WIDTH = {chr(code): chr(code + 0xFEE0) for code in range(0x21, 0x7F)}


def _idna(domain: str) -> str:
    """The domain as IDNA 2008 writes it, after the UTS #46 mapping browsers use: 'straße' stays
    'xn--strae-oqa' (the older IDNA 2003 of Python's codec would make it 'strasse')."""
    return idna.encode(domain, uts46=True).decode("ascii")


@st.composite
def spelling_of(draw, address: str) -> str:
    """Another spelling of the address that reaches the same inbox (inboxes.inbox_key).

    Any case, a +tag, Gmail's dots and its second domain, the domain in Unicode or in IDNA,
    full-width letters, and spaces around.
    """
    local, _, domain = address.rpartition("@")
    if domain in ("gmail.com", "googlemail.com"):
        domain = draw(st.sampled_from(["gmail.com", "googlemail.com"]))
        local = local.replace(".", "")
        dots = draw(st.lists(st.booleans(), min_size=len(local) - 1, max_size=len(local) - 1))
        local = local[0] + "".join(("." if dot else "") + ch for dot, ch in zip(dots, local[1:], strict=True))
    domain = draw(st.sampled_from(sorted({domain, _idna(domain)})))
    if draw(st.booleans()):
        local += "+" + draw(_TAG)
    upper = draw(st.lists(st.booleans(), min_size=len(local), max_size=len(local)))
    local = "".join(ch.upper() if up else ch for up, ch in zip(upper, local, strict=True))
    if draw(st.booleans()):
        domain = domain.upper()
    if draw(st.integers(0, 4)) == 0:
        local = "".join(_FULL_WIDTH.get(ch, ch) if ch.isalnum() else ch for ch in local)
    if draw(st.integers(0, 4)) == 0:
        domain = "".join(_FULL_WIDTH.get(ch, ch) if ch.isalpha() else ch for ch in domain)
    space = draw(st.sampled_from(["", "", " "]))
    return f"{space}{local}@{domain}{space}"


aliases = st.sampled_from(ALIAS_BASES).flatmap(spelling_of)
hostile_email = st.one_of(st.sampled_from(EMAIL_NASTY), aliases, st.emails(), hostile)


# --- reading pages ---------------------------------------------------------------------------------

_ERROR = re.compile(r'<p class="error-text" id="([\w-]+)-error">([^<]*)</p>')
_CSRF_TOKEN = re.compile(r'(name="csrf_token"(?: type="hidden")? value=)"[^"]*"')


class _Page(HTMLParser):
    """The text a reader sees, and every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style", "textarea", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "textarea", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def read_page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def squash(text: str) -> str:
    return " ".join(text.split())


def visible_text(html: str) -> str:
    return squash(" ".join(read_page(html).text))


def shown_lines(value: str) -> list[str]:
    """What of a saved value a page must show: each non-empty line, spaces squashed."""
    return [squash(line) for line in value.strip().splitlines() if squash(line)]


def assert_no_injected_markup(html: str) -> None:
    """No script, frame, handler or file link that the templates did not write themselves."""
    for tag, attrs in read_page(html).tags:
        if tag == "base" and attrs == {"target": "_blank"}:
            continue  # the widget's frame (templates/widget/base.html): links out open a tab, nowhere else
        assert tag not in ("font", "iframe", "object", "embed", "svg", "style", "base"), (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
        if tag == "img":
            assert attrs.get("src", "").startswith(("/static/", "data:")), attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            if name in ("href", "src", "action") and value:
                assert not value.strip().lower().startswith(("javascript:", "file:", "data:text")), (tag, attrs)


def assert_comes_back(html: str, data: dict, fields, *, raw=()) -> None:
    """Every field shows what was typed (escaped); the filters only strip the ends."""
    for name in fields:
        typed = data[name] if name in raw else data[name].strip()
        assert str(escape(typed)) in html, f"{name} did not come back as typed"


def field_errors(html: str, data: dict, *, summary: bool = True) -> dict[str, str]:
    """The messages beside fields; each is also linked from the summary at the top."""
    errors = dict(_ERROR.findall(html))
    for name, message in errors.items():
        assert name in data, f"an error beside {name}, which was not sent"
        assert message.strip(), f"an empty message beside {name}"
        if summary:
            assert f'href="#{name}"' in html, f"the summary does not link to {name}"
    return errors


def without_csrf_tokens(html: str) -> str:
    """A form's CSRF token carries the second it was made in: not part of an answer to compare."""
    return _CSRF_TOKEN.sub(r'\1""', html)


def fresh_view() -> None:
    """End the test's read transaction: SQLite would otherwise go on showing it an older snapshot."""
    db.session.commit()


def send_until_saved(client, path: str, good: dict, hostile_values: dict, *, raw=(), choices=(),
                     summary: bool = True) -> tuple[dict, object]:
    """POST the form with the hostile values; refused fields go back to good values, until saved.

    Every refused page shows what was typed, but for `choices`: a <select> shows only its own options.
    Returns the hostile values that were saved and the final response.
    """
    accepted = dict(hostile_values)
    for _ in range(4):
        data = {**good, **accepted}
        response = client.post(path, data=data)
        assert response.status_code in (303, 400), response.status_code
        if response.status_code == 303:
            return accepted, response
        html = response.get_data(as_text=True)
        assert_no_injected_markup(html)
        errors = field_errors(html, data, summary=summary)
        assert errors, "refused without a message beside any field"
        # The UA number comes back normalised ("ua 60/16" → "UA 60/16") once it is valid.
        assert_comes_back(html, data, [name for name in data if name in hostile_values and name != "ua_number"
                                       and name not in choices], raw=raw)
        assert set(errors) <= set(accepted), f"good values were refused: {set(errors) - set(accepted)}"
        for name in errors:
            del accepted[name]
    raise AssertionError("the form was never saved")


def stored_or_refused(client, path: str, data: dict, model):
    """POST a form that answers 200 once it has stored a row, with hostile values, once.

    Either it is refused (400) with a message beside a field and no row of `model` is stored: None;
    or it stores exactly one row of `model`, which is returned for the test to check. Either way the
    page has no markup the templates did not write."""
    response = client.post(path, data=data)
    assert response.status_code in (200, 400), response.status_code
    html = response.get_data(as_text=True)
    assert_no_injected_markup(html)
    fresh_view()
    rows = db.session.scalars(select(model)).all()
    if response.status_code == 400:
        assert field_errors(html, data), "refused without a message beside any field"
        assert rows == [], f"refused, yet {len(rows)} {model.__tablename__} row(s) stored"
        return None
    (row,) = rows
    return row


def database_state(*tables) -> dict[str, list[tuple]]:
    """Every row of the tables, to compare before and after a request that must change nothing."""
    fresh_view()
    return {table.__tablename__: sorted(map(tuple, db.session.execute(select(table.__table__)).all()), key=repr)
            for table in tables}


# --- reading emails --------------------------------------------------------------------------------

# What every automatic email (a confirmation, a link someone asked for) carries, and nothing more.
NOTICE_HEADERS = ["Auto-Submitted", "Content-Type", "Date", "From", "MIME-Version", "Message-ID", "Subject", "To"]
RECIPIENT_HEADERS = ("To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc", "Reply-To")


def parse_email(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


def header_names(raw: bytes) -> list[str]:
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    return sorted({line.split(":", 1)[0] for line in head.split("\r\n") if line and not line[0].isspace()})


def on_the_wire(address: str) -> str:
    """An address as the To header carries it: the domain in IDNA (RFC 5890)."""
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain if domain.isascii() else _idna(domain)}".lower()


def wire_headers(raw: bytes, *, smtputf8: bool = False) -> list[tuple[str, str]]:
    """The header fields of a message as it goes to the mail server, unfolded, undecoded.

    8-bit text in a header is an error, but for a message sent with SMTPUTF8 (RFC 6531: an
    address with letters outside ASCII before its @), whose headers are UTF-8."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("utf-8" if smtputf8 else "ascii")
    return [(name, value.strip()) for name, _, value in
            (line.partition(":") for line in re.sub(r"\r\n(?=[ \t])", "", head).split("\r\n"))]


def assert_only_to(row, recipients: list[str], headers: list[str] = NOTICE_HEADERS) -> None:
    """The outbox row goes to exactly these addresses, and its message as sent has only the
    headers the app writes, with no line break in any value."""
    assert row.recipients == recipients, f"mailed {row.recipients}, not {recipients}"
    wire = wire_message(row)
    fields = wire_headers(wire.data, smtputf8=wire.smtputf8)
    assert sorted(name for name, _ in fields) == headers
    for name, value in fields:
        assert "\r" not in value and "\n" not in value, f"a line break in {name}: {value!r}"
    to = [value for name, value in fields if name == "To"]
    assert [address.lower() for _, address in getaddresses(to)] == [on_the_wire(r) for r in recipients]
