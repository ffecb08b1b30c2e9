"""Emailing a published update to everyone who follows its case: a background job, in steps.

Each step reads the next window of subscriptions in id order (keyset pagination, never the
whole list in memory) and writes one outbox row per address with a bulk INSERT … ON CONFLICT DO
NOTHING on a key per update × address: a retried step, a restarted job or a second worker
adds nothing twice. The email is rendered once per step for each language its followers read
(the interface language they subscribed in); each follower's copy differs only in its signed
links, put in by plain string replacement.
"""
from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import make_msgid

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from extensions import db
from letters.email import mailbox
from models import (Campaign, CaseUpdate, Job, OutboxMessage, OutboxStatus, Subscription, SubscriptionStatus,
                    UpdateCorrection)
from models._types import utcnow
from outbox.jobs import job_handler
from subscriptions.links import external_url, mail_domain, sender_address
from subscriptions.services import ALL, UPDATE_MAIL_KIND, correction_dedupe_key, scope_for_id, update_dedupe_key
from subscriptions.tokens import email_tag, mailto_tag, signer, token_payload
from subscriptions.updates import FANOUT_JOB, update_heading
from theme import render_email

BATCH_SIZE = 2000  # subscription rows per step
_KEYS_PER_QUERY = 500  # keys in one IN list, well under every driver's limit on parameters
ONE_CLICK = "List-Unsubscribe=One-Click"  # RFC 8058: the POST body mail clients send


@dataclass(frozen=True)
class MailVersion:
    """The email as one kind of follower gets it, with placeholders for the links."""

    subject: str
    text: str
    html: str
    list_id: str


class FollowerMail:
    """An email to followers, rendered once per version; row() makes one follower's copy of it.

    Each copy differs only in its signed one-click link, put in by string replacement of a random
    placeholder that no organiser's text can contain by accident or on purpose.
    """

    kind = UPDATE_MAIL_KIND
    unsubscribe_endpoint = "subscriptions.unsubscribe"
    token_purpose = "subscriber"
    has_mailto = True  # the mailto unsubscribe names one subscription: not for mail that brings several

    def __init__(self) -> None:
        self._mark = f"uadesk{secrets.token_hex(8)}token"
        self._unsubscribe_url = external_url(self.unsubscribe_endpoint, token=self._mark)
        self._signer = signer(self.token_purpose)
        self.domain = mail_domain()
        self.sender = mailbox(current_app.config["ORG_NAME"], sender_address())
        self.now = utcnow()

    def row(self, *, subscription_id: int, email: str, version: MailVersion, dedupe_key: str,
            campaign_id: int | None) -> dict:
        """One outbox row, ready for a bulk insert."""
        tag = email_tag(email)
        token = self._signer.sign(token_payload(subscription_id, tag)).decode()
        unsubscribe = f"<{self._unsubscribe_url.replace(self._mark, token)}>"
        if self.has_mailto:
            # For mail clients that cannot POST: unsubscribe+<id>-<mac>@<MAIL_DEFAULT_SENDER's domain>.
            # That domain must deliver plus-addressed mail to a mailbox someone (or, later, a
            # handler checking the MAC) acts on; UA Desk does not read it yet.
            mailto = f"mailto:unsubscribe+{mailto_tag(subscription_id, tag)}@{self.domain}?subject=unsubscribe"
            unsubscribe += f", <{mailto}>"
        return {
            "kind": self.kind, "dedupe_key": dedupe_key,
            "letter_id": None, "campaign_id": campaign_id, "sender": self.sender,
            "recipients": [email], "throttle_key": None, "hourly_cap": None, "subject": version.subject,
            "body_text": version.text.replace(self._mark, token),
            "body_html": version.html.replace(self._mark, token),
            "headers": {
                "Message-ID": make_msgid(domain=self.domain),
                "List-Id": version.list_id,
                "List-Unsubscribe": unsubscribe,
                "List-Unsubscribe-Post": ONE_CLICK,
                "Precedence": "bulk",
            },
            "status": OutboxStatus.pending, "attempts": 0, "next_attempt_at": self.now, "claimed_until": None,
            "claimed_by": None, "sent_at": None, "last_error": None, "created_at": self.now,
        }


class UpdateMail(FollowerMail):
    """An update's email, rendered once; rows() makes each follower's copy of it."""

    def __init__(self, update: CaseUpdate, campaign: Campaign, correction: UpdateCorrection | None = None) -> None:
        super().__init__()
        self.update = update
        self.campaign = campaign
        # A correction is the update as it reads now, said to be one, with the organiser's note.
        self.correction = correction
        is_open = campaign.is_open(utcnow().date())
        self._context = dict(
            update=update, campaign=campaign, org_name=current_app.config["ORG_NAME"],
            campaign_url=external_url("campaigns.show", slug=campaign.slug) + f"#update-{update.number}",
            write_url=external_url("campaigns.write", slug=campaign.slug) if is_open else None,
            unsubscribe_url=self._unsubscribe_url, correction=correction,
            # A page that emails a fresh single-use link: a forwarded update lets its reader leave, no more.
            manage_url=external_url("subscriptions.manage_request"))
        self._list_ids = {False: f'"{campaign.ua_number} updates" <{campaign.slug}.updates.{self.domain}>',
                          True: f'"All case updates" <all.updates.{self.domain}>'}
        self._versions: dict[tuple[bool, str], MailVersion] = {}

    def version(self, *, follows_all: bool, locale: str) -> MailVersion:
        """The email in one follower's language, rendered the first time a follower needs it."""
        key = (follows_all, locale)
        if key not in self._versions:
            with force_locale(locale):
                heading = update_heading(self.update, self.campaign)
                body = render_email("email/update", follows_all=follows_all, heading=heading, **self._context)
                subject = f"{heading}: {self.update.title}"
                if self.correction is not None:
                    # Translators: the subject of a corrected update's email; subject is the update's own.
                    subject = _("Correction: %(subject)s", subject=subject)
            self._versions[key] = MailVersion(subject=subject[:400], text=body.text,
                                           html=body.html, list_id=self._list_ids[follows_all])
        return self._versions[key]

    def dedupe_key(self, email: str) -> str:
        if self.correction is None:
            return update_dedupe_key(self.update.id, email)
        return correction_dedupe_key(self.update.id, self.correction.number, email)

    def rows(self, followers: Iterable[tuple[int, str, str, str]]) -> list[dict]:
        """Outbox rows for (subscription id, email, scope, locale) tuples, ready for a bulk insert."""
        return [self.row(subscription_id=subscription_id, email=email, dedupe_key=self.dedupe_key(email),
                         version=self.version(follows_all=scope == ALL, locale=locale), campaign_id=self.campaign.id)
                for subscription_id, email, scope, locale in followers]


