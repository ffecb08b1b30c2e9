"""Publishing a case update: number it, change the action as it says, queue the email to followers;
and, once published, correcting or withdrawing it.

publish_update flushes and returns at once; the email goes out from a background job
(subscriptions/fanout.py), however many people follow the case. A correction goes out the same way,
only when the organiser asks for it, and only to the followers the update had reached.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import delete, func, or_, select

from extensions import db
from models import (Campaign, CampaignStatus, CaseUpdate, Demand, Job, Organiser, OutboxMessage, OutboxStatus,
                    UpdateCorrection, UpdateKind)
from models._types import utcnow
from organisers.audit import Actor, record
from outbox.jobs import enqueue_job
from subscriptions.markdown import render_markdown
from subscriptions.services import UPDATE_MAIL_KIND, update_key_prefix
from webhooks import events as webhook_events

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


def fanout_dedupe_key(update_id: int, correction: int | None = None) -> str:
    """The job emailing an update, or one correction of it (numbered within the update)."""
    return f"fanout:update:{update_id}" + (f":correction:{correction}" if correction else "")


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
    webhook_events.update_published(update, campaign)
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


def campaign_update(campaign: Campaign, number: int) -> CaseUpdate | None:
    """The campaign's update with this number (1 for its first), published or withdrawn."""
    return db.session.scalar(select(CaseUpdate).where(CaseUpdate.campaign_id == campaign.id,
                                                      CaseUpdate.number == number))


def fanout_job(update: CaseUpdate, correction: UpdateCorrection | None = None) -> Job | None:
    """The job emailing this update (or this correction of it): its progress and total make a progress bar."""
    return db.session.scalar(select(Job).where(
        Job.dedupe_key == fanout_dedupe_key(update.id, correction.number if correction else None)))


# --- after publishing ----------------------------------------------------------------------------

def correct_update(update: CaseUpdate, *, title: str, body_markdown: str, note: str = "",
                   notify_followers: bool = False, actor: Actor) -> UpdateCorrection:
    """Replace a published update's title and text; the ones replaced are kept in a correction.

    Followers are not emailed again unless `notify_followers`: then the corrected update goes out
    through the same background job as the update itself, to the followers it had reached, with
    the organiser's note on what changed. What the update did to the action (a deadline, demands,
    closing) stays as it is: the editor changes those. Flushes, never commits.
    """
    title = (title or "").strip()
    body_markdown = (body_markdown or "").strip()
    note = (note or "").strip()
    if update.published_at is None or update.withdrawn_at is not None:
        raise UpdateError(_("Only a published update can be corrected; this one was withdrawn."))
    if not title or len(title) > TITLE_MAX:
        raise UpdateError(_("An update needs a title of at most %(max)d characters.", max=TITLE_MAX))
    if not body_markdown:
        raise UpdateError(_("An update needs some text."))
    if (title, body_markdown) == (update.title, update.body_markdown):
        raise UpdateError(_("Nothing was changed: the update reads as it did."))
    # Two organisers correcting at once must not both take the same number (see publish_update).
    db.session.execute(select(CaseUpdate.id).where(CaseUpdate.id == update.id).with_for_update())
    number = (db.session.scalar(select(func.max(UpdateCorrection.number))
                                .where(UpdateCorrection.update_id == update.id)) or 0) + 1
    now = utcnow()
    correction = UpdateCorrection(number=number, previous_title=update.title,
                                  previous_body_markdown=update.body_markdown, note=note, corrected_at=now,
                                  corrected_by=actor.email, is_sent_to_followers=notify_followers)
    update.corrections.append(correction)
    update.title, update.body_markdown, update.body_html = title, body_markdown, render_markdown(body_markdown)
    update.corrected_at = now
    db.session.flush()
    if notify_followers:
        enqueue_job(FANOUT_JOB, {"update_id": update.id, "correction": number, "published_by": actor.organiser_id},
                    dedupe_key=fanout_dedupe_key(update.id, number))
    campaign = db.session.get(Campaign, update.campaign_id)
    record(actor, "update.corrected", update,
           f"{campaign.ua_number} update {update.number}: correction {number}"
           + (", emailed to followers" if notify_followers else ", not emailed")
           + f"; was titled “{correction.previous_title}”" + (f"; note: {note}" if note else ""))
    return correction


def withdraw_update(update: CaseUpdate, *, reason: str = "", actor: Actor) -> int:
    """Take a published update off the campaign page and the feeds; organisers keep it.

    Its email still waiting in the outbox is withdrawn with it, and the job still writing it stops
    at its next step; what has gone, has gone, and nobody is emailed about the withdrawal. Returns
    how many queued emails were withdrawn. Flushes, never commits.
    """
    if update.withdrawn_at is not None:
        raise UpdateError(_("This update is already withdrawn."))
    if update.published_at is None:
        raise UpdateError(_("This update was never published."))
    update.withdrawn_at = utcnow()
    db.session.flush()
    withdrawn = withdraw_queued_email(update)
    campaign = db.session.get(Campaign, update.campaign_id)
    reason = (reason or "").strip()
    record(actor, "update.withdrawn", update,
           f"{campaign.ua_number} update {update.number} withdrawn"
           + (f": {reason}" if reason else "") + f"; {withdrawn} queued email(s) withdrawn")
    return withdrawn


def withdraw_queued_email(update: CaseUpdate) -> int:
    """Delete the update's emails (and its corrections') that have not left yet."""
    now = utcnow()
    # The campaign's index finds the rows; the key's prefix tells this update's from its other updates'.
    return db.session.execute(delete(OutboxMessage).where(
        OutboxMessage.campaign_id == update.campaign_id, OutboxMessage.kind == UPDATE_MAIL_KIND,
        OutboxMessage.dedupe_key.startswith(update_key_prefix(update.id), autoescape=True),
        OutboxMessage.status.in_((OutboxStatus.pending, OutboxStatus.held)),
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))).rowcount
