"""Taking action through the API: the action form's validation, service, limits, dedupe and confirmation."""
from __future__ import annotations

import base64

from sqlalchemy import func, select

from extensions import db
from models import Action, CampaignStatus, Channel, Letter, LetterState, OutboxMessage
from tests.helpers import action_data, confirm_by_email, letters_in_state

API = "/api/v1"


def payload(campaign, client, **overrides) -> dict:
    """The action form's fields as an API client sends them: JSON types, no form token."""
    data = dict(name="Jane Doe", email="jane@example.org", address_line1="1 High Street", city="Leeds",
                postcode="LS1 1AA", country="GB", targets=[t.id for t in campaign.targets], channel="pdf",
                language="en")
    data.update(overrides)
    return data


def take(client, campaign, data, **kwargs):
    return client.post(f"{API}/campaigns/{campaign.slug}/actions", json=data, **kwargs)


def secret_of(response) -> str:
    return response.get_json()["links"]["status"].rsplit("/a/", 1)[1]


def test_a_printed_action_returns_the_links_of_the_thank_you_page(client, demo):
    response = take(client, demo, payload(demo, client))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["channel"] == "pdf" and body["state"] == "letters_ready" and body["duplicate"] is False
    assert response.headers["Location"] == body["links"]["status"]
    assert response.headers["Cache-Control"] == "no-store, private"
    base = "http://127.0.0.1:5000"
    secret = secret_of(response)
    assert body["links"]["pdf"] == f"{base}/a/{secret}/letters.pdf"
    pdf = client.get(body["links"]["pdf"].removeprefix(base))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get(body["links"]["status"].removeprefix(base)).status_code == 200
    assert letters_in_state(LetterState.generated) == len(demo.targets)
    # The same rows the form writes: a supporter, an action, and the letters counted.
    assert client.get(f"/campaigns/{demo.slug}/counts.json").get_json()["total"] == len(demo.targets)


def test_an_email_action_waits_for_the_supporters_confirmation(client, demo):
    response = take(client, demo, payload(demo, client, channel="email", targets=[demo.primary_targets[0].id]))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["state"] == "awaiting_confirmation"
    assert "pdf" not in response.get_json()["links"]
    # Only the confirmation goes out, to the supporter; nothing to an official until they confirm.
    rows = db.session.scalars(select(OutboxMessage)).all()
    assert [(row.kind, row.recipients) for row in rows] == [("confirmation", ["jane@example.org"])]
    assert letters_in_state(LetterState.awaiting_confirmation) == 1
    assert letters_in_state(LetterState.queued) == 0
    confirm_by_email(client, secret_of(response))
    db.session.expire_all()
    assert letters_in_state(LetterState.queued) == 1
    # Test mode holds for the API as for the form: the queued letter goes to the test address only.
    letter = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "letter")).one()
    assert demo.is_test_mode and letter.recipients != demo.primary_targets[0].emails


def test_a_mail_app_action_lists_a_link_per_official(client, demo):
    response = take(client, demo, payload(demo, client, channel="mailto"))
    assert response.status_code == 201
    mail_app = response.get_json()["links"]["mail_app"]
    assert [item["target"] for item in mail_app] == [t.id for t in demo.ordered_targets]
    opened = client.post(mail_app[0]["url"].removeprefix("http://127.0.0.1:5000"))
    assert opened.status_code == 303 and opened.headers["Location"].startswith("mailto:")


def test_the_forms_messages_come_back_per_field(client, demo):
    data = payload(demo, client, name="", email="not an address", country="XX", channel="carrier pigeon",
                   language="tlh", targets=[])
    response = take(client, demo, data)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["message"]
    assert error["fields"]["name"] == ["Please enter your name."]
    assert error["fields"]["email"] == ["Please enter an email address like name@example.org."]
    assert error["fields"]["targets"] == ["Please choose at least one person to write to."]
    assert set(error["fields"]) >= {"country", "channel", "language"}
    assert db.session.scalar(select(func.count()).select_from(Action)) == 0


def test_messages_speak_the_language_asked_for(client, demo):
    response = take(client, demo, payload(demo, client, name=""), headers={"Accept-Language": "de"})
    assert response.get_json()["error"]["fields"]["name"] == ["Bitte gib deinen Namen ein."]


def test_the_country_rules_and_email_reach_apply_as_in_the_form(client, demo):
    post_only = [t for t in demo.targets if not t.emails]
    if post_only:
        response = take(client, demo, payload(demo, client, channel="email", targets=[post_only[0].id]))
        assert response.status_code == 422 and "targets" in response.get_json()["error"]["fields"]
    # Printed letters need a street to be posted back from.
    response = take(client, demo, payload(demo, client, address_line1=""))
    assert response.status_code == 422 and "address_line1" in response.get_json()["error"]["fields"]


def test_values_of_the_wrong_type_are_refused_by_field(client, demo):
    data = payload(demo, client, name=["Jane"], targets="all", wants_updates="yes", email=None)
    response = take(client, demo, data)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"name", "targets", "wants_updates"}