def insert_ignoring_duplicates():
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"the fan-out needs SQLite or PostgreSQL, not {dialect}")
    return insert(OutboxMessage.__table__).on_conflict_do_nothing(index_elements=["dedupe_key"])


def count_followers(scopes: list[str]) -> int:
    """Confirmed followers of these scopes who get each email as it happens (not a weekly digest)."""
    return db.session.scalar(select(func.count()).select_from(Subscription).where(
        Subscription.scope.in_(scopes), Subscription.status == SubscriptionStatus.confirmed,
        Subscription.is_digest.is_(False)))


def followers_after(last_id: int, scopes: set[str]) -> tuple[list, list[tuple[int, str, str, str]]]:
    """The next window of subscriptions after `last_id`, and of them the confirmed followers of these
    scopes as (id, email, scope, locale). Weekly digest subscriptions get the news in their digest
    (subscriptions/digest.py) instead.

    FOR SHARE (PostgreSQL): an unsubscribe or erasure of these rows waits for this step's commit,
    then withdraws what it wrote, instead of slipping between the read and the insert."""
    window = db.session.execute(
        select(Subscription.id, Subscription.email, Subscription.scope, Subscription.status, Subscription.locale,
               Subscription.is_digest)
        .where(Subscription.id > last_id).order_by(Subscription.id).limit(BATCH_SIZE)
        .with_for_update(read=True)).all()
    return window, [(row.id, row.email, row.scope, row.locale) for row in window
                    if row.scope in scopes and row.status is SubscriptionStatus.confirmed and not row.is_digest]


@job_handler(FANOUT_JOB)
def fan_out_update(job: Job) -> bool:
    """One step: the followers in the next window of subscriptions get their outbox rows.

    Two passes over the subscriptions table in primary-key order: first the "all cases"
    followers, then the campaign's own. An address following both is written in the first
    pass, and the unique key drops its second row, so it gets the "all cases" email: leaving
    that list from the email keeps the case it chose by name. A window is BATCH_SIZE rows of
    the table whatever they hold, so each step costs the same whatever the planner knows; a
    filtered "next 2,000 followers" query does not (without fresh statistics PostgreSQL sorts
    every remaining follower on every step). job.progress and job.total count subscriptions.
    """
    update = db.session.get(CaseUpdate, job.payload["update_id"])
    if update is None or not update.is_public:
        return True  # deleted or withdrawn before its email went: nothing to send
    correction = None
    if job.payload.get("correction"):
        correction = db.session.scalar(select(UpdateCorrection).where(
            UpdateCorrection.update_id == update.id, UpdateCorrection.number == job.payload["correction"]))
        if correction is None or any(later.number > correction.number and later.is_sent_to_followers
                                     for later in update.corrections):
            return True  # a later correction is on its way with the text as it reads now: one email is enough
    scopes = [ALL, scope_for_id(update.campaign_id)]
    if job.total is None:
        job.total = count_followers(scopes)
    scope = job.state.get("scope", ALL)
    last_id = int(job.state.get("last_id", 0))
    window, followers = followers_after(last_id, {scope})
    if followers and correction is not None:
        followers = _reached(update, followers)
    if followers:
        db.session.execute(insert_ignoring_duplicates(),
                           UpdateMail(update, update.campaign, correction).rows(followers))
    job.progress = (job.progress or 0) + len(followers)
    if len(window) == BATCH_SIZE:
        job.state = {"scope": scope, "last_id": window[-1].id}
        return False
    if scope == ALL:
        job.state = {"scope": scopes[1], "last_id": 0}
        return False
    job.state = {"scope": scope, "last_id": window[-1].id if window else last_id}
    return True


# The update's own email reached (or is on its way to) these: a correction goes to them only.
_REACHED = (OutboxStatus.sent, OutboxStatus.pending, OutboxStatus.held)


def _reached(update: CaseUpdate, followers: list[tuple[int, str, str, str]]) -> list[tuple[int, str, str, str]]:
    """The followers the update's own email went to, found by its unique key (an index lookup each).

    Someone who followed the case after the update went out never had it: a correction would only
    puzzle them. Neither did an address whose email failed, nor one erased since.
    """
    listed = [update_dedupe_key(update.id, email) for _id, email, _scope, _locale in followers]
    reached = set()
    for start in range(0, len(listed), _KEYS_PER_QUERY):
        reached.update(db.session.scalars(select(OutboxMessage.dedupe_key).where(
            OutboxMessage.dedupe_key.in_(listed[start:start + _KEYS_PER_QUERY]),
            OutboxMessage.status.in_(_REACHED))))
    return [row for row in followers if update_dedupe_key(update.id, row[1]) in reached]
