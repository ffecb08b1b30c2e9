"""Letter counters: every state change moves one unit between LetterCount rows, atomically.

A person counts once per target and channel, however many times they send the form: of their
letters to one target through one channel, one is counted (Letter.is_counted), the one furthest
along; the others are kept, each for the submission that made it, but not counted. The person
is the same inbox and name (person_key), so a household sharing one address counts each member.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import bindparam, exists, func, select, text
from sqlalchemy.orm import Session

from fingerprints import fingerprint, words
from inboxes import inbox_key
from models import COUNTED_STATES, Letter, LetterCount, LetterState
from models._insert import insert_rows

_KEY = ("campaign_id", "day", "target_id", "channel", "state", "country")

# How far along a letter is. The counted letter of a person stays counted until another of theirs
# gets further (a reprint reported posted, a second email confirmed after the first expired).
_PROGRESS = {LetterState.posted: 3, LetterState.sent: 3,
             LetterState.generated: 2, LetterState.queued: 2, LetterState.opened: 2,
             LetterState.awaiting_confirmation: 1, LetterState.held: 1}


def progress(state: LetterState) -> int:
    """3 delivered, 2 on its way, 1 waiting for someone, 0 going nowhere (expired, failed…)."""
    return _PROGRESS.get(state, 0)


def person_key(campaign_id: int, email: str, name: str) -> str:
    """Who wrote, for counting once: the campaign, the inbox the address reaches, and the name's words."""
    return fingerprint("person", f"{campaign_id}:{inbox_key(email)}:{words(name)}")


# Built once, on the table rather than the mapped class (the ORM's result handling costs more
# than the query), for a mail-app letter made when its link is opened. No list of targets in the
# statement: an expanding IN is compiled afresh for every execution, and a person has a counted
# letter to a handful of targets at most.
_letters = Letter.__table__
_COUNTED_FOR = select(_letters.c.target_id).where(
    _letters.c.person_key == bindparam("person_key"), _letters.c.channel == bindparam("channel"),
    _letters.c.is_counted.is_(True))


def already_counted(session: Session, key: str, channel, target_ids: list[int]) -> set[int]:
    """Of these targets, those this person already has a counted letter to, through this channel."""
    found = session.connection().execute(_COUNTED_FOR, {"person_key": key, "channel": channel}).scalars()
    return set(found) & set(target_ids)


def _key(letter: Letter, state: LetterState) -> tuple:
    return (letter.campaign_id, letter.counted_on, letter.target_id, letter.channel, state, letter.country)


def _add(session: Session, shares: dict[tuple, int]) -> None:
    """Add to counter rows in the database, creating them as needed: exact however many
    requests count at once. One statement, sent once for all the rows, always in the same
    order so that two transactions never wait for each other's rows crosswise."""
    if shares:
        rows = [dict(zip(_KEY, key, strict=True), count=n) for key, n in sorted(shares.items(), key=str)]
        session.connection().execute(_upsert_statement(session.get_bind().dialect.name), rows)


# Built once: new letters, each counted unless its writer already has a counted letter to the same
# target through the same channel, decided in the INSERT itself. The rows carry the writer, target
# and channel a second time under these names, which the subquery reads.
_earlier = _letters.alias("earlier")
_INSERT_LETTERS = _letters.insert().values(is_counted=~exists().where(
    _earlier.c.person_key == bindparam("same_person"), _earlier.c.target_id == bindparam("same_target"),
    _earlier.c.channel == bindparam("same_channel"), _earlier.c.is_counted.is_(True),
)).returning(_letters.c.target_id, _letters.c.is_counted)


def insert_new_letters(session: Session, rows: list[dict]) -> None:
    """Insert a submission's letters and count each that is its writer's first to its target and channel.

    Two statements whatever the writer did before (the insert, then the counters'), so the
    request's work tells nothing about earlier submissions. `rows` are the letters' columns
    but is_counted, which the insert decides.
    """
    for row in rows:
        row.update(same_person=row["person_key"], same_target=row["target_id"], same_channel=row["channel"])
    # A submission writes to each target once, so the target tells the rows apart, in any order.
    counted = dict(insert_rows(Letter, rows, statement=_INSERT_LETTERS, computed=("is_counted",)).all())
    for row in rows:
        row["is_counted"] = counted[row["target_id"]]
    count_new_letters(session, rows)


def count_new_letter(session: Session, letter: Letter) -> None:
    """Call after adding a new Letter (its state and is_counted set) in the same transaction."""
    session.flush([letter])
    _add(session, {_key(letter, letter.state): 1 if letter.is_counted else 0})


def count_new_letters(session: Session, rows: list[dict]) -> None:
    """Count letters just inserted, given as the column values they were inserted with.

    A letter that is not counted still takes part with a share of 0: the same statement runs
    whether or not its writer wrote before, so the request's work does not tell.
    """
    shares: dict[tuple, int] = defaultdict(int)
    for row in rows:
        shares[(row["campaign_id"], row["counted_on"], row["target_id"], row["channel"], row["state"],
                row["country"])] += 1 if row["is_counted"] else 0
    _add(session, shares)


