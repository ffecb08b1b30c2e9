"""Delivering outbox rows: claim due rows, send them over one connection, record each result.

A row that cannot go (refused by the guard, held for a bouncing address, impossible to build,
refused by the server) is recorded with its reason, and the others go on; when the server
drops the connection, the rest of the batch goes over a new one. At least once: a row is
marked sent only after the server accepted it. The one way a message goes out twice is a
worker dying (or losing its database) between the server's acceptance and the commit that
marks the row sent; its lease then runs out and another worker sends it again.
"""
from __future__ import annotations

import enum
import hashlib
import hmac
import json
import logging
import os
import random
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import String, bindparam, case, cast, func, or_, select, update

from extensions import db, writing
from models import BouncingAddress, OutboxMessage, OutboxStatus
from models._insert import insert_values
from models._types import utcnow
from outbox.guard import Officials
from outbox.hooks import letter_failed, letter_sent
from outbox.kick import note_new_work
from outbox.lease import Lease, lease_seconds
from outbox.transport import (Envelope, PermanentFailure, ServerUnavailable, TemporaryFailure,
                              open_transport)
from outbox.wire import new_message_id, wire_message

log = logging.getLogger(__name__)

# A message's own temporary failure (greylisting, a full mailbox, a dropped connection) is
# retried after these waits, each with ±25% jitter so that a burst of failures does not come
# back as one burst: the first few within seconds, since most such failures pass at once, then
# later and later, twelve attempts over about half a day (11.4 hours), then it has failed.
RETRY_AFTER = tuple(timedelta(seconds=seconds) for seconds in (3, 6, 12, 20, 60, 300, 1200, 3600, 7200, 14400, 14400))
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
# A server out of reach is an outage, not the message's fault: no attempt is used up, and the
# batch is tried again this soon (±50%), so a worker notices within seconds that it is back;
# trying costs a connection attempt, as nothing is built before the server answers.
OUTAGE_RETRY = timedelta(seconds=2)
THROTTLE_RETRY = timedelta(minutes=5)


def enqueue(**fields) -> int:
    """Add a message to the outbox in the caller's transaction; it leaves only after the commit.
    Returns the row's id.

    Every row gets its Message-ID here unless the caller chose one: a retried message keeps it."""
    headers = fields["headers"] = dict(fields.get("headers") or {})
    headers.setdefault("Message-ID", new_message_id(fields["sender"]))
    row_id = insert_values(OutboxMessage, **fields)
    note_new_work(db.session, OutboxMessage)
    return row_id


def notice(kind: str, *, to: str, subject: str, body, campaign_id: int | None = None) -> dict:
    """An automatic email from the organisation to one person (a confirmation, a link they asked
    for), as the fields of its outbox row: from MAIL_DEFAULT_SENDER, and marked Auto-Submitted so
    that out-of-office replies stay away. `body` is what theme.render_email returns."""
    return dict(kind=kind, campaign_id=campaign_id, sender=current_app.config["MAIL_DEFAULT_SENDER"],
                recipients=[to], subject=subject, body_text=body.text, body_html=body.html,
                headers={"Auto-Submitted": "auto-generated"})


def addressed_to(address: str):
    """SQL condition: the row's recipients include this (lower-cased) address.

    Recipients are stored as a JSON list, so its text holds each address as a JSON string: in
    double quotes, with any letter outside ASCII written as an escape (\\u00fc), as the text is
    searched for here.
    """
    needle = json.dumps(address.strip().lower())
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return cast(OutboxMessage.recipients, String).like(f"%{escaped}%", escape="\\")


def bounce_address(row_id: int) -> str:
    """VERP: bounces+<id>-<signature>@domain, so a bounce names the message it is about."""
    local, _, domain = current_app.config["BOUNCE_ADDRESS"].partition("@")
    return f"{local}+{row_id}-{_signature(row_id)}@{domain}"


