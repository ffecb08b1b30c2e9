"""Letter-writing events: what a group writes on one evening, and which events an account may see.

An event names its cases (open campaigns) and the language each case's letters are printed in, one of
the campaign's complete letter versions, so a pack never mixes languages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from extensions import db
from models import MAX_WRITERS, Campaign, CampaignStatus, Event, EventCase, Group, Organiser
from organisers.audit import Actor, record


class EventError(ValueError):
    """Something about the event that cannot be; `field` names the form field it concerns."""

    def __init__(self, message, field: str) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


@dataclass(frozen=True)
class CaseChoice:
    campaign_id: int
    language: str | None = None  # None: the campaign's first letter language (the officials' preferred)


@dataclass(frozen=True)
class EventData:
    title: str
    held_on: date
    expected_writers: int
    cases: list[CaseChoice] = field(default_factory=list)
    place: str = ""
    phones_welcome: bool = True


def open_campaigns() -> list[Campaign]:
    """The cases an event may write on: live, with at least one complete letter."""
    live = db.session.scalars(select(Campaign).where(Campaign.status == CampaignStatus.live)
                              .order_by(Campaign.deadline.is_(None), Campaign.deadline, Campaign.id)).all()
    return [campaign for campaign in live if campaign.letter_languages]


def all_groups() -> list[Group]:
    return db.session.scalars(select(Group).order_by(Group.name)).all()


def create_event(data: EventData, *, group: Group | None, actor: Actor) -> Event:
    if not 1 <= data.expected_writers <= MAX_WRITERS:
        raise EventError(_l("Please give a number of writers from 1 to %(most)s.", most=MAX_WRITERS),
                         "expected_writers")
    if not data.cases:
        raise EventError(_l("Please choose at least one case to write on."), "cases")
    cases = []
    for position, choice in enumerate(data.cases):
        campaign = db.session.get(Campaign, choice.campaign_id)
        languages = campaign.letter_languages if campaign and campaign.status is CampaignStatus.live else []
        if not languages:
            raise EventError(_l("That case is not open for letters."), "cases")
        language = choice.language or languages[0]
        if language not in languages:
            raise EventError(_l("That case has no complete letter in this language."), "cases")
        cases.append(EventCase(campaign_id=campaign.id, language=language, position=position))
    event = Event(title=" ".join(data.title.split()), held_on=data.held_on, place=" ".join(data.place.split()),
                  expected_writers=data.expected_writers, phones_welcome=data.phones_welcome, group=group,
                  created_by=actor.label, cases=cases)
    db.session.add(event)
    db.session.flush()
    record(actor, "event.created", event,
           f"created the event {event.title} on {event.held_on.isoformat()}"
           + (f" for {group.name}" if group else ""))
    return event


def events_of(organiser: Organiser) -> Select:
    """The events an account may see: a coordinator's group's, every event for an organiser."""
    query = select(Event).order_by(Event.held_on.desc(), Event.id.desc())
    return query.where(Event.group_id == organiser.group_id) if organiser.is_coordinator else query


def event_for(organiser: Organiser, event_id: int) -> Event | None:
    """The event, if the account may see it: another group's event is as good as missing."""
    return db.session.scalar(events_of(organiser).where(Event.id == event_id))


def record_pack_printed(event: Event, *, attendees: int, actor: Actor) -> None:
    """The audit says a pack was printed and how many names were pasted, never whose."""
    record(actor, "event.pack_printed", event, f"printed the pack of {event.title}"
           + (f" with {attendees} pasted attendees" if attendees else ""))
