"""The weekly digest: one email a week, per address, with the new cases, updates and good news
its digest subscriptions bring, instead of one email per event.

A week is an ISO week in UTC (Monday to Sunday). Once it is over, the periodic work (Celery beat,
or `flask outbox work`) queues one job for it, keyed by the week; `flask subscriptions digest`
queues the same job for scripts. Each step takes the next addresses with a digest subscription,
in address order, and writes one outbox row per address that has news, keyed per week × address:
a repeated step, job or command adds nothing twice. An address with nothing new that week gets
no email. What a subscription brings: "campaign:<id>" that case; "all" and "new" every case;
"country:…" and "theme:…" the cases of that country or theme; for each, the cases among them
published that week ("New cases"), and their updates published that week, with "released" ones
set apart as good news.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from extensions import db
from models import Campaign, CampaignStatus, CaseUpdate, Job, Subscription, SubscriptionStatus, UpdateKind
from outbox.jobs import enqueue_job, job_handler
from subscriptions.fanout import FollowerMail, MailVersion, insert_ignoring_duplicates
from subscriptions.links import external_url
from subscriptions.scopes import ALL, NEW, country_of, theme_of
from subscriptions.services import DIGEST_MAIL_KIND, digest_dedupe_key, week_label
from subscriptions.updates import update_heading
from theme import render_email

DIGEST_JOB = "weekly_digest"
ADDRESSES_PER_STEP = 500
GOOD_NEWS = frozenset({UpdateKind.released})


def week_start(label: str) -> date:
    """'2026-W49' → the Monday it starts on; ValueError for anything else."""
    year, _, week = label.upper().partition("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def last_week(now: datetime) -> str:
    """The last whole ISO week before `now`."""
    return week_label(now.date() - timedelta(days=7))


def digest_job_key(label: str) -> str:
    return f"digest:{label}"


def queue_weekly_digest(label: str) -> tuple[Job, bool]:
    """Queue the digest of week `label` ('2026-W49'); (the job, whether it is new). Flushes."""
    week_start(label)  # refuses a label that names no week
    existing = db.session.scalar(select(Job).where(Job.dedupe_key == digest_job_key(label)))
    if existing is not None:
        return existing, False
    return enqueue_job(DIGEST_JOB, {"week": label}, dedupe_key=digest_job_key(label)), True


def queue_last_weeks_digest(now: datetime) -> int:
    """For the periodic work: 1 when it queued last week's digest now, 0 when that was done before."""
    return int(queue_weekly_digest(last_week(now))[1])


@dataclass
class Week:
    """What was published in one week, for every digest built for it."""

    label: str
    first_day: date
    last_day: date
    new_cases: list[Campaign] = field(default_factory=list)
    updates: list[tuple[CaseUpdate, Campaign]] = field(default_factory=list)

    @classmethod
    def load(cls, label: str) -> Week:
        first_day = week_start(label)
        start = datetime.combine(first_day, time(), tzinfo=UTC)
        end = start + timedelta(days=7)
        new_cases = db.session.scalars(
            select(Campaign).options(selectinload(Campaign.themes))
            .where(Campaign.status != CampaignStatus.draft, Campaign.published_at >= start,
                   Campaign.published_at < end).order_by(Campaign.published_at, Campaign.id)).all()
        updates = db.session.execute(
            select(CaseUpdate, Campaign).join(Campaign, CaseUpdate.campaign_id == Campaign.id)
            .options(selectinload(Campaign.themes))
            .where(Campaign.status != CampaignStatus.draft, CaseUpdate.published_at >= start,
                   CaseUpdate.published_at < end, CaseUpdate.withdrawn_at.is_(None))
            .order_by(CaseUpdate.published_at, CaseUpdate.id)).all()
        return cls(label, first_day, first_day + timedelta(days=6), list(new_cases),
                   [(update, campaign) for update, campaign in updates])

    @property
    def is_empty(self) -> bool:
        return not self.new_cases and not self.updates


def brings(scope: str, campaign: Campaign) -> bool:
    """Does a subscription with this scope bring news of this campaign?"""
    if scope in (ALL, NEW):
        return True
    if (code := country_of(scope)) is not None:
        return campaign.country == code
    if (theme := theme_of(scope)) is not None:
        return any(row.theme == theme for row in campaign.themes)
    return scope == f"campaign:{campaign.id}"


