"""One shape for an official: what the importer reads and what the editor saves reach a target alike."""
from __future__ import annotations

from dataclasses import fields

from campaigns.importer import ImportedCampaign, create_draft_from_import
from campaigns.officials import OFFICIAL_FIELDS, Official
from models import TargetKind
from organisers.audit import Actor
from organisers.services import CampaignData, TargetData, create_campaign


def _every_field_filled() -> Official:
    """An invented official with a distinct value in every field, so a field dropped on the way shows."""
    return Official(title="Minister of Justice", honorific="Her Excellency", name="Ilona Varga-Mező",
                    organisation="Ministry of Justice", address_lines=["12 Kossuth Square", "Building B"],
                    city="Szeged", region="Csongrád", postcode="6720", country="HU",
                    emails=["minister@justice.example.org", "office@justice.example.org"], fax="+36 62 000 111",
                    phone="+36 62 000 222", salutation="Dear Minister,", language="hu")


def _as_stored(target) -> dict:
    return {name: getattr(target, name) for name in OFFICIAL_FIELDS}


def test_the_editor_hands_over_the_importers_shape_of_official():
    assert issubclass(TargetData, Official)
    editor_only = {item.name for item in fields(TargetData)} - set(OFFICIAL_FIELDS)
    assert editor_only == {"id", "kind", "hourly_email_cap"}


def test_every_field_the_importer_reads_reaches_the_draft(app):
    official = _every_field_filled()
    campaign = create_draft_from_import(ImportedCampaign(ua_number="UA 901/26", title="Hungary: test",
                                                         targets=[official]), source_text="")
    assert _as_stored(campaign.targets[0]) == _as_stored(official)
    # The draft's lists are its own: editing the parse afterwards changes nothing stored.
    official.emails.append("later@example.org")
    assert "later@example.org" not in campaign.targets[0].emails


def test_every_field_the_editor_hands_over_reaches_the_campaign(app):
    official = _every_field_filled()
    data = CampaignData(ua_number="UA 902/26", title="Hungary: test", country="HU", targets=[
        TargetData(**_as_stored(official), id=None, kind=TargetKind.copy, hourly_email_cap=5)])
    campaign = create_campaign(data, Actor(None, "organiser@example.org"))
    target = campaign.targets[0]
    assert _as_stored(target) == _as_stored(official)
    assert (target.kind, target.hourly_email_cap) == (TargetKind.copy, 5)
