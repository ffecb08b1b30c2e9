"""Atom 1.0 feeds: published case updates, one feed per campaign and one for every campaign; and
new cases with their updates, one feed per country and one per theme.

Built with ElementTree, which escapes text and attributes; characters XML 1.0 cannot hold at
all (most control characters) are dropped first, or the feed would not parse. Feeds carry
published updates only, never drafts and never anything about supporters.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from extensions import db
from campaigns.themes import theme_label
from formatting import country_name, page_language
from models import Campaign, CampaignStatus, CampaignTheme, CaseUpdate
from models._types import utcnow
from subscriptions.links import external_url
from subscriptions.updates import update_heading

ATOM = "http://www.w3.org/2005/Atom"
ALL_CAMPAIGNS_LIMIT = 50
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("", ATOM)


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")  # RFC 3339: aware UTC datetimes give +00:00


def _changed(update: CaseUpdate) -> datetime:
    return max(update.published_at, update.corrected_at or update.published_at)


@dataclass(frozen=True)
class _Entry:
    url: str  # stable for the life of what it announces, so it serves as the entry's id too
    title: str
    updated: datetime
    published: datetime
    term: str
    label: str
    summary: str
    content: str
    content_type: str


def _update_entry(update: CaseUpdate, campaign: Campaign) -> _Entry:
    # A correction changes the entry (its updated time): readers fetch it again.
    return _Entry(url=external_url("campaigns.show", slug=campaign.slug) + f"#update-{update.number}",
                  title=f"{campaign.ua_number}: {update.title}", updated=_changed(update),
                  published=update.published_at, term=update.kind.value, label=update.kind.label,
                  summary=update_heading(update, campaign), content=update.body_html, content_type="html")


def _case_entry(campaign: Campaign) -> _Entry:
    return _Entry(url=external_url("campaigns.show", slug=campaign.slug),
                  title=f"{campaign.ua_number}: {campaign.title}", updated=campaign.published_at,
                  published=campaign.published_at, term="new_case", label=_("New urgent action"),
                  summary=_("New urgent action: %(ua)s", ua=campaign.ua_number), content=campaign.summary,
                  content_type="text")


def _feed(*, feed_id: str, title: str, self_url: str, page_url: str, entries: list[_Entry],
          empty_updated: datetime) -> bytes:
    org_name = current_app.config["ORG_NAME"]
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    _add(feed, "updated", _timestamp(max((e.updated for e in entries), default=empty_updated)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=page_url)
    _add(_add(feed, "author"), "name", org_name)
    for item in entries:
        entry = _add(feed, "entry")
        _add(entry, "id", item.url)
        _add(entry, "title", item.title)
        _add(entry, "updated", _timestamp(item.updated))
        _add(entry, "published", _timestamp(item.published))
        _add(entry, "link", rel="alternate", type="text/html", href=item.url)
        _add(_add(entry, "author"), "name", org_name)
        _add(entry, "category", term=item.term, label=item.label)
        _add(entry, "summary", item.summary)
        _add(entry, "content", item.content, type=item.content_type)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def campaign_feed(campaign: Campaign) -> bytes:
    updates = db.session.scalars(
        select(CaseUpdate).where(CaseUpdate.campaign_id == campaign.id, CaseUpdate.published_at.is_not(None),
                                 CaseUpdate.withdrawn_at.is_(None))
        .order_by(CaseUpdate.published_at.desc(), CaseUpdate.number.desc())).all()
    page_url = external_url("campaigns.show", slug=campaign.slug)
    return _feed(feed_id=page_url, title=f"{campaign.ua_number}: {campaign.title}",
                 self_url=external_url("subscriptions.campaign_feed", slug=campaign.slug), page_url=page_url,
                 entries=[_update_entry(update, campaign) for update in updates],
                 empty_updated=campaign.published_at or campaign.created_at)


def all_campaigns_feed() -> bytes:
    rows = db.session.execute(
        select(CaseUpdate, Campaign).join(Campaign, CaseUpdate.campaign_id == Campaign.id)
        .where(Campaign.status != CampaignStatus.draft, CaseUpdate.published_at.is_not(None),
               CaseUpdate.withdrawn_at.is_(None))
        .order_by(CaseUpdate.published_at.desc(), CaseUpdate.id.desc()).limit(ALL_CAMPAIGNS_LIMIT)).all()
    page_url = external_url("campaigns.index")
    return _feed(feed_id=page_url, title=f"Case updates from {current_app.config['ORG_NAME']}",
                 self_url=external_url("subscriptions.all_campaigns_feed"), page_url=page_url,
                 entries=[_update_entry(update, campaign) for update, campaign in rows], empty_updated=utcnow())


def _cases_feed(campaign_filter, *, feed_id: str, title: str, self_url: str) -> bytes:
    """The newest published campaigns that match, each with its published updates, newest first."""
    campaigns = db.session.scalars(
        select(Campaign).where(Campaign.status != CampaignStatus.draft, Campaign.published_at.is_not(None),
                               campaign_filter)
        .order_by(Campaign.published_at.desc(), Campaign.id.desc()).limit(ALL_CAMPAIGNS_LIMIT)).all()
    by_id = {campaign.id: campaign for campaign in campaigns}
    updates = db.session.scalars(
        select(CaseUpdate).where(CaseUpdate.campaign_id.in_(by_id), CaseUpdate.published_at.is_not(None),
                                 CaseUpdate.withdrawn_at.is_(None))
        .order_by(CaseUpdate.published_at.desc(), CaseUpdate.id.desc()).limit(ALL_CAMPAIGNS_LIMIT)).all()
    entries = [_case_entry(campaign) for campaign in campaigns]
    entries += [_update_entry(update, by_id[update.campaign_id]) for update in updates]
    entries.sort(key=lambda entry: entry.published, reverse=True)
    return _feed(feed_id=feed_id, title=title, self_url=self_url, page_url=external_url("campaigns.index"),
                 entries=entries[:ALL_CAMPAIGNS_LIMIT], empty_updated=utcnow())


def country_feed(code: str) -> bytes:
    self_url = external_url("subscriptions.country_feed", code=code)
    return _cases_feed(Campaign.country == code, feed_id=self_url, self_url=self_url,
                       title=_("New urgent actions in %(country)s, from %(org_name)s",
                               country=country_name(code, page_language()), org_name=current_app.config["ORG_NAME"]))


def theme_feed(theme: str) -> bytes:
    self_url = external_url("subscriptions.theme_feed", theme=theme)
    tagged = Campaign.id.in_(select(CampaignTheme.campaign_id).where(CampaignTheme.theme == theme))
    return _cases_feed(tagged, feed_id=self_url, self_url=self_url,
                       title=_("New urgent actions on the theme “%(theme)s”, from %(org_name)s",
                               theme=theme_label(theme), org_name=current_app.config["ORG_NAME"]))
