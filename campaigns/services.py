"""Reading campaigns for the public pages."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from extensions import db
from events.tally import event_counts, event_letters_by_campaign, with_event_letters
from letters.counting import campaign_counts, counted_by_country, totals_by_campaign
from models import COUNTED_STATES, Campaign, CampaignStatus, CaseUpdate, LetterState, LetterVersion, Target


class CampaignNotFound(LookupError):
    pass


@dataclass
class ListedCampaign:
    campaign: Campaign
    letters: int
    is_open: bool


def public_campaigns(today: date) -> tuple[list[ListedCampaign], list[ListedCampaign]]:
    """(open, closed) campaigns for the home page; drafts are never public."""
    campaigns = db.session.scalars(
        select(Campaign).where(Campaign.status != CampaignStatus.draft)
        .order_by(Campaign.deadline.desc().nulls_last(), Campaign.id.desc())).all()
    totals = totals_by_campaign(db.session, [c.id for c in campaigns])
    for campaign_id, letters in event_letters_by_campaign([c.id for c in campaigns]).items():
        totals[campaign_id] = totals.get(campaign_id, 0) + letters
    listed = [ListedCampaign(c, totals.get(c.id, 0), c.is_open(today)) for c in campaigns]
    open_ = sorted((c for c in listed if c.is_open),
                   key=lambda c: (c.campaign.deadline is None, c.campaign.deadline or date.max))
    return open_, [c for c in listed if not c.is_open]


# The letter versions with everything that tells whether each is complete.
_VERSIONS = (selectinload(Campaign.versions).selectinload(LetterVersion.wordings),
             selectinload(Campaign.versions).selectinload(LetterVersion.greetings))


def public_campaign(slug: str) -> Campaign:
    return _published(slug, selectinload(Campaign.people), selectinload(Campaign.demands),
                      selectinload(Campaign.targets), *_VERSIONS)


# The published campaign with the slug given as `slug`: drafts are never public.
_PUBLISHED = (Campaign.slug == bindparam("slug"), Campaign.status != CampaignStatus.draft)
# What the action form needs (targets, and the versions for its letter languages), built once.
_TO_WRITE = select(Campaign).where(*_PUBLISHED).options(
    joinedload(Campaign.targets), selectinload(Campaign.demands), selectinload(Campaign.people), *_VERSIONS)
_REVISION = select(Campaign.revision).where(*_PUBLISHED)


@dataclass(frozen=True)
class CampaignToWrite:
    campaign: Campaign
    # The languages of its complete versions, officials' preferred first (Campaign.letter_languages):
    # checking every version against every demand and official is worked out once per revision.
    letter_languages: tuple[str, ...]


def campaign_to_write(slug: str) -> CampaignToWrite:
    """The campaign with its targets, demands and people, and the languages it can be written in.

    The action form is the busiest page there is, and its campaign seldom changes. So each
    process keeps a copy of what it loaded, outside any session, and reads only the campaign's
    revision to know whether the copy still holds (models/campaign.py renews it with every
    change). The request gets the copy merged into its session without a query: an object of
    its own, as if loaded. The copy itself is never changed, and the lists of its JSON columns
    (languages, addresses) are shared with every request's object: read them, never change them.
    """
    revision = db.session.connection().execute(_REVISION, {"slug": slug}).scalar()
    if revision is None:
        raise CampaignNotFound(slug)
    kept = current_app.extensions.setdefault("uadesk_campaigns_to_write", {})
    copy = kept.get(slug)
    if copy is None or copy.campaign.revision != revision:
        campaign = db.session.scalars(_TO_WRITE, {"slug": slug}).unique().one_or_none()
        if campaign is None:
            raise CampaignNotFound(slug)
        languages = tuple(campaign.letter_languages)
        # The versions were needed for that alone (the form and the action read no letter), and
        # merging them into every request would cost more than the rest of the campaign: the
        # copy goes without them, and a request that does read them loads them.
        db.session.expire(campaign, ["versions"])
        db.session.expunge(campaign)  # with its targets, demands and people
        copy = kept[slug] = CampaignToWrite(campaign, languages)
    return CampaignToWrite(db.session.merge(copy.campaign, load=False), copy.letter_languages)


def _published(slug: str, *loads) -> Campaign:
    campaign = db.session.scalars(select(Campaign).where(*_PUBLISHED).options(*loads),
                                  {"slug": slug}).unique().one_or_none()
    if campaign is None:
        raise CampaignNotFound(slug)
    return campaign


def published_updates(campaign: Campaign) -> list[CaseUpdate]:
    return list(db.session.scalars(
        select(CaseUpdate).where(CaseUpdate.campaign_id == campaign.id,
                                 CaseUpdate.published_at.is_not(None), CaseUpdate.withdrawn_at.is_(None))
        .order_by(CaseUpdate.number.desc())))


# The key under which counts.json groups the letters it does not attribute to a country.
OTHER_COUNTRIES = "other"


def public_counts(campaign: Campaign, today: date | None = None) -> dict:
    """What anyone may see of a campaign's letters: aggregates that never single out one supporter.

    The total, and letters by channel, state, official and day, move as letters are written: that
    is what a counter is for, and they tell what supporters chose, not who they are. Only counted
    states are shown: held and rejected letters are the organisers' business, and showing them
    would tell a flooder or a blocked sender what became of theirs. A country tells where a
    supporter lives, so one is named only once PUBLIC_COUNTRY_MIN_LETTERS of its letters were
    written on days that are over; smaller countries and today's letters are grouped under
    "other". A lone letter from a small country never shows, and a letter from a large one does
    not show the moment it is written. Organisers' dashboard keeps the exact figures.
    """
    counts = with_event_letters(campaign_counts(db.session, campaign.id), events := event_counts(campaign.id))
    targets = {t.id: t for t in campaign.targets}
    data = counts.as_json()
    data["events"] = events.as_json()
    data["ua_number"] = campaign.ua_number
    data["goal"] = campaign.goal
    data["by_state"] = _counted_states(counts.by_state)
    data["by_channel_state"] = {channel: counted for channel, states in counts.by_channel_state.items()
                                if (counted := _counted_states(states))}
    data["by_target"] = [
        {"id": target_id, "label": targets[target_id].label if target_id in targets else "",
         "letters": n} for target_id, n in counts.by_target.items()]
    # Where a supporter lives is known only for letters written here, not for those of events.
    data["by_country"] = _public_countries(campaign, counts.total - events.letters, today or date.today())
    return data


def _counted_states(by_state: dict[str, int]) -> dict[str, int]:
    return {state: n for state, n in by_state.items() if LetterState(state) in COUNTED_STATES}


def _public_countries(campaign: Campaign, total: int, today: date) -> dict[str, int]:
    minimum = current_app.config["PUBLIC_COUNTRY_MIN_LETTERS"]
    settled = counted_by_country(db.session, campaign.id, before=today)
    named = {code: n for code, n in sorted(settled.items(), key=lambda item: (-item[1], item[0]))
             if code and n >= minimum}
    grouped = total - sum(named.values())
    return {**named, OTHER_COUNTRIES: grouped} if grouped else named


def target_address_lines(target: Target) -> list[str]:
    """The envelope lines, the way the post expects them, country last in capitals."""
    from letters.addresses import recipient_lines
    return recipient_lines(target)
