"""What was written at events: the coordinator's tally, and the figures it adds to a campaign's counts.

After the evening a coordinator reports letters per official per case, solidarity cards and emails
sent from attendees' own phones; a later report corrects the earlier one, and the audit log keeps
every change. Numbers are bounded: none below zero, none above HARD_LIMIT, and above a plausible
number for the room (PLAUSIBLE_PER_WRITER per expected writer) only once the coordinator confirms.

Event letters are a channel of their own, "written at events": they add to a campaign's total and
progress bar, and counts.json shows them under `events`. Actions taken through an event's QR link
are letters of their own channel already; the event only counts how many came through it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, func, select, update

from extensions import db
from letters.counting import CampaignCounts
from models import Event, EventCase, EventLetters, Group
from models._types import utcnow
from organisers.audit import Actor, record

# The channel of letters written on paper at events and reported by their coordinators.
EVENTS_CHANNEL = "events"
# A room of writers rarely writes more than this many letters each to one official, or cards each.
PLAUSIBLE_PER_WRITER = 3
# No event writes more than this to one official: a typo, whatever is confirmed.
HARD_LIMIT = 100_000


class TallyError(ValueError):
    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = str(message)


class NeedsConfirmation(TallyError):
    """A number above what the room could plausibly write: asked again, with a box to confirm it."""


@dataclass
class CaseTally:
    event_case_id: int
    letters: dict[int, int] = field(default_factory=dict)  # target id → paper letters written to them
    cards: int = 0
    phone_emails: int = 0


def plausible_most(event: Event) -> int:
    return event.expected_writers * PLAUSIBLE_PER_WRITER


def report_tally(event: Event, tallies: list[CaseTally], *, confirmed: bool, actor: Actor) -> list[str]:
    """Record what the event wrote (replacing an earlier report); returns the changes, as audited."""
    numbers = [n for tally in tallies for n in (*tally.letters.values(), tally.cards, tally.phone_emails)]
    if any(n < 0 for n in numbers):
        raise TallyError(_l("Please give numbers of zero or more."))
    if any(n > HARD_LIMIT for n in numbers):
        raise TallyError(_l("Please check the numbers: one of them is larger than any event could write."))
    if not confirmed and any(n > plausible_most(event) for n in numbers):
        raise NeedsConfirmation(_l(
            "Some numbers are larger than %(writers)s writers usually manage (more than %(most)s). If they are "
            "right, tick the box to confirm them.", writers=event.expected_writers, most=plausible_most(event)))
    cases = {case.id: case for case in event.cases}
    changes: list[str] = []
    for tally in tallies:
        case = cases[tally.event_case_id]
        targets = {target.id: target for target in case.campaign.targets}
        written = {row.target_id: row for row in case.letters}
        for target_id, letters in tally.letters.items():
            if target_id not in targets:
                continue
            row = written.get(target_id)
            before = row.letters if row else 0
            if row is None:
                row = EventLetters(target_id=target_id, letters=0)
                case.letters.append(row)
            row.letters = letters
            if before != letters:
                changes.append(f"{case.campaign.ua_number}, {targets[target_id].label}: {before} → {letters} letters")
        for name, label in (("cards", "cards"), ("phone_emails", "emails from phones")):
            before, after = getattr(case, name), getattr(tally, name)
            setattr(case, name, after)
            if before != after:
                changes.append(f"{case.campaign.ua_number}: {before} → {after} {label}")
    is_first = event.tallied_at is None
    event.tallied_at, event.tallied_by = utcnow(), actor.label
    db.session.flush()
    record(actor, "event.tallied" if is_first else "event.tally_corrected", event,
           ("; ".join(changes) or "nothing changed")[:500])
    return changes


def count_online_action(campaign_id: int, event_code: str) -> None:
    """An action taken through an event's QR link: one more for that event and case, nothing about who."""
    event_id = select(Event.id).where(Event.code == event_code).scalar_subquery()
    db.session.execute(update(EventCase).where(EventCase.campaign_id == campaign_id, EventCase.event_id == event_id)
                       .values(online_actions=EventCase.online_actions + 1))


# --- what events add to a campaign's counts -------------------------------------------------------

