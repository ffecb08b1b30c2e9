"""The local file mailbox page: read what UA Desk 'sent' when no SMTP server is configured."""
from __future__ import annotations

import ipaddress
import re
from datetime import UTC, datetime
from email import policy
from email.parser import Parser
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request

from outbox.transport import uses_file_mailbox

bp = Blueprint("mailbox", __name__, url_prefix="/dev/mailbox")

_NAME = re.compile(r"^[0-9T]+-[0-9a-f]{8}\.eml$")


@bp.before_request
def local_only():
    # Mail holds confirmation links and supporters' letters: only for a browser on this machine.
    if not uses_file_mailbox(current_app):
        abort(404)
    try:
        if not ipaddress.ip_address(request.remote_addr or "").is_loopback:
            abort(404)
    except ValueError:
        abort(404)


def _parse(path: Path):
    # As text: a message to an address in another script has its headers in UTF-8 (RFC 6532).
    return Parser(policy=policy.default).parsestr(path.read_bytes().decode("utf-8", "surrogateescape"))


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:  # "-0000": a time of unknown zone, shown as written
        return value
    return value.astimezone(UTC)


@bp.get("/")
def index():
    directory = Path(current_app.config["MAILBOX_DIR"])
    files = sorted(directory.glob("*.eml"), reverse=True)[:200] if directory.exists() else []
    messages = []
    for path in files:
        parsed = _parse(path)
        date = parsed["date"]
        messages.append({"name": path.name, "subject": parsed["subject"], "to": parsed["to"],
                         "from": parsed["from"], "sent_at": _utc(date.datetime) if date else None})
    return render_template("mailbox/index.html", messages=messages)


@bp.get("/<name>")
def show(name: str):
    if not _NAME.match(name):
        abort(404)
    path = Path(current_app.config["MAILBOX_DIR"]) / name
    if not path.exists():
        abort(404)
    parsed = _parse(path)
    text = parsed.get_body(preferencelist=("plain",))
    html = parsed.get_body(preferencelist=("html",))
    return render_template("mailbox/show.html", message=parsed, name=name,
                           text=text.get_content() if text else "",
                           has_html=html is not None,
                           attachments=[part.get_filename() for part in parsed.iter_attachments()])
