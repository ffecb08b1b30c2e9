"""Supporters, their actions and letters, and the counters that make reading totals cheap."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Enum, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models._types import UTCDateTime, utcnow


class Channel(str, enum.Enum):
    pdf = "pdf"
    email = "email"
    mailto = "mailto"


class LetterState(str, enum.Enum):
    generated = "generated"                    # PDF made, not yet reported posted
    posted = "posted"                          # supporter says it is in the post
    awaiting_confirmation = "awaiting_confirmation"  # email letter waiting for the supporter's click
    queued = "queued"                          # email letter in the outbox
    sent = "sent"                              # SMTP server accepted it
    failed = "failed"
    expired = "expired"                        # never confirmed
    opened = "opened"                          # mailto link opened in the supporter's mail app
    held = "held"                              # confirmed, waits for an organiser (a suspected flood)
    rejected = "rejected"                      # an organiser stopped it, or its sender is blocked
    duplicate = "duplicate"                    # the same person's email to this official already went: not sent twice


# States that count toward a campaign's goal.
COUNTED_STATES = frozenset({LetterState.generated, LetterState.posted, LetterState.queued,
                            LetterState.sent, LetterState.opened})


class Supporter(db.Model):
    """The person who sent one submission of the action form, as they gave their details that time.

    One row per submission (Action), never shared: nothing typed in a later submission, by the
    same person or by someone who knows their address, changes what an earlier one recorded.
    Kept per campaign so it can be purged with it.
    """

    __tablename__ = "supporters"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    # Lower-cased, as typed.
    email: Mapped[str] = mapped_column(String(254), index=True)
    # The inbox the address reaches (inboxes.inbox_key): the per-address cap and "confirmed before"
    # see one inbox behind all its aliases.
    inbox: Mapped[str] = mapped_column(String(254), index=True, default="")
    name: Mapped[str] = mapped_column(String(200))
    address_line1: Mapped[str] = mapped_column(String(200), default="")
    address_line2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    # The state, province, prefecture… where the country's addresses have one (letters/postal.py):
    # its key as the post writes it ("IL", "東京都"), or the name typed where the country has no list.
    region: Mapped[str] = mapped_column(String(120), default="")
    postcode: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(2))
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when personal data was purged or erased; the row stays so counts keep their keys.
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Action(db.Model):
    """One submission of the action form: the letters it produced share its secret token."""

    __tablename__ = "actions"
    __table_args__ = (
        Index("ix_actions_campaign_network", "campaign_id", "network_hash"),
        Index("ix_actions_campaign_message", "campaign_id", "message_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Not indexed alone: both indexes above begin with it.
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    supporter_id: Mapped[int] = mapped_column(ForeignKey("supporters.id", ondelete="CASCADE"), index=True)
    channel: Mapped[Channel] = mapped_column(Enum(Channel, name="channel", native_enum=False, length=10))
    language: Mapped[str] = mapped_column(String(10))
    # The interface language the supporter wrote in (i18n.py): the emails this submission sends
    # them later (confirmation again, their copy) speak it, whoever opens the links.
    locale: Mapped[str] = mapped_column(String(10), default="en")
    personal_message: Mapped[str] = mapped_column(Text, default="")
    # The form's one-time token: a second submit with the same token creates nothing.
    form_nonce: Mapped[str] = mapped_column(String(64), unique=True)
    # Unguessable handle of the thank-you page: downloads, "posted" and mail-app links. The
    # submitter's browser holds it, so it cannot confirm an email action: see confirm_hash.
    secret: Mapped[str] = mapped_column(String(64), unique=True)
    # Email channel: SHA-256 of the confirmation link's own secret, which exists only in the email
    # sent to the address. Whoever confirms has read that inbox.
    confirm_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Short code printed on the cover sheet; typed at /posted it marks these letters posted.
    posted_code: Mapped[str | None] = mapped_column(String(12), unique=True)
    # The targets chosen; mail-app letters are only created when their link is opened.
    target_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # False: "don't keep my address" was ticked; the printed letters carried it, the database never did.
    keeps_address: Mapped[bool] = mapped_column(Boolean, default=True)
    # Email channel: also send the supporter a copy of what went out in their name.
    wants_copy: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Email channel only, for its abuse limits (campaigns/abuse.py). A keyed fingerprint of the
    # sender's network (IPv4 address or IPv6 /64), never the address itself.
    network_hash: Mapped[str | None] = mapped_column(String(64))
    # A keyed fingerprint of the normalised personal message, kept only when the sender's email
    # address had never been confirmed before: identical messages from many new addresses are held.
    message_hash: Mapped[str | None] = mapped_column(String(64))

    supporter: Mapped[Supporter] = relationship()
    letters: Mapped[list[Letter]] = relationship(back_populates="action")


class Letter(db.Model):
    """One submission's letter to one target through one channel.

    A person (the same inbox and name) who writes to the same target through the same channel
    again gets a letter of their own, but counts once: of their letters, only the one furthest
    along (posted or sent before generated or queued…, the earliest on a tie) is in the counters,
    marked is_counted (letters/counting.py).
    """

    __tablename__ = "letters"
    __table_args__ = (
        UniqueConstraint("supporter_id", "target_id", "channel"),
        Index("ix_letters_campaign_state", "campaign_id", "state"),
        # A person's letters to a target through a channel, found together to settle which counts.
        Index("ix_letters_person", "person_key", "target_id", "channel",
              sqlite_where=text("person_key IS NOT NULL"), postgresql_where=text("person_key IS NOT NULL")),
        # At most one of them counts, even when two submissions of one person race.
        Index("uq_letters_counted_person", "person_key", "target_id", "channel", unique=True,
              sqlite_where=text("is_counted"), postgresql_where=text("is_counted")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    # Not indexed alone: the unique key (supporter_id, target_id, channel) begins with it.
    supporter_id: Mapped[int] = mapped_column(ForeignKey("supporters.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    channel: Mapped[Channel] = mapped_column(Enum(Channel, name="channel", native_enum=False, length=10))
    state: Mapped[LetterState] = mapped_column(
        Enum(LetterState, name="letter_state", native_enum=False, length=24))
    # The counter row this letter is counted in: day of creation and the supporter's country.
    counted_on: Mapped[date] = mapped_column(Date)
    country: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failure_reason: Mapped[str | None] = mapped_column(Text)
    # Who wrote it, as a keyed fingerprint of the campaign, inbox and name; emptied when the
    # supporter's data is purged or erased.
    person_key: Mapped[str | None] = mapped_column(String(64))
    # This letter stands for its person in the counters (see the class docstring).
    is_counted: Mapped[bool] = mapped_column(Boolean, default=True)

    action: Mapped[Action] = relationship(back_populates="letters")
    supporter: Mapped[Supporter] = relationship()
    target: Mapped[Target] = relationship()  # noqa: F821 - resolved by the registry


class LetterCount(db.Model):
    """How many letters are in each state, by campaign, day, target, channel and country.

    Every state change of a Letter moves one unit between two rows here, in the same
    transaction, with an atomic upsert. Reading a campaign's totals sums at most
    days × targets × channels × states × countries rows, however many letters there are.
    """

    __tablename__ = "letter_counts"
    __table_args__ = (
        UniqueConstraint("campaign_id", "day", "target_id", "channel", "state", "country"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    channel: Mapped[Channel] = mapped_column(Enum(Channel, name="channel", native_enum=False, length=10))
    state: Mapped[LetterState] = mapped_column(
        Enum(LetterState, name="letter_state", native_enum=False, length=24))
    country: Mapped[str] = mapped_column(String(2))
    count: Mapped[int] = mapped_column(Integer, default=0)
