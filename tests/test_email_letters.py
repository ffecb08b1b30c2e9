"""Email letters end to end: confirmation, delivery through a real SMTP server, test mode, limits."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from campaigns.actions import expire_unconfirmed
from campaigns.demo import TARGETS
from extensions import db
from models import Action, Letter, LetterState, OutboxMessage, OutboxStatus
from models._types import utcnow
from outbox.delivery import deliver_due, enqueue
from tests.conftest import official_addresses
from tests.helpers import action_data, confirm_path, counter_total, letters_in_state, secret_from
from tests.smtp_sink import SMTPSink

WRITE = "/campaigns/ua-118-21/write"


def test_letters_wait_for_the_supporters_confirmation(client, demo, mailbox_messages):
    secret = secret_from(client.post(WRITE, data=action_data(demo, client, channel="email", address_line1="")))
    assert letters_in_state(LetterState.awaiting_confirmation) == 2
    assert client.get("/campaigns/ua-118-21/counts.json").json["total"] == 0  # not counted yet
    assert deliver_due() == 1
    [confirmation] = mailbox_messages()
    assert confirmation["To"] == "jane@example.org"
    text = confirmation.get_body(("plain",)).get_content()
    path = confirm_path(text)
    assert secret not in path  # the link carries a secret of its own, not the thank-you page's

    page = client.get(path)  # a mail scanner following the link changes nothing
    assert page.status_code == 200 and "Confirm and send" in page.get_data(as_text=True)
    assert letters_in_state(LetterState.queued) == 0

    assert client.post(path).status_code == 303
    assert letters_in_state(LetterState.queued) == 2
    client.post(path)  # confirming twice queues nothing more
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.kind == "letter")) == 2
    assert deliver_due() == 2
    assert letters_in_state(LetterState.sent) == 2
    counts = client.get("/campaigns/ua-118-21/counts.json").json
    assert counts["by_channel_state"]["email"] == {"sent": 2} or counts["by_channel_state"]["email"].get("sent") == 2
    assert counts["total"] == 2


def test_letters_reach_a_real_smtp_server_redirected_by_test_mode(make_app, demo_factory):
    sink = SMTPSink().start()
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, ORG_NAME="Letters for Rights")
        with app.app_context():
            demo = demo_factory()
            client = app.test_client()
            data = action_data(demo, client, channel="email", name="Jane Müller", email="jane@example.org",
                               personal_message="Please free him.\nHe is a father.")
            client.post(WRITE, data=data)
            assert deliver_due() == 1
            [confirmation] = sink.wait_for(1)
            assert confirmation.rcpt_tos == ["jane@example.org"]
            client.post(confirm_path(confirmation.message.get_body(("plain",)).get_content()))
            assert deliver_due() == 2
            received = sink.wait_for(3)[1:]
    finally:
        sink.stop()
    officials = official_addresses()
    for item in received:
        message = item.message
        assert item.rcpt_tos == ["organisers@uadesk.invalid"]
        assert not officials & {address.lower() for address in item.rcpt_tos}
        assert message["From"].addresses[0].display_name == "Jane Müller via Letters for Rights"
        assert message["From"].addresses[0].addr_spec == "actions@uadesk.invalid"
        assert message["Reply-To"].addresses[0].addr_spec == "jane@example.org"
        assert message["Message-ID"]
        assert message["Subject"] == "[TEST] Azat Isakov (UA 118/21)"
        text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
        html = message.get_body(("html",)).get_content()
        assert text.startswith("TEST MODE")
        assert "Please free him.\nHe is a father." in text and "Please free him.<br>He is a father." in html
        assert "1 High Street" not in text  # an email never carries the supporter's street address
    salutations = sorted(item.message.get_body(("plain",)).get_content().replace("\r\n", "\n").split("\n\n")[1]
                         for item in received)
    assert salutations == ["Dear Ambassador,", "Dear President,"]
    assert {address for target in TARGETS for address in target["emails"]} <= officials


def test_a_permanent_smtp_refusal_marks_the_letter_failed(make_app, demo_factory):
    sink = SMTPSink().start()
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port)
        with app.app_context():
            demo = demo_factory()
            client = app.test_client()
            client.post(WRITE, data=action_data(demo, client, channel="email"))
            deliver_due()
            client.post(confirm_path(sink.wait_for(1)[0].message.get_body(("plain",)).get_content()))
            sink.reply = "451 Try again later"
            assert deliver_due() == 0
            assert letters_in_state(LetterState.queued) == 2  # temporary: waits for a retry
            pending = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "letter")).all()
            assert all(row.status is OutboxStatus.pending and row.next_attempt_at > utcnow() for row in pending)
            for row in pending:
                row.next_attempt_at = utcnow()
            db.session.commit()
            sink.reply = "550 No such mailbox"
            assert deliver_due() == 0
            assert letters_in_state(LetterState.failed) == 2
            assert counter_total(LetterState.failed) == 2
    finally:
        sink.stop()


def test_unconfirmed_letters_expire_after_a_week_and_stop_waiting(client, demo):
    client.post(WRITE, data=action_data(demo, client, channel="email"))
    assert expire_unconfirmed(utcnow()) == 0
    assert expire_unconfirmed(utcnow() + timedelta(days=8)) == 2
    db.session.commit()
    assert letters_in_state(LetterState.expired) == 2
    assert counter_total(LetterState.awaiting_confirmation) == 0


def test_an_officials_inbox_gets_a_steady_drip(app, demo, mailbox_messages):
    for n in range(5):
        enqueue(kind="letter", campaign_id=None, sender="a@uadesk.invalid", recipients=["sink@example.org"],
                subject=f"Letter {n}", body_text="text", throttle_key="official@example.org", hourly_cap=3)
    db.session.commit()
    assert deliver_due() == 3
    assert deliver_due() == 0  # the rest wait their turn
    waiting = db.session.scalars(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.pending)).all()
    assert len(waiting) == 2 and all(row.next_attempt_at > utcnow() for row in waiting)


def test_delivery_refuses_to_mail_an_official_of_a_test_mode_campaign(app, demo):
    # Whatever builds a row, the last check before SMTP stops it.
    row = OutboxMessage(kind="letter", campaign_id=demo.id, sender="a@uadesk.invalid",
                        recipients=["organisers@uadesk.invalid"], subject="x", body_text="x")
    db.session.add(row)
    db.session.flush()
    # Written with SQL so the safety fixture's own check is what we prove, not bypassed.
    row.recipients = [TARGETS[0]["emails"][0].upper()]
    db.session.commit()
    assert deliver_due() == 0
    db.session.refresh(row)
    assert row.status is OutboxStatus.refused and "test mode" in row.last_error
    row.recipients = ["organisers@uadesk.invalid"]  # leave nothing behind that names an official
    db.session.commit()


def test_a_copy_goes_to_the_supporter_when_asked(client, demo, mailbox_messages):
    client.post(WRITE, data=action_data(demo, client, channel="email", wants_copy="y"))
    deliver_due()
    [confirmation] = mailbox_messages()
    client.post(confirm_path(confirmation.get_body(("plain",)).get_content()))
    deliver_due()
    copies = [m for m in mailbox_messages() if m["Subject"] == "Copy of your letters for UA 118/21"]
    assert len(copies) == 1 and copies[0]["To"] == "jane@example.org"
    text = copies[0].get_body(("plain",)).get_content()
    assert "Dear President," in text and "Dear Ambassador," in text


def test_the_worker_command_delivers_and_expires(app, demo, client, mailbox_messages):
    client.post(WRITE, data=action_data(demo, client, channel="email"))
    action_id = db.session.scalar(select(Letter.action_id))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["outbox", "work", "--once"])
    assert result.exit_code == 0 and "delivered 1" in result.output
    assert len(mailbox_messages()) == 1
    db.session.get(Action, action_id).expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    runner.invoke(args=["outbox", "work", "--once"])
    assert letters_in_state(LetterState.expired) == 2


def test_long_paragraphs_and_copies_survive_smtp_line_limits(make_app, demo_factory):
    # SMTP refuses lines over 998 bytes; a 1,500-character message and the copy must still go.
    sink = SMTPSink().start()
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port)
        with app.app_context():
            demo = demo_factory()
            client = app.test_client()
            message = ("Ich bitte Sie eindringlich, Azat Isakov freizulassen. " * 30)[:1500]
            client.post(WRITE, data=action_data(demo, client, channel="email", wants_copy="y",
                                                personal_message=message))
            deliver_due()
            client.post(confirm_path(sink.wait_for(1)[0].message.get_body(("plain",)).get_content()))
            assert deliver_due() == 3  # two letters and the copy
            received = sink.wait_for(4)
            assert letters_in_state(LetterState.sent) == 2
    finally:
        sink.stop()
    for item in received[1:]:
        text = item.message.get_body(("plain",)).get_content()
        assert " ".join(message.split()) in " ".join(text.split())


def test_names_with_markup_or_any_script_stay_names_in_the_headers(app):
    from email import message_from_bytes, policy

    from letters.email import mailbox
    from outbox.wire import wire_bytes

    for name in ["Aýna Şükürowa <b>", 'Jane "JD" Doe, Jr.', "Пётр Иванов"]:
        row = OutboxMessage(kind="letter", sender=mailbox(f"{name} via UA Desk", "actions@uadesk.invalid"),
                            recipients=["o@example.org"], subject="s", body_text="x",
                            headers={"Reply-To": mailbox(name, "jane@example.org")})
        parsed = message_from_bytes(wire_bytes(row), policy=policy.default)
        [sender], [reply_to] = parsed["From"].addresses, parsed["Reply-To"].addresses
        assert (sender.display_name, sender.addr_spec) == (f"{name} via UA Desk", "actions@uadesk.invalid")
        assert (reply_to.display_name, reply_to.addr_spec) == (name, "jane@example.org")


_HEADER_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=200).filter(
    lambda text: text.strip() == text and "  " not in text)


def _spaced(text: str) -> str:
    return " ".join(text.split())


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(subject=_HEADER_TEXT, name=_HEADER_TEXT)
def test_subjects_and_names_of_any_script_and_length_arrive_as_written(app, subject, name):
    """What the mail server receives parses back to the very subject and names that were queued."""
    from email import message_from_bytes, policy

    from letters.email import mailbox
    from outbox.wire import wire_bytes

    row = OutboxMessage(kind="letter", sender=mailbox(f"{name} via UA Desk", "actions@uadesk.invalid"),
                        recipients=["o@example.org"], subject=subject, body_text="x",
                        headers={"Reply-To": mailbox(name, "jane@example.org")})
    raw = wire_bytes(row)
    parsed = message_from_bytes(raw, policy=policy.default)
    # Mail programs may fold runs of spaces; every other character must arrive as queued.
    assert _spaced(parsed["Subject"]) == _spaced(subject)
    [sender], [reply_to] = parsed["From"].addresses, parsed["Reply-To"].addresses
    assert (_spaced(sender.display_name), sender.addr_spec) == (_spaced(f"{name} via UA Desk"),
                                                               "actions@uadesk.invalid")
    assert (_spaced(reply_to.display_name), reply_to.addr_spec) == (_spaced(name), "jane@example.org")
    assert [address.addr_spec for address in parsed["To"].addresses] == ["o@example.org"]
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_every_queued_message_has_its_identity_from_the_start(app, monkeypatch):
    """The Message-ID is written with the row, so a retried message keeps it; building the
    message never asks the resolver for this machine's name (a slow resolver would stall every
    delivery worker, message by message)."""
    import socket
    from email import message_from_bytes, policy

    from outbox.wire import wire_bytes

    def no_resolver(*args):
        raise AssertionError("building a message must not ask the resolver")

    monkeypatch.setattr(socket, "getfqdn", no_resolver)
    monkeypatch.setattr(socket, "gethostbyaddr", no_resolver)
    row_id = enqueue(kind="erasure_link", sender="UA Desk <actions@letters.example.org>",
                     recipients=["jane@example.org"], subject="Erase your data", body_text="Plain text",
                     body_html="<p>HTML</p>", headers={"Auto-Submitted": "auto-generated"})
    db.session.commit()
    row = db.session.get(OutboxMessage, row_id)
    message_id = row.headers["Message-ID"]
    assert re.fullmatch(r"<[^<>@\s]+@letters\.example\.org>", message_id)
    first, again = (message_from_bytes(wire_bytes(row), policy=policy.default) for _ in range(2))
    assert first["Message-ID"] == again["Message-ID"] == message_id
    assert first.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in first.iter_parts()] == ["text/plain", "text/html"]
    assert first.get_body(("plain",)).get_content().strip() == "Plain text"


def test_a_header_value_that_would_start_another_header_is_refused(app):
    """Forms strip line breaks long before this; the last step refuses one all the same."""
    from email.errors import HeaderParseError

    from outbox.wire import wire_bytes

    for value in ("x\r\nBcc: victim@example.org", "x\nBcc: victim@example.org", "x\x0bBcc: victim@example.org"):
        row = OutboxMessage(kind="letter", sender="a@uadesk.invalid", recipients=["o@example.org"], subject="s",
                            body_text="x", headers={"Message-ID": "<1@uadesk.invalid>", "List-Id": value})
        with pytest.raises(HeaderParseError):
            wire_bytes(row)
