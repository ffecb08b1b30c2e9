"""The dashboard: letters counted several ways, a chart, email delivery with retries, replies
shown publicly only when chosen, the case outcome, and the campaigns table."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from extensions import db
from letters.email import after_failure
from letters.recipients import address_in_test_mode
from models import BouncingAddress, LetterState, OutboxMessage, OutboxStatus, Reply
from outbox.bounces import record_bounce
from outbox.delivery import deliver_due
from tests.conftest import official_addresses
from tests.helpers import action_data, audit_actions, confirm_by_email, letters_in_state, secret_from

WRITE = "/campaigns/ua-118-21/write"


def _write(client, demo, **overrides):
    response = client.post(WRITE, data=action_data(demo, client, **overrides))
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def test_dashboard_counts_letters_every_way_and_draws_a_chart(org_client, client, demo):
    _write(client, demo)
    _write(client, demo, email="marie@example.org", country="FR", city="Lyon")
    _write(client, demo, email="hans@example.org", country="DE", city="Köln",
           targets=[demo.primary_targets[0].id])
    html = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert "<svg" in html and "Letters per day for UA 118/21" in html
    assert '<rect class="chart-bar"' in html
    assert "5 letters so far" in html.replace("<strong>", "").replace("</strong>", "")
    for country in ("United Kingdom", "France", "Germany"):
        assert f'<th scope="row">{country}</th>' in html
    assert "Gurbanguly Berdimuhamedov, President of Turkmenistan" in html
    assert "His Excellency Meret Orazov, Ambassador of Turkmenistan to the United States" in html
    assert '<th scope="row">pdf</th><td class="num">5</td>' in html  # by channel and state
    assert "deadline" in html.lower()
    # Nobody's name or address is on the dashboard: only aggregates.
    assert "Jane Doe" not in html and "1 High Street" not in html


def test_the_campaigns_table_has_every_campaign_with_its_total(org_client, client, demo):
    _write(client, demo)
    org_client.post("/organisers/campaigns/new", data={
        "op": "save", "ua_number": "UA 7/26", "title": "A draft", "country": "TM", "goal": "100",
        "hourly_email_cap": "10"})
    html = org_client.get("/organisers/").get_data(as_text=True)
    assert "UA 118/21" in html and "UA 7/26" in html
    assert '<td class="num">2</td>' in html  # the demo's two letters
    assert "badge-draft" in html and "badge-live" in html and "test mode" in html


def _email_action(client, demo, email="sam@example.org"):
    secret = secret_from(_write(client, demo, channel="email", address_line1="", email=email))
    assert confirm_by_email(client, secret).status_code == 303
    return secret


def test_email_delivery_status_and_retry_of_a_failed_email(org_client, client, demo):
    _email_action(client, demo)
    rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "letter")
                              .order_by(OutboxMessage.id)).all()
    assert len(rows) == 2
    failed = rows[0]
    # What delivery records when the server refuses a message for good.
    failed.status, failed.last_error, failed.attempts = OutboxStatus.failed, "550 mailbox unavailable", 3
    after_failure(failed.letter_id, "550 mailbox unavailable")
    db.session.commit()
    assert letters_in_state(LetterState.failed) == 1

    html = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert "550 mailbox unavailable" in html
    assert "<dt>Failed</dt><dd>1</dd>" in html and "<dt>Queued</dt><dd>2</dd>" in html  # confirmation + letter
    assert f"/emails/{failed.id}/retry" in html

    assert org_client.post(f"/organisers/campaigns/{demo.id}/emails/{failed.id}/retry").status_code == 303
    db.session.expire_all()
    assert failed.status is OutboxStatus.pending and failed.attempts == 0
    assert letters_in_state(LetterState.failed) == 0 and letters_in_state(LetterState.queued) == 2
    assert deliver_due() == 3
    assert letters_in_state(LetterState.sent) == 2
    assert "email.retried" in audit_actions()
    # Only failed emails of this campaign can be retried.
    again = org_client.post(f"/organisers/campaigns/{demo.id}/emails/{failed.id}/retry", follow_redirects=True)
    assert "Only a failed email can be sent again." in again.get_data(as_text=True)


def test_retry_all_failed_emails(org_client, client, demo):
    _email_action(client, demo)
    for row in db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "letter")):
        row.status = OutboxStatus.failed
        after_failure(row.letter_id, "timed out")
    db.session.commit()
    response = org_client.post(f"/organisers/campaigns/{demo.id}/emails/retry-failed", follow_redirects=True)
    assert "2 failed emails are back in the queue." in response.get_data(as_text=True)
    assert letters_in_state(LetterState.queued) == 2


def test_an_organiser_clears_a_bouncing_address_and_its_held_letters_go_out(org_client, client, demo,
                                                                            mailbox_messages):
    _email_action(client, demo)
    assert deliver_due() == 3  # the confirmation, and the two letters to the test address (test mode)
    test_address = address_in_test_mode(demo)
    record_bounce(test_address, "550 5.1.1 mailbox unavailable")
    db.session.commit()
    _email_action(client, demo, email="kim@example.org")  # her letters find the address bouncing
    assert deliver_due() == 1  # only the confirmation: the letters are held, not lost
    held = db.session.scalars(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.held)).all()
    assert len(held) == 2

    html = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    entry = db.session.scalar(select(BouncingAddress))
    assert f"<code>{test_address}</code>: bounced 1 time" in html and "550 5.1.1 mailbox unavailable" in html
    clear_url = f"/organisers/campaigns/{demo.id}/bouncing/{entry.id}/clear"
    assert f'action="{clear_url}"' in html

    page = org_client.post(clear_url, follow_redirects=True).get_data(as_text=True)
    assert "The address is cleared: 2 held emails are back in the queue." in page
    assert "Bouncing address" not in page
    db.session.expire_all()
    assert entry.cleared_at is not None and entry.cleared_by == "organiser@example.org"
    assert "bounce.cleared" in audit_actions()
    sent_before = len(mailbox_messages())
    assert deliver_due() == 2
    assert len(mailbox_messages()) == sent_before + 2

    again = org_client.post(clear_url, follow_redirects=True).get_data(as_text=True)
    assert f"{test_address} was already cleared." in again


def test_only_an_address_the_campaign_writes_to_can_be_cleared_from_its_dashboard(org_client, demo):
    stranger = record_bounce("someone@elsewhere.example", "550")
    official = record_bounce(sorted(official_addresses())[0], "550 no such user")  # never mailed: recorded only
    db.session.commit()
    html = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert official.email in html and "someone@elsewhere.example" not in html

    page = org_client.post(f"/organisers/campaigns/{demo.id}/bouncing/{stranger.id}/clear", follow_redirects=True)
    assert "That address is not one this campaign writes to." in page.get_data(as_text=True)
    page = org_client.post(f"/organisers/campaigns/{demo.id}/bouncing/0/clear", follow_redirects=True)
    assert "That address is not one this campaign writes to." in page.get_data(as_text=True)
    db.session.expire_all()
    assert stranger.cleared_at is None and "bounce.cleared" not in audit_actions()

    assert org_client.post(f"/organisers/campaigns/{demo.id}/bouncing/{official.id}/clear").status_code == 303
    db.session.expire_all()
    assert official.cleared_at is not None


def _reply(org_client, demo, **overrides):
    data = {"target_id": str(demo.primary_targets[0].id), "sender": "", "received_on": date.today().isoformat(),
            "channel": "letter", "summary": "The office says the case is under review."}
    data.update(overrides)
    return org_client.post(f"/organisers/campaigns/{demo.id}/replies/new", data=data)


def test_replies_show_publicly_only_when_the_organiser_chooses(org_client, client, demo):
    assert _reply(org_client, demo).status_code == 303
    assert _reply(org_client, demo, target_id="0", sender="Ministry of Foreign Affairs", channel="email",
                  summary="We have nothing to add.", is_public="y").status_code == 303
    dashboard = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert "The office says the case is under review." in dashboard and "We have nothing to add." in dashboard

    public = client.get("/campaigns/ua-118-21").get_data(as_text=True)
    assert "Replies from the authorities" in public
    assert "We have nothing to add." in public and "Ministry of Foreign Affairs" in public
    assert "The office says the case is under review." not in public

    private = db.session.scalar(select(Reply).where(Reply.is_public.is_(False)))
    org_client.post(f"/organisers/campaigns/{demo.id}/replies/{private.id}/show")
    assert "The office says the case is under review." in client.get("/campaigns/ua-118-21").get_data(as_text=True)
    org_client.post(f"/organisers/campaigns/{demo.id}/replies/{private.id}/hide")
    org_client.post(f"/organisers/campaigns/{demo.id}/replies/{private.id}/delete")
    assert db.session.scalar(select(Reply.id).where(Reply.id == private.id)) is None
    assert {"reply.recorded", "reply.published", "reply.hidden", "reply.deleted"} <= set(audit_actions())


def test_reply_form_checks_its_fields(org_client, demo):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    for overrides, message in (({"summary": ""}, "Please summarise the reply."),
                               ({"target_id": "0", "sender": ""}, "Please name who replied."),
                               ({"received_on": tomorrow}, "cannot be in the future"),
                               ({"received_on": ""}, "Please enter the date of the reply."),
                               ({"channel": "pigeon"}, "Not a valid choice"),
                               ({"target_id": "999999"}, "Not a valid choice")):
        response = _reply(org_client, demo, **overrides)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Reply.id)) is None


def test_a_reply_of_another_campaign_cannot_be_changed_here(org_client, demo):
    _reply(org_client, demo, is_public="y")
    reply = db.session.scalar(select(Reply))
    other = org_client.post("/organisers/campaigns/new", data={
        "op": "save", "ua_number": "UA 8/26", "title": "Other", "country": "TM", "goal": "1", "hourly_email_cap": "1"})
    other_id = int(other.headers["Location"].split("/")[-2])
    org_client.post(f"/organisers/campaigns/{other_id}/replies/{reply.id}/hide")
    db.session.expire_all()
    assert reply.is_public


def test_recording_the_outcome(org_client, demo):
    response = org_client.post(f"/organisers/campaigns/{demo.id}/outcome", data={
        "outcome": "whereabouts_known", "outcome_on": "2021-12-01", "outcome_note": "Held in Turkmenabat."})
    assert response.status_code == 303
    db.session.expire_all()
    assert demo.outcome.value == "whereabouts_known" and demo.outcome_on == date(2021, 12, 1)
    assert "Whereabouts disclosed" in org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    bad = org_client.post(f"/organisers/campaigns/{demo.id}/outcome", data={"outcome": "vanished"})
    assert bad.status_code == 400
    assert "campaign.outcome" in audit_actions()