def test_what_is_not_a_json_object_is_refused(client, demo):
    path = f"{API}/campaigns/{demo.slug}/actions"
    assert client.post(path, data="name=Jane").status_code == 415
    assert client.post(path, data="[1, 2]", content_type="application/json").get_json()["error"]["code"] == \
        "invalid_json"
    assert client.post(path, data="{", content_type="application/json").status_code == 400
    assert client.post(f"{API}/campaigns/nothing/actions", json={}).status_code == 404


def test_a_closed_campaign_answers_409(client, demo):
    demo.status = CampaignStatus.closed
    db.session.commit()
    response = take(client, demo, payload(demo, client))
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "campaign_closed"


def test_an_idempotency_key_returns_the_first_action_to_the_same_address_only(client, demo):
    data = payload(demo, client, channel="email", idempotency_key="order-2026-000001")
    first = take(client, demo, data)
    again = take(client, demo, data)
    assert first.status_code == 201 and again.status_code == 200
    assert again.get_json()["duplicate"] is True and again.get_json()["links"] == first.get_json()["links"]
    # The same key from the header is the same key.
    header = take(client, demo, {k: v for k, v in data.items() if k != "idempotency_key"},
                  headers={"Idempotency-Key": "order-2026-000001"})
    assert header.status_code == 200 and header.get_json()["links"] == first.get_json()["links"]
    # Another address with the same key is another action: a guessed key reveals nobody's links.
    other = take(client, demo, {**data, "email": "someone.else@example.org"})
    assert other.status_code == 201 and other.get_json()["links"] != first.get_json()["links"]
    assert db.session.scalar(select(func.count()).select_from(Action)) == 2
    bad = take(client, demo, {**data, "idempotency_key": "short"})
    assert bad.status_code == 422 and "idempotency_key" in bad.get_json()["error"]["fields"]


def test_forgetting_the_address_returns_the_letters_in_the_answer_only(client, demo):
    response = take(client, demo, payload(demo, client, forget_address=True))
    assert response.status_code == 201
    assert base64.b64decode(response.get_json()["pdf_base64"]).startswith(b"%PDF")
    action = db.session.scalars(select(Action)).one()
    assert action.keeps_address is False and action.supporter.address_line1 == ""


def test_no_csrf_token_is_needed_and_no_session_counts(csrf_client, organiser, demo):
    # Logged in as an organiser, with CSRF on as in production: the API sees a stranger.
    assert csrf_client.get("/organisers/login").status_code == 200
    response = take(csrf_client, demo, payload(demo, csrf_client))
    assert response.status_code == 201
    assert "Set-Cookie" not in response.headers
    # The form itself still wants its token.
    data = action_data(demo, csrf_client)
    assert csrf_client.post(f"/campaigns/{demo.slug}/write", data=data).status_code == 400


def test_the_form_and_the_api_share_one_allowance_per_visitor(make_app, demo_factory):
    app = make_app(RATELIMIT_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        demo = demo_factory()
        from campaigns.limits import ACTION_LIMIT
        per_minute = int(ACTION_LIMIT.split()[0])
        for number in range(per_minute):
            if number % 2:
                assert take(client, demo, payload(demo, client, channel="mailto")).status_code == 201
            else:
                data = action_data(demo, client, channel="mailto")
                assert client.post(f"/campaigns/{demo.slug}/write", data=data).status_code == 303
        refused = take(client, demo, payload(demo, client, channel="mailto"))
        assert refused.status_code == 429
        assert refused.get_json()["error"]["code"] == "rate_limited"
        assert refused.headers["X-RateLimit-Remaining"] == "0"
        assert client.post(f"/campaigns/{demo.slug}/write",
                           data=action_data(demo, client, channel="mailto")).status_code == 429


def test_the_email_channels_daily_cap_answers_429_with_the_field(make_app, demo_factory):
    app = make_app(RATELIMIT_ENABLED=True, CONFIRMATIONS_PER_ADDRESS_PER_DAY=1)
    client = app.test_client()
    with app.app_context():
        demo = demo_factory()
        data = payload(demo, client, channel="email", targets=[demo.primary_targets[0].id])
        assert take(client, demo, data).status_code == 201
        response = take(client, demo, data)
        assert response.status_code == 429
        error = response.get_json()["error"]
        assert error["code"] == "email_limit_reached" and error["fields"]["channel"] == [error["message"]]
        assert db.session.scalar(select(func.count()).select_from(Letter).where(
            Letter.channel == Channel.email)) == 1


def test_a_page_on_another_site_may_send_an_action_without_credentials(client, demo):
    path = f"{API}/campaigns/{demo.slug}/actions"
    preflight = client.options(path, headers={"Origin": "https://section.example",
                                              "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "Content-Type, Idempotency-Key"})
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    allowed = preflight.headers["Access-Control-Allow-Headers"]
    assert "Content-Type" in allowed and "Idempotency-Key" in allowed
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    response = take(client, demo, payload(demo, client), headers={"Origin": "https://section.example"})
    assert response.status_code == 201 and response.headers["Access-Control-Allow-Origin"] == "*"
    # The organisers' endpoints are for servers: no page elsewhere may call them.
    assert "Access-Control-Allow-Origin" not in client.options(f"{API}/actions").headers
