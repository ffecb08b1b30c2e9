"""Events and groups month by month: what the organisers' front page charts, and its table lists."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from extensions import db
from models import Event, EventCase, EventLetters

# A year: long enough to see the autumn's writing evenings against the spring's.
MONTHS = 12


@dataclass(frozen=True)
class Month:
    first_day: date
    events: int
    letters: int        # paper letters tallied, to every official of every case
    cards: int          # solidarity cards tallied
    active_groups: int  # groups that held at least one event that month


def _month_starts(today: date, months: int) -> list[date]:
    index = today.year * 12 + today.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


def months_of_events(today: date, months: int = MONTHS) -> list[Month]:
    """The last `months` months up to today's, oldest first; empty when no event was ever held in them.

    Events are counted in the month they are held; events of no group add to the letters, not to
    the groups. Grouped here rather than in SQL, which spells "the month of a date" differently
    on each database; a year of events is a few hundred rows.
    """
    starts = _month_starts(today, months)
    end = date(starts[-1].year + starts[-1].month // 12, starts[-1].month % 12 + 1, 1)
    events = db.session.execute(select(Event.id, Event.held_on, Event.group_id)
                                .where(Event.held_on >= starts[0], Event.held_on < end)).all()
    if not events:
        return []
    ids = [row.id for row in events]
    letters = dict(db.session.execute(
        select(EventCase.event_id, func.sum(EventLetters.letters)).join(EventLetters.case)
        .where(EventCase.event_id.in_(ids)).group_by(EventCase.event_id)).all())
    cards = dict(db.session.execute(
        select(EventCase.event_id, func.sum(EventCase.cards))
        .where(EventCase.event_id.in_(ids)).group_by(EventCase.event_id)).all())
    per_month: dict[date, list] = defaultdict(list)
    for row in events:
        per_month[row.held_on.replace(day=1)].append(row)
    return [Month(first_day=start, events=len(rows),
                  letters=sum(int(letters.get(row.id) or 0) for row in rows),
                  cards=sum(int(cards.get(row.id) or 0) for row in rows),
                  active_groups=len({row.group_id for row in rows if row.group_id is not None}))
            for start in starts for rows in [per_month.get(start, [])]]
