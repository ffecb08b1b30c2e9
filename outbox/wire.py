"""An outbox row as the bytes that go to the mail server.

Built from the standard library's MIME classes rather than Flask-Mail's Message, which asks
the resolver for this machine's name for every message and nests the text and HTML parts one
level deeper than needed. Text and HTML go in one multipart/alternative. Headers that carry
people's text are written whole: a display name such as "Aýna <b>" is quoted or encoded as one
word (Flask-Mail encoded it piecewise, which mail programs read as the address "b"), and a
non-ASCII subject is folded into encoded words with the field name in mind.

Internationalised addresses: a domain is written in IDNA (ASCII), which every server takes. A
local part in another script (`джейн@example.org`) has no ASCII form at all: such a message is
written with its addresses in UTF-8 (RFC 6532) and marked `smtputf8`, so the transport sends it
only to a server that offers SMTPUTF8 (RFC 6531).
"""
from __future__ import annotations

import email.charset
import email.policy
import secrets
from dataclasses import dataclass
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from functools import lru_cache

import idna

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
    through that class, which refuses a line that would start a header of its own. With `utf8`
    (a message for SMTPUTF8) printable text in any script is written as it is too, in UTF-8.
    """

    utf8 = False

    def _fold(self, name, value, sanitize):
        if isinstance(value, str) and value.isprintable() and (self.utf8 or value.isascii()):
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, sanitize)

    def fold_binary(self, name, value):
        if not self.utf8:
            return super().fold_binary(name, value)
        return self._fold(name, value, sanitize=False).encode("utf-8", "surrogateescape")


_WIRE_POLICY = _WirePolicy(linesep="\r\n", max_line_length=None)
_UTF8_WIRE_POLICY = _WIRE_POLICY.clone(utf8=True)


class Unsendable(ValueError):
    """The row cannot be written as a message for any mail server (no recipient, an address no IDNA can spell)."""


@dataclass(frozen=True)
class Wire:
    """A row as the mail server gets it: the envelope's recipients and the message's bytes."""

    recipients: tuple[str, ...]   # domains in IDNA
    data: bytes
    smtputf8: bool                # an address has non-ASCII letters before the @: needs SMTPUTF8


def new_message_id(sender: str) -> str:
    """A Message-ID in the sender's domain; fixed when a row is written, so a retry keeps it."""
    return make_msgid(domain=_domain_of(sender))


@lru_cache(maxsize=1024)
def _domain_of(sender: str) -> str:
    # Parsing an address costs more than the rest of the Message-ID; most rows share a sender.
    return parseaddr(sender)[1].rpartition("@")[2] or "uadesk.invalid"


def wire_bytes(row: OutboxMessage) -> bytes:
    """The message exactly as it goes to the mail server."""
    return wire_message(row).data


def wire_message(row: OutboxMessage) -> Wire:
    """The row's envelope recipients and bytes; raises Unsendable if an address cannot be written."""
    if not isinstance(row.recipients, list) or not row.recipients:
        raise Unsendable(f"no list of recipients: {row.recipients!r}")
    headers = dict(row.headers or {})
    reply_to = headers.pop("Reply-To", None)
    recipients = tuple(envelope_address(address) for address in row.recipients)
    message = _body(row.body_text or "", row.body_html or None)
    if row.subject:
        message["Subject"] = row.subject if row.subject.isascii() else _encoded(row.subject, "Subject")
    addressed = {"From": _mailbox(row.sender),
                 "To": ", ".join(dict.fromkeys(_mailbox(address) for address in row.recipients))}
    message["From"], message["To"] = addressed["From"], addressed["To"]
    message["Date"] = formatdate(localtime=True)
    # Rows written before every row carried one get one in the sender's domain, without asking
    # the resolver for this machine's name.
    message["Message-ID"] = headers.pop("Message-ID", None) or new_message_id(row.sender)
    if reply_to:
        message["Reply-To"] = addressed["Reply-To"] = _mailbox(reply_to)
    for name, value in headers.items():
        message[name] = value
    # Names are encoded words, domains IDNA: only a part before an @ can still be non-ASCII.
    smtputf8 = not all(value.isascii() for value in (*recipients, *addressed.values()))
    data = message.as_bytes(policy=_UTF8_WIRE_POLICY if smtputf8 else _WIRE_POLICY)
    return Wire(recipients, data, smtputf8)


def envelope_address(address: str) -> str:
    """The address as SMTP takes it: the domain in IDNA (`jane@xn--bcher-kva.example`), the part
    before the @ as written."""
    address = address.strip()
    local, at, domain = address.rpartition("@")
    if not at or domain.isascii():
        return address
    return f"{local}@{_idna(domain)}"


@lru_cache(maxsize=1024)
def _idna(domain: str) -> str:
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except idna.IDNAError as error:
        raise Unsendable(f"the domain {domain!r} has no IDNA form: {error}") from error


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
    """'Name <address>' with one encoded word for the whole display name (parsers differ on names
    split across several) and the address as envelope_address writes it."""
    name, address = parseaddr(value)
    # formataddr quotes or encodes the name but takes ASCII addresses only: it formats the name
    # around a stand-in, and the address, in any script, takes the stand-in's place.
    before, _, after = formataddr((name, "@"), charset="utf-8").rpartition("@")
    return f"{before}{envelope_address(address)}{after}"


def _encoded(text: str, header: str) -> str:
    """RFC 2047 encoded words, folded at CRLF."""
    return Header(text, "utf-8", header_name=header).encode(linesep="\r\n")
