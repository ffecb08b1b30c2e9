"""Email delivery across every campaign: whether mail is flowing, what failed or was refused, what bounces.

A campaign's dashboard shows its own mail. Some mail belongs to no campaign (erasure links,
subscriptions to every case), and a stalled delivery worker is not one campaign's problem, so
this page looks at the whole outbox.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from extensions import db
from models import BouncingAddress, Campaign, OutboxMessage, OutboxStatus
from outbox.guard import mask

FAILED_SHOWN = 50
REFUSED_SHOWN = 50
# A message due this long ago and still waiting means no worker is delivering (or none can).
STALLED_AFTER = timedelta(minutes=10)


@dataclass
class EmailOverview:
    by_status: dict[str, int]
    by_kind: list[tuple[str, dict[str, int]]]
    sent_last_day: int
    waiting_since: datetime | None   # when the longest-waiting message fell due
    is_stalled: bool
    retrying: int                    # waiting to be tried again after a problem
    last_error: str | None           # the error of the newest of them
    failed: list[tuple[OutboxMessage, Campaign | None]]
    # Never sent: addressed to an official's inbox it may not reach. Recipients masked: this is
    # a record of what was stopped, not a list of addresses.
    refused: list[tuple[OutboxMessage, Campaign | None, list[str]]]
    bouncing: list[BouncingAddress]


def email_overview(now: datetime) -> EmailOverview:
    by_status = {status.value: 0 for status in OutboxStatus}
    by_kind: dict[str, dict[str, int]] = {}
    for kind, status, n in db.session.execute(
            select(OutboxMessage.kind, OutboxMessage.status, func.count())
            .group_by(OutboxMessage.kind, OutboxMessage.status)):
        by_status[status.value] += n
        by_kind.setdefault(kind, {s.value: 0 for s in OutboxStatus})[status.value] += n
    pending = OutboxMessage.status == OutboxStatus.pending
    waiting_since = db.session.scalar(
        select(func.min(OutboxMessage.next_attempt_at)).where(pending, OutboxMessage.next_attempt_at <= now))
    # A temporary refusal, or an outage (the server out of reach), leaves its reason on the row.
    after_problem = OutboxMessage.last_error.is_not(None)
    retrying = db.session.scalar(select(func.count()).where(pending, after_problem))
    last_error = db.session.scalar(select(OutboxMessage.last_error).where(pending, after_problem)
                                   .order_by(OutboxMessage.id.desc()).limit(1))
    sent_last_day = db.session.scalar(select(func.count()).where(
        OutboxMessage.status == OutboxStatus.sent, OutboxMessage.sent_at >= now - timedelta(days=1)))
    failed = db.session.execute(
        select(OutboxMessage, Campaign).outerjoin(Campaign, OutboxMessage.campaign_id == Campaign.id)
        .where(OutboxMessage.status == OutboxStatus.failed)
        .order_by(OutboxMessage.id.desc()).limit(FAILED_SHOWN)).tuples().all()
    refused = db.session.execute(
        select(OutboxMessage, Campaign).outerjoin(Campaign, OutboxMessage.campaign_id == Campaign.id)
        .where(OutboxMessage.status == OutboxStatus.refused)
        .order_by(OutboxMessage.id.desc()).limit(REFUSED_SHOWN)).tuples().all()
    bouncing = db.session.scalars(
        select(BouncingAddress).where(BouncingAddress.cleared_at.is_(None)).order_by(BouncingAddress.email)).all()
    return EmailOverview(
        by_status=by_status, by_kind=sorted(by_kind.items()), sent_last_day=sent_last_day,
        waiting_since=waiting_since, is_stalled=waiting_since is not None and now - waiting_since > STALLED_AFTER,
        retrying=retrying, last_error=last_error, failed=list(failed),
        refused=[(message, campaign, [mask(address) for address in message.recipients])
                 for message, campaign in refused],
        bouncing=list(bouncing))
