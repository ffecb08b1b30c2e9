"""What organisers read: the campaigns table with the network's events and followers, and one campaign's
dashboard. Reads only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import format_date, format_number, ngettext
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from extensions import db
from formatting import country_name
from events.history import Month, months_of_events
from i18n import interface_language
from events.tally import EventCounts, EventRow, campaign_events, event_counts, with_event_letters
from letters.counting import CampaignCounts, campaign_counts, totals_by_campaign
from models import (AuditEntry, BouncingAddress, Campaign, CampaignStatus, CaseUpdate, Job, OutboxMessage,
                    OutboxStatus, Reply, Target)
from organisers.charts import Bar, bar_chart, daily_bar_chart
from organisers.services import mail_addresses
from subscriptions.alerts import AlertFollowers, alert_audience, alert_followers, alert_job
from widget.sites import Snippets, counts_by_site, snippets

# The chart shows at most CHART_DAYS days, the most recent ones, and at least CHART_MIN_DAYS so
# a young campaign's first days read as a timeline.
CHART_DAYS = 90
CHART_MIN_DAYS = 14
FAILED_SHOWN = 50


@dataclass
class CampaignRow:
    campaign: Campaign
    letters: int
    is_open: bool


def campaign_rows(today: date) -> list[CampaignRow]:
    """Every campaign with its total: live first, then drafts, then closed; newest first within."""
    campaigns = db.session.scalars(select(Campaign).options(selectinload(Campaign.people))
                                   .order_by(Campaign.created_at.desc(), Campaign.id.desc())).all()
    totals = totals_by_campaign(db.session, [c.id for c in campaigns])
    order = {CampaignStatus.live: 0, CampaignStatus.draft: 1, CampaignStatus.closed: 2}
    rows = [CampaignRow(c, totals.get(c.id, 0), c.is_open(today)) for c in campaigns]
    return sorted(rows, key=lambda row: order[row.campaign.status])


@dataclass
class Dashboard:
    campaign: Campaign
    counts: CampaignCounts
    by_target: list[tuple[Target, int]]
    by_country: list[tuple[str, str, int]]
    channels: list[str]
    states: list[str]
    chart: Markup | None
    outbox: dict[str, int]
    outbox_by_kind: list[tuple[str, dict[str, int]]]
    failed: list[OutboxMessage]
    bouncing: list[BouncingAddress]
    replies: list[Reply]
    recent_activity: list[AuditEntry]
    percent: int
    days_left: int | None
    events: EventCounts
    event_rows: list[EventRow]
    alert_job: Job | None   # the email telling followers of new cases about this one, once it went live
    alert_audience: int     # how many followers of new cases that email reaches
    widget_counts: list[tuple[str, int]]   # actions through the embedded widget, by site
    widget_snippets: Snippets              # what to paste into a listed site's page


def campaign_dashboard(campaign: Campaign, today: date) -> Dashboard:
    events = event_counts(campaign.id)
    counts = with_event_letters(campaign_counts(db.session, campaign.id), events)
    by_target = [(t, counts.by_target.get(t.id, 0)) for t in campaign.ordered_targets]
    by_country = [(code, country_name(code), n) for code, n in counts.by_country.items()]
    channels = sorted(counts.by_channel_state)
    states = sorted({state for per in counts.by_channel_state.values() for state in per})

    outbox_rows = db.session.execute(
        select(OutboxMessage.kind, OutboxMessage.status, func.count())
        .where(OutboxMessage.campaign_id == campaign.id)
        .group_by(OutboxMessage.kind, OutboxMessage.status)).all()
    outbox = {status.value: 0 for status in OutboxStatus}
    by_kind: dict[str, dict[str, int]] = {}
    for kind, status, n in outbox_rows:
        outbox[status.value] += n
        by_kind.setdefault(kind, {s.value: 0 for s in OutboxStatus})[status.value] += n
    failed = list(db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.campaign_id == campaign.id,
                                    OutboxMessage.status == OutboxStatus.failed)
        .order_by(OutboxMessage.id.desc()).limit(FAILED_SHOWN)))
    bouncing = list(db.session.scalars(
        select(BouncingAddress).where(BouncingAddress.email.in_(mail_addresses(campaign)),
                                      BouncingAddress.cleared_at.is_(None))
        .order_by(BouncingAddress.email)))
    replies = list(db.session.scalars(
        select(Reply).where(Reply.campaign_id == campaign.id)
        .order_by(Reply.received_on.desc(), Reply.id.desc())))
    activity = list(db.session.scalars(
        select(AuditEntry).where(AuditEntry.subject_type == "campaign", AuditEntry.subject_id == campaign.id)
        .order_by(AuditEntry.id.desc()).limit(10)))
    percent = min(100, (counts.total * 100) // campaign.goal) if campaign.goal else 0
    days_left = (campaign.deadline - today).days if campaign.deadline else None
    return Dashboard(
        campaign=campaign, counts=counts, by_target=by_target, by_country=by_country, channels=channels,
        states=states, chart=_chart(campaign, counts, today), outbox=outbox,
        outbox_by_kind=sorted(by_kind.items()), failed=failed, bouncing=bouncing, replies=replies,
        recent_activity=activity, percent=percent, days_left=days_left, events=events,
        event_rows=campaign_events(campaign.id), alert_job=alert_job(campaign),
        alert_audience=alert_audience(campaign), widget_counts=counts_by_site(campaign.id),
        widget_snippets=snippets(campaign, interface_language().code))


def _chart(campaign: Campaign, counts: CampaignCounts, today: date) -> Markup | None:
    if not counts.by_day:
        return None
    per_day = {date.fromisoformat(day): n for day, n in counts.by_day.items()}
    first = min(per_day)
    last = max(max(per_day), min(today, campaign.deadline or today))
    first = max(min(first, last - timedelta(days=CHART_MIN_DAYS - 1)), last - timedelta(days=CHART_DAYS - 1))
    days = [(first + timedelta(days=i), 0) for i in range((last - first).days + 1)]
    days = [(day, per_day.get(day, 0)) for day, _ in days]
    return daily_bar_chart(days, title=_("Letters per day for %(ua_number)s", ua_number=campaign.ua_number))


def update_rows(campaign: Campaign) -> list[tuple]:
    """Each published update, newest first, with the job emailing it (for a progress bar)."""
    from subscriptions.updates import fanout_job

    updates = db.session.scalars(select(CaseUpdate).where(CaseUpdate.campaign_id == campaign.id)
                                 .order_by(CaseUpdate.number.desc())).all()
    return [(update, fanout_job(update)) for update in updates]


@dataclass
class NetworkBoard:
    """The front page's view of the whole network: events and groups by month, and who follows new cases."""

    months: list[tuple[str, Month]]   # ("March 2026", its figures), oldest first
    letters_chart: Markup | None
    groups_chart: Markup | None
    followers: AlertFollowers


