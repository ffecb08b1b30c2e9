"""Work that runs on a schedule beside delivery: expiring unconfirmed letters, closing actions,
queueing each week's digest once the week is over, pruning finished jobs."""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select

from extensions import db, writing
from models import Campaign, CampaignStatus
from outbox.hooks import run_periodic_hooks
from outbox.jobs import prune_finished_jobs

DEADLINE_PASSED = "the deadline passed"


def close_past_deadline(now: datetime) -> int:
    """Live campaigns whose deadline has passed are closed, with that reason on record."""
    closed = 0
    for campaign in db.session.scalars(select(Campaign).where(
            Campaign.status == CampaignStatus.live, Campaign.deadline < now.date())):
        campaign.status = CampaignStatus.closed
        campaign.closed_reason = DEADLINE_PASSED
        campaign.closed_at = now
        closed += 1
    return closed


def run_periodic(now: datetime) -> dict[str, int]:
    """One pass of every periodic job; returns what each changed. Commits its own work."""
    from campaigns.actions import expire_unconfirmed
    from privacy.services import purge
    from subscriptions.digest import queue_last_weeks_digest

    with writing():
        done = {"expired_letters": expire_unconfirmed(now), "closed_campaigns": close_past_deadline(now),
                "purged_supporters": purge(now, current_app.config["PRIVACY_RETENTION_DAYS"]).supporters,
                "digests_queued": queue_last_weeks_digest(now), **run_periodic_hooks(now)}
        db.session.commit()
        # In batches of their own transactions, after the rest is committed.
        done["pruned_jobs"] = prune_finished_jobs(now, current_app.config["JOB_RETENTION_DAYS"])
    return done
