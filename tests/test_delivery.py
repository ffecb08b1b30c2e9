"""The delivery engine under failure: outages, a silent server, killed and racing workers."""
from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select, update

from extensions import db
from models import OutboxMessage, OutboxStatus
from models._types import utcnow
from outbox.delivery import deliver_due, enqueue
from tests.conftest import TEST_SECRET_KEY
from tests.helpers import action_data, form_nonce
from tests.smtp_sink import SMTPSink, free_port

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _queue(n: int, prefix: str = "Message") -> list[str]:
    subjects = [f"{prefix} {i}" for i in range(n)]
    for subject in subjects:
        enqueue(kind="test", sender="actions@uadesk.invalid", recipients=["someone@example.org"],
                subject=subject, body_text=f"Body of {subject}")
    db.session.commit()
    return subjects


def _make_due_now() -> None:
    db.session.execute(update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.pending)
                       .values(next_attempt_at=utcnow(), claimed_until=None))
    db.session.commit()


def _statuses() -> Counter:
    return Counter(db.session.scalars(select(OutboxMessage.status)).all())


def _deliver_everything(rounds: int = 50) -> None:
    for _ in range(rounds):
        _make_due_now()
        if deliver_due(limit=200) == 0 and _statuses()[OutboxStatus.pending] == 0:
            return


def test_a_server_that_is_down_delays_mail_and_loses_none(make_app):
    port = free_port()
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=2)
    with app.app_context():
        subjects = _queue(20)
        assert deliver_due() == 0  # connection refused
        rows = db.session.scalars(select(OutboxMessage)).all()
        assert all(r.status is OutboxStatus.pending and r.attempts == 0 for r in rows)
        assert all(r.claimed_until > utcnow() for r in rows)  # not hammered every poll
        sink = SMTPSink(port).start()
        try:
            _deliver_everything()
        finally:
            sink.stop()
        assert sorted(sink.subjects()) == sorted(subjects)
        assert _statuses() == Counter({OutboxStatus.sent: 20})


def test_a_server_going_down_mid_batch_loses_nothing_and_sends_nothing_twice(make_app):
    sink = SMTPSink().start()
    sink.accept_only = 7  # then "421 shutting down"
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, MAIL_TIMEOUT=2)
    with app.app_context():
        subjects = _queue(30)
        first = deliver_due(limit=100)
        sink.stop()
        assert first == 7
        assert _statuses() == Counter({OutboxStatus.sent: 7, OutboxStatus.pending: 23})
        assert deliver_due() == 0  # still down: refused, nothing lost
        sink.accept_only = None
        sink.start()
        try:
            _deliver_everything()
        finally:
            sink.stop()
    assert Counter(sink.subjects()) == Counter(subjects)  # each exactly once
    with app.app_context():
        assert _statuses() == Counter({OutboxStatus.sent: 30})


