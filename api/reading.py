"""Reading campaigns for the API: the public documents, built from what the public pages show.

A campaign's document is read far more often than it changes, and its answer tells caches to keep
it for API_CACHE_SECONDS. So each process keeps the bytes it last built for each campaign, with
their ETag, for that long too, and serves them without a query meanwhile: a change (an edit, a
letter counted, an update published, the campaign closed) shows within that time, as it would
through any HTTP cache. Taking action never reads these copies: it checks the campaign afresh.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import date

from flask import current_app, url_for
from sqlalchemy import select
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
# Copies kept per process at most.
MAX_KEPT = 1000


def cache_seconds() -> int:
    return int(current_app.config.get("API_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))


def link(endpoint: str, **values) -> str:
    # Absolute, from BASE_URL as in emails: the same document whichever host name it was asked under.
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def to_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Document:
    body: bytes
    etag: str
    day: date
    born: float


def etag_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]


def campaign_document(slug: str, today: date) -> Document:
    """The published campaign's JSON; services.CampaignNotFound for drafts and unknown slugs."""
    kept = current_app.extensions.setdefault("uadesk_api_campaigns", {})
    copy = kept.get(slug)
    now = time.monotonic()
    if copy is not None and copy.day == today and now - copy.born < cache_seconds():
        return copy
    kept.pop(slug, None)
    campaign = services.public_campaign(slug)  # drafts and unknown slugs raise before anything is kept
    totals = _letters_by_campaign([campaign.id])
    updates = _published_updates([campaign.id])
    body = to_json(serialise(campaign, today, totals.get(campaign.id, 0), updates.get(campaign.id, [])))
    copy = Document(body, etag_of(body), today, now)
    if cache_seconds() > 0:
        if len(kept) >= MAX_KEPT:
            kept.clear()  # slugs asked for are bounded by the campaigns there are; this bounds them anyway
        kept[slug] = copy
    return copy


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
