"""Purging and erasing personal data. Counts survive: only what identifies a person goes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, false, or_, select, update

from email_links import delete_expired_links, forget_links, new_link, usable_link, use
from extensions import db
from inboxes import inbox_key
from letters.counting import move_letter
from models import (Action, Campaign, CampaignStatus, Letter, LetterState, LinkPurpose, OutboxMessage, OutboxStatus,
                    Subscription, Supporter)
from models._types import utcnow
from outbox.delivery import addressed_to, enqueue, notice
from subscriptions.links import external_url
from theme import render_email
from webhooks import events as webhook_events

ERASED_DOMAIN = "erased.invalid"
ERASURE_LINK_LIFETIME = timedelta(hours=24)
# How long a spent manage link keeps its browser's session (subscriptions/services.py).
LINK_SESSION_LENGTH = timedelta(hours=1)


@dataclass
class Erased:
    supporters: int = 0
    messages: int = 0
    subscriptions: int = 0

    def __str__(self) -> str:
        return (f"{self.supporters} supporter record(s) anonymised, {self.messages} email(s) deleted, "
                f"{self.subscriptions} subscription(s) deleted")

    def summary(self) -> str:
        """What went, for the person who erased it, in the page's language."""
        # Translators: follows "Done: ", as in "Done: the details of 2 actions, 1 email and 0
        # subscriptions erased."
        return _("%(records)s, %(emails)s and %(subscriptions)s erased", records=ngettext(
            "the details of %(num)s action", "the details of %(num)s actions", self.supporters), emails=ngettext(
            "%(num)s email", "%(num)s emails", self.messages), subscriptions=ngettext(
            "%(num)s subscription", "%(num)s subscriptions", self.subscriptions))


def _anonymise(supporter: Supporter, now: datetime) -> None:
    supporter.name = ""
    supporter.email = supporter.inbox = f"erased-{supporter.id}@{ERASED_DOMAIN}"
    supporter.address_line1 = supporter.address_line2 = supporter.city = supporter.region = supporter.postcode = ""
    supporter.anonymised_at = now
    # The fingerprints go too: they could link this person's actions to one another.
    db.session.execute(update(Action).where(Action.supporter_id == supporter.id)
                       .values(personal_message="", network_hash=None, message_hash=None))
    db.session.execute(update(Letter).where(Letter.supporter_id == supporter.id).values(person_key=None))


def campaigns_due_for_purge(now: datetime, retention_days: int) -> list[Campaign]:
    """Closed campaigns whose closing (or deadline) lies more than the retention period back."""
    cutoff = now - timedelta(days=retention_days)
    return list(db.session.scalars(select(Campaign).where(or_(
        (Campaign.status == CampaignStatus.closed) & (Campaign.closed_at <= cutoff),
        Campaign.deadline < cutoff.date()))))


def purge(now: datetime, retention_days: int) -> Erased:
    """Anonymise supporters of campaigns closed long enough ago; flushes, never commits."""
    done = Erased()
    for campaign in campaigns_due_for_purge(now, retention_days):
        supporters = db.session.scalars(select(Supporter).where(
            Supporter.campaign_id == campaign.id, Supporter.anonymised_at.is_(None))).all()
        for supporter in supporters:
            _anonymise(supporter, now)
        done.supporters += len(supporters)
        webhook_events.forget_campaign(campaign.id)
        # Letters and confirmations carry names and addresses; what is still pending is kept.
        done.messages += db.session.execute(delete(OutboxMessage).where(
            OutboxMessage.campaign_id == campaign.id,
            OutboxMessage.status.in_([OutboxStatus.sent, OutboxStatus.failed, OutboxStatus.refused]))).rowcount
    delete_expired_links(now, session_length=LINK_SESSION_LENGTH)
    db.session.flush()
    return done


def erase_person(email: str, *, now: datetime | None = None) -> Erased:
    """Remove one person everywhere: supporter records, their emails, their subscriptions."""
    now = now or utcnow()
    address = email.strip().lower()
    done = Erased()
    # Every spelling of the inbox: whoever erases has read it (the link came to it).
    supporters = db.session.scalars(select(Supporter).where(
        or_(Supporter.email == address, Supporter.inbox == inbox_key(address)))).all()
    letter_rows = []
    for supporter in supporters:
        letter_rows += db.session.scalars(select(Letter).where(Letter.supporter_id == supporter.id)).all()
        _anonymise(supporter, now)
    done.supporters = len(supporters)
    letter_ids = {letter.id for letter in letter_rows}
    # Letters queued in their name are withdrawn: nothing more leaves under an erased name.
    for letter in letter_rows:
        if letter.state in (LetterState.queued, LetterState.awaiting_confirmation, LetterState.held):
            move_letter(db.session, letter, LetterState.failed)
            letter.failure_reason = "withdrawn: the supporter's data was erased"
    # A message a worker is sending right now is left to finish; the purge takes it later.
    not_in_flight = or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now)
    done.messages = db.session.execute(delete(OutboxMessage).where(not_in_flight, or_(
        addressed_to(address), OutboxMessage.letter_id.in_(letter_ids) if letter_ids else false()))).rowcount
    subscription_ids = list(db.session.scalars(select(Subscription.id).where(Subscription.email == address)))
    done.subscriptions = db.session.execute(delete(Subscription).where(Subscription.email == address)).rowcount
    forget_links(address)
    # The CRMs that got this person through webhooks are told to forget them too.
    webhook_events.supporter_erased(address, [supporter.id for supporter in supporters], subscription_ids)
    db.session.flush()
    return done


def send_erasure_link(email: str) -> None:
    """Queue the erasure link. Always the same email, data or not: nobody learns what we hold."""
    secret = new_link(LinkPurpose.erase, email.strip().lower(), lifetime=ERASURE_LINK_LIFETIME)[1]
    body = render_email("email/erase_link", link=external_url("privacy.erase", token=secret),
                        org_name=current_app.config["ORG_NAME"])
    enqueue(**notice("erasure_link", to=email, subject=_("Erase your data"), body=body))


def erasure_address(secret: str) -> str:
    """The address an erasure link was sent to; email_links.LinkNotValid if it is spent or expired."""
    return usable_link(LinkPurpose.erase, secret).email


def erase_by_link(secret: str) -> Erased:
    """The person pressed the button behind their erasure link: the link is spent, the data gone."""
    link = usable_link(LinkPurpose.erase, secret)
    email = link.email
    use(link)
    return erase_person(email)