def network_board(today: date) -> NetworkBoard:
    months = months_of_events(today)
    letters_chart = groups_chart = None
    long: list[str] = []
    if months:
        # "Mar 26" under the bar; "March 2026" told to a pointer or a screen reader.
        short = [format_date(month.first_day, "LLL yy") for month in months]
        long = [format_date(month.first_day, "LLLL y") for month in months]
        letters_chart = bar_chart(
            [Bar(label, ngettext("%(month)s: %(count)s letter", "%(month)s: %(count)s letters", month.letters,
                                 month=name, count=format_number(month.letters)), month.letters)
             for label, name, month in zip(short, long, months, strict=True)],
            title=_("Letters written at events, by month"), chart_id="event-letters-chart", label_every=True)
        groups_chart = bar_chart(
            [Bar(label, ngettext("%(month)s: %(count)s group held an event",
                                 "%(month)s: %(count)s groups held an event", month.active_groups,
                                 month=name, count=format_number(month.active_groups)), month.active_groups)
             for label, name, month in zip(short, long, months, strict=True)],
            title=_("Groups that held an event, by month"), chart_id="active-groups-chart", label_every=True)
    return NetworkBoard(months=list(zip(long, months, strict=True)), letters_chart=letters_chart,
                        groups_chart=groups_chart, followers=alert_followers())
