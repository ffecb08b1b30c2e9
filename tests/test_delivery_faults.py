"""One bad message never stops delivery: addresses in any script go where the server can take them.

Against real SMTP servers (aiosmtpd, with and without SMTPUTF8) and the test database.
"""
from __future__ import annotations

import pytest

from extensions import db
from letters.email import mailbox as named_address
from models import OutboxMessage, OutboxStatus
from outbox.delivery import deliver_due, enqueue
from tests.helpers import log_in, make_organiser
from tests.smtp_sink import SMTPSink

SENDER = "actions@uadesk.invalid"


def _queue(subject: str, to: str, **fields) -> int:
    return enqueue(kind="confirmation", sender=SENDER, recipients=[to], subject=subject, body_text=f"Body of {subject}",
                   **fields)


def _row(row_id: int) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, row_id)


def _outcome(row_id: int) -> tuple[OutboxStatus, int, str | None]:
    row = _row(row_id)
    return row.status, row.attempts, row.last_error


@pytest.mark.parametrize("smtputf8", [True, False], ids=["SMTPUTF8", "ASCII only"])
def test_international_addresses_go_where_the_server_can_take_them(make_app, smtputf8):
    sink = SMTPSink(smtputf8=smtputf8).start()
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port)
        with app.app_context():
            idn = _queue("IDN domain", "jane@bücher.example")
            local = _queue("Cyrillic mailbox", "джейн@example.org")
            # A supporter's own address in another script is the letter's Reply-To.
            reply_to = enqueue(kind="letter", sender=named_address("Пётр via UA Desk", SENDER),
                               recipients=["official@example.org"], subject="Letter", body_text="x",
                               headers={"Reply-To": named_address("Пётр", "пётр@пример.рф")})
            plain = _queue("Plain", "plain@example.org")
            db.session.commit()
            deliver_due()
            rows = {name: _outcome(row_id) for name, row_id in
                    dict(idn=idn, local=local, reply_to=reply_to, plain=plain).items()}
            make_organiser()
            client = app.test_client()
            log_in(client)
            page = client.get("/organisers/emails").get_data(as_text=True)
    finally:
        sink.stop()
    received = {item.message["Subject"]: item for item in sink.received}
    # A domain in any script is written in IDNA, which every server takes.
    assert received["IDN domain"].rcpt_tos == ["jane@xn--bcher-kva.example"]
    assert received["IDN domain"].message["To"].addresses[0].addr_spec == "jane@xn--bcher-kva.example"
    assert rows["idn"][0] is OutboxStatus.sent and rows["plain"][0] is OutboxStatus.sent
    if smtputf8:
        assert received["Cyrillic mailbox"].rcpt_tos == ["джейн@example.org"]
        assert received["Cyrillic mailbox"].message["To"].addresses[0].addr_spec == "джейн@example.org"
        [reply] = received["Letter"].message["Reply-To"].addresses
        assert (reply.display_name, reply.addr_spec) == ("Пётр", "пётр@xn--e1afmkfd.xn--p1ai")
        assert all(status is OutboxStatus.sent for status, _, _ in rows.values())
    else:
        assert set(received) == {"IDN domain", "Plain"}
        for name in ("local", "reply_to"):
            status, attempts, reason = rows[name]
            assert status is OutboxStatus.failed and attempts == 1 and "SMTPUTF8" in reason
        assert "SMTPUTF8" in page  # the Email page says why
