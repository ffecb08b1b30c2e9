"""Delivery under faults: nothing lost, no duplicate but for a killed worker, recovery in seconds.

    .venv/bin/python benchmarks/bench_faults.py [--messages 5100] [--duration 85] [--runners loop,celery]
                                                [--databases sqlite,postgresql]

For SQLite (a temp file migrated like production, with the demo loaded) and PostgreSQL when
reachable (as the other benchmarks: a schema of its own, dropped afterwards), and for each
runner: two `flask outbox work` loops, then two Celery workers with beat on Redis
(BENCH_CELERY_BROKER_URL, else redis://127.0.0.1:6379/14; a queue of its own). A producer
process enqueues `--messages` emails at a steady rate over `--duration` seconds, each committed
on its own as a web request does (40% confirmations, 40% letters, 20% update emails). Meanwhile:

- the mail server, aiosmtpd in a process of its own, answers 421 or 451 to 10% of messages
  (every attempt is a new draw) and drops the connection under 1% of them, until the producer
  stops;
- it is stopped for 20 s (from 30% of the run) and started again on the same port;
- one worker is killed with SIGKILL, its whole process group, at 15% and at 85% of the run
  (at least 10 s after the outage), and started again a second later.

The server writes down every answer it gives, with the outbox row named by the message's VERP
envelope sender. Printed per database and runner: messages delivered, lost (rows the server
never accepted), duplicates (rows it accepted more than once), seconds from the last fault (the
last injected refusal or drop, the server's restart, or the last kill) to the last delivery,
and p50/p99 from enqueue to acceptance for confirmation emails. Goals: 0 lost, at most one
duplicate per kill, all delivered within 30 s of the last fault, confirmations' p99 under 30 s.
The run exits 1 if a goal is missed. Figures are printed, never asserted by the tests.
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import multiprocessing
import os
import random
import re
import secrets
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _support import (LOOPBACK, SECRET_KEY, OtherLoad, Processes, clean_environment, flask_command,  # noqa: E402
                      free_port, machine_line, postgresql_base_url, postgresql_schema, print_table,
                      terminate_on_sigterm, verdict)

TEMPORARY_SHARE = 0.10      # of messages answered 421 or 451
DROPPED_SHARE = 0.01        # of messages whose connection is dropped before an answer
OUTAGE_SECONDS = 20.0
GOAL_DRAIN = 30.0           # seconds from the last fault to the last delivery
GOAL_P99 = 30.0             # seconds from enqueue to acceptance, confirmations
DRAIN_TIMEOUT = 180.0       # after the last fault, how long the run waits for the queue to empty
BROKER = os.environ.get("BENCH_CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
_VERP = re.compile(r"\+(\d+)-")


# --- the mail server ---------------------------------------------------------------------------

def _server_main(port: int, log_path: str, seed: int, faults_on, closing, stop, ready) -> None:
    """aiosmtpd answering as described above; every answer is a line: code, row id, wall time."""
    from aiosmtpd.controller import Controller

    draw = random.Random(seed)
    log = open(log_path, "a", buffering=1)

    def note(code: str, mail_from: str) -> None:
        match = _VERP.search(mail_from or "")
        log.write(f"{code}\t{match.group(1) if match else '-'}\t{time.time():.6f}\n")

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            if closing.is_set():  # going down: nothing more is accepted, so nothing is half-accepted
                return "421 4.3.2 Shutting down"
            if faults_on.is_set():
                roll = draw.random()
                if roll < DROPPED_SHARE:
                    note("drop", envelope.mail_from)
                    server.transport.abort()
                    return "421 4.4.2 Connection dropped"
                if roll < DROPPED_SHARE + TEMPORARY_SHARE:
                    code = draw.choice(("421", "451"))
                    note(code, envelope.mail_from)
                    return f"{code} 4.7.1 Try again later"
            note("250", envelope.mail_from)
            return "250 OK"

    controller = Controller(Handler(), hostname=LOOPBACK, port=port)
    controller.start()
    ready.set()
    try:
        stop.wait()
    finally:
        controller.stop()
        log.close()


class FaultyServer:
    """The mail server above in a process of its own, which can be stopped and started again."""

    def __init__(self, log_path: Path) -> None:
        self._context = multiprocessing.get_context("spawn")
        self.port = free_port()
        self.log_path = log_path
        self.faults_on = self._context.Event()
        self.faults_on.set()
        self._process = None
        self._closing = self._stop = None

    def start(self) -> float:
        self._closing, self._stop, ready = self._context.Event(), self._context.Event(), self._context.Event()
        self._process = self._context.Process(
            target=_server_main, daemon=True,
            args=(self.port, str(self.log_path), secrets.randbits(32), self.faults_on, self._closing, self._stop,
                  ready))
        self._process.start()
        if not ready.wait(30):
            raise RuntimeError("the mail server did not start")
        return time.time()

    def stop(self) -> None:
        if self._process is None:
            return
        self._closing.set()
        time.sleep(0.5)  # what is being answered now gets its answer
        self._stop.set()
        self._process.join(15)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        self._process = None


@dataclass
class Answers:
    accepted: Counter = field(default_factory=Counter)      # row id → times accepted
    first_accepted: dict[int, float] = field(default_factory=dict)
    last_accepted: float = 0.0
    faults: Counter = field(default_factory=Counter)        # 421 / 451 / drop → how many
    last_fault: float = 0.0


def read_answers(path: Path) -> Answers:
    answers = Answers()
    for line in path.read_text().splitlines():
        code, row_id, at = line.split("\t")
        moment = float(at)
        if code == "250":
            if row_id != "-":
                answers.accepted[int(row_id)] += 1
                answers.first_accepted.setdefault(int(row_id), moment)
            answers.last_accepted = max(answers.last_accepted, moment)
        else:
            answers.faults[code] += 1
            answers.last_fault = max(answers.last_fault, moment)
    return answers


# --- the producer ------------------------------------------------------------------------------

def _produce(url: str, settings: dict, count: int, duration: float, ready, go, done) -> None:
    """Enqueue `count` emails at a steady rate, one commit each, as web requests would."""
    from datetime import date

    from sqlalchemy import select

    from app import create_app
    from campaigns.demo import UA_NUMBER
    from extensions import db, writing
    from letters.compose import Writer, as_plain_text, compose
    from letters.email import confirmation_message, mailbox
    from models import Campaign
    from outbox.delivery import enqueue
    from theme import render_email

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY, "MAIL_SERVER": None,
                      "RATELIMIT_ENABLED": False, "BASE_URL": "https://ua.example.org", **settings})
    with app.test_request_context():
        campaign = db.session.scalar(select(Campaign).where(Campaign.ua_number == UA_NUMBER))
        targets = campaign.ordered_targets
        writer = Writer(name="Alex Example", address=("Leeds", "United Kingdom"), town="Leeds",
                        country_name="United Kingdom", personal_message="Please let his family know where he is.")
        composed = compose(campaign, targets[0], writer, language="en", today=date.today())
        letter = render_email("email/letter", letter_text=as_plain_text(composed), is_test_mode=False,
                              real_recipients=["official@example.org"], composed=composed)
        org = app.config["ORG_NAME"]
        ready.set()
        go.wait()
        started = time.monotonic()
        for number in range(count):
            time.sleep(max(0.0, started + number * duration / count - time.monotonic()))
            to = f"person.{number}@example.org"
            kind = ("confirmation", "confirmation", "letter", "letter", "update")[number % 5]
            if kind == "confirmation":
                fields = confirmation_message(campaign, name=f"Person {number}", email=to,
                                              secret=secrets.token_urlsafe(16), targets=targets)
            elif kind == "letter":
                fields = dict(kind="letter", campaign_id=campaign.id, subject=composed.subject,
                              sender=mailbox(f"Person {number} via {org}", app.config["MAIL_DEFAULT_SENDER"]),
                              recipients=[f"official.{number}@example.org"], body_text=letter.text,
                              body_html=letter.html, headers={"Reply-To": mailbox(f"Person {number}", to)})
            else:
                fields = dict(kind="update", campaign_id=campaign.id, sender=app.config["MAIL_DEFAULT_SENDER"],
                              recipients=[to], subject=f"{UA_NUMBER}: the action continues",
                              body_text="The action continues. " * 40, body_html="<p>The action continues.</p>" * 40,
                              headers={"List-Id": f'"{UA_NUMBER} updates" <{campaign.slug}.updates.uadesk.invalid>',
                                       "List-Unsubscribe": "<https://ua.example.org/u/token>",
                                       "Precedence": "bulk"})
            with writing():
                enqueue(**fields)
                db.session.commit()  # with Celery, this commit asks a worker to start
        db.session.remove()
    done.set()


# --- one run -----------------------------------------------------------------------------------

@dataclass
class Outcome:
    rows: int
    delivered: int
    lost: int
    duplicates: int
    kills: int
    drain: float                 # seconds from the last fault to the last delivery
    confirmation_delays: list[float]
    slowest: list[tuple[float, float]]   # (delay, queued at: seconds into the run), the five longest
    faults: Counter
    kill_times: list[float]              # seconds into the run
    outage: tuple[float, float]
    last_fault: float
    statuses: dict[str, int]
    others: float


def _workers(runner: str, name: str, env: dict, processes: Processes, directory: Path):
    if runner == "loop":
        command = [sys.executable, "-m", "flask", "--app", "app", "outbox", "work"]
    else:
        command = [sys.executable, "-m", "celery", "-A", "outbox.worker", "worker", "--concurrency", "1",
                   "--queues", env["CELERY_QUEUE"], "--hostname", f"{name}@%h", "--without-gossip",
                   "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING"]
    return processes.start(name, command, env=env, log=directory / f"{name}.log")


def _kill(process, processes: Processes) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    processes.stop(process)


def run(url: str, runner: str, args, processes: Processes, directory: Path) -> Outcome:
    from sqlalchemy import func, select

    from app import create_app
    from extensions import db
    from models import OutboxMessage, OutboxStatus

    directory.mkdir(parents=True, exist_ok=True)
    queue = f"uadesk-bench-{secrets.token_hex(4)}"
    celery = {"CELERY_BROKER_URL": BROKER, "CELERY_QUEUE": queue} if runner == "celery" else {}
    server = FaultyServer(directory / "answers.tsv")
    env = clean_environment(directory / "instance", DATABASE_URL=url, MAIL_SERVER=LOOPBACK,
                            MAIL_PORT=str(server.port), **celery)
    flask_command("db", "upgrade", env=env)
    flask_command("demo", "load", env=env)
    context = multiprocessing.get_context("spawn")
    ready, go, done = context.Event(), context.Event(), context.Event()
    producer = context.Process(target=_produce, daemon=True,
                               args=(url, celery, args.messages, args.duration, ready, go, done))
    producer.start()
    kills: list[float] = []
    went = stopped_at = restarted_at = 0.0
    try:
        server.start()
        workers = [_workers(runner, f"worker{n}", env, processes, directory) for n in (1, 2)]
        if runner == "celery":
            processes.start("beat", [sys.executable, "-m", "celery", "-A", "outbox.worker", "beat", "--schedule",
                                     str(directory / "beat-schedule"), "--loglevel", "WARNING"],
                            env=env, log=directory / "beat.log")
        if not ready.wait(120):
            raise RuntimeError("the producer did not start")
        time.sleep(3)  # the workers are up
        others = OtherLoad()
        started, went = time.monotonic(), time.time()
        go.set()

        def at(share: float) -> None:
            time.sleep(max(0.0, started + share * args.duration - time.monotonic()))

        at(0.15)
        kills.append(time.time())
        _kill(workers[0], processes)
        time.sleep(1)
        workers[0] = _workers(runner, "worker1", env, processes, directory)
        at(0.30)
        stopped_at = time.time()
        server.stop()
        time.sleep(OUTAGE_SECONDS)
        restarted_at = server.start()
        # The second kill on its own, not while the outage's backlog is still going out.
        time.sleep(max(0.0, started + 0.85 * args.duration - time.monotonic(), 10.0))
        kills.append(time.time())
        _kill(workers[0], processes)
        time.sleep(1)
        workers[0] = _workers(runner, "worker1", env, processes, directory)
        if not done.wait(args.duration + 120):
            raise RuntimeError("the producer did not finish")
        server.faults_on.clear()

        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY})
        with app.app_context():
            deadline = time.monotonic() + DRAIN_TIMEOUT
            while time.monotonic() < deadline and db.session.scalar(
                    select(func.count()).where(OutboxMessage.status == OutboxStatus.pending)):
                db.session.remove()
                time.sleep(0.5)
            others = others.cpus()
            rows = db.session.execute(select(OutboxMessage.id, OutboxMessage.kind, OutboxMessage.created_at)).all()
            statuses = {status.value: n for status, n in db.session.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all()}
            db.session.remove()
            db.engine.dispose()
    finally:
        for name, process in list(processes.running):
            if name.startswith(("worker", "beat")):
                processes.stop(process)
        server.stop()
        if producer.is_alive():
            producer.kill()
        producer.join(5)
        if runner == "celery":
            with contextlib.suppress(Exception):
                import redis
                redis.Redis.from_url(BROKER).delete(queue)
    answers = read_answers(server.log_path)
    ids = {row_id for row_id, _, _ in rows}
    last_fault = max([answers.last_fault, restarted_at, *kills])
    delays = [(answers.first_accepted[row_id] - created_at.timestamp(), created_at.timestamp() - went)
              for row_id, kind, created_at in rows if kind == "confirmation" and row_id in answers.first_accepted]
    return Outcome(
        rows=len(ids), delivered=len(ids & set(answers.accepted)), lost=len(ids - set(answers.accepted)),
        duplicates=sum(n - 1 for n in answers.accepted.values()), kills=len(kills),
        drain=answers.last_accepted - last_fault, confirmation_delays=[delay for delay, _ in delays],
        slowest=sorted(delays, reverse=True)[:5], faults=answers.faults,
        kill_times=[at - went for at in kills], outage=(stopped_at - went, restarted_at - went),
        last_fault=last_fault - went,
        statuses=statuses, others=others)


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(label: str, runner: str, outcome: Outcome) -> tuple[list[tuple[str, ...]], bool]:
    p50 = statistics.median(outcome.confirmation_delays) if outcome.confirmation_delays else float("nan")
    p99 = _percentile(outcome.confirmation_delays, 0.99)
    goals = {
        "lost": outcome.lost == 0,
        "duplicates": outcome.duplicates <= outcome.kills,
        "drain": outcome.drain <= GOAL_DRAIN,
        "p99": p99 < GOAL_P99,
    }
    faults = ", ".join(f"{outcome.faults[code]:,} × {code}" for code in ("421", "451", "drop"))
    name = f"{label}, {runner}"
    rows = [
        (f"{name}: delivered", f"{outcome.delivered:,} of {outcome.rows:,}", f"outbox {outcome.statuses}", ""),
        (f"{name}: lost", f"{outcome.lost:,}", "", f"0: {verdict(goals['lost'])}"),
        (f"{name}: duplicates", f"{outcome.duplicates:,}", f"{outcome.kills} kills",
         f"<= 1 per kill: {verdict(goals['duplicates'])}"),
        (f"{name}: last fault to last delivery", f"{outcome.drain:.1f} s", "",
         f"<= {GOAL_DRAIN:.0f} s: {verdict(goals['drain'])}"),
        (f"{name}: confirmations, enqueue to acceptance", f"p50 {p50:.1f} s, p99 {p99:.1f} s",
         f"{len(outcome.confirmation_delays):,} confirmations", f"p99 < {GOAL_P99:.0f} s: {verdict(goals['p99'])}"),
        (f"{name}: faults injected", faults, f"1 outage of {OUTAGE_SECONDS:.0f} s",
         f"CPUs used by other processes {outcome.others:.2f}"),
    ]
    return rows, all(goals.values())


def _runs(directory: Path, kinds: list[str], runners: list[str]) -> Iterator[tuple[str, str, str, Path]]:
    """(database label, runner, url, folder): a fresh database for every run."""
    if "sqlite" in kinds:
        for runner in runners:
            yield ("SQLite", runner, f"sqlite:///{directory / f'faults-{runner}.sqlite3'}",
                   directory / f"sqlite-{runner}")
    base = postgresql_base_url() if "postgresql" in kinds else None
    if base:
        for runner in runners:
            with postgresql_schema(base) as url:
                yield "PostgreSQL", runner, url, directory / f"postgresql-{runner}"


def _redis_reachable() -> bool:
    try:
        import redis
        redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
        return True
    except Exception as error:  # unreachable: the run goes on with the loop alone
        print(f"Redis not reachable at {BROKER}: {type(error).__name__}; skipping the Celery runs")
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5100)
    parser.add_argument("--duration", type=float, default=85.0, help="seconds over which the producer enqueues")
    parser.add_argument("--runners", default="loop,celery", help="loop, celery or both, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql or both")
    args = parser.parse_args()
    if args.duration < OUTAGE_SECONDS * 2:
        parser.error(f"--duration must leave room for the {OUTAGE_SECONDS:.0f} s outage: at least "
                     f"{OUTAGE_SECONDS * 2:.0f} s")
    runners = [runner.strip() for runner in args.runners.split(",") if runner.strip()]
    if "celery" in runners and not _redis_reachable():
        runners.remove("celery")
    terminate_on_sigterm()
    logging.disable(logging.INFO)
    print(machine_line())
    print(f"{args.messages:,} messages over {args.duration:g} s; runners: {', '.join(runners)}; 10% answered "
          f"421/451, 1% dropped, a {OUTAGE_SECONDS:.0f} s outage, a worker killed twice", flush=True)
    table: list[tuple[str, ...]] = []
    met = True
    processes = Processes()
    try:
        with tempfile.TemporaryDirectory() as directory:
            kinds = [kind.strip() for kind in args.databases.split(",")]
            with contextlib.closing(_runs(Path(directory), kinds, runners)) as each:
                for label, runner, url, folder in each:
                    print(f"== {label}, {runner}", flush=True)
                    outcome = run(url, runner, args, processes, folder)
                    rows, ok = report(label, runner, outcome)
                    for row in rows:
                        print("   " + "  ".join(cell for cell in row if cell), flush=True)
                    print("   slowest confirmations: " + ", ".join(
                        f"{delay:.1f} s (queued {at:.1f} s in)" for delay, at in outcome.slowest), flush=True)
                    print(f"   kills at {', '.join(f'{at:.1f}' for at in outcome.kill_times)} s, outage "
                          f"{outcome.outage[0]:.1f}–{outcome.outage[1]:.1f} s, last fault {outcome.last_fault:.1f} s "
                          f"into the run", flush=True)
                    table.extend(rows)
                    met = met and ok
    finally:
        processes.stop_all()
    print()
    print_table(table, header=("measure", "value", "context", "goal"))
    if not met:
        sys.exit(1)


if __name__ == "__main__":
    main()
