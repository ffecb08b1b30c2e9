"""Turning a parsed sheet into a draft campaign in test mode: the one part of the importer that writes."""
from __future__ import annotations

import secrets

from sqlalchemy import or_, select
from flask_babel import gettext as _

from campaigns.importer.result import ImportedCampaign, as_note, untitled
from campaigns.officials import Official, apply_official
from extensions import db
from models import (Campaign, CampaignStatus, Demand, DemandWording, Greeting, LetterVersion, PersonAtRisk, Target,
                    TargetKind)
from models.campaign import slug_for_ua_number


def create_draft_from_import(imported: ImportedCampaign, *, source_text: str) -> Campaign:
    """Add the imported sheet as a draft campaign in test mode; flushes, never commits, never publishes.

    A missing or taken UA number gets a unique placeholder (the editor refuses it until an organiser
    enters the real one), with a note in the campaign's import notes.
    """
    notes: list[str] = []
    ua_number, slug = _draft_identity(imported.ua_number, notes)
    campaign = Campaign(
        ua_number=ua_number, slug=slug, title=imported.title or untitled(), country=imported.country or "",
        summary=imported.summary, background=_background(imported), status=CampaignStatus.draft,
        is_test_mode=True, deadline=imported.deadline, preferred_languages=list(imported.preferred_languages),
        updates_address=imported.updates_address,
        # PostgreSQL text cannot hold NUL characters; nothing else of the raw text is changed.
        source_text=source_text.replace("\x00", ""),
        import_unplaced=[as_note(note) for note in notes] + list(imported.unplaced) or None)
    campaign.people = [PersonAtRisk(position=i, name=p.name, pronouns=p.pronouns)
                       for i, p in enumerate(imported.people)]
    campaign.demands = [Demand(position=i, text=text) for i, text in enumerate(imported.demands)]
    campaign.targets = ([_target(t, TargetKind.primary, i) for i, t in enumerate(imported.targets)]
                        + [_target(t, TargetKind.copy, i) for i, t in enumerate(imported.copies)])
    if imported.template is not None:
        # The model letter, the demands and the salutations come from one sheet, in its one
        # language: the version gets them all. Anything the sheet lacks shows as a gap to fill.
        campaign.versions = [LetterVersion(
            language=imported.template.language, subject=imported.template.subject, body=imported.template.body,
            wordings=[DemandWording(demand=demand, text=demand.text) for demand in campaign.demands],
            greetings=[Greeting(target=target, salutation=target.salutation, closing="")
                       for target in campaign.targets if target.salutation])]
    db.session.add(campaign)
    db.session.flush()
    campaign.import_sources = _sources_by_row(imported, campaign) or None
    db.session.flush()
    return campaign


# Fields of the parse that are fields of the campaign under the same name.
_CAMPAIGN_FIELDS = ("ua_number", "title", "country", "summary", "background", "deadline", "preferred_languages",
                    "updates_address")


def _sources_by_row(imported: ImportedCampaign, campaign: Campaign) -> dict[str, list[int]]:
    """The parse's sources, with list positions turned into the rows they became ("demands.0" → "demand:12"),
    so that they stay right when the organiser reorders or removes rows."""
    sources = imported.sources
    rows = {**{name: name for name in _CAMPAIGN_FIELDS},
            # The link to the previous UA is kept in the background.
            "previous_ua_link": "background"}
    rows.update({f"people.{i}": f"person:{person.id}" for i, person in enumerate(campaign.people)})
    rows.update({f"demands.{i}": f"demand:{demand.id}" for i, demand in enumerate(campaign.demands)})
    rows.update({f"targets.{i}": f"target:{target.id}" for i, target in enumerate(campaign.primary_targets)})
    rows.update({f"copies.{i}": f"target:{target.id}" for i, target in enumerate(campaign.copy_targets)})
    if campaign.versions:
        rows["template"] = f"version:{campaign.versions[0].language}"
    by_row: dict[str, list[int]] = {}
    for name, (first, last) in sources.items():
        if (row := rows.get(name)) is not None:
            earlier = by_row.get(row, [first, last])
            by_row[row] = [min(first, earlier[0]), max(last, earlier[1])]
    return by_row


def _draft_identity(ua_number: str | None, notes: list[str]) -> tuple[str, str]:
    """The UA number and slug of the draft: the sheet's, or a placeholder when missing or taken."""
    if ua_number is not None:
        slug = slug_for_ua_number(ua_number)
        taken = db.session.scalar(select(Campaign).where(or_(Campaign.ua_number == ua_number, Campaign.slug == slug)))
        if taken is None:
            return ua_number, slug
    while True:
        token = secrets.token_hex(4)
        placeholder, slug = f"IMPORT {token}", f"import-{token}"
        if db.session.scalar(select(Campaign.id).where(
                or_(Campaign.ua_number == placeholder, Campaign.slug == slug))) is None:
            break
    if ua_number is not None:
        notes.append(_("%(number)s is already used by the campaign “%(title)s”: this draft has the placeholder number "
                       "%(placeholder)s. Enter the right number, or add this sheet to that campaign as an update.",
                       number=ua_number, title=taken.title, placeholder=placeholder))
    return placeholder, slug


def _background(imported: ImportedCampaign) -> str:
    if not imported.previous_ua_link:
        return imported.background
    return "\n\n".join(filter(None, [imported.background, f"Previous UA: {imported.previous_ua_link}"]))


def _target(imported: Official, kind: TargetKind, position: int) -> Target:
    target = Target(kind=kind, position=position)
    apply_official(target, imported)
    return target
