"""Replies from the officials a campaign writes to, as organisers record them."""
from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import Boolean, Date, Enum, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models._types import UTCDateTime, utcnow


class ReplyChannel(str, enum.Enum):
    letter = "letter"
    email = "email"
    fax = "fax"
    phone = "phone"
    other = "other"

    @property
    def label(self) -> str:
        # Translators: how an official's reply reached the organisation.
        return {"letter": _("Letter"), "email": _("Email"), "fax": _("Fax"), "phone": _("Phone call"),
                "other": _("Other")}[self.value]


class Reply(db.Model):
    """An answer from a target (or from another office), summarised by an organiser.

    Private unless an organiser flags it public: then the campaign page shows the summary.
    """

    __tablename__ = "replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    # The target who replied, when it is one of the campaign's; else `sender` names who did.
    target_id: Mapped[int | None] = mapped_column(ForeignKey("targets.id", ondelete="SET NULL"), index=True)
    sender: Mapped[str] = mapped_column(String(200), default="")
    received_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[ReplyChannel] = mapped_column(
        Enum(ReplyChannel, name="reply_channel", native_enum=False, length=10))
    summary: Mapped[str] = mapped_column(Text)
    is_public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("organisers.id", ondelete="SET NULL"),
                                                      index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    target: Mapped[Target | None] = relationship()  # noqa: F821 - resolved by the registry

    @property
    def sender_label(self) -> str:
        """Who replied, for the pages: the target's label, the organiser's words, or both."""
        if self.target is not None and self.sender:
            return f"{self.sender} ({self.target.label})"
        if self.target is not None:
            return self.target.label
        return self.sender or _("The authorities")
