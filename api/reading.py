"""Reading campaigns for the API: the public documents, built from what the public pages show.

A campaign's document is read far more often than it changes, so each process keeps the bytes
it last built for each campaign, with the campaign's revision (models/campaign.py renews it on
every change to the campaign or its parts) and the moment it was built. A request reads only the
revision; the copy serves while the revision holds, the day has not turned and it is younger
than API_CACHE_SECONDS, the same time the answer tells caches to keep it. Counts and published
updates do not renew the revision: they show within that time, as through any HTTP cache.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date

from flask import current_app, url_for
from sqlalchemy import bindparam, select
from sqlalchemy.orm import selectinload

from api.schemas import CampaignSchema
from campaigns import services
from events.tally import event_letters_by_campaign
from extensions import db
from letters.counting import totals_by_campaign
from models import Campaign, CampaignStatus, CaseUpdate, LetterVersion

# How long a process serves a campaign's document without reading it again, and how long caches may keep it.
DEFAULT_CACHE_SECONDS = 10
_CAMPAIGN = CampaignSchema()
_LOADS = (selectinload(Campaign.people), selectinload(Campaign.demands), selectinload(Campaign.targets),
          selectinload(Campaign.versions).selectinload(LetterVersion.wordings),
          selectinload(Campaign.versions).selectinload(LetterVersion.greetings))
_REVISION = select(Campaign.revision).where(Campaign.slug == bindparam("slug"),
                                            Campaign.status != CampaignStatus.draft)


def cache_seconds() -> int:
    return int(current_app.config.get("API_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))


def link(endpoint: str, **values) -> str:
    # Absolute, from BASE_URL as in emails: the same document whichever host name it was asked under.
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def to_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class _Kept:
    revision: str
    day: date
    born: float
    body: bytes


def campaign_document(slug: str, today: date) -> bytes:
    """The published campaign's JSON; services.CampaignNotFound for drafts and unknown slugs."""
    revision = db.session.connection().execute(_REVISION, {"slug": slug}).scalar()
    if revision is None:
        raise services.CampaignNotFound(slug)
    kept = current_app.extensions.setdefault("uadesk_api_campaigns", {})
    copy = kept.get(slug)
    now = time.monotonic()
    if copy is None or copy.revision != revision or copy.day != today or now - copy.born >= cache_seconds():
        campaign = services.public_campaign(slug)
        totals = _letters_by_campaign([campaign.id])
        updates = _published_updates([campaign.id])
        body = to_json(serialise(campaign, today, totals.get(campaign.id, 0), updates.get(campaign.id, [])))
        copy = kept[slug] = _Kept(campaign.revision, today, now, body)
    return copy.body


def open_campaigns(today: date, *, after_id: int, limit: int) -> tuple[list[dict], int | None]:
    """One page of the open campaigns, oldest first, and the last id shown when more follow."""
    rows = list(db.session.scalars(
        select(Campaign).where(Campaign.status == CampaignStatus.live, Campaign.id > after_id,
                               (Campaign.deadline.is_(None)) | (Campaign.deadline >= today))
        .order_by(Campaign.id).limit(limit + 1).options(*_LOADS)))
    page = rows[:limit]
    ids = [c.id for c in page]
    totals = _letters_by_campaign(ids)
    updates = _published_updates(ids)
    items = [serialise(c, today, totals.get(c.id, 0), updates.get(c.id, [])) for c in page]
    return items, (page[-1].id if len(rows) > limit else None)


def serialise(campaign: Campaign, today: date, letters: int, updates: list[CaseUpdate]) -> dict:
    return _CAMPAIGN.dump({
        "slug": campaign.slug, "ua_number": campaign.ua_number, "title": campaign.title,
        "country": campaign.country, "summary": campaign.summary, "status": campaign.status.value,
        "is_open": campaign.is_open(today), "deadline": campaign.deadline,
        "people": campaign.people,
        "demands": [demand.text for demand in campaign.demands],
        "officials": campaign.ordered_targets,
        "preferred_languages": list(campaign.preferred_languages or []),
        "letter_languages": campaign.letter_languages,
        "counts": {"letters": letters, "goal": campaign.goal},
        "updates": updates,
        "links": {"self": link("api.campaign", slug=campaign.slug),
                  "page": link("campaigns.show", slug=campaign.slug),
                  "counts": link("api.campaign_counts", slug=campaign.slug),
                  "actions": link("api.take_action", slug=campaign.slug)},
    })


def _letters_by_campaign(ids: list[int]) -> dict[int, int]:
    totals = totals_by_campaign(db.session, ids) if ids else {}
    for campaign_id, letters in (event_letters_by_campaign(ids) if ids else {}).items():
        totals[campaign_id] = totals.get(campaign_id, 0) + letters
    return totals


def _published_updates(ids: list[int]) -> dict[int, list[CaseUpdate]]:
    found: dict[int, list[CaseUpdate]] = {}
    if not ids:
        return found
    for update in db.session.scalars(
            select(CaseUpdate).where(CaseUpdate.campaign_id.in_(ids), CaseUpdate.published_at.is_not(None),
                                     CaseUpdate.withdrawn_at.is_(None))
            .order_by(CaseUpdate.campaign_id, CaseUpdate.number.desc())):
        found.setdefault(update.campaign_id, []).append(update)
    return found
