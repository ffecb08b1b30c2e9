"""Publishing checks the campaign first: what is missing stops it, what is doubtful needs a tick.

An imported draft with the importer's placeholder number, notes nobody read and no deadline must
not reach the public home page in one click, and a POST made by hand skips none of the checks.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from flask_babel import force_locale
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from extensions import db
from models import AuditEntry, Campaign, CampaignStatus, Target, TargetKind
from organisers.checklist import CheckKind, publish_checklist
from tests.helpers import csrf_token, log_in
from tests.hostile import assert_no_injected_markup, fewer_examples, hostile
from tests.test_organisers_editor import _save_template, create_campaign

# An invented sheet, as one is pasted: no UA number, no deadline, an official the importer cannot place.
SHEET = """URGENT ACTION

PERU: LAND DEFENDER'S FAMILY THREATENED

Relatives of Rosa Quispe Mamani, a land defender from Espinar, received death threats on 2 November 2026.

Please write to the Minister of the Interior calling on the authorities to:
- Protect Rosa Quispe Mamani and her family;
- Investigate the threats.

Minister of the Interior
Sr. Ricardo Alvarado Torres
Plaza 30 de Agosto 150
Lima 15036, Peru
Email: ministro@example.org
Salutation: Dear Minister,
"""


def publish_path(campaign: Campaign) -> str:
    return f"/organisers/campaigns/{campaign.id}/publish"


def codes(campaign: Campaign, kind: CheckKind | None = None, today: date | None = None) -> list[str]:
    db.session.expire_all()
    campaign = db.session.get(Campaign, campaign.id)
    return [item.code for item in publish_checklist(campaign, today or date.today())
            if kind is None or item.kind is kind]


def ready_campaign(org_client, **overrides) -> Campaign:
    """A campaign with nothing blocking: officials with addresses, demands, a complete English letter."""
    campaign = create_campaign(org_client, **overrides)
    _save_template(org_client, campaign)
    db.session.expire_all()
    return db.session.get(Campaign, campaign.id)


def status_of(campaign: Campaign) -> CampaignStatus:
    db.session.expire_all()
    return db.session.get(Campaign, campaign.id).status


def test_an_imported_draft_with_a_placeholder_number_cannot_go_live(org_client, client):
    response = org_client.post("/organisers/campaigns/import", data={"source_text": SHEET})
    assert response.status_code == 303
    campaign = db.session.scalar(select(Campaign))
    assert campaign.ua_number.startswith("IMPORT ")
    blocking = codes(campaign, CheckKind.blocking)
    assert "ua_number_placeholder" in blocking
    assert {"import_notes", "no_deadline"} <= set(codes(campaign, CheckKind.warning))

    page = org_client.get(publish_path(campaign)).get_data(as_text=True)
    assert f"{campaign.ua_number} is a placeholder, not a UA number" in page
    assert f'href="/organisers/campaigns/{campaign.id}/edit#ua_number"' in page
    assert "Publish the campaign" not in page  # nothing to press while something blocks
    # Every warning ticked, even a tick for the blocking item: still refused, nothing public.
    response = org_client.post(publish_path(campaign), data={"confirmed": codes(campaign)})
    assert response.status_code == 400
    assert "Not ready to publish" in response.get_data(as_text=True)
    assert status_of(campaign) is CampaignStatus.draft
    assert client.get(f"/campaigns/{campaign.slug}").status_code == 404
    assert "Land Defender" not in client.get("/").get_data(as_text=True)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "campaign.published")) is None


def test_each_blocking_item_links_to_where_it_is_fixed(app, org_client):
    campaign = ready_campaign(org_client)
    assert codes(campaign, CheckKind.blocking) == []
    campaign.ua_number, campaign.slug, campaign.country = "IMPORT 0a1b2c3d", "import-0a1b2c3d", ""
    campaign.copy_targets[0].emails, campaign.copy_targets[0].address_lines = [], []
    campaign.copy_targets[0].city = ""
    campaign.deadline = date.today() - timedelta(days=1)
    db.session.commit()
    items = {item.code: item for item in publish_checklist(campaign, date.today())}
    edit = f"/organisers/campaigns/{campaign.id}/edit"
    copy_id = campaign.copy_targets[0].id
    with app.test_request_context():
        links = {code: item.link for code, item in items.items() if item.is_blocking}
    assert links == {
        "ua_number_placeholder": edit + "#ua_number",
        "no_country": edit + "#country",
        f"official_unreachable:{copy_id}": edit + "#copies-0-address_lines",
        "deadline_passed": edit + "#deadline",
    }
    assert items[f"official_unreachable:{copy_id}"].message == \
        "Give Ambassador of Egypt a postal or an email address."


def test_no_letter_no_demand_and_no_official_block_and_say_where(app, org_client):
    campaign = create_campaign(org_client)
    for target in list(campaign.targets):
        campaign.targets.remove(target)
    campaign.demands.clear()
    db.session.commit()
    items = {item.code: item for item in publish_checklist(campaign, date.today())}
    assert {"no_officials", "no_demands", "no_complete_letter"} <= {c for c, i in items.items() if i.is_blocking}
    with app.test_request_context():
        assert items["no_complete_letter"].link == f"/organisers/campaigns/{campaign.id}/letters"
    # With no complete letter at all, that is the one item about letters: no language is warned about.
    assert not [code for code in items if code.startswith("preferred_language:")]


def test_a_ua_number_another_campaign_holds_in_another_spelling_blocks(org_client):
    campaign = ready_campaign(org_client)
    db.session.add(Campaign(ua_number="ua 60/16", slug="ua-60-16-old", title="An older campaign", country="EG"))
    db.session.commit()
    items = [item for item in publish_checklist(campaign, date.today()) if item.code == "ua_number_taken"]
    assert [item.message for item in items] == [
        "UA 60/16 is also the number of another campaign, “An older campaign”: give this one its own number, "
        "or post the news there as a case update."]


def test_a_test_address_that_reaches_an_official_blocks(org_client, demo):
    campaign = ready_campaign(org_client)
    # Accepted when typed; since then an official of another case was given an alias of that inbox.
    inbox = next(email for target in db.session.scalars(select(Target).where(Target.campaign_id == demo.id))
                 for email in target.emails)
    campaign.test_recipient = inbox.replace("@", "+tests@").upper()
    db.session.commit()
    assert "test_address_official" in codes(campaign, CheckKind.blocking)
    page = org_client.get(publish_path(campaign)).get_data(as_text=True)
    assert "reaches an official&#39;s inbox" in page
    campaign.test_recipient = "organisers@example.org"
    db.session.commit()
    assert "test_address_official" not in codes(campaign)


def test_warnings_need_a_tick_each_and_the_form_comes_back_with_them(org_client, client):
    # No deadline, an Arabic letter missing for officials who prefer Arabic, importer notes unread.
    campaign = ready_campaign(org_client, deadline="")
    campaign.import_unplaced = ["Note: a line the importer did not understand."]
    db.session.commit()
    warnings = codes(campaign, CheckKind.warning)
    assert warnings == ["import_notes", "no_deadline", "preferred_language:ar"]
    page = org_client.get(publish_path(campaign)).get_data(as_text=True)
    assert page.count('type="checkbox" name="confirmed"') == 3
    assert "The officials&#39; preferred language, Arabic, has no complete letter" in page

    response = org_client.post(publish_path(campaign), data={"confirmed": ["no_deadline"]})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Please confirm each of the 2 warnings below" in html
    assert html.count("Tick this box to publish anyway, or fix it first.") == 2
    # The tick given stays ticked; the two missing ones are marked.
    assert re.search(r'value="no_deadline" id="confirm-\d+" checked', html)
    assert len(re.findall(r'value="(?:import_notes|preferred_language:ar)" id="confirm-\d+" aria-invalid="true"',
                          html)) == 2
    assert status_of(campaign) is CampaignStatus.draft

    # A tick for something that is not a warning of this campaign counts for nothing.
    response = org_client.post(publish_path(campaign), data={"confirmed": ["no_deadline", "import_notes", "other"]})
    assert response.status_code == 400 and status_of(campaign) is CampaignStatus.draft

    response = org_client.post(publish_path(campaign), data={"confirmed": warnings})
    assert response.status_code == 303
    assert status_of(campaign) is CampaignStatus.live
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "campaign.published"))
    assert entry.summary == ("published UA 60/16 (in test mode); confirmed: import_notes, no_deadline, "
                             "preferred_language:ar")
    assert client.get("/campaigns/ua-60-16").status_code == 200


def test_a_complete_campaign_publishes_without_ticks(org_client):
    campaign = ready_campaign(org_client, preferred_languages="en")
    assert codes(campaign) == []
    page = org_client.get(publish_path(campaign)).get_data(as_text=True)
    assert "Nothing is missing: the campaign is ready." in page
    assert org_client.post(publish_path(campaign)).status_code == 303
    assert status_of(campaign) is CampaignStatus.live
    # Published, the page sends the organiser back to the dashboard.
    again = org_client.get(publish_path(campaign))
    assert again.status_code == 303 and again.headers["Location"].endswith(f"/campaigns/{campaign.id}")


def test_more_doubts_are_warnings(org_client):
    campaign = ready_campaign(org_client, preferred_languages="en", summary="")
    campaign.people.clear()
    campaign.is_test_mode = False
    db.session.commit()
    assert codes(campaign, CheckKind.warning) == ["no_people", "no_summary", "test_mode_off"]
    assert codes(campaign, CheckKind.blocking) == []


def test_reviewing_the_import_notes_settles_that_warning(org_client):
    campaign = ready_campaign(org_client, preferred_languages="en")
    campaign.import_unplaced = ["Tel: +51 1 000 0000"]
    db.session.commit()
    assert codes(campaign) == ["import_notes"]
    assert org_client.post(f"/organisers/campaigns/{campaign.id}/import-notes/dismiss").status_code == 303
    assert codes(campaign) == []


def test_the_dashboard_lists_the_checklist_and_leads_to_the_publish_step(org_client):
    campaign = ready_campaign(org_client, deadline="")
    html = org_client.get(f"/organisers/campaigns/{campaign.id}").get_data(as_text=True)
    assert "To confirm when publishing:" in html and "There is no deadline" in html
    assert f'href="/organisers/campaigns/{campaign.id}/publish"' in html
    assert f'href="/organisers/campaigns/{campaign.id}/edit#deadline"' in html


def test_the_checklist_speaks_the_organisers_language(app, org_client):
    campaign = ready_campaign(org_client, deadline="")
    with app.test_request_context(), force_locale("fr"):
        messages = {item.code: item.message for item in publish_checklist(campaign, date.today())}
    assert "deadline" not in messages["no_deadline"] and "date limite" in messages["no_deadline"]


def test_publishing_without_the_forms_token_is_refused(csrf_app, organiser):
    client = csrf_app.test_client()
    log_in(client, csrf_token=csrf_token(client.get("/organisers/login").get_data(as_text=True)))
    campaign = create_campaign(client, preferred_languages="en",
                               csrf_token=csrf_token(client.get("/organisers/campaigns/new").get_data(as_text=True)))
    page = client.get(publish_path(campaign)).get_data(as_text=True)
    assert client.post(publish_path(campaign), data={"confirmed": codes(campaign)}).status_code == 400
    assert status_of(campaign) is CampaignStatus.draft
    assert 'name="csrf_token"' in page


def test_the_official_of_a_copy_counts_as_an_official(org_client):
    campaign = ready_campaign(org_client, preferred_languages="en")
    copy = campaign.copy_targets[0]
    assert copy.kind is TargetKind.copy
    copy.emails, copy.address_lines = [], []
    db.session.commit()
    assert codes(campaign) == []  # a city is a postal address the letter can name
    copy.city = ""
    db.session.commit()
    assert codes(campaign, CheckKind.blocking) == [f"official_unreachable:{copy.id}"]


@fewer_examples(3)
@given(ticks=st.lists(hostile, max_size=4))
def test_hostile_ticks_on_the_publish_step(org_client, ticks):
    """Whatever is posted as ticks: never a 500, nothing of it echoed as markup, and no tick that is not
    one of the campaign's warnings publishes it."""
    campaign = db.session.scalar(select(Campaign).where(Campaign.ua_number == "UA 60/16")) \
        or ready_campaign(org_client, deadline="")
    response = org_client.post(publish_path(campaign), data={"confirmed": ticks})
    assert response.status_code in (303, 400)
    assert_no_injected_markup(response.get_data(as_text=True))
    published = status_of(campaign) is CampaignStatus.live
    assert published == (set(codes(campaign, CheckKind.warning)) <= set(ticks))
    if published:
        campaign = db.session.get(Campaign, campaign.id)
        campaign.status = CampaignStatus.draft
        db.session.commit()
