"""Where delivered mail goes: the configured SMTP server, or the file mailbox on one machine."""
from __future__ import annotations

import os
import secrets
from datetime import datetime, timezone
from pathlib import Path

from flask import Flask
from flask_mail import Message

from extensions import mail


class FileMailbox:
    """Writes each message as an .eml file; the /dev/mailbox page reads them back."""

    def __init__(self, directory: str) -> None:
        self.directory = Path(directory)

    def __enter__(self) -> FileMailbox:
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc) -> None:
        return None

    def send(self, message: Message) -> None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        name = f"{stamp}-{secrets.token_hex(4)}.eml"
        temporary = self.directory / f".{name}.tmp"
        temporary.write_bytes(message.as_bytes())
        os.replace(temporary, self.directory / name)  # readers never see half a message


def open_transport(app: Flask):
    """A context manager with .send(message): one SMTP connection reused for a whole batch."""
    if app.config.get("MAIL_SERVER"):
        return mail.connect()
    return FileMailbox(app.config["MAILBOX_DIR"])


def uses_file_mailbox(app: Flask) -> bool:
    return not app.config.get("MAIL_SERVER")
