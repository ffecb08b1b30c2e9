"""The audit log: who created, edited, published, closed, imported or exported what, and when."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models._types import UTCDateTime, utcnow


class AuditEntry(db.Model):
    """One thing an organiser did, written in the same transaction as the change itself.

    The organiser's email is copied into the entry so the log still says who acted after the
    account changes; entries are never edited or deleted by the application.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisers.id", ondelete="SET NULL"), index=True)
    organiser_email: Mapped[str] = mapped_column(String(254), default="")  # "" for the command line
    action: Mapped[str] = mapped_column(String(40))          # "campaign.published"
    subject_type: Mapped[str] = mapped_column(String(40))    # "campaign", "organiser", "export"
    subject_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(String(500), default="")
    ip: Mapped[str | None] = mapped_column(String(45))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
