"""Case updates ("Further information on UA 118/21") and the people who follow them."""
from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import Boolean, Date, Enum, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models._types import UTCDateTime, utcnow


class UpdateKind(str, enum.Enum):
    further_information = "further_information"
    action_continues = "action_continues"
    released = "released"
    action_closed = "action_closed"

    @property
    def label(self) -> str:
        # Looked up when read, so a page or an email shows it in its own language.
        return {
            "further_information": _("Further information"),
            "action_continues": _("Action continues"),
            "released": _("Action closed: released"),
            "action_closed": _("Action closed"),
        }[self.value]


class CaseUpdate(db.Model):
    __tablename__ = "case_updates"
    __table_args__ = (UniqueConstraint("campaign_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, … within the campaign
    kind: Mapped[UpdateKind] = mapped_column(
        Enum(UpdateKind, name="update_kind", native_enum=False, length=24))
    title: Mapped[str] = mapped_column(String(300))
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    # Rendered and sanitised once, when written; pages show this as is.
    body_html: Mapped[str] = mapped_column(Text, default="")
    happened_on: Mapped[date | None] = mapped_column(Date)
    new_deadline: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The latest correction of the published text (the texts it replaced are in `corrections`).
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Withdrawn: gone from the campaign page, the feeds and the email still queued; organisers keep it.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    campaign: Mapped[Campaign] = relationship()  # noqa: F821
    corrections: Mapped[list[UpdateCorrection]] = relationship(
        back_populates="update", order_by="UpdateCorrection.number", cascade="all, delete-orphan",
        passive_deletes=True)

    @property
    def is_public(self) -> bool:
        """Shown on the campaign page and in the feeds."""
        return self.published_at is not None and self.withdrawn_at is None


class UpdateCorrection(db.Model):
    """One correction of a published update: the title and text it replaced, who replaced them and
    why, and whether the corrected text was emailed to the followers the update had reached."""

    __tablename__ = "case_update_corrections"
    __table_args__ = (UniqueConstraint("update_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("case_updates.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, … within the update
    previous_title: Mapped[str] = mapped_column(String(300))
    previous_body_markdown: Mapped[str] = mapped_column(Text, default="")
    # What was corrected, in the organiser's words; the followers' email quotes it.
    note: Mapped[str] = mapped_column(Text, default="")
    corrected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    corrected_by: Mapped[str] = mapped_column(String(254), default="")  # the organiser's email; "" for the CLI
    is_sent_to_followers: Mapped[bool] = mapped_column(Boolean, default=False)

    update: Mapped[CaseUpdate] = relationship(back_populates="corrections")


class SubscriptionStatus(str, enum.Enum):
    pending = "pending"
    confirmed = "confirmed"
    unsubscribed = "unsubscribed"


class Subscription(db.Model):
    """An email address following one campaign's updates, every campaign's, or new cases.

    The scope says what (subscriptions/scopes.py): "campaign:<id>" and "all" follow case updates;
    "new", "country:<ISO code>" and "theme:<theme>" follow new cases as they go live.
    """

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("email", "scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    # Unique with the email, since NULLs never collide in a unique key.
    scope: Mapped[str] = mapped_column(String(40))
    status: Mapped[SubscriptionStatus] = mapped_column(
        Enum(SubscriptionStatus, name="subscription_status", native_enum=False, length=14),
        default=SubscriptionStatus.pending)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # SHA-256 of the secret in the newest confirmation email, emptied once it is used; the link
    # works for a week from confirm_sent_at.
    confirm_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    confirm_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The interface language of whoever asked to follow: confirmation and update emails speak it.
    locale: Mapped[str] = mapped_column(String(10), default="en")
    # One email a week with everything this subscription brings, instead of one email per event.
    is_digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