class Blackhole:
    """Accepts TCP connections and never says a word."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self) -> None:
        self.server.close()
        for connection in self.connections:
            connection.close()


def test_a_silent_server_times_out_and_web_requests_carry_on(make_app):
    blackhole = Blackhole()
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=blackhole.port, MAIL_TIMEOUT=2)
        with app.app_context():
            from campaigns.demo import load_demo
            load_demo()
            db.session.commit()
            _queue(5)
            outcome = {}
            worker = threading.Thread(target=lambda: outcome.update(sent=_in_context(app, deliver_due)))
            worker.start()
            time.sleep(0.3)  # the worker is now waiting on the silent server
            assert worker.is_alive()
            client = app.test_client()
            from models import Campaign
            campaign = db.session.scalar(select(Campaign))
            responses = [client.post("/campaigns/ua-118-21/write",
                                     data=action_data(campaign, client, email=f"p{i}@example.org")).status_code
                         for i in range(3)]
            assert responses == [303, 303, 303]
            worker.join(timeout=30)
            assert not worker.is_alive() and outcome["sent"] == 0
            db.session.expire_all()
            rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "test")).all()
            assert all(r.status is OutboxStatus.pending and r.attempts == 0 and "timed out" in r.last_error
                       for r in rows)
    finally:
        blackhole.close()


def _in_context(app, function):
    with app.app_context():
        return function()


def _worker_environment(database_url: str, port: int, tmp_path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MAIL_", "DATABASE_"))}
    env.update(DATABASE_URL=database_url, SECRET_KEY=TEST_SECRET_KEY, MAIL_SERVER="127.0.0.1",
               MAIL_PORT=str(port), MAIL_TIMEOUT="5", OUTBOX_LEASE_SECONDS="2", INSTANCE_PATH=str(tmp_path),
               PYTHONPATH=ROOT)
    return env


def test_a_killed_worker_leaves_its_batch_to_another(make_app, database_url, tmp_path):
    sink = SMTPSink().start()
    sink.delay = 0.05
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, OUTBOX_LEASE_SECONDS=2)
    try:
        with app.app_context():
            subjects = _queue(60)
            worker = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "app", "outbox", "work", "--interval", "0.1"],
                cwd=ROOT, env=_worker_environment(database_url, sink.port, tmp_path),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                sink.wait_for(5, timeout=60)
            finally:
                worker.send_signal(signal.SIGKILL)
                worker.wait()
            killed_at = len(sink.subjects())
            assert killed_at < 60  # it died mid-batch, holding claimed rows
            time.sleep(2.2)  # its lease runs out
            for _ in range(20):
                if deliver_due(limit=100) == 0 and _statuses()[OutboxStatus.pending] == 0:
                    break
                _make_due_now()
            assert _statuses() == Counter({OutboxStatus.sent: 60})
    finally:
        sink.stop()
    received = Counter(sink.subjects())
    assert set(received) == set(subjects)
    # At least once: only a message in flight when the worker died may arrive twice.
    assert sum(received.values()) - len(subjects) <= 1


def test_two_workers_racing_over_a_thousand_rows_send_each_once(make_app):
    sink = SMTPSink().start()
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port)
    try:
        with app.app_context():
            subjects = _queue(1000, prefix="Race")

        def work() -> int:
            with app.app_context():
                total = 0
                while (sent := deliver_due(limit=50)) or _pending_claimable():
                    total += sent
                return total

        with ThreadPoolExecutor(max_workers=2) as pool:
            totals = list(pool.map(lambda _: work(), range(2)))
    finally:
        sink.stop()
    assert sum(totals) == 1000
    assert all(totals)  # both workers took part
    assert Counter(sink.subjects()) == Counter(subjects)


def _pending_claimable() -> bool:
    return bool(db.session.scalar(select(func.count()).select_from(OutboxMessage)
                                  .where(OutboxMessage.status == OutboxStatus.pending,
                                         OutboxMessage.claimed_until.is_(None))))


def test_sixteen_writers_at_once_never_see_a_locked_database(app, demo):
    target_ids = [t.id for t in demo.targets]

    def submit(n: int) -> list[int]:
        client = app.test_client()
        codes = []
        for i in range(6):
            data = dict(name="Writer", email=f"w{n}-{i}@example.org", city="Town", country="GB",
                        targets=target_ids, channel="email", language="en", form_nonce=form_nonce(client))
            codes.append(client.post("/campaigns/ua-118-21/write", data=data).status_code)
        return codes

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = [code for codes in pool.map(submit, range(16)) for code in codes]
    assert results == [303] * 96
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 96


def test_the_file_mailbox_is_private_to_the_service_user(app, mailbox, monkeypatch):
    # Confirmation links and supporters' letters: no other user of the machine may read them,
    # not even the temporary file a message is written to before it takes its name.
    mailbox.mkdir()
    mailbox.chmod(0o755)  # as an earlier version left it
    temporary_modes = []
    replace = os.replace

    def replace_and_note(source, target):
        temporary_modes.append(stat.S_IMODE(os.stat(source).st_mode))
        replace(source, target)

    monkeypatch.setattr(os, "replace", replace_and_note)
    umask = os.umask(0o022)  # the usual one, which leaves files readable by all unless asked
    try:
        _queue(2)
        assert deliver_due() == 2
    finally:
        os.umask(umask)
    assert stat.S_IMODE(mailbox.stat().st_mode) == 0o700
    files = sorted(mailbox.iterdir())
    assert len(files) == 2 and [stat.S_IMODE(path.stat().st_mode) for path in files] == [0o600, 0o600]
    assert temporary_modes == [0o600, 0o600]
