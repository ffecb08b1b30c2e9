"""Sending due webhook deliveries: claimed in batches with a lease, signed, POSTed, retried until delivered.

A job (webhooks/events.py DELIVER_JOB) wakes a worker, which then sends every due delivery it can
claim, batch by batch, so two workers share the queue and neither waits on the other. A delivery
that gets no 2xx is tried again later, the wait doubling from WEBHOOK_RETRY_SECONDS up to
WEBHOOK_RETRY_MAX_SECONDS, for as long as it takes: none is ever dropped. When an endpoint gets
no answer at all, the rest of its batch waits for the next try without using up an attempt. An
endpoint whose attempts failed WEBHOOK_PAUSE_AFTER_FAILURES times in a row, over at least
WEBHOOK_PAUSE_AFTER_HOURS, is paused (its deliveries wait, still queued) and the admins are emailed.
"""
from __future__ import annotations

import logging
import random
import secrets
import time
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import or_, select, update
from sqlalchemy.orm import joinedload

from extensions import db
from models import DeliveryStatus, Job, JobStatus, Organiser, Role, WebhookDelivery, WebhookEndpoint
from models._types import utcnow
from outbox.delivery import enqueue, notice
from outbox.hooks import periodic
from outbox.jobs import enqueue_job, job_handler
from subscriptions.links import external_url
from theme import render_email
from webhooks.events import DELIVER_JOB
from webhooks.signing import secret_for, signature
from webhooks.targets import allows_loopback
from webhooks.transport import Answer, DeliveryFailed, post

log = logging.getLogger(__name__)

BATCH = 50
# A worker holds what it claimed this long; it stops taking new rows of the batch at half of it.
LEASE = timedelta(minutes=2)
USER_AGENT = "UA-Desk-Webhooks/1"


@job_handler(DELIVER_JOB)
def _deliver_job(job: Job) -> bool:
    """One step: one batch. The job is done once nothing is left to claim."""
    return deliver_due() == 0


@periodic("webhook_wakeups")
def wake_if_forgotten(now: datetime) -> int:
    """The safety net: due deliveries with no job pending to send them (its job failed for good, say) get one."""
    due = db.session.scalar(select(WebhookDelivery.id).join(WebhookEndpoint).where(
        WebhookDelivery.status == DeliveryStatus.pending, WebhookDelivery.next_attempt_at <= now,
        or_(WebhookDelivery.claimed_until.is_(None), WebhookDelivery.claimed_until < now),
        WebhookEndpoint.is_paused.is_(False)).limit(1))
    if due is None or db.session.scalar(select(Job.id).where(
            Job.kind == DELIVER_JOB, Job.status == JobStatus.pending).limit(1)) is not None:
        return 0
    enqueue_job(DELIVER_JOB, {})
    return 1


def retry_delay(attempts: int) -> float:
    config = current_app.config
    base = min(config["WEBHOOK_RETRY_SECONDS"] * 2 ** max(attempts - 1, 0), config["WEBHOOK_RETRY_MAX_SECONDS"])
    return base * random.uniform(0.8, 1.2)  # spread, so a receiver back up is not hit all at once


def _claim(limit: int) -> tuple[str, list[int]]:
    now = utcnow()
    query = (select(WebhookDelivery.id).join(WebhookEndpoint)
             .where(WebhookDelivery.status == DeliveryStatus.pending, WebhookDelivery.next_attempt_at <= now,
                    or_(WebhookDelivery.claimed_until.is_(None), WebhookDelivery.claimed_until < now),
                    WebhookEndpoint.is_paused.is_(False))
             .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(limit))
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=WebhookDelivery)
    ids = db.session.scalars(query).all()
    if not ids:
        db.session.commit()
        return "", []
    token = secrets.token_hex(16)
    # The same condition again: on SQLite another worker may have claimed some since the SELECT.
    db.session.execute(update(WebhookDelivery).where(
        WebhookDelivery.id.in_(ids),
        or_(WebhookDelivery.claimed_until.is_(None), WebhookDelivery.claimed_until < now))
        .values(claimed_until=now + LEASE, claim=token), execution_options={"synchronize_session": False})
    db.session.commit()
    return token, ids


