"""The organisers' page for all email: whether mail is going out, failed email of any campaign
or of none, and bouncing addresses, each with its button; against a real SMTP server."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from extensions import db
from models import OutboxMessage, OutboxStatus
from models._types import utcnow
from outbox.bounces import record_bounce
from outbox.delivery import deliver_due
from privacy.services import send_erasure_link
from tests.helpers import audit_actions, log_in, make_organiser
from tests.smtp_sink import SMTPSink

EMAILS = "/organisers/emails"


@pytest.fixture
def sink():
    server = SMTPSink().start()
    yield server
    server.stop()


@pytest.fixture
def org(make_app, sink):
    """An organiser's client, on an app that delivers to `sink`; its app context is pushed."""
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port)
    with app.app_context():
        make_organiser()
        client = app.test_client()
        assert log_in(client).status_code == 303
        yield client


def _erasure_link(to: str) -> OutboxMessage:
    """Mail that belongs to no campaign, so no campaign's dashboard shows it."""
    send_erasure_link(to)
    db.session.commit()
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()


def test_the_page_is_for_organisers_only(client, app):
    response = client.get(EMAILS)
    assert response.status_code == 302 and "/organisers/login" in response.headers["Location"]
    assert client.post(f"{EMAILS}/retry-failed").status_code == 302


def test_a_refused_email_of_no_campaign_shows_and_goes_again(org, sink):
    message = _erasure_link("jane@example.org")
    sink.reply = "550 5.1.1 <jane@example.org>: Recipient address rejected <script>"
    deliver_due()
    db.session.refresh(message)
    assert message.status is OutboxStatus.failed

    html = org.get(EMAILS).get_data(as_text=True)
    assert "erasure link #" in html and "jane@example.org" in html
    assert "Recipient address rejected &lt;script&gt;" in html and "<script>" not in html
    assert "<dt>Failed</dt><dd>1</dd>" in html
    assert f'action="{EMAILS}/{message.id}/retry"' in html
    assert 'href="/organisers/emails" aria-current="page"' in html  # in the organisers' menu

    sink.reply = None
    page = org.post(f"{EMAILS}/{message.id}/retry", follow_redirects=True).get_data(as_text=True)
    assert "The email is back in the queue." in page
    assert deliver_due() == 1
    assert [item.rcpt_tos for item in sink.wait_for(1)] == [["jane@example.org"]]
    assert "email.retried" in audit_actions()
    again = org.post(f"{EMAILS}/{message.id}/retry", follow_redirects=True).get_data(as_text=True)
    assert "Only a failed email can be sent again." in again
    assert "There is no such email." in org.post(f"{EMAILS}/0/retry", follow_redirects=True).get_data(as_text=True)


def test_retry_all_sends_every_failed_email_again(org, sink):
    for address in ("a@example.org", "b@example.org"):
        _erasure_link(address)
    sink.reply = "554 5.7.1 rejected"
    deliver_due()
    sink.reply = None
    page = org.post(f"{EMAILS}/retry-failed", follow_redirects=True).get_data(as_text=True)
    assert "2 failed emails are back in the queue." in page and "No email has failed." in page
    assert deliver_due() == 2
    assert sorted(rcpt for item in sink.wait_for(2) for rcpt in item.rcpt_tos) == ["a@example.org", "b@example.org"]


def test_it_says_whether_mail_is_going_out(org, sink):
    assert "Nothing is waiting to go out." in org.get(EMAILS).get_data(as_text=True)

    _erasure_link("c@example.org")
    html = org.get(EMAILS).get_data(as_text=True)
    assert "Mail is going out" in html and "Mail is waiting." not in html

    # No worker has run for a quarter of an hour: the page says where to look.
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(minutes=15)))
    db.session.commit()
    html = org.get(EMAILS).get_data(as_text=True)
    assert "Mail is waiting." in html and "flask outbox work" in html

    # A server that says "later" is tried again later, and the page shows why.
    sink.reply = "451 4.7.1 greylisted, try again later"
    deliver_due()
    html = org.get(EMAILS).get_data(as_text=True)
    assert "1 email will be tried again after a problem" in html and "greylisted" in html
    assert "Nothing is waiting to go out." in html  # its next attempt is not due yet

    # So is a server out of reach: the mail waits, and the page says so.
    sink.stop()
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
    db.session.commit()
    assert deliver_due() == 0
    html = org.get(EMAILS).get_data(as_text=True)
    assert "1 email will be tried again after a problem" in html and "greylisted" not in html
    assert "<dt>Queued</dt><dd>1</dd>" in html

    sink.reply = None
    sink.start()
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow(), claimed_until=None))
    db.session.commit()
    assert deliver_due() == 1
    html = org.get(EMAILS).get_data(as_text=True)
    assert "<dt>Sent in the last 24 hours</dt><dd>1</dd>" in html


def test_any_bouncing_address_can_be_cleared_here(org, sink):
    record_bounce("d@example.org", "550 no such user")
    db.session.commit()
    held = _erasure_link("d@example.org")
    assert deliver_due() == 0
    db.session.refresh(held)
    assert held.status is OutboxStatus.held

    html = org.get(EMAILS).get_data(as_text=True)
    assert "<code>d@example.org</code>: bounced 1 time" in html and "550 no such user" in html
    bouncing_id = int(html.split(f"{EMAILS}/bouncing/")[1].split("/")[0])
    page = org.post(f"{EMAILS}/bouncing/{bouncing_id}/clear", follow_redirects=True).get_data(as_text=True)
    assert "The address is cleared: 1 held email is back in the queue." in page
    assert "No address is bouncing." in page
    assert deliver_due() == 1 and sink.wait_for(1)
    assert "bounce.cleared" in audit_actions()
    again = org.post(f"{EMAILS}/bouncing/{bouncing_id}/clear", follow_redirects=True).get_data(as_text=True)
    assert "d@example.org was already cleared." in again
    missing = org.post(f"{EMAILS}/bouncing/0/clear", follow_redirects=True).get_data(as_text=True)
    assert "There is no such bouncing address." in missing