def row_id_from_bounce_address(address: str) -> int | None:
    local = address.partition("@")[0]
    _, _, tag = local.partition("+")
    row_id, _, signature = tag.partition("-")
    if not row_id.isdigit() or not hmac.compare_digest(signature, _signature(int(row_id))):
        return None
    return int(row_id)


def _signature(row_id: int) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"bounce:{row_id}".encode(), hashlib.sha256).hexdigest()[:12]


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def claim(worker: str, limit: int, now: datetime) -> list[int]:
    """Lease up to `limit` due rows to this worker, in one statement.

    On PostgreSQL, FOR UPDATE SKIP LOCKED lets workers take disjoint rows without waiting on
    each other; SQLite runs writers one at a time (BEGIN IMMEDIATE), which is just as safe.
    """
    due = (select(OutboxMessage.id)
           .where(OutboxMessage.status == OutboxStatus.pending, OutboxMessage.next_attempt_at <= now,
                  or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
           .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)
           .with_for_update(skip_locked=True))
    claimed = db.session.scalars(
        update(OutboxMessage).where(OutboxMessage.id.in_(due))
        .values(claimed_until=now + timedelta(seconds=lease_seconds(current_app)), claimed_by=worker)
        .returning(OutboxMessage.id)).all()
    return sorted(claimed)


def seconds_until_due(now: datetime) -> float | None:
    """How long until a worker may next take a message: 0 if one is due now, None if none waits."""
    available = case((OutboxMessage.claimed_until > OutboxMessage.next_attempt_at, OutboxMessage.claimed_until),
                     else_=OutboxMessage.next_attempt_at)
    soonest = db.session.scalar(select(func.min(available)).where(OutboxMessage.status == OutboxStatus.pending))
    if soonest is None:
        return None
    return max((soonest - now).total_seconds(), 0.0)


def _over_hourly_cap(ids: list[int], now: datetime) -> list[int]:
    """Rows whose target inbox already had its share this hour: they wait, never dropped."""
    rows = db.session.execute(
        select(OutboxMessage.id, OutboxMessage.throttle_key, OutboxMessage.hourly_cap)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.throttle_key.is_not(None),
               OutboxMessage.hourly_cap.is_not(None))).all()
    if not rows:
        return []
    keys = {key for _, key, _ in rows}
    used = dict(db.session.execute(
        select(OutboxMessage.throttle_key, func.count())
        .where(OutboxMessage.throttle_key.in_(keys), OutboxMessage.status == OutboxStatus.sent,
               OutboxMessage.sent_at > now - timedelta(hours=1))
        .group_by(OutboxMessage.throttle_key)).all())
    held = []
    for row_id, key, cap in sorted(rows):
        if used.get(key, 0) >= cap:
            held.append(row_id)
        else:
            used[key] = used.get(key, 0) + 1
    return held


@dataclass
class _Prepared:
    row_id: int
    envelope: Envelope | None
    refusal: str | None = None       # set: addressed where it may not go (outbox/guard.py)
    held_for: str | None = None      # set: a recipient is bouncing
    broken: str | None = None        # set: no message can be built from the row


def _prepare(ids: list[int]) -> list[_Prepared]:
    rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))
                              .order_by(OutboxMessage.id)).all()
    addresses = {address for row in rows for address in _lowered(row)}
    bouncing = set(db.session.scalars(select(BouncingAddress.email).where(
        BouncingAddress.email.in_(addresses), BouncingAddress.cleared_at.is_(None))))
    officials = Officials.load()
    prepared = []
    for row in rows:
        try:
            prepared.append(_prepared(row, officials, bouncing))
        except Exception as error:  # whatever is wrong with one row, the others still go
            log.warning("outbox message %s cannot be built", row.id, exc_info=True)
            prepared.append(_Prepared(row.id, None, broken=f"cannot be sent: {_reason(error)}"))
    return prepared


