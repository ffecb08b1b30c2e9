"""Publishing a case update: number it, change the action as it says, queue the email to followers.

publish_update flushes and returns at once; the email goes out from a background job
(subscriptions/fanout.py), however many people follow the case.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from extensions import db
from models import (Campaign, CampaignStatus, CaseUpdate, Demand, Job, Organiser, UpdateKind)
from models._types import utcnow
from outbox.jobs import enqueue_job
from subscriptions.markdown import render_markdown

FANOUT_JOB = "update_fanout"
# Updates that end the action: publishing one closes a live campaign.
CLOSING_KINDS = frozenset({UpdateKind.released, UpdateKind.action_closed})
TITLE_MAX = 300


class UpdateError(ValueError):
    """An update that cannot be published as asked; the message is for the organiser."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def update_heading(update: CaseUpdate, campaign: Campaign) -> str:
    """'Further information on UA 118/21 — update 2', in the language being rendered."""
    # Translators: kind is "Further information", "Action continues", "Action closed"…
    return _("%(kind)s on %(ua)s — update %(number)s", kind=update.kind.label, ua=campaign.ua_number,
             number=update.number)


def fanout_dedupe_key(update_id: int) -> str:
    return f"fanout:update:{update_id}"


def publish_update(campaign: Campaign, *, kind: UpdateKind, title: str, body_markdown: str,
                   happened_on: date | None = None, new_deadline: date | None = None,
                   new_demands: Iterable[str] = (), reopen: bool = False,
                   author: Organiser | None = None) -> CaseUpdate:
    """Publish the next update of a campaign and queue its email to every follower.

    Applies what the update announces: a new deadline, demands added to the letter, reopening
    a closed action, or (for "released" and "action closed") closing it. Flushes, never
    commits: the update, the campaign's changes and the fan-out job commit together or not
    at all, and the job only starts after that commit.
    """
    title = (title or "").strip()
    body_markdown = (body_markdown or "").strip()
    demands = [text.strip() for text in new_demands if text and text.strip()]
    today = utcnow().date()
    if campaign.status is CampaignStatus.draft:
        raise UpdateError("Publish the campaign before posting updates to it.")
    if not title or len(title) > TITLE_MAX:
        raise UpdateError(f"An update needs a title of at most {TITLE_MAX} characters.")
    if not body_markdown:
        raise UpdateError("An update needs some text.")
    if new_deadline is not None and new_deadline < today:
        raise UpdateError("The new deadline has already passed.")
    if reopen and kind in CLOSING_KINDS:
        raise UpdateError(f"An update saying “{kind.label}” closes the action; it cannot reopen it.")
    if reopen and campaign.is_past_deadline(today) and new_deadline is None:
        raise UpdateError("The deadline has passed: give a new one to reopen the action.")

    # Two organisers publishing at once must not both take the same number; SQLite
    # serialises writers already, PostgreSQL needs the campaign row locked.
    db.session.execute(select(Campaign.id).where(Campaign.id == campaign.id).with_for_update())
    number = (db.session.scalar(select(func.max(CaseUpdate.number))
                                .where(CaseUpdate.campaign_id == campaign.id)) or 0) + 1
    now = utcnow()
    update = CaseUpdate(campaign_id=campaign.id, number=number, kind=kind, title=title,
                        body_markdown=body_markdown, body_html=render_markdown(body_markdown),
                        happened_on=happened_on, new_deadline=new_deadline, created_at=now,
                        published_at=now)
    db.session.add(update)
    _apply_to_campaign(campaign, update, demands, reopen=reopen, now=now)
    db.session.flush()
    # No column records who published an update yet; the job's payload keeps it on record.
    enqueue_job(FANOUT_JOB, {"update_id": update.id, "published_by": author.id if author else None},
                dedupe_key=fanout_dedupe_key(update.id))
    return update


def _apply_to_campaign(campaign: Campaign, update: CaseUpdate, demands: list[str], *, reopen: bool,
                       now: datetime) -> None:
    if update.new_deadline is not None:
        campaign.deadline = update.new_deadline
    if demands:
        position = max((demand.position for demand in campaign.demands), default=-1) + 1
        campaign.demands.extend(Demand(position=position + i, text=text) for i, text in enumerate(demands))
    if reopen and campaign.status is CampaignStatus.closed:
        campaign.status = CampaignStatus.live
        campaign.closed_at = None
        campaign.closed_reason = None
    elif update.kind in CLOSING_KINDS and campaign.status is CampaignStatus.live:
        campaign.status = CampaignStatus.closed
        campaign.closed_at = now
        campaign.closed_reason = update.title[:200]


def fanout_job(update: CaseUpdate) -> Job | None:
    """The job emailing this update: its progress and total make a progress bar."""
    return db.session.scalar(select(Job).where(Job.dedupe_key == fanout_dedupe_key(update.id)))
