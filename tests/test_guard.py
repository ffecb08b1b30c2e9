"""The guard where every message leaves: no official's inbox gets housekeeping mail or a test letter.

Officials' inboxes are recognised in any spelling (inboxes.inbox_key), in the envelope and in
recipient headers, for the file mailbox and for a real SMTP server alike.
"""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import event, select

from extensions import db
from models import Campaign, CampaignStatus, Letter, LetterState, OutboxMessage, OutboxStatus, Target
from outbox.delivery import deliver_due, enqueue
from tests.conftest import mail_to_officials
from tests.helpers import action_data, confirm_by_email, letters_in_state, log_in, make_organiser, secret_from
from tests.smtp_sink import SMTPSink

SENDER = "actions@uadesk.invalid"
# One Gmail inbox, and the demo's other officials, spelled as people type them.
SPELLINGS = ["go.saparov+x@gmail.com", "gosaparov@gmail.com", "go.saparov@googlemail.com", "GO.Saparov@GMail.com",
             "turkmenistan+ua@un.int", "Turkmen@Mindspring.com"]
HOUSEKEEPING = ["confirmation", "subscription_confirmation", "subscription_notice", "subscription_manage_link",
                "erasure_link", "copy", "update"]


def _row(kind: str, to: str, *, campaign_id: int | None = None, subject: str = "x", **fields) -> int:
    return enqueue(kind=kind, campaign_id=campaign_id, sender=SENDER, recipients=[to], subject=subject,
                   body_text="x", **fields)


def _statuses(ids) -> dict[int, tuple[OutboxStatus, str | None]]:
    db.session.expire_all()
    return {row.id: (row.status, row.last_error)
            for row in db.session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(list(ids))))}


@pytest.fixture(params=["file mailbox", "SMTP"])
def transport(request, make_app, mailbox_messages):
    """An app context delivering to the file mailbox or to a real SMTP server; yields what arrived."""
    if request.param == "SMTP":
        sink = SMTPSink().start()
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port)
        with app.app_context():
            yield lambda: [item.message for item in sink.received]
        sink.stop()
    else:
        app = make_app()
        with app.app_context():
            yield mailbox_messages


def test_no_housekeeping_mail_reaches_an_official_in_any_spelling(transport, demo_factory):
    demo = demo_factory()
    refused = [_row(kind, to, campaign_id=demo.id) for kind in HOUSEKEEPING for to in SPELLINGS]
    # Or hidden in a header: a copy to an official beside the supporter.
    refused += [_row("copy", "jane@example.org", headers={name: f"Someone <{to}>"})
                for name, to in [("Cc", "go.saparov+x@gmail.com"), ("Bcc", "gosaparov@googlemail.com"),
                                 ("Resent-To", "TURKMENISTAN@un.int")]]
    refused.append(enqueue(kind="confirmation", sender=SENDER, recipients=['"Jane" <go.saparov@gmail.com>'],
                           subject="x", body_text="x"))
    allowed = _row("confirmation", "jane@example.org", campaign_id=demo.id, subject="For Jane")
    db.session.commit()
    while deliver_due():
        pass
    outcomes = _statuses(refused + [allowed])
    assert outcomes.pop(allowed) == (OutboxStatus.sent, None)
    for status, reason in outcomes.values():
        assert status is OutboxStatus.refused
        assert reason.startswith("refused: ") and "official's inbox, which receives letters only" in reason
    assert [message["Subject"] for message in transport()] == ["For Jane"]
    # Refused is final: never tried again.
    assert deliver_due() == 0 and all(status is OutboxStatus.refused for status, _ in _statuses(refused).values())


def test_a_test_mode_letter_to_an_official_is_refused_and_its_letter_fails(client, demo, mailbox_messages):
    secret = secret_from(client.post("/campaigns/ua-118-21/write",
                                     data=action_data(demo, client, channel="email", address_line1="")))
    deliver_due()  # the confirmation
    assert confirm_by_email(client, secret).status_code == 303
    # Whatever built them, suppose the letters were addressed to an official's Gmail alias.
    letters = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "letter")).all()
    assert len(letters) == 2
    for row in letters:
        row.recipients = ["go.saparov+ua11821@googlemail.com"]
    db.session.commit()
    assert deliver_due() == 0
    assert len(mailbox_messages()) == 1  # the confirmation only
    for status, reason in _statuses(row.id for row in letters).values():
        assert status is OutboxStatus.refused
        assert reason == "refused: g…1@googlemail.com is an official's address and the campaign is in test mode"
    assert letters_in_state(LetterState.failed) == 2
    assert all(letter.failure_reason.startswith("refused: ") for letter in db.session.scalars(select(Letter)))


def _campaign(number: int, emails: list[str], *, is_test_mode: bool) -> Campaign:
    campaign = Campaign(ua_number=f"UA {number}/26", slug=f"ua-{number}-26", title=f"Case {number}", country="TM",
                        status=CampaignStatus.live, is_test_mode=is_test_mode)
    campaign.targets = [Target(title="Minister", emails=emails)]
    db.session.add(campaign)
    db.session.flush()
    return campaign


