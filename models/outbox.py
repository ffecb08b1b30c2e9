"""The transactional outbox: every email is a row committed with the action that caused it."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models._types import UTCDateTime, utcnow


class OutboxStatus(str, enum.Enum):
    pending = "pending"
    sent = "sent"
    failed = "failed"
    held = "held"  # waits for an organiser (a bouncing address, a suspected flood)
    # Never sent and never retried: addressed to an official's inbox that it may not reach
    # (outbox/guard.py). Stored as text without a CHECK constraint, so it needed no migration.
    refused = "refused"


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_due", "status", "next_attempt_at"),
        # Only letters to officials have a letter and a throttle key. Confirmations, updates and
        # links, most of the rows, have neither, so these indexes hold only the rows they find,
        # and writing such a row touches two indexes fewer (0007).
        *(Index(f"ix_outbox_messages_{column}", column, sqlite_where=text(f"{column} IS NOT NULL"),
                postgresql_where=text(f"{column} IS NOT NULL")) for column in ("letter_id", "throttle_key")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # confirmation, letter, update, …
    # Same key, same message: retried publishing never enqueues a message twice.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id", ondelete="SET NULL"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"), index=True)
    sender: Mapped[str] = mapped_column(String(400))
    recipients: Mapped[list[str]] = mapped_column(JSON)
    # The address the hourly cap is counted against (a target's inbox); empty for others.
    throttle_key: Mapped[str | None] = mapped_column(String(254))
    hourly_cap: Mapped[int | None] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(400))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[OutboxStatus] = mapped_column(
        Enum(OutboxStatus, name="outbox_status", native_enum=False, length=10), default=OutboxStatus.pending)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BouncingAddress(db.Model):
    """A target address that bounced: letters to it wait until an organiser clears it."""

    __tablename__ = "bouncing_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # lower-cased
    reason: Mapped[str] = mapped_column(Text, default="")
    bounced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    bounce_count: Mapped[int] = mapped_column(Integer, default=1)
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cleared_by: Mapped[str | None] = mapped_column(String(254))
