"""Where delivered mail goes: an SMTP server (one connection per batch, a new one if it drops), or the file mailbox."""
from __future__ import annotations

import contextlib
import os
import secrets
import smtplib
import socket
import ssl
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask


class TemporaryFailure(Exception):
    """Try this message again later (4xx, a dropped connection, a timeout)."""

    def __init__(self, reason: str, *, connection_lost: bool = False) -> None:
        super().__init__(reason)
        self.connection_lost = connection_lost


class PermanentFailure(Exception):
    """The server refused this message for good (5xx): retrying would not help."""


class ServerUnavailable(Exception):
    """No connection could be made: nothing was attempted, every message waits."""


@dataclass(frozen=True)
class Envelope:
    sender: str              # the bounce address (VERP): bounces+<id>-<signature>@domain
    recipients: tuple[str, ...]
    data: bytes
    smtputf8: bool = False   # an address in it needs SMTPUTF8 (RFC 6531)


class FileMailbox:
    """Writes each message as an .eml file; the /dev/mailbox page reads them back.

    The messages hold confirmation links and supporters' letters: the folder is the service
    user's alone (0700) and so is every file (0600), from the moment it is created."""

    def __init__(self, directory: str) -> None:
        self.directory = Path(directory)

    def __enter__(self) -> FileMailbox:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if stat.S_IMODE(self.directory.stat().st_mode) != 0o700:  # made before it was private
            self.directory.chmod(0o700)
        return self

    def __exit__(self, *exc) -> None:
        return None

    def abort(self) -> None:
        """Nothing to interrupt: writing a file does not wait on anyone."""

    def send(self, envelope: Envelope) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        name = f"{stamp}-{secrets.token_hex(4)}.eml"
        temporary = self.directory / f".{name}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(envelope.data)
        os.replace(temporary, self.directory / name)  # readers never see half a message


class SMTPConnection:
    """One SMTP session reused for a batch; every network call has a timeout."""

    def __init__(self, app: Flask) -> None:
        config = app.config
        self.host = config["MAIL_SERVER"]
        self.port = int(config["MAIL_PORT"])
        self.timeout = float(config["MAIL_TIMEOUT"])
        self.use_ssl = bool(config["MAIL_USE_SSL"])
        self.use_tls = bool(config["MAIL_USE_TLS"])
        self.username = config.get("MAIL_USERNAME")
        self.password = config.get("MAIL_PASSWORD")
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SMTPConnection:
        try:
            if self.use_ssl:
                self.smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                             context=ssl.create_default_context())
            else:
                self.smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
                if self.use_tls:
                    self.smtp.starttls(context=ssl.create_default_context())
            if self.username:
                self.smtp.login(self.username, self.password or "")
        except (OSError, smtplib.SMTPException) as error:
            self._close()
            raise ServerUnavailable(f"{type(error).__name__}: {error}") from error
        return self

    def __exit__(self, *exc) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
        self._close()

    def _close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.close()
            except OSError:
                pass
        self.smtp = None

    def abort(self) -> None:
        """From another thread: end the session now, so nothing more can be sent on it."""
        smtp = self.smtp
        sock = getattr(smtp, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def send(self, envelope: Envelope) -> dict[str, tuple[int, bytes]]:
        """Returns the recipients refused while others were accepted; raises on failure."""
        if self.smtp is None:
            raise TemporaryFailure("not connected", connection_lost=True)
        try:
            return self.smtp.sendmail(envelope.sender, list(envelope.recipients), envelope.data,
                                      mail_options=self._options(envelope))
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            reason = "; ".join(f"{address}: {code} {message.decode(errors='replace')}"
                               for address, (code, message) in error.recipients.items())
            if all(500 <= code < 600 for code in codes):
                raise PermanentFailure(reason) from error
            raise TemporaryFailure(reason) from error
        except smtplib.SMTPSenderRefused as error:
            # Our own bounce address refused: a configuration problem, not the message's fault.
            raise TemporaryFailure(f"sender refused: {error.smtp_code} {error.smtp_error!r}") from error
        except smtplib.SMTPResponseException as error:
            text = error.smtp_error
            reason = f"{error.smtp_code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
            if 500 <= error.smtp_code < 600:
                raise PermanentFailure(reason) from error
            # 421: the server is closing the session; the caller reconnects for the rest.
            raise TemporaryFailure(reason, connection_lost=error.smtp_code == 421) from error
        except (TimeoutError, smtplib.SMTPServerDisconnected, OSError) as error:
            self._close()
            raise TemporaryFailure(f"{type(error).__name__}: {error}", connection_lost=True) from error

    def _options(self, envelope: Envelope) -> list[str]:
        if not envelope.smtputf8:
            return []
        self.smtp.ehlo_or_helo_if_needed()
        if not self.smtp.has_extn("smtputf8"):
            raise PermanentFailure(
                "an address has letters outside ASCII before the @, which needs a mail server offering "
                "SMTPUTF8 (RFC 6531), and this one does not")
        return ["SMTPUTF8", "BODY=8BITMIME"] if self.smtp.has_extn("8bitmime") else ["SMTPUTF8"]


def open_transport(app: Flask):
    """A context manager with .send(envelope): SMTP when configured, else the file mailbox."""
    if app.config.get("MAIL_SERVER"):
        return SMTPConnection(app)
    return FileMailbox(app.config["MAILBOX_DIR"])


def uses_file_mailbox(app: Flask) -> bool:
    return not app.config.get("MAIL_SERVER")
