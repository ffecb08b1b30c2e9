"""Telling the followers of new cases that a campaign has gone live: a background job, in steps.

Publishing a campaign queues one job (its dedupe key names the campaign, so a campaign is
announced once, however often it is published or the job is retried). Like the update fan-out
(subscriptions/fanout.py), each step reads the next window of the subscriptions table in id
order and writes one outbox row per follower with INSERT … ON CONFLICT DO NOTHING on a key per
campaign × address: someone following both "every new case" and the case's country gets one
email, as a follower of whichever of the two subscriptions is older (the email names it, and its
one-click link leaves it; the manage link shows the rest). Followers who chose the weekly
digest hear of the case there instead (subscriptions/digest.py).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import distinct, func, select

from campaigns.themes import theme_label
from extensions import db
from formatting import country_name, page_language
from models import Campaign, CampaignStatus, Job, Subscription, SubscriptionStatus
from models._types import utcnow
from outbox.jobs import enqueue_job, job_handler
from subscriptions.fanout import (BATCH_SIZE, FollowerMail, MailVersion, count_followers, followers_after,
                                  insert_ignoring_duplicates)
from subscriptions.links import external_url
from subscriptions.scopes import NEW, alert_scopes, country_of, is_alert_scope, theme_of, topic
from subscriptions.services import ALERT_MAIL_KIND, alert_dedupe_key
from theme import render_email

ALERT_JOB = "new_case_alert"


def alert_job_key(campaign_id: int) -> str:
    return f"fanout:campaign:{campaign_id}"


def queue_new_case_alert(campaign: Campaign) -> Job:
    """Queue the alert in the caller's transaction: it starts only once the publishing commits."""
    return enqueue_job(ALERT_JOB, {"campaign_id": campaign.id}, dedupe_key=alert_job_key(campaign.id))


def alert_job(campaign: Campaign) -> Job | None:
    """The job announcing this campaign: its progress and total make a progress bar."""
    return db.session.scalar(select(Job).where(Job.dedupe_key == alert_job_key(campaign.id)))


def alert_audience(campaign: Campaign) -> int:
    """How many followers of new cases this campaign's alert emails (digest readers read of it there)."""
    return count_followers(alert_scopes(campaign))


@dataclass(frozen=True)
class AlertFollowers:
    """Who follows new cases, for the organisers' front page: confirmed subscriptions only."""

    people: int                              # different addresses, whatever and however many they follow
    every_case: int
    by_country: list[tuple[str, str, int]]   # (code, name in the page's language, followers), most first
    by_theme: list[tuple[str, str, int]]     # (theme, as shown, followers), most first
    weekly_digest: int                       # of all these subscriptions, those read in the weekly digest


def alert_followers() -> AlertFollowers:
    confirmed = (Subscription.status == SubscriptionStatus.confirmed,
                 Subscription.scope.like("country:%") | Subscription.scope.like("theme:%")
                 | (Subscription.scope == NEW))
    per_scope = db.session.execute(select(Subscription.scope, func.count()).where(*confirmed)
                                   .group_by(Subscription.scope)).all()
    people = db.session.scalar(select(func.count(distinct(Subscription.email))).where(*confirmed)) or 0
    digest = db.session.scalar(select(func.count()).select_from(Subscription)
                               .where(*confirmed, Subscription.is_digest.is_(True))) or 0
    language = page_language()
    counts = {scope: n for scope, n in per_scope if is_alert_scope(scope)}
    by_country = [(code, country_name(code, language), n) for scope, n in counts.items()
                  if (code := country_of(scope))]
    by_theme = [(theme, theme_label(theme), n) for scope, n in counts.items() if (theme := theme_of(scope))]
    return AlertFollowers(people=people, every_case=counts.get(NEW, 0),
                          by_country=sorted(by_country, key=lambda row: (-row[2], row[1])),
                          by_theme=sorted(by_theme, key=lambda row: (-row[2], row[1])), weekly_digest=digest)


