"""Bounces: VERP addresses, delivery reports, the webhook, held letters and clearing."""
from __future__ import annotations

from email.message import EmailMessage

from sqlalchemy import select

from extensions import db
from models import BouncingAddress, OutboxMessage, OutboxStatus
from outbox.bounces import clear_bounce, record_bounce
from outbox.delivery import bounce_address, deliver_due, enqueue, row_id_from_bounce_address
from tests.smtp_sink import SMTPSink


def _queue_one(to: str = "official@example.org") -> OutboxMessage:
    row_id = enqueue(kind="test", sender="actions@uadesk.invalid", recipients=[to], subject="Hello", body_text="x")
    db.session.commit()
    return db.session.get(OutboxMessage, row_id)


def _report(verp: str, failed: str) -> bytes:
    report = EmailMessage()
    report["From"] = "MAILER-DAEMON@example.org"
    report["To"] = verp
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report.set_content("This is the mail system. Your message could not be delivered.")
    status = EmailMessage()
    status.set_content(f"Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; {failed}\n"
                       "Action: failed\nStatus: 5.1.1\n")
    report.add_attachment(status.get_payload(), subtype="delivery-status")
    return report.as_bytes()


def test_each_message_has_its_own_signed_bounce_address(make_app):
    sink = SMTPSink().start()
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port)
        with app.app_context():
            row = _queue_one()
            deliver_due()
            [item] = sink.wait_for(1)
            assert item.mail_from == bounce_address(row.id)
            assert item.mail_from.startswith(f"bounces+{row.id}-") and item.mail_from.endswith("@uadesk.invalid")
            assert row_id_from_bounce_address(item.mail_from) == row.id
            assert row_id_from_bounce_address(item.mail_from.replace(f"+{row.id}-", f"+{row.id + 1}-")) is None
    finally:
        sink.stop()


def test_a_bounce_report_holds_further_mail_until_cleared(app, mailbox_messages):
    row = _queue_one()
    deliver_due()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["outbox", "bounce", "-"],
                           input=_report(bounce_address(row.id), "official@example.org"))
    assert "official@example.org" in result.output
    assert db.session.scalar(select(BouncingAddress.email)) == "official@example.org"

    later = _queue_one()
    assert deliver_due() == 0
    db.session.refresh(later)
    assert later.status is OutboxStatus.held  # waits, never dropped
    assert len(mailbox_messages()) == 1

    result = runner.invoke(args=["outbox", "clear-bounce", "Official@Example.org", "--by", "ana@example.org"])
    assert "1 held message back in the queue" in result.output
    assert deliver_due() == 1
    assert len(mailbox_messages()) == 2


def test_a_forged_report_marks_nothing(app):
    row = _queue_one()
    forged = bounce_address(row.id).replace(f"+{row.id}-", "+999999-")
    result = app.test_cli_runner().invoke(args=["outbox", "bounce", "-"],
                                          input=_report(forged, "official@example.org"))
    assert "nothing" in result.output
    assert db.session.scalar(select(BouncingAddress)) is None


def test_the_webhook_needs_its_token(make_app):
    app = make_app(BOUNCE_WEBHOOK_TOKEN="s3cret-token")
    client = app.test_client()
    assert client.post("/outbox/bounces", json={"address": "x@example.org"}).status_code == 404
    assert client.post("/outbox/bounces", json={"address": "x@example.org"},
                       headers={"Authorization": "Bearer wrong"}).status_code == 404
    bad = client.post("/outbox/bounces", json={"address": "x@example.org\r\nBcc: y@example.org"},
                      headers={"Authorization": "Bearer s3cret-token"})
    assert bad.status_code == 400
    ok = client.post("/outbox/bounces", json={"address": "X@example.org", "reason": "550 no such user"},
                     headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200 and ok.json == {"marked": ["x@example.org"]}
    with app.app_context():
        assert db.session.scalar(select(BouncingAddress.reason)) == "550 no such user"
    assert make_app().test_client().post("/outbox/bounces", json={}).status_code == 404  # off when unset


def test_bouncing_again_after_clearing_holds_again(app):
    record_bounce("a@example.org", "550")
    clear_bounce("a@example.org", cleared_by="ana")
    entry = record_bounce("a@example.org", "550 again")
    assert entry.bounce_count == 2 and entry.cleared_at is None
