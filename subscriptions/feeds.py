"""Atom 1.0 feeds of published case updates: one per campaign, one for every campaign.

Built with ElementTree, which escapes text and attributes; characters XML 1.0 cannot hold at
all (most control characters) are dropped first, or the feed would not parse. Feeds carry
published updates only, never drafts and never anything about supporters.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from extensions import db
from models import Campaign, CampaignStatus, CaseUpdate
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


def _feed(*, feed_id: str, title: str, self_url: str, page_url: str,
          entries: list[tuple[CaseUpdate, Campaign]], empty_updated: datetime) -> bytes:
    org_name = current_app.config["ORG_NAME"]
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    _add(feed, "updated", _timestamp(max((_changed(u) for u, _ in entries), default=empty_updated)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=page_url)
    _add(_add(feed, "author"), "name", org_name)
    for update, campaign in entries:
        url = external_url("campaigns.show", slug=campaign.slug) + f"#update-{update.number}"
        entry = _add(feed, "entry")
        # The page anchor is stable for the life of the update, so it serves as its id too.
        _add(entry, "id", url)
        _add(entry, "title", f"{campaign.ua_number}: {update.title}")
        # A correction changes the entry: readers fetch it again.
        _add(entry, "updated", _timestamp(_changed(update)))
        _add(entry, "published", _timestamp(update.published_at))
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(_add(entry, "author"), "name", org_name)
        _add(entry, "category", term=update.kind.value, label=update.kind.label)
        _add(entry, "summary", update_heading(update, campaign))
        _add(entry, "content", update.body_html, type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def campaign_feed(campaign: Campaign) -> bytes:
    updates = db.session.scalars(
        select(CaseUpdate).where(CaseUpdate.campaign_id == campaign.id, CaseUpdate.published_at.is_not(None),
                                 CaseUpdate.withdrawn_at.is_(None))
        .order_by(CaseUpdate.published_at.desc(), CaseUpdate.number.desc())).all()
    page_url = external_url("campaigns.show", slug=campaign.slug)
    return _feed(feed_id=page_url, title=f"{campaign.ua_number}: {campaign.title}",
                 self_url=external_url("subscriptions.campaign_feed", slug=campaign.slug), page_url=page_url,
                 entries=[(update, campaign) for update in updates],
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
                 entries=[(update, campaign) for update, campaign in rows], empty_updated=utcnow())
