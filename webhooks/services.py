"""What organisers do with webhooks: register an endpoint, pause, resume or remove it, redeliver an event.

Each function flushes and never commits, and records itself in the audit log.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, update

from extensions import db
from models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from models._types import utcnow
from organisers.audit import Actor, record
from webhooks.delivery import deliver_due  # noqa: F401 - registers the delivery job's handler wherever webhooks are used
from webhooks.events import ERASED_BODY, EVENTS, wake
from webhooks.signing import new_salt, secret_for
from webhooks.targets import TargetRefused, check_url

DELIVERIES_PAGE = 50


class WebhookError(ValueError):
    """`code` names what is wrong (organisers/labels.py words it); `field` the form field it concerns."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


@dataclass(frozen=True)
class Registered:
    endpoint: WebhookEndpoint
    secret: str  # shown once, on the page that answers the registration


def register_endpoint(url: str, events: list[str], *, description: str = "", actor: Actor) -> Registered:
    try:
        url = check_url(url)
    except TargetRefused as refused:
        raise WebhookError(refused.code, "url") from None
    chosen = [name for name in EVENTS if name in set(events)]
    if not chosen:
        raise WebhookError("no_events", "events")
    endpoint = WebhookEndpoint(url=url, description=(description or "").strip()[:200], events=chosen,
                               secret_salt=new_salt(), created_by=actor.email, created_at=utcnow(),
                               consecutive_failures=0, paused_reason="")
    db.session.add(endpoint)
    db.session.flush()
    record(actor, "webhook.registered", endpoint, f"{url} ({', '.join(chosen)})", subject_type="webhook")
    return Registered(endpoint, secret_for(endpoint.secret_salt))


def new_secret(endpoint: WebhookEndpoint, *, actor: Actor) -> str:
    """A new secret replaces the old at once: deliveries from now on are signed with it."""
    endpoint.secret_salt = new_salt()
    db.session.flush()
    record(actor, "webhook.secret_replaced", endpoint, endpoint.url, subject_type="webhook")
    return secret_for(endpoint.secret_salt)


def pause_endpoint(endpoint: WebhookEndpoint, *, actor: Actor) -> None:
    if not endpoint.is_paused:
        endpoint.is_paused = True
        endpoint.paused_at = utcnow()
        endpoint.paused_reason = "organiser"
        record(actor, "webhook.paused", endpoint, endpoint.url, subject_type="webhook")
    db.session.flush()


def resume_endpoint(endpoint: WebhookEndpoint, *, actor: Actor) -> int:
    """Send again: what waited goes now, oldest first. Returns how many deliveries were waiting."""
    endpoint.is_paused = False
    endpoint.paused_at = None
    endpoint.paused_reason = ""
    endpoint.consecutive_failures = 0
    endpoint.failing_since = None
    waiting = db.session.execute(update(WebhookDelivery).where(
        WebhookDelivery.endpoint_id == endpoint.id, WebhookDelivery.status == DeliveryStatus.pending)
        .values(next_attempt_at=utcnow())).rowcount
    if waiting:
        wake()
    record(actor, "webhook.resumed", endpoint, endpoint.url, subject_type="webhook")
    db.session.flush()
    return waiting


def remove_endpoint(endpoint: WebhookEndpoint, *, actor: Actor) -> None:
    """The endpoint and its deliveries go; what was not sent is not sent."""
    record(actor, "webhook.removed", endpoint, endpoint.url, subject_type="webhook")
    db.session.delete(endpoint)
    db.session.flush()


def redeliver(delivery: WebhookDelivery, *, actor: Actor) -> WebhookDelivery:
    """The same event again, as a new delivery (its own id) sent as soon as a worker is free.

    The body is the one first sent, with the same event id, so a receiver can tell a repeat.
    """
    if delivery.status is DeliveryStatus.cancelled or delivery.body == ERASED_BODY:
        raise WebhookError("erased")
    now = utcnow()
    again = WebhookDelivery(uid=str(uuid.uuid4()), endpoint_id=delivery.endpoint_id, event=delivery.event,
                            body=delivery.body, person_ref=delivery.person_ref, campaign_id=delivery.campaign_id,
                            status=DeliveryStatus.pending, attempts=0, next_attempt_at=now, created_at=now,
                            response_excerpt="", last_error="")
    db.session.add(again)
    db.session.flush()
    wake()
    record(actor, "webhook.redelivered", delivery.endpoint, f"{delivery.event} {delivery.uid}",
           subject_type="webhook")
    return again


def endpoints() -> list[tuple[WebhookEndpoint, int]]:
    """Every endpoint with how many of its deliveries wait to be sent."""
    waiting = dict(db.session.execute(select(WebhookDelivery.endpoint_id, func.count()).where(
        WebhookDelivery.status == DeliveryStatus.pending).group_by(WebhookDelivery.endpoint_id)).all())
    rows = db.session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id)).all()
    return [(endpoint, waiting.get(endpoint.id, 0)) for endpoint in rows]


def deliveries(endpoint: WebhookEndpoint, page: int = 1) -> tuple[list[WebhookDelivery], bool]:
    """The newest deliveries first, a page at a time; and whether there is a next page."""
    rows = db.session.scalars(select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
                              .order_by(WebhookDelivery.id.desc())
                              .offset((page - 1) * DELIVERIES_PAGE).limit(DELIVERIES_PAGE + 1)).all()
    return list(rows[:DELIVERIES_PAGE]), len(rows) > DELIVERIES_PAGE
