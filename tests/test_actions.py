"""The take-action form: validation, double submits, PDF letters, posting, mail-app links, counting."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import event, func, select

from campaigns.demo import TARGETS
from extensions import db
from letters.counting import person_key
from models import Action, Campaign, CampaignStatus, Letter, LetterState, Subscription, Supporter
from models._types import utcnow
from outbox.jobs import run_due_jobs
from tests.helpers import action_data, counter_total, form_nonce, letters_in_state, secret_from

WRITE = "/campaigns/ua-118-21/write"


def test_form_offers_the_campaign_choices_with_safe_defaults(client, demo):
    html = client.get(WRITE).get_data(as_text=True)
    for name in ("name", "email", "address_line1", "address_line2", "city", "postcode", "country",
                 "personal_message", "targets", "channel", "language", "wants_updates", "form_nonce"):
        assert f'name="{name}"' in html
    primary, copy = demo.primary_targets[0], demo.copy_targets[0]
    assert (f'value="{primary.id}" checked' in html
            or f'checked id="targets-0" name="targets" type="checkbox" value="{primary.id}"' in html)
    assert "Turkmenistan</option>" in html and "United Kingdom</option>" in html
    assert 'name="wants_updates" type="checkbox" value="y">' in html  # unticked by default
    assert f'value="{copy.id}" checked' not in html


@pytest.mark.parametrize("chosen", [None, "", "TM", "GB", "not a country"])
def test_the_country_list_renders_as_wtforms_select_would(app, chosen):
    # CountrySelect renders its options once per process; the markup must stay Select's own.
    from wtforms import Form
    from wtforms.validators import InputRequired
    from wtforms.widgets import Select

    from campaigns.forms import CountryField

    class Countries(Form):
        country = CountryField("Country", validators=[InputRequired()])

    field = Countries(data={"country": chosen}).country
    rendered = field(autocomplete="country")
    assert rendered == Select()(field, autocomplete="country")
    # The prompt, ISO 3166's 249 countries and Kosovo, which has no ISO code yet but its postal format (XK).
    assert rendered.count("<option") == 251 and rendered.count(" selected") == (chosen in ("", "TM", "GB"))
    assert '<option value="XK">Kosovo</option>' in rendered


def test_pdf_action_creates_letters_and_counts_each_once(client, demo):
    data = action_data(demo, client)
    response = client.post(WRITE, data=data)
    assert response.status_code == 303
    assert letters_in_state(LetterState.generated) == 2
    assert client.get("/campaigns/ua-118-21/counts.json").json["total"] == 2

    # The same form sent again (refresh, back button) creates nothing.
    again = client.post(WRITE, data=data)
    assert again.headers["Location"] == response.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(Action)) == 1

    # A new submission by the same person (the same inbox and name) gets letters of its own, which
    # count once with the first; and what it typed changes nothing the first one recorded.
    second = client.post(WRITE, data=action_data(demo, client, email="Jane+ua@Example.org", name="jane  doe",
                                                 city="York"))
    assert second.headers["Location"] != response.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(Action)) == 2
    assert db.session.scalar(select(func.count()).select_from(Letter)) == 4
    assert counter_total(LetterState.generated) == 2
    assert client.get("/campaigns/ua-118-21/counts.json").json["total"] == 2
    assert [s.city for s in db.session.scalars(select(Supporter).order_by(Supporter.id))] == ["Leeds", "York"]

    # Someone else writing from the same address (a household, a group's evening) counts too.
    client.post(WRITE, data=action_data(demo, client, name="Sam Doe"))
    assert client.get("/campaigns/ua-118-21/counts.json").json["total"] == 4


def test_a_submission_that_collides_with_a_letter_written_meanwhile_is_tried_again(client, demo):
    """A counted letter of the same person, target and channel met on insert (another submission of
    theirs at the same moment) rolls the submission back, and it is tried again. Here the other
    letter is written in the same transaction, so the rollback takes it too and the retry counts;
    tests/test_counting.py races real submissions. On SQLite the retry's rows get the rolled-back
    rows' keys again."""
    assert client.post(WRITE, data=action_data(demo, client, channel="mailto")).status_code == 303
    supporter_id = db.session.scalar(select(Supporter.id))
    first, second = demo.targets[0].id, demo.targets[1].id
    collided = []

    def letter_written_meanwhile(connection, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO letters") and not collided:
            collided.append(statement)  # once: the retry must go through
            connection.execute(Letter.__table__.insert().values(
                campaign_id=demo.id, supporter_id=supporter_id, target_id=first, channel="pdf",
                state="generated", counted_on=date.today(), country="GB", created_at=utcnow(),
                updated_at=utcnow(), person_key=person_key(demo.id, "jane@example.org", "Jane Doe"),
                is_counted=True))

    event.listen(db.engine, "before_cursor_execute", letter_written_meanwhile)
    try:
        response = client.post(WRITE, data=action_data(demo, client))
    finally:
        event.remove(db.engine, "before_cursor_execute", letter_written_meanwhile)
    assert collided and response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Action)) == 2
    secret = secret_from(response)
    mine = dict(db.session.execute(select(Letter.target_id, Letter.is_counted).join(Action)
                                   .where(Action.secret == secret)).all())
    assert mine == {first: True, second: True}
    assert letters_in_state(LetterState.generated) == counter_total(LetterState.generated) == 2


