"""A campaign's life: draft → live → closed, test mode switched off only on purpose, duplicates."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, Campaign, CampaignStatus, CaseOutcome
from tests.helpers import audit_actions
from tests.test_organisers_editor import _save_template, campaign_data, create_campaign


def test_a_draft_is_private_until_published(org_client, client):
    campaign = create_campaign(org_client)
    _save_template(org_client, campaign)
    assert client.get("/campaigns/ua-60-16").status_code == 404
    # Its officials prefer Arabic, and only the English letter is complete: a warning to confirm.
    response = org_client.post(f"/organisers/campaigns/{campaign.id}/publish",
                               data={"confirmed": ["preferred_language:ar"]})
    assert response.status_code == 303
    db.session.expire_all()
    assert campaign.status is CampaignStatus.live and campaign.published_at is not None
    assert campaign.is_test_mode  # publishing never switches test mode off
    page = org_client.get("/campaigns/ua-60-16")
    assert page.status_code == 200 and "test mode" in page.get_data(as_text=True)
    assert "campaign.published" in audit_actions()


def test_publishing_says_what_is_missing(org_client):
    campaign = create_campaign(org_client, **{"targets-0-title": "", "targets-0-name": "", "targets-0-honorific": "",
                                              "targets-0-organisation": "", "targets-0-address_lines": "",
                                              "targets-0-city": "", "targets-0-postcode": "", "targets-0-country": "",
                                              "targets-0-emails": "", "targets-0-fax": "", "targets-0-salutation": "",
                                              "targets-0-language": "", "demands-0-text": "", "demands-1-text": "",
                                              "demands-2-text": ""})
    assert campaign.targets == [] or campaign.primary_targets == []
    html = org_client.get(f"/organisers/campaigns/{campaign.id}").get_data(as_text=True)
    assert "Add at least one official to write to." in html and "Add at least one demand." in html
    assert "Complete at least one letter version" in html
    response = org_client.post(f"/organisers/campaigns/{campaign.id}/publish")
    assert response.status_code == 400
    assert "Not ready to publish" in response.get_data(as_text=True)
    db.session.expire_all()
    assert campaign.status is CampaignStatus.draft


def test_switching_test_mode_off_needs_the_typed_ua_number_and_lists_the_real_addresses(org_client):
    campaign = create_campaign(org_client)
    path = f"/organisers/campaigns/{campaign.id}/test-mode/off"
    page = org_client.get(path).get_data(as_text=True)
    for address in ("prosecutor@example.org", "office@example.org", "embassy@example.org"):
        assert f"<code>{address}</code>" in page
    assert "Counsellor Hamada al-Sawy, Public Prosecutor" in page

    for typed in ("", "yes", "UA 60/17"):
        response = org_client.post(path, data={"confirmation": typed})
        assert response.status_code == 400
        assert "embassy@example.org" in response.get_data(as_text=True)
        db.session.expire_all()
        assert campaign.is_test_mode

    assert org_client.post(path, data={"confirmation": "ua60/16"}).status_code == 303
    db.session.expire_all()
    assert not campaign.is_test_mode
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "campaign.test_mode_off"))
    assert "prosecutor@example.org" in entry.summary and entry.organiser_email == "organiser@example.org"

    assert org_client.post(f"/organisers/campaigns/{campaign.id}/test-mode/on").status_code == 303
    db.session.expire_all()
    assert campaign.is_test_mode


def test_the_editor_itself_cannot_switch_test_mode_off(org_client):
    campaign = create_campaign(org_client, is_test_mode="")
    fields = campaign_data(is_test_mode="n", status="live")
    org_client.post(f"/organisers/campaigns/{campaign.id}/edit", data=fields)
    db.session.expire_all()
    assert campaign.is_test_mode and campaign.status is CampaignStatus.draft


def test_close_with_a_reason_shown_on_the_campaign_page(org_client, client, demo):
    path = f"/organisers/campaigns/{demo.id}/close"
    assert org_client.get(path).status_code == 200
    response = org_client.post(path, data={"reason": "other"})
    assert response.status_code == 400
    assert "Please write the reason" in response.get_data(as_text=True)
    assert org_client.post(path, data={"reason": "released"}).status_code == 303
    db.session.expire_all()
    assert demo.status is CampaignStatus.closed and demo.closed_reason == "released" and demo.closed_at
    assert demo.outcome is CaseOutcome.released
    html = client.get("/campaigns/ua-118-21").get_data(as_text=True)
    assert "This action is closed</strong>: released" in html
    assert client.post("/campaigns/ua-118-21/write", data={}).status_code == 409
    assert "campaign.closed" in audit_actions()


def test_close_with_another_reason(org_client, client, demo):
    org_client.post(f"/organisers/campaigns/{demo.id}/close",
                    data={"reason": "other", "other_reason": "the case moved to a new UA"})
    assert "This action is closed</strong>: the case moved to a new UA" in client.get(
        "/campaigns/ua-118-21").get_data(as_text=True)


def test_a_passed_deadline_shows_on_the_dashboard(org_client, demo):
    demo.deadline = date.today() - timedelta(days=1)
    db.session.commit()
    html = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert "The deadline has passed" in html
    assert "deadline passed" in org_client.get("/organisers/").get_data(as_text=True)


def test_duplicate_is_a_new_draft_in_test_mode_with_a_new_number(org_client, demo):
    demo.is_test_mode = False  # even from a campaign out of test mode
    db.session.commit()
    path = f"/organisers/campaigns/{demo.id}/duplicate"
    assert demo.title in org_client.get(path).get_data(as_text=True)
    taken = org_client.post(path, data={"ua_number": "UA 118/21", "title": "Copy"})
    assert taken.status_code == 400 and "already used" in taken.get_data(as_text=True)
    bad = org_client.post(path, data={"ua_number": "118", "title": "Copy"})
    assert bad.status_code == 400 and "A UA number looks like" in bad.get_data(as_text=True)

    response = org_client.post(path, data={"ua_number": "ua 5/22", "title": "Turkmenistan: follow-up"})
    assert response.status_code == 303
    copy = db.session.scalar(select(Campaign).where(Campaign.ua_number == "UA 5/22"))
    assert copy.status is CampaignStatus.draft and copy.is_test_mode and copy.slug == "ua-5-22"
    assert [p.name for p in copy.people] == ["Azat Isakov"]
    assert [d.text for d in copy.demands] == [d.text for d in demo.demands]
    assert [(t.kind, t.emails) for t in copy.targets] == [(t.kind, t.emails) for t in demo.targets]
    assert {t.id for t in copy.targets}.isdisjoint({t.id for t in demo.targets})
    assert copy.version_for("en").body == demo.version_for("en").body
    assert db.session.scalar(select(func.count()).select_from(Campaign)) == 2
    assert "campaign.duplicated" in audit_actions()
    demo.is_test_mode = True
    db.session.commit()