def _prepared(row: OutboxMessage, officials: Officials, bouncing: set[str]) -> _Prepared:
    refusal = officials.refusal(row)
    if refusal:
        return _Prepared(row.id, None, refusal=refusal)
    hit = sorted(bouncing & _lowered(row))
    if hit:
        return _Prepared(row.id, None, held_for=", ".join(hit))
    wire = wire_message(row)
    return _Prepared(row.id, Envelope(bounce_address(row.id), wire.recipients, wire.data, smtputf8=wire.smtputf8))


def _lowered(row: OutboxMessage) -> set[str]:
    # A row is built by our own code, but one malformed row must not stop a whole batch.
    return {str(address).strip().lower() for address in row.recipients} if isinstance(row.recipients, list) else set()


def deliver_due(limit: int = 100) -> int:
    """Send what is due; returns how many messages the mail server accepted."""
    worker = _worker_name()
    with writing():
        claimed_at = time.monotonic()  # before the clock the lease is written with: never trusted longer
        now = utcnow()
        ids = claim(worker, limit, now)
        held = set(_over_hourly_cap(ids, now)) if ids else set()
        if held:
            db.session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(held))
                               .values(claimed_until=None, next_attempt_at=now + THROTTLE_RETRY))
        # The claim is ours once committed (the lease protects it): building the messages
        # must not hold SQLite's write lock while web requests wait for it.
        db.session.commit()
    ids = [row_id for row_id in ids if row_id not in held]
    if not ids:
        return 0
    with Lease(current_app, worker, ids, claimed_at) as lease:
        return _send_all(ids, worker, lease)


def _send_all(ids: list[int], worker: str, lease: Lease) -> int:
    """Connect, build the batch, send it; over a new connection whenever the server drops one, so
    that a temporary failure holds back only the message it concerns. While the server is out of
    reach, nothing is built: a worker trying every few seconds costs next to nothing."""
    sent = 0
    waiting: deque[_Prepared] | None = None  # built once the server answers
    while waiting is None or waiting:
        try:
            with open_transport(current_app) as transport:
                lease.on_lost(transport.abort)
                if waiting is None:
                    waiting = deque(_sendable(ids, worker))
                while waiting:
                    if not lease.holds():
                        # The rest go to another worker once the lease runs out; none is sent twice.
                        log.warning("lease on %d outbox message(s) not renewed; leaving them", len(waiting))
                        return sent
                    outcome = _send_one(transport, waiting.popleft(), worker)
                    sent += outcome is _Outcome.sent
                    if outcome is _Outcome.reconnect:
                        break
        except ServerUnavailable as error:
            left = ids if waiting is None else [item.row_id for item in waiting]
            _postpone(left, worker, str(error))
            log.warning("mail server unavailable, %d message(s) wait: %s", len(left), error)
            return sent
    return sent


def _sendable(ids: list[int], worker: str) -> list[_Prepared]:
    """The batch's messages that may go; the others are recorded now, each with its reason."""
    prepared = _prepare(ids)
    # Nothing is held open while talking to the mail server: it may take 30 s to answer.
    db.session.commit()
    for item in prepared:
        if item.envelope is None:
            _record(item.row_id, worker, refusal=item.refusal, held_for=item.held_for, broken=item.broken)
    return [item for item in prepared if item.envelope is not None]


class _Outcome(enum.Enum):
    sent = "sent"
    not_sent = "not sent"
    reconnect = "not sent, and the connection is gone"


def _send_one(transport, item: _Prepared, worker: str) -> _Outcome:
    try:
        refused = transport.send(item.envelope)
    except PermanentFailure as error:
        _record(item.row_id, worker, failure=str(error), permanent=True)
        return _Outcome.not_sent
    except TemporaryFailure as error:
        _record(item.row_id, worker, failure=str(error))
        return _Outcome.reconnect if error.connection_lost else _Outcome.not_sent
    except Exception as error:  # unforeseen: this message's problem, never the whole batch's
        log.warning("sending outbox message %s failed", item.row_id, exc_info=True)
        _record(item.row_id, worker, failure=_reason(error))
        return _Outcome.reconnect  # whatever state the session is in, a new one is clean
    _record_sent(item.row_id, worker, _refused_note(refused))
    return _Outcome.sent


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def _refused_note(refused: dict | None) -> str | None:
    if not refused:
        return None
    return "some recipients refused: " + "; ".join(f"{a}: {c}" for a, (c, _) in refused.items())


