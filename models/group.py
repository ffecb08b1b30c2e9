"""Local groups that write together, and the letter-writing events they hold.

A group (a town's local group, a school, a student society) has coordinators: organiser accounts with
the coordinator role, tied to the group, who see and do only what concerns their group's events
(organisers/roles.py). An event is one evening of writing on one or more open cases.
"""
from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models._types import UTCDateTime, utcnow

# The largest room a pack is printed for: a school hall, a town-square stall over a day.
MAX_WRITERS = 500


def new_event_code() -> str:
    """The event's part of the QR link attendees open: unguessable, so no one tags actions to an event
    they were not at (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


class Group(db.Model):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    town: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str] = mapped_column(String(2), default="")  # ISO 3166-1 alpha-2
    # The group's own public contact (a shared mailbox), not a member's personal address.
    contact: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    coordinators: Mapped[list[Organiser]] = relationship(back_populates="group")  # noqa: F821
    events: Mapped[list[Event]] = relationship(back_populates="group", order_by="Event.held_on.desc()")


class Event(db.Model):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    # An organiser may hold an event for no group (the section's own stall); a coordinator's are their group's.
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    expected_writers: Mapped[int] = mapped_column(Integer)
    # Whether the pack and poster carry the QR link for attendees who act on their phones.
    phones_welcome: Mapped[bool] = mapped_column(Boolean, default=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, default=new_event_code)
    created_by: Mapped[str] = mapped_column(String(254))  # the organiser's or coordinator's email, as audited
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The latest tally report: what was written, reported once after the evening or corrected later.
    tallied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    tallied_by: Mapped[str] = mapped_column(String(254), default="")

    group: Mapped[Group | None] = relationship(back_populates="events")
    cases: Mapped[list[EventCase]] = relationship(back_populates="event", order_by="EventCase.position",
                                                  cascade="all, delete-orphan", passive_deletes=True)


class EventCase(db.Model):
    """One case written on at an event, and the language its letters are printed in."""

    __tablename__ = "event_cases"
    __table_args__ = (UniqueConstraint("event_id", "campaign_id"),
                      CheckConstraint("cards >= 0 AND phone_emails >= 0 AND online_actions >= 0",
                                      name="tallies_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="RESTRICT"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Reported by the coordinator: solidarity cards, and emails sent from attendees' own phones.
    cards: Mapped[int] = mapped_column(Integer, default=0)
    phone_emails: Mapped[int] = mapped_column(Integer, default=0)
    # Counted as they happen: actions taken through the event's QR link (already counted as letters
    # of their channel; this attributes them to the event, and holds nothing else about them).
    online_actions: Mapped[int] = mapped_column(Integer, default=0)

    event: Mapped[Event] = relationship(back_populates="cases")
    campaign: Mapped[Campaign] = relationship()  # noqa: F821
    letters: Mapped[list[EventLetters]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                       passive_deletes=True)


class EventLetters(db.Model):
    """Paper letters written at an event to one official of one case, as the coordinator reported them."""

    __tablename__ = "event_letters"
    __table_args__ = (UniqueConstraint("event_case_id", "target_id"),
                      CheckConstraint("letters >= 0", name="letters_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_case_id: Mapped[int] = mapped_column(ForeignKey("event_cases.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    letters: Mapped[int] = mapped_column(Integer, default=0)

    case: Mapped[EventCase] = relationship(back_populates="letters")
