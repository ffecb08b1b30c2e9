"""CSV exports for organisers, streamed row by row; every text cell is safe to open in a spreadsheet."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from sqlalchemy import func, select

from extensions import db
from models import Campaign, LetterCount, Subscription, SubscriptionStatus, Target

# A cell starting with one of these is read as a formula by spreadsheet programs
# (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…)); tab and carriage return hide such a start.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """Text that would start a formula gets a leading apostrophe, so it shows as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_stream(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The CSV text, one line at a time (with a BOM so spreadsheet programs read UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells) -> str:
        writer.writerow([neutralise_cell(cell) for cell in cells])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff" + line(header)
    for row in rows:
        yield line(row)


# Column names and coded cells (channel, state, kind, "all cases") are keys for the programs
# and spreadsheets that read these files, not sentences: they stay the same in every interface
# language, so a script written against one organiser's export reads another's.
LETTER_COLUMNS = ("day", "target", "target_kind", "channel", "state", "letters")


# The row generators take ids, not models: a streamed response runs them after the request's
# session has ended (stream_with_context pushes the context again, with a new session).

def letter_rows(campaign_id: int) -> Iterator[tuple]:
    """Letters per day, target, channel and state, summed from the counter rows (no letter is read)."""
    targets = {t.id: t for t in db.session.scalars(select(Target).where(Target.campaign_id == campaign_id))}
    rows = db.session.execute(
        select(LetterCount.day, LetterCount.target_id, LetterCount.channel, LetterCount.state,
               func.sum(LetterCount.count))
        .where(LetterCount.campaign_id == campaign_id)
        .group_by(LetterCount.day, LetterCount.target_id, LetterCount.channel, LetterCount.state)
        .having(func.sum(LetterCount.count) != 0)
        .order_by(LetterCount.day, LetterCount.target_id, LetterCount.channel, LetterCount.state))
    for day, target_id, channel, state, total in rows:
        target = targets.get(target_id)
        yield (day.isoformat(), target.label if target else f"target {target_id}",
               target.kind.value if target else "", channel.value, state.value, int(total))


SUBSCRIBER_COLUMNS = ("email", "scope", "campaign", "confirmed_at")


def subscriber_rows(campaign_id: int | None = None) -> Iterator[tuple]:
    """People who confirmed they want updates: of one campaign, or every confirmed subscription."""
    numbers = dict(db.session.execute(select(Campaign.id, Campaign.ua_number)).all())
    query = (select(Subscription.email, Subscription.scope, Subscription.campaign_id, Subscription.confirmed_at)
             .where(Subscription.status == SubscriptionStatus.confirmed)
             .order_by(Subscription.confirmed_at, Subscription.id))
    if campaign_id is not None:
        query = query.where(Subscription.campaign_id == campaign_id)
    for email, scope, subscribed_to, confirmed_at in db.session.execute(query.execution_options(yield_per=500)):
        yield (email, scope, numbers.get(subscribed_to, "all cases") if subscribed_to else "all cases",
               confirmed_at.isoformat() if confirmed_at else "")