def test_a_live_campaign_writes_to_the_officials_it_lists_and_nothing_else_goes_there(transport):
    live = _campaign(1, ["minister@ministry.example", "press.office@gmail.com"], is_test_mode=False)
    testing = _campaign(2, ["minister@ministry.example", "judge@court.example"], is_test_mode=True)
    sent = {
        # A test-mode campaign listing the same official does not stop a live one writing to it.
        _row("letter", "minister@ministry.example", campaign_id=live.id, subject="Letter"),
        _row("letter", "Press.Office@gmail.com", campaign_id=live.id, subject="Letter, as listed"),
    }
    refused = {
        _row("letter", "minister+ua@ministry.example", campaign_id=live.id),        # an alias, not the address
        _row("letter", "pressoffice@googlemail.com", campaign_id=live.id),          # the same inbox, respelt
        _row("letter", "minister@ministry.example", campaign_id=testing.id),        # a test-mode letter
        _row("letter", "minister@ministry.example"),                                # a letter of no campaign
        _row("confirmation", "minister@ministry.example", campaign_id=live.id),     # not a letter
        _row("letter", "minister@ministry.example", campaign_id=live.id,            # another campaign's official
             headers={"Bcc": "judge@court.example"}),
    }
    db.session.commit()
    while deliver_due():
        pass
    outcomes = _statuses(sent | refused)
    assert {row_id: outcomes[row_id][0] for row_id in sent} == dict.fromkeys(sent, OutboxStatus.sent)
    assert {row_id: outcomes[row_id][0] for row_id in refused} == dict.fromkeys(refused, OutboxStatus.refused)
    assert sorted(message["Subject"] for message in transport()) == ["Letter", "Letter, as listed"]


def test_the_officials_are_read_once_per_batch(app, demo):
    campaigns = [demo.id] + [_campaign(n, [f"minister{n}@ministry.example"], is_test_mode=n % 2 == 0).id
                             for n in range(1, 5)]
    for n in range(30):
        _row("confirmation", f"person{n}@example.org", campaign_id=campaigns[n % 6] if n % 6 < 5 else None)
    db.session.commit()
    reads = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if "FROM targets" in statement:
            reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert deliver_due() == 30
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(reads) == 1


def test_organisers_see_refused_email_without_the_whole_address(client, app, demo):
    make_organiser()
    assert log_in(client).status_code == 303
    refused = _row("subscription_manage_link", "go.saparov+news@gmail.com", subject="Your case updates")
    letter = _row("letter", "gosaparov@gmail.com", campaign_id=demo.id, subject="[TEST] Azat Isakov (UA 118/21)")
    db.session.commit()
    deliver_due()
    page = client.get("/organisers/emails").get_data(as_text=True)
    assert "Refused emails" in page and "<dt>Refused</dt><dd>2</dd>" in page
    assert f"subscription manage link #{refused}" in page and f"letter #{letter}" in page
    assert "g…s@gmail.com" in page and "g…v@gmail.com" in page
    assert "reaches an official&#39;s inbox, which receives letters only, not subscription manage link emails" in page
    assert "is an official&#39;s address and the campaign is in test mode" in page
    assert "go.saparov+news@gmail.com" not in page and "gosaparov@gmail.com" not in page
    dashboard = client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert "<dt>Refused</dt><dd>1</dd>" in dashboard  # the letter is the campaign's; the link is no campaign's
    # Refused is not failed: "Retry all failed emails" leaves it alone.
    client.post("/organisers/emails/retry-failed")
    assert all(status is OutboxStatus.refused for status, _ in _statuses([refused, letter]).values())


def test_the_safety_check_after_each_test_knows_every_spelling_of_an_official(app, mailbox, _cleaner):
    pending = _row("confirmation", "go.saparov+x@googlemail.com")
    in_header = _row("copy", "jane@example.org", headers={"Cc": "Turkmen@Mindspring.com"})
    refused = _row("confirmation", "gosaparov@gmail.com")
    db.session.commit()
    db.session.get(OutboxMessage, refused).status = OutboxStatus.refused
    db.session.commit()
    mailbox.mkdir(exist_ok=True)
    (mailbox / "20260101T000000000000-0123abcd.eml").write_bytes(
        b"From: a@uadesk.invalid\r\nTo: jane@example.org\r\nCc: TurkMenistan+x@UN.int\r\nSubject: s\r\n\r\nx\r\n")
    (mailbox / "20260101T000000000001-0123abce.eml").write_bytes(
        "From: a@uadesk.invalid\r\nTo: джейн@example.org\r\nSubject: s\r\n\r\nx\r\n".encode())
    # A supporter's address that looks like an encoded word, and decodes to a line break, is read as written.
    (mailbox / "20260101T000000000002-0123abcf.eml").write_bytes(
        b"From: a@uadesk.invalid\r\nTo: =?utf-8?q?jane=0abcc=3a_x=40example=2eorg?=@example.org\r\n"
        b"Subject: s\r\n\r\nx\r\n")
    with _cleaner.connect() as connection:
        problems = mail_to_officials(mailbox, connection)
    assert sorted(problems) == sorted([
        "mailbox file 20260101T000000000000-0123abcd.eml is addressed to ['TurkMenistan+x@UN.int']",
        f"outbox message {pending} (pending) is addressed to ['go.saparov+x@googlemail.com']",
        f"outbox message {in_header} (pending) is addressed to ['Turkmen@Mindspring.com']",
    ])
    # Leave nothing behind that names an official, or this very check fails the test.
    db.session.execute(sa.delete(OutboxMessage).where(OutboxMessage.id.in_([pending, in_header])))
    db.session.commit()
    for path in mailbox.glob("*.eml"):
        path.unlink()
