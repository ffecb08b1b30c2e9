"""Supporters' data: purged after a campaign closes, erased on request; counts survive."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select, update

from email_links import hash_of
from extensions import db
from models import (Action, CampaignStatus, EmailLink, Letter, LetterState, OutboxMessage, Subscription,
                    Supporter)
from models._types import utcnow
from outbox.delivery import deliver_due
from privacy.services import erase_person, purge
from subscriptions.services import subscribe
from tests.helpers import action_data, newest_link

WRITE = "/campaigns/ua-118-21/write"


def _act(client, demo, **overrides):
    return client.post(WRITE, data=action_data(demo, client, personal_message="Free him, from Jane.", **overrides))


def test_purge_anonymises_supporters_long_after_closing_and_keeps_counts(client, demo):
    _act(client, demo)
    _act(client, demo, email="sam@example.org", channel="email")
    _act(client, demo, email="go.saparov+x@gmail.com", channel="email")  # refused where mail leaves
    deliver_due()
    before = client.get("/campaigns/ua-118-21/counts.json").json
    assert purge(utcnow(), 90).supporters == 0  # still open: nothing goes

    demo.status, demo.closed_at = CampaignStatus.closed, utcnow() - timedelta(days=89)
    db.session.commit()
    assert purge(utcnow(), 90).supporters == 0  # closed, but not long enough ago
    demo.closed_at = utcnow() - timedelta(days=91)
    db.session.commit()
    done = purge(utcnow(), 90)
    db.session.commit()
    assert done.supporters == 3 and done.messages == 2  # the sent confirmation, and the refused one
    people = db.session.scalars(select(Supporter)).all()
    assert all(p.name == "" and p.address_line1 == "" and p.email.endswith("@erased.invalid")
               and p.anonymised_at for p in people)
    assert set(db.session.scalars(select(Action.personal_message))) == {""}
    assert client.get("/campaigns/ua-118-21/counts.json").json == before
    assert purge(utcnow(), 90).supporters == 0  # idempotent


def test_erasing_a_person_removes_them_everywhere(app, client, demo, mailbox_messages):
    _act(client, demo, email="Jane@Example.org", channel="email")
    _act(client, demo, email="other@example.org")
    subscribe("jane@example.org", campaign=demo)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["privacy", "erase", "JANE@example.org"])
    assert "1 supporter record anonymised" in result.output
    assert db.session.scalar(select(func.count()).select_from(Supporter).where(Supporter.name == "Jane Doe")) == 1
    assert db.session.scalar(select(func.count()).select_from(Subscription)) == 0
    remaining = db.session.scalars(select(OutboxMessage.recipients)).all()
    assert all("jane@example.org" not in recipients for recipients in remaining)
    # Letters waiting for Jane's confirmation are withdrawn, never sent under an erased name.
    assert db.session.scalar(select(func.count()).select_from(Letter)
                             .where(Letter.state == LetterState.awaiting_confirmation)) == 0
    deliver_due()
    assert all(m["To"] != "jane@example.org" for m in mailbox_messages())


def test_self_service_erasure_by_signed_link(client, demo, mailbox_messages):
    _act(client, demo, email="jane@example.org")
    page = client.post("/privacy/erase", data={"email": "jane@example.org"})
    unknown = client.post("/privacy/erase", data={"email": "nobody@example.org"})
    assert page.status_code == unknown.status_code == 200
    assert page.get_data(as_text=True) == unknown.get_data(as_text=True)  # reveals nothing
    deliver_due()
    mail = next(m for m in mailbox_messages() if m["To"] == "jane@example.org")
    path = re.search(r"https?://[^/\s]+(/privacy/erase/\S+)", mail.get_body(("plain",)).get_content()).group(1)
    secret = path.rsplit("/", 1)[1]
    assert "jane" not in secret.lower()  # the link names no address (URLs end up in logs)
    kept = db.session.scalar(select(EmailLink.token_hash).where(EmailLink.email == "jane@example.org"))
    assert kept == hash_of(secret)  # kept hashed, never as sent
    assert client.get(path).status_code == 200
    assert db.session.scalar(select(Supporter.name)) == "Jane Doe"  # a GET erases nothing
    assert "Your data is erased" in client.post(path).get_data(as_text=True)
    assert db.session.scalar(select(Supporter.name)) == ""
    again = client.post(path)  # used once: a second press, or a copy of the link, does nothing
    assert again.status_code == 404 and "not valid any more" in again.get_data(as_text=True)
    assert client.get("/privacy/erase/not-a-token").status_code == 404

    # A link expires after a day.
    client.post("/privacy/erase", data={"email": "late@example.org"})
    late = newest_link("erasure_link", "/privacy/erase/", "late@example.org")
    db.session.execute(update(EmailLink).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    expired = client.get(late)
    assert expired.status_code == 404 and "expired" in expired.get_data(as_text=True)


def test_erasure_requests_are_validated(client):
    response = client.post("/privacy/erase", data={"email": "not an address"})
    assert response.status_code == 400
    assert "Please enter an email address" in response.get_data(as_text=True)
    assert erase_person("nobody@example.org").supporters == 0


def test_erasing_an_address_erases_what_its_aliases_wrote(client, demo):
    """The erasure link went to the inbox, so whoever uses it reads every spelling of that inbox."""
    _act(client, demo, email="J.Ane+letters@googlemail.com")
    _act(client, demo, email="sam@example.org", name="Sam")
    done = erase_person("jane@gmail.com")
    assert done.supporters == 1
    names = sorted(db.session.scalars(select(Supporter.name)))
    assert names == ["", "Sam"]
    assert db.session.scalar(select(func.count()).select_from(Letter).where(Letter.person_key.is_(None))) == 2