_outbox = OutboxMessage.__table__
# A plain statement, compiled once: the ORM's UPDATE would also look through the session for
# the row, for every message. Like every outcome, it is written only while the row is still
# this worker's: one taken over by another worker is that worker's to record.
_MARK_SENT = (_outbox.update().where(_outbox.c.id == bindparam("row_id"), _outbox.c.claimed_by == bindparam("worker"))
              .values(status=OutboxStatus.sent, sent_at=bindparam("sent_at"), last_error=bindparam("note"),
                      claimed_until=None)
              .returning(_outbox.c.letter_id))


def _record_sent(row_id: int, worker: str, note: str | None) -> None:
    """The server accepted it: mark it sent, and tell its letter (in one short transaction)."""
    try:
        with writing():
            # The common case in one statement: no read of the row, which holds the whole message.
            letter_id = db.session.connection().execute(_MARK_SENT, {
                "row_id": row_id, "worker": worker, "sent_at": utcnow(), "note": note}).scalar()
            if letter_id is not None:
                letter_sent(letter_id)
            db.session.commit()
    except Exception as error:
        # It went out: marked anything but sent, it would go out again. What its letter makes
        # of it is written down for an organiser instead.
        db.session.rollback()
        log.error("outbox message %s was sent, but recording it failed", row_id, exc_info=True)
        with writing():
            db.session.connection().execute(_MARK_SENT, {
                "row_id": row_id, "worker": worker, "sent_at": utcnow(),
                "note": f"sent, but recording it failed: {_reason(error)}"})
            db.session.commit()


def _record(row_id: int, worker: str, *, failure: str | None = None, permanent: bool = False,
            refusal: str | None = None, held_for: str | None = None, broken: str | None = None) -> None:
    """Write one unsent message's outcome in a short transaction of its own."""
    with writing():
        row = db.session.get(OutboxMessage, row_id)
        # Erased while it was being sent, or taken over by another worker: not ours to record.
        if row is None or row.claimed_by != worker or row.status is not OutboxStatus.pending:
            db.session.rollback()
            return
        row.claimed_until = None
        if refusal:
            row.status = OutboxStatus.refused
            row.last_error = refusal
            _failed(row, refusal)
        elif held_for:
            row.status = OutboxStatus.held
            row.last_error = f"held: bouncing address {held_for}"
        elif broken:
            row.status = OutboxStatus.failed
            row.last_error = broken
            _failed(row, broken)
        else:
            row.attempts += 1
            row.last_error = failure
            if permanent or row.attempts >= MAX_ATTEMPTS:
                row.status = OutboxStatus.failed
                _failed(row, failure or "failed")
            else:
                row.next_attempt_at = utcnow() + _backoff(row.attempts)
        db.session.commit()


def _failed(row: OutboxMessage, reason: str) -> None:
    if row.letter_id is not None:
        letter_failed(row.letter_id, reason)


def _postpone(ids: list[int], worker: str, reason: str) -> None:
    """An outage: the rest of the batch waits a moment without using up attempts.

    Held back by `claimed_until`, by no worker, rather than by a later `next_attempt_at`: the
    rows keep their place in the queue, so once the server is back the mail that has waited
    longest goes first, not last.
    """
    if not ids:
        return
    with writing():
        db.session.execute(
            update(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.claimed_by == worker)
            .values(claimed_until=utcnow() + OUTAGE_RETRY * random.uniform(0.5, 1.5), claimed_by=None,
                    last_error=reason))
        db.session.commit()


def _backoff(attempts: int) -> timedelta:
    """The wait after a message's `attempts`-th temporary failure, with jitter."""
    return RETRY_AFTER[min(attempts, len(RETRY_AFTER)) - 1] * random.uniform(0.75, 1.25)
