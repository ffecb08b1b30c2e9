"""Letter counters: every state change moves one unit between LetterCount rows, atomically."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from models import COUNTED_STATES, Letter, LetterCount, LetterState

_KEY = ("campaign_id", "day", "target_id", "channel", "state", "country")


def _key(letter: Letter, state: LetterState) -> tuple:
    return (letter.campaign_id, letter.counted_on, letter.target_id, letter.channel, state, letter.country)


def _add(session: Session, shares: dict[tuple, int]) -> None:
    """Add to counter rows in the database, creating them as needed: exact however many
    requests count at once. One statement, sent once for all the rows, always in the same
    order so that two transactions never wait for each other's rows crosswise."""
    if shares:
        rows = [dict(zip(_KEY, key, strict=True), count=n) for key, n in sorted(shares.items(), key=str)]
        session.connection().execute(_upsert_statement(session.get_bind().dialect.name), rows)


def count_new_letter(session: Session, letter: Letter) -> None:
    """Call after adding a new Letter (its state set) in the same transaction."""
    session.flush([letter])
    _add(session, {_key(letter, letter.state): 1})


def count_new_letters(session: Session, rows: list[dict]) -> None:
    """Count letters just inserted, given as the column values they were inserted with."""
    shares: dict[tuple, int] = defaultdict(int)
    for row in rows:
        shares[(row["campaign_id"], row["counted_on"], row["target_id"], row["channel"], row["state"],
                row["country"])] += 1
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
    """Change a letter's state and its counters together; False when nothing changed."""
    old_state = letter.state
    if old_state == new_state:
        return False
    letter.state = new_state
    _add(session, {_key(letter, old_state): -1, _key(letter, new_state): +1})
    return True


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
