"""Bounces: addresses that reject our mail are held back until an organiser clears them."""
from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from sqlalchemy import select

from extensions import db
from models import BouncingAddress, OutboxMessage, OutboxStatus
from models._types import utcnow
from outbox.delivery import row_id_from_bounce_address

_VERP = re.compile(r"[\w.+-]+\+\d+-[0-9a-f]{12}@[\w.-]+", re.IGNORECASE)


def record_bounce(address: str, reason: str) -> BouncingAddress:
    """Mark an address as bouncing (again); flushes, never commits."""
    email = address.strip().lower()
    entry = db.session.scalar(select(BouncingAddress).where(BouncingAddress.email == email))
    if entry is None:
        entry = BouncingAddress(email=email, reason=reason[:2000], bounce_count=0)
        db.session.add(entry)
    entry.bounce_count += 1
    entry.reason = reason[:2000]
    entry.bounced_at = utcnow()
    entry.cleared_at = None
    entry.cleared_by = None
    db.session.flush()
    return entry


def clear_bounce(address: str, *, cleared_by: str) -> int:
    """An organiser says the address works again: held messages to it go back in the queue."""
    email = address.strip().lower()
    entry = db.session.scalar(select(BouncingAddress).where(BouncingAddress.email == email))
    if entry is None or entry.cleared_at is not None:
        return 0
    entry.cleared_at = utcnow()
    entry.cleared_by = cleared_by
    still_bouncing = set(db.session.scalars(select(BouncingAddress.email).where(
        BouncingAddress.cleared_at.is_(None), BouncingAddress.email != email)))
    released = 0
    for row in db.session.scalars(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.held)):
        recipients = {r.strip().lower() for r in row.recipients}
        if email in recipients and not recipients & still_bouncing:
            row.status = OutboxStatus.pending
            row.next_attempt_at = utcnow()
            row.last_error = None
            released += 1
    db.session.flush()
    return released


def bounce_from_report(raw: bytes) -> list[str]:
    """Read a delivery status notification sent to a VERP address; returns the addresses marked.

    The VERP tag names our message; the report's failed Final-Recipient fields name which of
    its recipients bounced (all of them when the report does not say).
    """
    report = BytesParser(policy=policy.default).parsebytes(raw)
    row = _row_for_report(report)
    if row is None:
        return []
    failed = _failed_recipients(report) or [address.lower() for address in row.recipients]
    ours = {address.strip().lower() for address in row.recipients}
    marked = [address for address in failed if address in ours]
    reason = (report["subject"] or "delivery failure")[:200]
    for address in marked:
        record_bounce(address, reason)
    return marked


def _row_for_report(report: EmailMessage) -> OutboxMessage | None:
    for header in ("Delivered-To", "X-Original-To", "To", "Envelope-To"):
        for value in report.get_all(header, []):
            for address in _VERP.findall(str(value)):
                row_id = row_id_from_bounce_address(address)
                if row_id is not None:
                    return db.session.get(OutboxMessage, row_id)
    return None


def _failed_recipients(report: EmailMessage) -> list[str]:
    failed = []
    for part in report.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in part.get_payload():
            action = str(block.get("Action", "")).strip().lower()
            recipient = str(block.get("Final-Recipient", "")).partition(";")[2].strip().lower()
            if recipient and action == "failed":
                failed.append(recipient)
    return failed
