"""Webhooks: the endpoints a section's CRM listens on, and each event delivered (or to deliver) to one."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Boolean, Enum, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models._types import UTCDateTime, utcnow


class WebhookEndpoint(db.Model):
    """A URL that receives the events it chose, signed with a secret only it and UA Desk can make.

    The secret itself is never stored: it is worked out from SECRET_KEY and `secret_salt`
    (webhooks/signing.py), so a copy of the database alone cannot sign or verify anything.
    """

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str] = mapped_column(String(200), default="")
    events: Mapped[list] = mapped_column(JSON, default=list)  # event names, webhooks/events.py
    secret_salt: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(254), default="")
    # Paused: deliveries are still queued, and none is sent until an organiser resumes it.
    is_paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_reason: Mapped[str] = mapped_column(String(300), default="")
    # Attempts that failed in a row, and when the first of them failed: what pausing is decided on.
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    deliveries: Mapped[list[WebhookDelivery]] = relationship(
        back_populates="endpoint", cascade="all, delete-orphan", passive_deletes=True)


class DeliveryStatus(str, enum.Enum):
    pending = "pending"        # waiting for its (next) attempt
    delivered = "delivered"    # the endpoint answered 2xx
    cancelled = "cancelled"    # its supporter was erased before it went: it never will


class WebhookDelivery(db.Model):
    """One event for one endpoint: the exact body it is sent with, and what the last attempt got."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)  # the UA-Desk-Delivery header
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    # Whom the body is about (webhooks/events.py supporter_ref), so erasure can find it; and its case.
    person_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    campaign_id: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[DeliveryStatus] = mapped_column(
        Enum(DeliveryStatus, name="webhook_delivery_status", native_enum=False, length=10),
        default=DeliveryStatus.pending)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim: Mapped[str | None] = mapped_column(String(32))  # the worker's token while it holds the row
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_excerpt: Mapped[str] = mapped_column(String(500), default="")
    last_error: Mapped[str] = mapped_column(String(300), default="")

    endpoint: Mapped[WebhookEndpoint] = relationship(back_populates="deliveries")
