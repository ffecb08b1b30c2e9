"""One bad message never stops delivery, and a temporary failure delays only its own message.

Against real SMTP servers (aiosmtpd, with and without SMTPUTF8), worker processes running the
`flask outbox work` loop or Celery on the real Redis, and the test database.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
import redis
from sqlalchemy import select, update

from extensions import db, writing
from letters.email import mailbox as named_address
from models import OutboxMessage, OutboxStatus
from models._types import utcnow
from outbox.delivery import claim, deliver_due, enqueue
from outbox.lease import Lease
from tests.conftest import TEST_SECRET_KEY
from tests.helpers import log_in, make_organiser
from tests.smtp_sink import DROP, SMTPSink, free_port
from tests.test_celery import BROKER, broker  # noqa: F401  (broker: a fixture)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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
            # Headers written in UTF-8 are as injection-proof as the others: a line break that
            # would start a header is refused, or kept inside an encoded word.
            injected = _queue("Injected", "джейн@example.org", headers={"List-Id": "x\r\nBcc: victim@example.org"})
            encoded = _queue("Encoded", "джейн@example.org", headers={"List-Id": "Пётр\r\nBcc: victim@example.org"})
            db.session.commit()
            deliver_due()
            rows = {name: _outcome(row_id) for name, row_id in
                    dict(idn=idn, local=local, reply_to=reply_to, plain=plain).items()}
            injection, encoding = _outcome(injected), _outcome(encoded)
            make_organiser()
            client = app.test_client()
            log_in(client)
            page = client.get("/organisers/emails").get_data(as_text=True)
    finally:
        sink.stop()
    assert injection[0] is OutboxStatus.failed and "HeaderParseError" in injection[2]
    received = {item.message["Subject"]: item for item in sink.received}
    assert all("victim@example.org" not in item.rcpt_tos and item.message["Bcc"] is None for item in sink.received)
    # A domain in any script is written in IDNA, which every server takes.
    assert received["IDN domain"].rcpt_tos == ["jane@xn--bcher-kva.example"]
    assert received["IDN domain"].message["To"].addresses[0].addr_spec == "jane@xn--bcher-kva.example"
    assert rows["idn"][0] is OutboxStatus.sent and rows["plain"][0] is OutboxStatus.sent
    if smtputf8:
        assert received["Cyrillic mailbox"].rcpt_tos == ["джейн@example.org"]
        assert received["Cyrillic mailbox"].message["To"].addresses[0].addr_spec == "джейн@example.org"
        assert received["Encoded"].rcpt_tos == ["джейн@example.org"]
        assert "Bcc: victim@example.org" in received["Encoded"].message["List-Id"]  # text of one header
        [reply] = received["Letter"].message["Reply-To"].addresses
        assert (reply.display_name, reply.addr_spec) == ("Пётр", "пётр@xn--e1afmkfd.xn--p1ai")
        assert all(status is OutboxStatus.sent for status, _, _ in rows.values())
    else:
        assert set(received) == {"IDN domain", "Plain"}
        for status, attempts, reason in (rows["local"], rows["reply_to"], encoding):
            assert status is OutboxStatus.failed and attempts == 1 and "SMTPUTF8" in reason
        assert "SMTPUTF8" in page  # the Email page says why


def _environment(database_url: str, port: int, tmp_path, **settings) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MAIL_", "DATABASE_", "CELERY_"))}
    env.update(DATABASE_URL=database_url, SECRET_KEY=TEST_SECRET_KEY, MAIL_SERVER="127.0.0.1", MAIL_PORT=str(port),
               MAIL_TIMEOUT="5", INSTANCE_PATH=str(tmp_path), PYTHONPATH=ROOT, **settings)
    return env


def _start_worker(runner: str, env: dict, queue: str) -> subprocess.Popen:
    if runner == "loop":
        command = [sys.executable, "-m", "flask", "--app", "app", "outbox", "work", "--interval", "0.2"]
    else:
        command = [sys.executable, "-m", "celery", "-A", "outbox.worker", "worker", "--concurrency", "1",
                   "--queues", queue, "--without-gossip", "--without-mingle", "--without-heartbeat",
                   "--loglevel", "WARNING"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


@pytest.fixture(params=["loop", "celery"])
def runner(request) -> str:
    if request.param == "celery":
        request.getfixturevalue("broker")
    return request.param


@pytest.mark.parametrize("smtputf8", [True, False], ids=["SMTPUTF8", "ASCII only"])
def test_rows_that_cannot_be_sent_fail_alone_and_the_worker_goes_on(make_app, database_url, tmp_path, runner,
                                                                    smtputf8):
    sink = SMTPSink(smtputf8=smtputf8).start()
    queue = f"uadesk-test-{os.getpid()}-{runner}-{smtputf8}"
    celery = dict(CELERY_BROKER_URL=BROKER, CELERY_QUEUE=queue) if runner == "celery" else {}
    worker = _start_worker(runner, _environment(database_url, sink.port, tmp_path, **celery), queue)
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, **celery)
        with app.app_context():
            # One batch, bad rows between good ones.
            ids = {
                "Good 1": _queue("Good 1", "one@example.org"),
                "Header injection": _queue("Header injection", "two@example.org",
                                           headers={"List-Id": "x\r\nBcc: victim@example.org"}),
                "Cyrillic mailbox": _queue("Cyrillic mailbox", "джейн@example.org"),
                "No IDNA form": _queue("No IDNA form", "jane@☃.example"),
                "IDN domain": _queue("IDN domain", "jane@bücher.example"),
                "No recipient": enqueue(kind="confirmation", sender=SENDER, recipients=[], subject="No recipient",
                                        body_text="x"),
                "Good 2": _queue("Good 2", "three@example.org"),
            }
            db.session.commit()  # with Celery, this commit starts the worker's task
            deliverable = ["Good 1", "IDN domain", "Good 2"] + (["Cyrillic mailbox"] if smtputf8 else [])
            sink.wait_for(len(deliverable), timeout=90)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and any(
                    _row(row_id).status is OutboxStatus.pending for row_id in ids.values()):
                time.sleep(0.2)
            rows = {subject: _outcome(row_id) for subject, row_id in ids.items()}
            assert worker.poll() is None, "the worker died"
            # The worker is still at work: mail queued now goes out too.
            _queue("After", "four@example.org")
            db.session.commit()
            sink.wait_for(len(deliverable) + 1, timeout=90)
            assert worker.poll() is None, "the worker died"
    finally:
        _stop(worker)
        sink.stop()
        if runner == "celery":
            redis.Redis.from_url(BROKER).delete(queue)
    assert sorted(sink.subjects()) == sorted(deliverable + ["After"])
    for subject, (status, _, reason) in rows.items():
        if subject in deliverable:
            assert status is OutboxStatus.sent, subject
        else:
            assert status is OutboxStatus.failed and reason, subject
    assert "HeaderParseError" in rows["Header injection"][2]
    assert "IDNA" in rows["No IDNA form"][2] and "no list of recipients" in rows["No recipient"][2]
    assert not any("victim@example.org" in item.rcpt_tos for item in sink.received)


def test_a_temporary_failure_delays_only_its_own_message(make_app):
    sink = SMTPSink().start()
    sink.replies = {"Message 3": ["421 4.3.2 Service closing"], "Message 6": [DROP],
                    "Message 8": ["451 4.7.1 Greylisted, try again later"]}
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port)
        with app.app_context():
            ids = {f"Message {n}": _queue(f"Message {n}", f"person{n}@example.org") for n in range(10)}
            db.session.commit()
            before = utcnow()
            # The others go on at once, over a new connection after the 421 and the dropped one.
            assert deliver_due() == 7
            waiting = {subject: _row(ids[subject]) for subject in ("Message 3", "Message 6", "Message 8")}
            for row in waiting.values():
                assert row.status is OutboxStatus.pending and row.attempts == 1
                # Its own retry comes within seconds, not minutes.
                assert row.next_attempt_at <= before + timedelta(seconds=10)
            assert "421" in waiting["Message 3"].last_error and "451" in waiting["Message 8"].last_error
            assert "Disconnected" in waiting["Message 6"].last_error
            db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
            db.session.commit()
            assert deliver_due() == 3
    finally:
        sink.stop()
    assert Counter(sink.subjects()) == Counter(list(ids))  # each exactly once
    assert sorted(subject for subject, _ in sink.answered) == ["Message 3", "Message 6", "Message 8"]


def test_retries_come_within_seconds_first_and_last_about_half_a_day():
    from outbox.delivery import MAX_ATTEMPTS, RETRY_AFTER

    # The README promises up to 12 attempts over about half a day.
    assert MAX_ATTEMPTS == 12
    assert RETRY_AFTER[0] <= timedelta(seconds=5) and sum(RETRY_AFTER[:4], timedelta()) <= timedelta(seconds=60)
    assert timedelta(hours=10) <= sum(RETRY_AFTER, timedelta()) <= timedelta(hours=14)


def test_a_server_back_after_an_outage_is_noticed_within_seconds(make_app):
    port = free_port()
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=2)
    with app.app_context():
        row_id = _queue("During the outage", "someone@example.org")
        db.session.commit()
        before = utcnow()
        assert deliver_due() == 0  # refused: nobody listens
        row = _row(row_id)
        assert row.status is OutboxStatus.pending and row.attempts == 0 and "Connection refused" in row.last_error
        # Held back for a moment, not minutes, and in its place in the queue (its due time unchanged).
        assert row.next_attempt_at < before < row.claimed_until <= utcnow() + timedelta(seconds=5)
        assert row.claimed_by is None


def test_a_long_batch_keeps_its_lease_and_a_killed_worker_hands_over_at_once(make_app, database_url, tmp_path):
    sink = SMTPSink().start()
    sink.delay = 0.25  # 60 messages take 15 s: five times the lease
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, OUTBOX_LEASE_SECONDS=3)
    env = _environment(database_url, sink.port, tmp_path, OUTBOX_LEASE_SECONDS="3")
    worker = _start_worker("loop", env, "")
    try:
        with app.app_context():
            subjects = [f"Message {n}" for n in range(60)]
            for n, subject in enumerate(subjects):
                _queue(subject, f"person{n}@example.org")
            db.session.commit()
            sink.wait_for(4, timeout=60)
            # For longer than the lease, the worker keeps its batch: nobody else may take it.
            stolen, deadline = 0, time.monotonic() + 4
            while time.monotonic() < deadline:
                stolen += deliver_due()
                time.sleep(0.1)
            assert stolen == 0
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
            killed_at = utcnow()
            sink.delay = 0
            # No more renewals: what it had not finished is free once its last lease runs out.
            leases = db.session.scalars(select(OutboxMessage.claimed_until).where(
                OutboxMessage.status == OutboxStatus.pending)).all()
            assert leases and all(lease is not None and lease <= killed_at + timedelta(seconds=3) for lease in leases)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and db.session.scalar(select(OutboxMessage.id).where(
                    OutboxMessage.status == OutboxStatus.pending).limit(1)):
                deliver_due()
                time.sleep(0.1)
                db.session.expire_all()
    finally:
        _stop(worker)
        sink.stop()
    received = Counter(sink.subjects())
    assert set(received) == set(subjects)
    assert sum(received.values()) - len(subjects) <= 1  # only the message in flight at the kill


def test_a_worker_that_cannot_renew_its_lease_stops_sending_before_it_runs_out(make_app):
    app = make_app(OUTBOX_LEASE_SECONDS=1.5)
    with app.app_context():
        row_id = _queue("Claimed", "someone@example.org")
        db.session.commit()
        with writing():
            claimed_at, now = time.monotonic(), utcnow()
            assert claim("worker-a", 10, now) == [row_id]
            db.session.commit()
        ended = threading.Event()
        # Another connection holds what a renewal must write: on SQLite the write lock, on
        # PostgreSQL the row. Renewals give up in time, and the session is ended before the
        # lease could run out and another worker take the row.
        with db.engine.connect() as blocker:
            if blocker.dialect.name == "sqlite":
                blocker.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                blocker.execute(select(OutboxMessage.id).where(OutboxMessage.id == row_id).with_for_update())
            with Lease(app, "worker-a", [row_id], claimed_at) as lease:
                lease.on_lost(ended.set)
                assert lease.holds()
                assert ended.wait(timeout=60)
                assert not lease.holds()  # and so the worker sends nothing more
            blocker.rollback()