def _list_name(scope: str) -> str:
    """The List-Id's machine part: ASCII, whatever script a theme is written in."""
    name = (country_of(scope) or "").lower() or theme_of(scope) or NEW
    if not name.isascii():
        name = hashlib.sha256(name.encode()).hexdigest()[:12]
    kind = "country" if country_of(scope) else "theme" if theme_of(scope) else "all"
    return f"{kind}-{name}" if kind != "all" else "all"


class AlertMail(FollowerMail):
    """A new case's email, rendered once per scope and language; rows() makes each follower's copy."""

    kind = ALERT_MAIL_KIND

    def __init__(self, campaign: Campaign) -> None:
        super().__init__()
        self.campaign = campaign
        is_open = campaign.is_open(utcnow().date())
        self._context = dict(
            campaign=campaign, org_name=current_app.config["ORG_NAME"],
            campaign_url=external_url("campaigns.show", slug=campaign.slug),
            write_url=external_url("campaigns.write", slug=campaign.slug) if is_open else None,
            unsubscribe_url=self._unsubscribe_url,
            # A page that emails a fresh single-use link: a forwarded alert lets its reader leave, no more.
            manage_url=external_url("subscriptions.manage_request"))
        self._versions: dict[tuple[str, str], MailVersion] = {}

    def version(self, *, scope: str, locale: str) -> MailVersion:
        key = (scope, locale)
        if key not in self._versions:
            with force_locale(locale):
                heading = _("New urgent action: %(ua)s", ua=self.campaign.ua_number)
                country = country_name(self.campaign.country, locale)
                body = render_email("email/new_case", heading=heading, country=country, topic=topic(scope),
                                    **self._context)
                subject = f"{heading}: {self.campaign.title}"
            list_id = f'"New urgent actions" <{_list_name(scope)}.alerts.{self.domain}>'
            self._versions[key] = MailVersion(subject=subject[:400], text=body.text, html=body.html, list_id=list_id)
        return self._versions[key]

    def rows(self, followers: Iterable[tuple[int, str, str, str]]) -> list[dict]:
        """Outbox rows for (subscription id, email, scope, locale) tuples, ready for a bulk insert."""
        return [self.row(subscription_id=subscription_id, email=email, campaign_id=self.campaign.id,
                         dedupe_key=alert_dedupe_key(self.campaign.id, email),
                         version=self.version(scope=scope, locale=locale))
                for subscription_id, email, scope, locale in followers]


_last_mail: dict[tuple[int, int, str], AlertMail] = {}


def _mail_for(campaign: Campaign) -> AlertMail:
    """The campaign's alert as the last step rendered it, while the campaign reads the same: a step
    renders only versions (scope × language) no earlier step of this process needed."""
    key = (id(current_app._get_current_object()), campaign.id, campaign.revision)
    if key not in _last_mail:
        _last_mail.clear()
        _last_mail[key] = AlertMail(campaign)
    mail = _last_mail[key]
    # This step's copy of the campaign: the last step's belongs to a session that has ended.
    mail.campaign = mail._context["campaign"] = campaign
    mail.now = utcnow()
    return mail


@job_handler(ALERT_JOB)
def fan_out_alert(job: Job) -> bool:
    """One step: the followers of new cases in the next window of subscriptions get their rows.

    One pass over the table in primary-key order, BATCH_SIZE rows a step whatever they hold (see
    fan_out_update for why). job.progress and job.total count subscriptions.
    """
    campaign = db.session.get(Campaign, job.payload["campaign_id"])
    if campaign is None or campaign.status is not CampaignStatus.live:
        return True  # deleted, or closed before its alert went: old news is for the digest
    scopes = alert_scopes(campaign)
    if job.total is None:
        job.total = count_followers(scopes)
    last_id = int(job.state.get("last_id", 0))
    window, followers = followers_after(last_id, set(scopes))
    if followers:
        db.session.execute(insert_ignoring_duplicates(), _mail_for(campaign).rows(followers))
    job.progress = (job.progress or 0) + len(followers)
    job.state = {"last_id": window[-1].id if window else last_id}
    return len(window) < BATCH_SIZE