@dataclass
class EventCounts:
    letters: int = 0
    cards: int = 0
    phone_emails: int = 0
    online_actions: int = 0
    events: int = 0
    groups: int = 0
    by_target: dict[int, int] = field(default_factory=dict)
    by_day: dict[str, int] = field(default_factory=dict)      # the events' dates → letters written

    def as_json(self) -> dict:
        return {"letters": self.letters, "cards": self.cards, "emails_from_phones": self.phone_emails,
                "online_actions": self.online_actions, "events": self.events, "groups": self.groups}


def event_counts(campaign_id: int) -> EventCounts:
    counts = EventCounts()
    cases = select(EventCase.id).where(EventCase.campaign_id == campaign_id)
    by_target = db.session.execute(
        select(EventLetters.target_id, func.sum(EventLetters.letters))
        .where(EventLetters.event_case_id.in_(cases)).group_by(EventLetters.target_id)).all()
    counts.by_target = {target_id: int(n) for target_id, n in by_target if n}
    counts.letters = sum(counts.by_target.values())
    cards, emails, online, events, groups = db.session.execute(
        select(func.coalesce(func.sum(EventCase.cards), 0), func.coalesce(func.sum(EventCase.phone_emails), 0),
               func.coalesce(func.sum(EventCase.online_actions), 0), func.count(distinct(EventCase.event_id)),
               func.count(distinct(Event.group_id)))
        .join(Event, Event.id == EventCase.event_id).where(EventCase.campaign_id == campaign_id)).one()
    counts.cards, counts.phone_emails, counts.online_actions = int(cards), int(emails), int(online)
    counts.events, counts.groups = int(events), int(groups)
    days: dict[str, int] = defaultdict(int)
    for held_on, n in db.session.execute(
            select(Event.held_on, func.sum(EventLetters.letters))
            .join(EventCase, EventCase.event_id == Event.id)
            .join(EventLetters, EventLetters.event_case_id == EventCase.id)
            .where(EventCase.campaign_id == campaign_id).group_by(Event.held_on)):
        if n:
            days[held_on.isoformat()] += int(n)
    counts.by_day = dict(sorted(days.items()))
    return counts


def with_event_letters(counts: CampaignCounts, events: EventCounts) -> CampaignCounts:
    """The campaign's letters with those written at events, a channel of their own ("events"): in the
    total, per official and on the events' days. Their state is their own too: written, not tracked."""
    if not events.letters:
        return counts
    counts.total += events.letters
    counts.by_channel[EVENTS_CHANNEL] = events.letters
    for target_id, n in events.by_target.items():
        counts.by_target[target_id] = counts.by_target.get(target_id, 0) + n
    for day, n in events.by_day.items():
        counts.by_day[day] = counts.by_day.get(day, 0) + n
    counts.by_day = dict(sorted(counts.by_day.items()))
    return counts


def event_letters_by_campaign(campaign_ids: list[int]) -> dict[int, int]:
    """Letters written at events, per campaign, in one query (for the home page's progress bars)."""
    if not campaign_ids:
        return {}
    rows = db.session.execute(
        select(EventCase.campaign_id, func.sum(EventLetters.letters))
        .join(EventLetters, EventLetters.event_case_id == EventCase.id)
        .where(EventCase.campaign_id.in_(campaign_ids)).group_by(EventCase.campaign_id)).all()
    return {campaign_id: int(n or 0) for campaign_id, n in rows}


@dataclass(frozen=True)
class EventRow:
    """One event of a campaign, for its dashboard."""

    event: Event
    group: Group | None
    letters: int
    cards: int
    phone_emails: int
    online_actions: int


def campaign_events(campaign_id: int) -> list[EventRow]:
    """The events that wrote on a campaign, newest first, with what each wrote on it."""
    letters = (select(func.coalesce(func.sum(EventLetters.letters), 0))
               .where(EventLetters.event_case_id == EventCase.id).scalar_subquery())
    rows = db.session.execute(
        select(Event, Group, letters, EventCase.cards, EventCase.phone_emails, EventCase.online_actions)
        .join(EventCase, EventCase.event_id == Event.id).outerjoin(Group, Group.id == Event.group_id)
        .where(EventCase.campaign_id == campaign_id).order_by(Event.held_on.desc(), Event.id.desc())).all()
    return [EventRow(*row) for row in rows]
