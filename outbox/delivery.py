"""Delivering outbox rows: claim due rows, send them over one connection, record the result."""
from __future__ import annotations

import logging
import os
import smtplib
import socket
from datetime import datetime, timedelta

from flask import current_app
from flask_mail import Message
from sqlalchemy import func, or_, select, update

from extensions import db, writing
from models import Campaign, OutboxMessage, OutboxStatus
from models._types import utcnow

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 8


def enqueue(**fields) -> OutboxMessage:
    """Add a message to the outbox in the caller's transaction; it leaves only after the commit."""
    message = OutboxMessage(**fields)
    db.session.add(message)
    return message


def to_mail_message(row: OutboxMessage) -> Message:
    headers = dict(row.headers or {})
    reply_to = headers.pop("Reply-To", None)
    message_id = headers.pop("Message-ID", None)
    message = Message(subject=row.subject, recipients=list(row.recipients), body=row.body_text,
                      html=row.body_html or None, sender=row.sender, reply_to=reply_to,
                      extra_headers=headers or None)
    if message_id:
        # Fixed when the row was written, so a retried message keeps its identity.
        message.msgId = message_id
    return message


def _claim(worker: str, limit: int, now: datetime) -> list[int]:
    """Lease up to `limit` due rows to this worker; a row is claimed by one worker only.

    The conditional UPDATE is the claim: two workers racing for a row both issue it, and
    the database lets exactly one of them see a changed row.
    """
    candidates = db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.pending, OutboxMessage.next_attempt_at <= now,
               or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)).all()
    claimed = []
    for row_id in _within_hourly_caps(candidates, now):
        result = db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id, OutboxMessage.status == OutboxStatus.pending,
                   or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
            .values(claimed_until=now + LEASE, claimed_by=worker))
        if result.rowcount == 1:
            claimed.append(row_id)
    db.session.commit()
    return claimed


def _within_hourly_caps(candidate_ids: list[int], now: datetime) -> list[int]:
    """Hold back rows whose target inbox had its hourly share: they wait, they are never dropped."""
    rows = db.session.execute(
        select(OutboxMessage.id, OutboxMessage.throttle_key, OutboxMessage.hourly_cap)
        .where(OutboxMessage.id.in_(candidate_ids))).all()
    keys = {key for _, key, cap in rows if key and cap}
    sent_last_hour = dict(db.session.execute(
        select(OutboxMessage.throttle_key, func.count())
        .where(OutboxMessage.throttle_key.in_(keys), OutboxMessage.status == OutboxStatus.sent,
               OutboxMessage.sent_at > now - timedelta(hours=1))
        .group_by(OutboxMessage.throttle_key)).all()) if keys else {}
    allowed, held = [], []
    by_id = {row_id: (key, cap) for row_id, key, cap in rows}
    for row_id in candidate_ids:
        key, cap = by_id[row_id]
        if key and cap:
            if sent_last_hour.get(key, 0) >= cap:
                held.append(row_id)
                continue
            sent_last_hour[key] = sent_last_hour.get(key, 0) + 1
        allowed.append(row_id)
    if held:
        # Spread the wait over the hour instead of retrying every poll.
        db.session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(held))
                           .values(next_attempt_at=now + timedelta(minutes=5)))
    return allowed


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def deliver_due(limit: int = 100) -> int:
    """Send what is due; returns how many messages the mail server accepted."""
    with writing():
        return _deliver_due(limit)


def _deliver_due(limit: int) -> int:
    from outbox.transport import open_transport
    from letters.email import after_delivery

    worker = f"{socket.gethostname()}:{os.getpid()}"
    ids = _claim(worker, limit, utcnow())
    if not ids:
        return 0
    sent = 0
    try:
        with open_transport(current_app) as transport:
            for row_id in ids:
                row = db.session.get(OutboxMessage, row_id)
                if _reaches_official_in_test_mode(row):
                    _record_failure(row, "refused: the campaign is in test mode", permanent=True)
                    db.session.commit()
                    continue
                try:
                    transport.send(to_mail_message(row))
                except smtplib.SMTPResponseException as error:
                    _record_failure(row, f"{error.smtp_code} {error.smtp_error!r}",
                                    permanent=500 <= error.smtp_code < 600)
                except smtplib.SMTPRecipientsRefused as error:
                    _record_failure(row, f"recipients refused: {error.recipients!r}", permanent=True)
                else:
                    row.status = OutboxStatus.sent
                    row.sent_at = utcnow()
                    row.claimed_until = None
                    after_delivery(row)
                    sent += 1
                db.session.commit()
    except (OSError, smtplib.SMTPException) as error:
        # The server is unreachable: everything still claimed is released for a later try.
        db.session.rollback()
        _release(ids, str(error))
    return sent


def _reaches_official_in_test_mode(row: OutboxMessage) -> bool:
    """Last line of defence: whatever built the row, a test-mode campaign never mails a target."""
    if row.campaign_id is None:
        return False
    campaign = db.session.get(Campaign, row.campaign_id)
    if campaign is None or not campaign.is_test_mode:
        return False
    official = {email.strip().lower() for target in campaign.targets for email in target.emails}
    return any(address.strip().lower() in official for address in row.recipients)


def _record_failure(row: OutboxMessage, reason: str, *, permanent: bool) -> None:
    from letters.email import after_failure

    row.attempts += 1
    row.last_error = reason
    row.claimed_until = None
    if permanent or row.attempts >= MAX_ATTEMPTS:
        row.status = OutboxStatus.failed
        after_failure(row, reason)
    else:
        row.next_attempt_at = utcnow() + _backoff(row.attempts)


def _release(ids: list[int], reason: str) -> None:
    for row in db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.id.in_(ids), OutboxMessage.status == OutboxStatus.pending)):
        _record_failure(row, reason, permanent=False)
    db.session.commit()
    log.warning("mail server unavailable, %d message(s) will be retried: %s", len(ids), reason)
