"""Email letters leave only when someone who reads the inbox confirms them, from a link nobody else has."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from email_links import hash_of
from extensions import db
from models import Action, LetterState, OutboxMessage
from models._types import utcnow
from outbox.delivery import deliver_due
from tests.helpers import action_data, confirmation_link, letters_in_state, secret_from

WRITE = "/campaigns/ua-118-21/write"


def _email_action(client, demo, **overrides):
    response = client.post(WRITE, data=action_data(demo, client, channel="email", address_line1="", **overrides))
    assert response.status_code == 303
    return response


def _letters_queued() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "letter"))


def test_nothing_the_submitters_browser_receives_confirms_the_letters(client, demo):
    response = _email_action(client, demo, email="victim@example.org", name="Someone Else")
    secret = secret_from(response)
    page = client.get(response.headers["Location"])
    received = " ".join([response.headers["Location"], response.get_data(as_text=True), page.get_data(as_text=True),
                         *(f"{cookie.key}={cookie.value}" for cookie in client._cookies.values())])
    # Every secret-looking string the browser holds, tried as every kind of confirmation.
    for candidate in set(re.findall(r"[A-Za-z0-9_-]{20,}", received)):
        for path in (f"/confirm/{candidate}", f"/a/{candidate}/confirm", f"/a/{secret}/confirm/{candidate}"):
            client.post(path)
    db.session.expire_all()
    assert letters_in_state(LetterState.awaiting_confirmation) == 2 and _letters_queued() == 0
    assert db.session.scalar(select(Action.confirmed_at)) is None

    # The link in the email to that address is the only way.
    assert client.post(confirmation_link(secret)).status_code == 303
    assert letters_in_state(LetterState.queued) == 2 and _letters_queued() == 2


def test_the_link_is_kept_only_as_a_hash_and_confirms_once(client, demo):
    secret = secret_from(_email_action(client, demo))
    link = confirmation_link(secret)
    token = link.rsplit("/", 1)[1]
    stored = db.session.scalar(select(Action.confirm_hash))
    assert stored == hash_of(token) and token not in stored and token != secret

    assert client.post(link).status_code == 303
    again = client.get(link)
    assert again.status_code == 200 and "This link has done its work" in again.get_data(as_text=True)
    assert "Confirm and send" not in again.get_data(as_text=True)
    client.post(link)
    assert _letters_queued() == 2  # a second press sends nothing more


def test_the_link_expires_with_the_action(client, demo):
    secret = secret_from(_email_action(client, demo))
    link = confirmation_link(secret)
    action = db.session.scalar(select(Action))
    action.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410
    assert letters_in_state(LetterState.awaiting_confirmation) == 2


def test_the_page_the_link_opens_shows_every_letter_before_it_goes(client, demo):
    secret = secret_from(_email_action(client, demo, name="Aýna Myradowa",
                                       personal_message="Please let him call home."))
    page = client.get(confirmation_link(secret))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store, private"
    assert _letters_queued() == 0  # opening it (a mail scanner) sends nothing
    for target in demo.targets:
        assert f"To {target.label}" in html
        for address in target.emails:  # in test mode: where it would go live
            assert address in html
    assert html.count("organisers@uadesk.invalid") == 2  # where each goes now, in test mode
    assert html.count("Azat Isakov (UA 118/21)") == 2  # each subject
    assert "Dear President," in html and "Dear Ambassador," in html
    assert html.count("Please let him call home.") == 2 and html.count("Aýna Myradowa via UA Desk") == 2
    assert html.count("<dt>Replies to</dt><dd>jane@example.org</dd>") == 2


def test_a_lost_confirmation_email_can_be_sent_again_to_the_same_address_only(client, demo, make_app):
    secret = secret_from(_email_action(client, demo))
    first = confirmation_link(secret)
    assert client.post(f"/a/{secret}/resend", data={"email": "attacker@example.org"}).status_code == 303
    newest = confirmation_link(secret)
    assert newest != first
    rows = db.session.scalars(select(OutboxMessage.recipients).where(OutboxMessage.kind == "confirmation")).all()
    assert rows == [["jane@example.org"], ["jane@example.org"]]
    assert client.post(first).status_code == 404  # only the newest link works
    assert client.post(newest).status_code == 303 and letters_in_state(LetterState.queued) == 2
    # Confirmed: nothing more to send.
    client.post(f"/a/{secret}/resend")
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.kind == "confirmation")) == 2

    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    other = secret_from(_email_action(client, demo, email="sam@example.org"))
    assert [limited.post(f"/a/{other}/resend").status_code for _ in range(3)] == [303, 303, 429]


def test_links_of_confirmation_emails_sent_before_the_change_lead_to_the_resend_button(client, demo):
    secret = secret_from(_email_action(client, demo))
    old = client.get(f"/a/{secret}/confirm")
    assert old.status_code == 303 and old.headers["Location"] == f"/a/{secret}"
    assert "send it again" in client.get(f"/a/{secret}").get_data(as_text=True)


def test_the_confirmation_reaches_the_inbox_and_its_link_works_there(client, demo, mailbox_messages):
    _email_action(client, demo)
    deliver_due()
    [confirmation] = mailbox_messages()
    link = re.search(r"https?://[^/\s]+(/confirm/[A-Za-z0-9_-]+)", confirmation.get_body(("plain",)).get_content())
    assert client.post(link.group(1)).status_code == 303
    assert letters_in_state(LetterState.queued) == 2