def deliver_due(limit: int = BATCH) -> int:
    """Claim and send one batch of due deliveries, committing the outcome; returns how many were claimed."""
    token, ids = _claim(limit)
    if not ids:
        return 0
    started = time.monotonic()
    rows = db.session.scalars(select(WebhookDelivery).options(joinedload(WebhookDelivery.endpoint))
                              .where(WebhookDelivery.id.in_(ids), WebhookDelivery.claim == token)
                              .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)).all()
    timeout = current_app.config["WEBHOOK_TIMEOUT"]
    loopback = allows_loopback()
    secrets_of: dict[int, str] = {}
    unreachable: dict[int, datetime] = {}  # endpoint → when its next try is, after it gave no answer
    earliest_retry: datetime | None = None
    for delivery in rows:
        endpoint = delivery.endpoint
        if endpoint.id in unreachable or endpoint.is_paused or (
                time.monotonic() - started > LEASE.total_seconds() / 2):
            # Not tried: it keeps its attempts, and waits for the endpoint's next try (or the next batch).
            delivery.next_attempt_at = unreachable.get(endpoint.id, delivery.next_attempt_at)
            delivery.claimed_until = delivery.claim = None
            continue
        if endpoint.id not in secrets_of:
            secrets_of[endpoint.id] = secret_for(endpoint.secret_salt)
        body = delivery.body.encode()
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, "UA-Desk-Event": delivery.event,
                   "UA-Desk-Delivery": delivery.uid,
                   "UA-Desk-Signature": signature(secrets_of[endpoint.id], body, int(time.time()))}
        try:
            answer = post(endpoint.url, body, headers, timeout=timeout, loopback=loopback)
        except DeliveryFailed as failure:
            answer = failure
        now = utcnow()
        _record(delivery, answer, now)
        if delivery.status is not DeliveryStatus.delivered:
            if isinstance(answer, DeliveryFailed):
                unreachable[endpoint.id] = delivery.next_attempt_at
            earliest_retry = min(earliest_retry or delivery.next_attempt_at, delivery.next_attempt_at)
    if earliest_retry is not None:
        # The retry's wake-up call, durable like the deliveries themselves.
        enqueue_job(DELIVER_JOB, {}).run_after = earliest_retry
    db.session.commit()
    return len(ids)


def _record(delivery: WebhookDelivery, answer: Answer | DeliveryFailed, now: datetime) -> None:
    endpoint = delivery.endpoint
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.claimed_until = delivery.claim = None
    if isinstance(answer, Answer):
        delivery.response_status, delivery.response_excerpt = answer.status, answer.excerpt
        delivery.last_error = "" if 200 <= answer.status < 300 else "http_status"
    else:
        delivery.response_status, delivery.response_excerpt = None, ""
        delivery.last_error = f"{answer.code}: {answer.detail}"[:300] if answer.detail else answer.code
    if isinstance(answer, Answer) and 200 <= answer.status < 300:
        delivery.status = DeliveryStatus.delivered
        delivery.delivered_at = now
        endpoint.consecutive_failures = 0
        endpoint.failing_since = None
        endpoint.last_success_at = now
        return
    delivery.next_attempt_at = now + timedelta(seconds=retry_delay(delivery.attempts))
    endpoint.consecutive_failures += 1
    endpoint.failing_since = endpoint.failing_since or now
    config = current_app.config
    if (not endpoint.is_paused and endpoint.consecutive_failures >= config["WEBHOOK_PAUSE_AFTER_FAILURES"]
            and now - endpoint.failing_since >= timedelta(hours=config["WEBHOOK_PAUSE_AFTER_HOURS"])):
        pause(endpoint, reason="failing", now=now)


def pause(endpoint: WebhookEndpoint, *, reason: str, now: datetime | None = None) -> None:
    """Stop sending to the endpoint; a pause for failing also emails every active admin."""
    endpoint.is_paused = True
    endpoint.paused_at = now or utcnow()
    endpoint.paused_reason = reason
    if reason == "failing":
        _tell_admins(endpoint)


def _tell_admins(endpoint: WebhookEndpoint) -> None:
    admins = db.session.scalars(select(Organiser.email).where(
        Organiser.is_admin.is_(True), Organiser.is_active.is_(True), Organiser.role == Role.organiser)).all()
    page = external_url("organisers.webhook", endpoint_id=endpoint.id)
    # Organisers share one language for what the system tells them: the organisation's.
    with force_locale(current_app.config["DEFAULT_LOCALE"]):
        body = render_email("email/webhook_paused", endpoint=endpoint, page=page,
                            failures=endpoint.consecutive_failures, org_name=current_app.config["ORG_NAME"])
        subject = _("Webhook paused: %(url)s", url=endpoint.url[:80])
    for address in admins:
        enqueue(**notice("webhook_paused", to=address, subject=subject, body=body))