BAD_INPUT = [
    ("name", "", "Please enter your name."),
    ("email", "not-an-address", "Please enter an email address like name@example.org."),
    ("city", "Leeds\r\nBcc: victim@example.org", "Please use one line without special characters."),
    ("name", "Jane\x00Doe", "Please use one line without special characters."),
    ("personal_message", "x" * 1501, "Please keep your message under 1,500 characters."),
    ("country", "XX", "Not a valid choice"),
    ("targets", "999999", "not a valid choice"),
    ("channel", "fax", "Not a valid choice"),
    ("language", "xx", "Not a valid choice"),
    ("address_line1", "", "Please enter your street address"),
]


@pytest.mark.parametrize("field,value,message", BAD_INPUT)
def test_bad_input_comes_back_with_everything_typed_and_a_message(client, demo, field, value, message):
    typed = {"name": "Jane O'Doe", "personal_message": "Free him <b>now</b>", field: value}
    data = action_data(demo, client, **typed)
    response = client.post(WRITE, data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message.lower() in html.lower()
    assert f'id="{field}-error"' in html or field == "targets"
    if field != "name":
        assert "Jane O&#39;Doe" in html
    if field != "city":
        assert 'value="Leeds"' in html
    if field != "personal_message":
        assert "Free him &lt;b&gt;now&lt;/b&gt;" in html
    assert db.session.scalar(select(func.count()).select_from(Letter)) == 0


def test_missing_targets_is_an_error_not_a_crash(client, demo):
    data = action_data(demo, client)
    data.pop("targets")
    response = client.post(WRITE, data=data)
    assert response.status_code == 400
    assert "Please choose at least one person to write to." in response.get_data(as_text=True)


@pytest.mark.parametrize("closing", ["status", "deadline"])
def test_closed_campaign_explains_and_refuses(client, demo, closing):
    nonce = form_nonce(client)
    if closing == "status":
        demo.status, demo.closed_reason = CampaignStatus.closed, "released"
    else:
        demo.deadline = date.today() - timedelta(days=1)
    db.session.commit()
    page = client.get(WRITE).get_data(as_text=True)
    assert "this action is closed" in page
    assert "Follow this case" in page
    response = client.post(WRITE, data=_minimal(demo, nonce))
    assert response.status_code == 409
    assert "This action is closed" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Letter)) == 0


def _minimal(campaign, nonce):
    return dict(name="Jane", email="jane@example.org", address_line1="1 High St", city="Leeds", country="GB",
                targets=[t.id for t in campaign.targets], channel="pdf", language="en", form_nonce=nonce)