@cache
def _upsert_statement(dialect: str):
    """INSERT … ON CONFLICT DO UPDATE adding the new count, in the SQL that SQLite and PostgreSQL
    share. Written as text, with the columns' own types for the values, because SQLAlchemy
    compiles its dialect-specific INSERT … ON CONFLICT afresh for every execution."""
    if dialect not in ("postgresql", "sqlite"):  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"letter counters need SQLite or PostgreSQL, not {dialect}")
    table = LetterCount.__table__
    columns = ", ".join(_KEY)
    return text(
        f"INSERT INTO {table.name} ({columns}, count) VALUES ({', '.join(f':{c}' for c in _KEY)}, :count) "
        f"ON CONFLICT ({columns}) DO UPDATE SET count = {table.name}.count + excluded.count"
    ).bindparams(*(bindparam(c, type_=table.c[c].type) for c in (*_KEY, "count")))


def move_letter(session: Session, letter: Letter, new_state: LetterState) -> bool:
    """Change a letter's state and its counters together; False when nothing changed.

    When the counted letter of a person falls back, or another of theirs gets ahead of it,
    the count passes to whichever of their letters is now furthest along.
    """
    old_state = letter.state
    if old_state == new_state:
        return False
    letter.state = new_state
    shares = defaultdict(int)
    if letter.is_counted:
        shares[_key(letter, old_state)] -= 1
        shares[_key(letter, new_state)] += 1
    falls_back = progress(new_state) < progress(old_state)
    if letter.person_key is not None and (falls_back if letter.is_counted else not falls_back):
        _settle(session, letter, shares)
    _add(session, shares)
    return True


def _settle(session: Session, letter: Letter, shares: dict[tuple, int]) -> None:
    """Pass the count to the person's letter furthest along, if it is not the counted one."""
    # Locked (PostgreSQL) so that two settlements of one person's letters take turns; SQLite
    # writers take turns anyway.
    siblings = session.scalars(select(Letter).where(
        Letter.person_key == letter.person_key, Letter.target_id == letter.target_id,
        Letter.channel == letter.channel).order_by(Letter.id).with_for_update()).all()
    counted = next((sibling for sibling in siblings if sibling.is_counted), None)
    best = max(siblings, key=lambda sibling: progress(sibling.state))  # the earliest of the furthest
    if best is counted or (counted is not None and progress(counted.state) >= progress(best.state)):
        return
    if counted is not None:
        counted.is_counted = False
        session.flush([counted])  # the unique index admits one counted letter at a time
        shares[_key(counted, counted.state)] -= 1
    best.is_counted = True
    shares[_key(best, best.state)] += 1


@dataclass
class CampaignCounts:
    """A campaign's letters, aggregated; holds no personal data, so it can be public."""

    total: int = 0  # letters in counted states: what moves the progress bar
    by_state: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_target: dict[int, int] = field(default_factory=dict)
    by_country: dict[str, int] = field(default_factory=dict)
    by_day: dict[str, int] = field(default_factory=dict)
    by_channel_state: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"total": self.total, "by_state": self.by_state, "by_channel": self.by_channel,
                "by_target": {str(k): v for k, v in self.by_target.items()},
                "by_country": self.by_country, "by_day": self.by_day,
                "by_channel_state": self.by_channel_state}


def campaign_counts(session: Session, campaign_id: int) -> CampaignCounts:
    rows = session.execute(
        select(LetterCount.day, LetterCount.target_id, LetterCount.channel, LetterCount.state,
               LetterCount.country, LetterCount.count)
        .where(LetterCount.campaign_id == campaign_id, LetterCount.count != 0)).all()
    counts = CampaignCounts()
    by_state: dict[str, int] = defaultdict(int)
    by_channel_state: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_channel: dict[str, int] = defaultdict(int)
    by_target: dict[int, int] = defaultdict(int)
    by_country: dict[str, int] = defaultdict(int)
    by_day: dict[str, int] = defaultdict(int)
    for day, target_id, channel, state, country, n in rows:
        by_state[state.value] += n
        by_channel_state[channel.value][state.value] += n
        if state in COUNTED_STATES:
            counts.total += n
            by_channel[channel.value] += n
            by_target[target_id] += n
            by_country[country] += n
            by_day[day.isoformat()] += n
    counts.by_state = dict(by_state)
    counts.by_channel_state = {k: dict(v) for k, v in by_channel_state.items()}
    counts.by_channel = dict(by_channel)
    counts.by_target = dict(by_target)
    counts.by_country = dict(sorted(by_country.items(), key=lambda kv: -kv[1]))
    counts.by_day = dict(sorted(by_day.items()))
    return counts


def totals_by_campaign(session: Session, campaign_ids: list[int]) -> dict[int, int]:
    """Counted letters per campaign for the index page, in one query."""
    if not campaign_ids:
        return {}
    rows = session.execute(
        select(LetterCount.campaign_id, func.sum(LetterCount.count))
        .where(LetterCount.campaign_id.in_(campaign_ids), LetterCount.state.in_(list(COUNTED_STATES)))
        .group_by(LetterCount.campaign_id)).all()
    return {campaign_id: int(total or 0) for campaign_id, total in rows}


def counted_by_country(session: Session, campaign_id: int, *, before: date) -> dict[str, int]:
    """Counted letters per supporters' country, of those counted on days before `before`."""
    rows = session.execute(
        select(LetterCount.country, func.sum(LetterCount.count))
        .where(LetterCount.campaign_id == campaign_id, LetterCount.day < before,
               LetterCount.state.in_(list(COUNTED_STATES)))
        .group_by(LetterCount.country)).all()
    return {country: int(n) for country, n in rows if n}
