"""An outbox row as the bytes that go to the mail server.

Built from the standard library's MIME classes rather than Flask-Mail's Message, which asks
the resolver for this machine's name for every message and nests the text and HTML parts one
level deeper than needed. Text and HTML go in one multipart/alternative. Headers that carry
people's text are written whole: a display name such as "Aýna <b>" is quoted or encoded as one
word (Flask-Mail encoded it piecewise, which mail programs read as the address "b"), and a
non-ASCII subject is folded into encoded words with the field name in mind.
"""
from __future__ import annotations

import email.charset
import email.policy
import secrets
from functools import lru_cache
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, make_msgid, parseaddr

from flask_mail import sanitize_addresses

from models import OutboxMessage

# Flask-Mail and the standard library send UTF-8 bodies as unwrapped 8bit, so a paragraph
# longer than 998 bytes would break SMTP's line limit. Quoted-printable keeps lines short.
email.charset.add_charset("utf-8", email.charset.SHORTEST, email.charset.QP, "utf-8")


class _WirePolicy(email.policy.Compat32):
    """Headers as built, with CRLF line ends, as SMTP wants them.

    Not folded again: that would turn a long unbreakable value (List-Unsubscribe) into one that
    starts with a line break. A value of printable ASCII is written as it is, which is what the
    standard library's Header class would make of it, without a dozen steps per header for
    every message; anything else (encoded words, line breaks, control characters) still goes
    through that class, which refuses a line that would start a header of its own.
    """

    def _fold(self, name, value, sanitize):
        if isinstance(value, str) and value.isascii() and value.isprintable():
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, sanitize)


_WIRE_POLICY = _WirePolicy(linesep="\r\n", max_line_length=None)


def new_message_id(sender: str) -> str:
    """A Message-ID in the sender's domain; fixed when a row is written, so a retry keeps it."""
    return make_msgid(domain=_domain_of(sender))


@lru_cache(maxsize=1024)
def _domain_of(sender: str) -> str:
    # Parsing an address costs more than the rest of the Message-ID; most rows share a sender.
    return parseaddr(sender)[1].rpartition("@")[2] or "uadesk.invalid"


def wire_bytes(row: OutboxMessage) -> bytes:
    """The message exactly as it goes to the mail server."""
    headers = dict(row.headers or {})
    message = _body(row.body_text or "", row.body_html or None)
    if row.subject:
        message["Subject"] = row.subject if row.subject.isascii() else _encoded(row.subject, "Subject")
    message["From"] = _mailbox(row.sender)
    message["To"] = ", ".join(dict.fromkeys(sanitize_addresses(list(row.recipients))))
    message["Date"] = formatdate(localtime=True)
    # Rows written before every row carried one get one in the sender's domain, without asking
    # the resolver for this machine's name.
    message["Message-ID"] = headers.pop("Message-ID", None) or new_message_id(row.sender)
    reply_to = headers.pop("Reply-To", None)
    if reply_to:
        message["Reply-To"] = _mailbox(reply_to)
    for name, value in headers.items():
        message[name] = value
    return message.as_bytes(policy=_WIRE_POLICY)


def _body(text: str, html: str | None) -> MIMEText | MIMEMultipart:
    if html is None:
        return MIMEText(text, "plain", "utf-8")
    message = MIMEMultipart("alternative", _subparts=[MIMEText(text, "plain", "utf-8"),
                                                      MIMEText(html, "html", "utf-8")])
    # "=_" never occurs in a quoted-printable body ("=" there is always followed by two hex
    # digits or a line end), so a boundary starting with it needs no search through the parts.
    message.set_boundary(f"=_{secrets.token_hex(16)}")
    return message


def _mailbox(value: str) -> str:
    """One encoded word for the whole display name: parsers differ on names split across several."""
    return formataddr(parseaddr(value), charset="utf-8")


def _encoded(text: str, header: str) -> str:
    """RFC 2047 encoded words, folded at CRLF."""
    return Header(text, "utf-8", header_name=header).encode(linesep="\r\n")