class DigestMail(FollowerMail):
    """One week's digests: rendered once per language and set of news, copied per address."""

    kind = DIGEST_MAIL_KIND
    unsubscribe_endpoint = "subscriptions.stop_digest"
    token_purpose = "digest"
    has_mailto = False  # its link stops every digest subscription of the address, not one

    def __init__(self, week: Week) -> None:
        super().__init__()
        self.week = week
        self._versions: dict[tuple[str, tuple[int, ...], tuple[int, ...]], MailVersion] = {}

    def version(self, locale: str, new_cases: list[Campaign],
                updates: list[tuple[CaseUpdate, Campaign]]) -> MailVersion:
        key = (locale, tuple(c.id for c in new_cases), tuple(u.id for u, _c in updates))
        if key not in self._versions:
            today = self.now.date()
            cases = [dict(campaign=c, url=external_url("campaigns.show", slug=c.slug),
                          write_url=external_url("campaigns.write", slug=c.slug) if c.is_open(today) else None)
                     for c in new_cases]
            with force_locale(locale):
                # Not "update": a template reads item.update as the dict's own method.
                items = [dict(case_update=u, campaign=c, heading=update_heading(u, c),
                              url=external_url("campaigns.show", slug=c.slug) + f"#update-{u.number}")
                         for u, c in updates]
                org_name = current_app.config["ORG_NAME"]
                body = render_email(
                    "email/digest", week=self.week, new_cases=cases, org_name=org_name,
                    good_news=[item for item in items if item["case_update"].kind in GOOD_NEWS],
                    updates=[item for item in items if item["case_update"].kind not in GOOD_NEWS],
                    unsubscribe_url=self._unsubscribe_url, manage_url=external_url("subscriptions.manage_request"))
                subject = _("Your weekly digest from %(org_name)s", org_name=org_name)
            self._versions[key] = MailVersion(subject=subject[:400], text=body.text, html=body.html,
                                              list_id=f'"Weekly digest" <digest.{self.domain}>')
        return self._versions[key]

    def row_for(self, subscriptions: list[Subscription]) -> dict | None:
        """The digest of one address (all its digest subscriptions); None when it has no news."""
        scopes = [s.scope for s in subscriptions]
        new_cases = [c for c in self.week.new_cases if any(brings(scope, c) for scope in scopes)]
        updates = [(u, c) for u, c in self.week.updates if any(brings(scope, c) for scope in scopes)]
        if not new_cases and not updates:
            return None
        # The language of the subscription made (or asked again) last: the latest the person chose.
        newest = max(subscriptions, key=lambda s: s.id)
        return self.row(subscription_id=newest.id, email=newest.email, campaign_id=None,
                        dedupe_key=digest_dedupe_key(self.week.label, newest.email),
                        version=self.version(newest.locale, new_cases, updates))


@job_handler(DIGEST_JOB)
def build_digests(job: Job) -> bool:
    """One step: the next ADDRESSES_PER_STEP addresses with a digest subscription get their digest."""
    week = Week.load(job.payload["week"])
    if week.is_empty:
        return True  # a quiet week: nobody is emailed to be told so
    last_email = job.state.get("last_email", "")
    emails = db.session.scalars(
        select(Subscription.email).where(Subscription.is_digest.is_(True),
                                         Subscription.status == SubscriptionStatus.confirmed,
                                         Subscription.email > last_email)
        .group_by(Subscription.email).order_by(Subscription.email).limit(ADDRESSES_PER_STEP)).all()
    if not emails:
        return True
    by_email: dict[str, list[Subscription]] = {}
    for subscription in db.session.scalars(select(Subscription).where(
            Subscription.email.in_(emails), Subscription.is_digest.is_(True),
            Subscription.status == SubscriptionStatus.confirmed)):
        by_email.setdefault(subscription.email, []).append(subscription)
    mail = DigestMail(week)
    rows = [row for email in emails if (row := mail.row_for(by_email.get(email, [])))]
    if rows:
        db.session.execute(insert_ignoring_duplicates(), rows)
    job.progress = (job.progress or 0) + len(rows)
    job.state = {"last_email": emails[-1]}
    return len(emails) < ADDRESSES_PER_STEP
