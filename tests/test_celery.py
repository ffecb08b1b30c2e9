"""Celery workers on the real Redis deliver what web requests queue, started by the commit."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time

import pytest
import redis

from sqlalchemy import select

from extensions import db
from models import OutboxMessage
from outbox.delivery import enqueue
from tests.conftest import TEST_SECRET_KEY
from tests.smtp_sink import SMTPSink, free_port

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def broker() -> str:
    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis not reachable at {BROKER}: {error}")
    return BROKER


def test_a_celery_worker_delivers_after_the_commit(make_app, database_url, broker, tmp_path):
    queue = f"uadesk-test-{secrets.token_hex(4)}"
    sink = SMTPSink().start()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MAIL_", "DATABASE_"))}
    env.update(DATABASE_URL=database_url, SECRET_KEY=TEST_SECRET_KEY, CELERY_BROKER_URL=broker,
               CELERY_QUEUE=queue, MAIL_SERVER="127.0.0.1", MAIL_PORT=str(sink.port), MAIL_TIMEOUT="5",
               INSTANCE_PATH=str(tmp_path), PYTHONPATH=ROOT)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "outbox.worker", "worker", "--concurrency", "2",
         "--queues", queue, "--without-gossip", "--without-mingle", "--without-heartbeat",
         "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        app = make_app(CELERY_BROKER_URL=broker, CELERY_QUEUE=queue, MAIL_SERVER="127.0.0.1",
                       MAIL_PORT=sink.port)
        with app.app_context():
            subjects = [f"Via Celery {n}" for n in range(20)]
            for subject in subjects:
                enqueue(kind="test", sender="actions@uadesk.invalid", recipients=["someone@example.org"],
                        subject=subject, body_text="x")
            db.session.commit()  # this commit, not a timer, starts the workers
            sink.wait_for(20, timeout=60)
        assert sorted(sink.subjects()) == sorted(subjects)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        sink.stop()
        redis.Redis.from_url(BROKER).delete(queue)


def _worker_env(database_url: str, broker: str, queue: str, port: int, tmp_path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MAIL_", "DATABASE_", "CELERY_"))}
    env.update(DATABASE_URL=database_url, SECRET_KEY=TEST_SECRET_KEY, CELERY_BROKER_URL=broker,
               CELERY_QUEUE=queue, MAIL_SERVER="127.0.0.1", MAIL_PORT=str(port), MAIL_TIMEOUT="5",
               INSTANCE_PATH=str(tmp_path), PYTHONPATH=ROOT)
    return env


def _celery_worker(env: dict, queue: str, log, loglevel: str = "WARNING") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "outbox.worker", "worker", "--concurrency", "1", "--queues", queue,
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", loglevel],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def _end(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def test_a_celery_worker_starts_without_registering_a_task_twice(database_url, broker, tmp_path):
    queue = f"uadesk-test-{secrets.token_hex(4)}"
    output = tmp_path / "worker.log"
    with output.open("wb") as log:
        worker = _celery_worker(_worker_env(database_url, broker, queue, free_port(), tmp_path), queue, log,
                                loglevel="INFO")
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and " ready." not in output.read_text(errors="replace"):
                assert worker.poll() is None, output.read_text(errors="replace")
                time.sleep(0.2)
        finally:
            _end(worker)
            redis.Redis.from_url(BROKER).delete(queue)
    text = output.read_text(errors="replace")
    assert " ready." in text
    assert "DuplicateTaskNameWarning" not in text


def test_after_an_outage_a_celery_worker_goes_on_without_waiting_for_beat(make_app, database_url, broker, tmp_path):
    queue = f"uadesk-test-{secrets.token_hex(4)}"
    port = free_port()  # nothing listens there yet: the mail server is down
    worker = _celery_worker(_worker_env(database_url, broker, queue, port, tmp_path), queue, subprocess.DEVNULL)
    sink = SMTPSink(port)
    try:
        app = make_app(CELERY_BROKER_URL=broker, CELERY_QUEUE=queue, MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
        with app.app_context():
            for n in range(3):
                enqueue(kind="test", sender="actions@uadesk.invalid", recipients=["someone@example.org"],
                        subject=f"After the outage {n}", body_text="x")
            db.session.commit()  # starts a task, which finds the server down and postpones the mail
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and not db.session.scalar(
                    select(OutboxMessage.last_error).where(OutboxMessage.last_error.is_not(None)).limit(1)):
                db.session.expire_all()
                time.sleep(0.1)
            sink.start()
            # No beat runs here: the task that postponed the mail delivers it once it is due again.
            sink.wait_for(3, timeout=60)
    finally:
        _end(worker)
        sink.stop()
        redis.Redis.from_url(BROKER).delete(queue)
    assert sorted(sink.subjects()) == [f"After the outage {n}" for n in range(3)]


def test_without_a_broker_a_commit_that_queues_mail_never_imports_celery(database_url, tmp_path):
    # Importing Celery costs a web worker a noticeable pause on its first action; with no
    # broker there is nobody to tell, and `flask outbox work` finds the row by itself.
    script = (
        "import sys\n"
        "from app import create_app\n"
        "from extensions import db\n"
        "from outbox.delivery import enqueue\n"
        f"app = create_app({{'SQLALCHEMY_DATABASE_URI': {database_url!r}, 'SECRET_KEY': 'x' * 32}})\n"
        "with app.app_context():\n"
        "    enqueue(kind='test', sender='actions@uadesk.invalid', recipients=['someone@example.org'],\n"
        "            subject='No broker', body_text='x')\n"
        "    db.session.commit()\n"
        "print('celery' in sys.modules)\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MAIL_", "DATABASE_", "CELERY_"))}
    env.update(INSTANCE_PATH=str(tmp_path), PYTHONPATH=ROOT)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