def _pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_download_holds_personal_letters_and_a_cover_sheet(client, demo):
    data = action_data(demo, client, name="Jane <b>Doe</b>", personal_message='<img src="file:///etc/passwd">')
    secret = secret_from(client.post(WRITE, data=data))
    response = client.get(f"/a/{secret}/letters.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    reader, text = _pdf_text(response.data)
    assert len(reader.pages) == 3  # cover sheet + President + ambassador
    assert "Dear President," in text and "Dear Ambassador," in text
    assert "866 UN Plaza, Suite 540" in text and "2207 Massachusetts Avenue NW" in text
    assert "Jane <b>Doe</b>" in text and '<img src="file:///etc/passwd">' in text
    assert "1 High Street" in text and "Leeds" in text
    action = db.session.scalar(select(Action))
    assert action.posted_code in text
    cover = reader.pages[0].extract_text()
    assert "do not post" in cover.lower() and "UA 118/21" in cover


def test_us_supporters_get_us_letter_paper(client, demo):
    data = action_data(demo, client, country="US", city="Springfield", region="IL", postcode="62701")
    secret = secret_from(client.post(WRITE, data=data))
    reader, _ = _pdf_text(client.get(f"/a/{secret}/letters.pdf").data)
    assert [round(float(v)) for v in reader.pages[1].mediabox[2:]] == [612, 792]


def test_download_links_are_private_and_expire(client, demo):
    secret = secret_from(client.post(WRITE, data=action_data(demo, client)))
    assert client.get("/a/not-a-real-secret/letters.pdf").status_code == 404
    action = db.session.scalar(select(Action))
    action.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    expired = client.get(f"/a/{secret}/letters.pdf")
    assert expired.status_code == 410
    assert "Jane" not in expired.get_data(as_text=True)


def test_reporting_posted_by_link_or_code_counts_once(client, demo):
    secret = secret_from(client.post(WRITE, data=action_data(demo, client)))
    assert client.get(f"/a/{secret}/posted").status_code == 200
    assert letters_in_state(LetterState.posted) == 0  # a GET changes nothing
    client.post(f"/a/{secret}/posted")
    assert letters_in_state(LetterState.posted) == 2
    counts = client.get("/campaigns/ua-118-21/counts.json").json
    assert counts["by_state"].get("posted") == 2 and counts["by_state"].get("generated", 0) == 0
    assert counts["total"] == 2

    second = secret_from(client.post(WRITE, data=action_data(demo, client, email="sam@example.org")))
    code = db.session.scalar(select(Action.posted_code).where(Action.secret == second))
    typed = " ".join([code[:4].lower(), code[4:]])
    assert client.post("/posted", data={"code": typed}).status_code == 200
    assert letters_in_state(LetterState.posted) == 4
    assert client.post("/posted", data={"code": "NOPE1234"}).status_code == 404


def test_mail_app_letters_count_when_opened_and_never_reach_officials_in_test_mode(client, demo):
    secret = secret_from(client.post(WRITE, data=action_data(demo, client, channel="mailto")))
    page = client.get(f"/a/{secret}").get_data(as_text=True)
    assert "Open in my mail app" in page and "Dear President," in page
    assert db.session.scalar(select(func.count()).select_from(Letter)) == 0
    president = demo.primary_targets[0]
    response = client.post(f"/a/{secret}/mail/{president.id}")
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("mailto:organisers@uadesk.invalid?")
    assert "subject=Azat%20Isakov%20%28UA%20118%2F21%29" in location
    for email in TARGETS[0]["emails"]:
        assert email not in location
    client.post(f"/a/{secret}/mail/{president.id}")
    assert letters_in_state(LetterState.opened) == 1
    assert client.get("/campaigns/ua-118-21/counts.json").json["by_channel"] == {"mailto": 1}
    assert client.get(f"/a/{secret}/mail/{president.id}").status_code == 405  # no state change on GET


def test_wanting_updates_is_separate_consent(client, demo):
    client.post(WRITE, data=action_data(demo, client))
    assert db.session.scalar(select(func.count()).select_from(Subscription)) == 0
    client.post(WRITE, data=action_data(demo, client, email="sam@example.org", wants_updates="y"))
    assert db.session.scalar(select(func.count()).select_from(Subscription)) == 0  # after the response…
    run_due_jobs()
    subscription = db.session.scalar(select(Subscription))  # …by the job runner
    assert subscription.email == "sam@example.org" and subscription.status.value == "pending"


def test_counts_json_holds_no_personal_data(client, demo):
    client.post(WRITE, data=action_data(demo, client, name="Zebedee Unique", email="zebedee@example.org"))
    body = client.get("/campaigns/ua-118-21/counts.json").get_data(as_text=True)
    assert "Zebedee" not in body and "zebedee@" not in body and "High Street" not in body


def test_draft_campaigns_take_no_action(client, demo):
    demo.status = CampaignStatus.draft
    db.session.commit()
    assert client.get(WRITE).status_code == 404
    assert db.session.get(Campaign, demo.id) is not None


def test_a_bot_filling_the_honeypot_gets_thanks_and_stores_nothing(client, demo):
    response = client.post(WRITE, data=action_data(demo, client, website="http://spam.example"))
    assert response.status_code == 200 and "Thank you" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Action)) == 0
    assert db.session.scalar(select(func.count()).select_from(Supporter)) == 0


def test_the_action_form_is_rate_limited_per_address(make_app, demo):
    limited = make_app(RATELIMIT_ENABLED=True)
    client = limited.test_client()
    codes = [client.post(WRITE, data=action_data(demo, client, email=f"p{n}@example.org")).status_code
             for n in range(31)]
    assert codes[:30] == [303] * 30
    assert codes[30] == 429
    assert "Too many requests" in client.post(WRITE, data=action_data(demo, client)).get_data(as_text=True)


@pytest.mark.parametrize("channel", ["email", "mailto"])
def test_an_official_without_an_email_address_is_offered_by_post_only(client, demo, channel):
    ambassador = demo.copy_targets[0]
    ambassador.emails = []
    db.session.commit()
    form = client.get(WRITE).get_data(as_text=True)
    assert f"{ambassador.label} (copy to; by post only)" in form

    response = client.post(WRITE, data=action_data(demo, client, channel=channel, address_line1="",
                                                   targets=[t.id for t in demo.targets]))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"We have no email address for {ambassador.label}" in html and "choose Print and post" in html
    assert db.session.scalar(select(func.count()).select_from(Action)) == 0
    # Without them, or on paper, it goes through; nothing is ever reported sent to nowhere.
    assert client.post(WRITE, data=action_data(demo, client, channel=channel, address_line1="",
                                               targets=[demo.primary_targets[0].id])).status_code == 303
    assert client.post(WRITE, data=action_data(demo, client, targets=[t.id for t in demo.targets])).status_code == 303
