"""The action POST under gunicorn against a bare one-insert Flask endpoint, and with SMTP blackholed.

    .venv/bin/python benchmarks/bench_action.py [--seconds 7] [--connections 16] [--gunicorn 2x1,3x1,2x4]

For SQLite (a temp file) and PostgreSQL when reachable (BENCH_DATABASE_URL, else TEST_DATABASE_URL,
else postgresql+psycopg://<user>@127.0.0.1:5432/test; a schema of its own, dropped afterwards):

1. `flask db upgrade` and `flask demo load` into the benchmark database.
2. Capacity: `gunicorn "app:create_app()"` on 127.0.0.1 with each --gunicorn setting (WORKERSxTHREADS;
   one thread is gunicorn's sync worker, which closes the connection after each answer; more is the
   gthread worker, which keeps it alive), configured only by environment variables: DATABASE_URL,
   SECRET_KEY, INSTANCE_PATH, RATELIMIT_ENABLED=false, no MAIL_SERVER. CSRF stays on: one GET of
   the form gives a session cookie and a csrf_token that every POST reuses (Flask-WTF tokens hold
   for the session for an hour). A load generator in a process of its own (benchmarks/_loadgen.py)
   runs `--connections` clients, each sending the next POST as soon as the last is answered (a
   closed loop, like wrk): the full form with channel=email, so each action writes its supporter,
   letters, counters and a confirmation row in the outbox. Every request has its own form_nonce
   and email; only a 303 counts as success. The setting with the most actions/s is kept.
3. The goal load: 400 POSTs/s offered at a fixed pace (an open loop, each timed from when it fell
   due, so a server that falls behind cannot hide it), for answered/s, p99 and errors.
4. A blackholed mail server: POSTs offered at half the capacity found in 2 (a pace the server
   keeps up with, so p99 shows the effect of the mail server rather than a queue), first as they
   are, then while `flask outbox work` (MAIL_SERVER pointing at a listener that accepts and never
   answers; MAIL_TIMEOUT default 20 s) hangs on it with a claimed batch of confirmations, and,
   for comparison, while a worker delivers the queued confirmations to a working local sink.
5. The ratio to the ceiling: a bare Flask endpoint that inserts one row (benchmarks/_bare.py) on
   the same database with the same engine options and SQLite locking, served beside the app with
   the setting kept in 2. The two are loaded in turns, `--turns` times each (the closed loop of 2),
   so that a machine whose speed drifts slows both sides of each pair alike; the pair with the
   median ratio is reported, with the lowest and highest. Then the bare endpoint gets the goal
   load of 3.
Afterwards the database must hold exactly one action and one confirmation per 303.

A Python load generator rather than wrk, so `make bench` needs nothing from apt. It shares the
two CPUs with the server, as wrk would; the output says how much CPU it took, and how much other
processes on the machine took meanwhile (a shared machine makes every figure lower). Timing is
printed, never asserted. The whole run takes about six minutes.
"""
from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _support import (LOOPBACK, Blackhole, OtherLoad, Processes, SMTPSink, clean_environment,  # noqa: E402
                      flask_command, free_port, machine_line, on_each_database, print_table, terminate_on_sigterm,
                      wait_for_http)

SLUG = "ua-118-21"
WRITE_PATH = f"/campaigns/{SLUG}/write"
GOAL_RATE, GOAL_P99, GOAL_RATIO, GOAL_BLACKHOLE_P99 = 400, 100.0, 0.4, 500.0
# Open loop: enough connections that 400/s at 100 ms each never waits for a free one.
OPEN_LOOP_CONNECTIONS = 64
APP, BARE = "app:create_app()", "benchmarks._bare:create_app()"
_INPUT = re.compile(r"<input\b[^>]*>")
_ATTRIBUTE = re.compile(r'([a-z_-]+)(?:="([^"]*)")?')


@dataclass(frozen=True)
class Setting:
    workers: int
    threads: int

    @classmethod
    def parse(cls, text: str) -> Setting:
        workers, _, threads = text.lower().partition("x")
        return cls(int(workers), int(threads or 1))

    def __str__(self) -> str:
        kind = "gthread" if self.threads > 1 else "sync"
        return f"{self.workers} workers x {self.threads} threads ({kind})"

    def arguments(self) -> list[str]:
        return ["--workers", str(self.workers), "--threads", str(self.threads),
                "--worker-class", "gthread" if self.threads > 1 else "sync", "--keep-alive", "5"]


@dataclass
class Run:
    setting: Setting
    result: dict

    @property
    def rate(self) -> float:
        return self.result["rate"]

    @property
    def p99(self) -> float:
        return self.result["p99"]

    @property
    def errors(self) -> int:
        return sum(self.result["errors"].values())

    def summary(self) -> str:
        r = self.result
        errors = ", ".join(f"{n} {kind}" for kind, n in r["errors"].items()) or "0 errors"
        return (f"{r['rate']:,.0f}/s, p50 {r['p50']:.1f} ms, p90 {r['p90']:.1f} ms, p99 {r['p99']:.1f} ms, "
                f"max {r['max']:.0f} ms, {errors}; CPUs used by the load generator {r['cpu_share']:.2f}, "
                f"by other processes on the machine {r['others']:.2f}")


def _form(port: int) -> tuple[str, str, list[str]]:
    """GET the form once: (session cookie, csrf_token, the targets ticked by default)."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=10)
    try:
        connection.request("GET", WRITE_PATH)
        response = connection.getresponse()
        html = response.read().decode()
        cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
    finally:
        connection.close()
    if response.status != 200 or not cookie:
        raise RuntimeError(f"GET {WRITE_PATH}: HTTP {response.status}, cookie {cookie!r}")
    return (cookie, *form_token_and_targets(html))


def form_token_and_targets(html: str) -> tuple[str, list[str]]:
    """From the form's page: its csrf_token and the targets ticked by default."""
    token, targets = None, []
    for tag in _INPUT.findall(html):
        attributes = dict(_ATTRIBUTE.findall(tag[len("<input"):]))
        if attributes.get("name") == "csrf_token":
            token = attributes.get("value")
        elif attributes.get("name") == "targets" and "checked" in attributes:
            targets.append(attributes["value"])
    if not token or not targets:
        raise RuntimeError("the form has no csrf_token or no target ticked")
    return token, targets


def form_fields(token: str, targets: list[str]) -> list[tuple[str, str]]:
    """The form as a supporter fills it in; {tag} becomes a different value in every request."""
    return [("csrf_token", token), ("form_nonce", "{tag}"), ("website", ""), ("name", "Alex Example"),
            ("email", "{tag}@example.org"), ("address_line1", ""), ("address_line2", ""), ("city", "Leeds"),
            ("postcode", "LS2 9JT"), ("country", "GB"), *(("targets", target) for target in targets),
            ("channel", "email"), ("language", "en"),
            ("personal_message", "Many of us in Leeds are following this case. Please let his family "
                                 "know where he is."), ]


def _load(port: int, path: str, cookie: str, fields: list, args, rate: float | None = None) -> dict:
    """Run the load generator in a process of its own: closed loop, or open loop at `rate`/s."""
    spec = {"host": LOOPBACK, "port": port, "path": path, "cookie": cookie, "fields": fields,
            "tag": "b" + secrets.token_hex(3), "connections": OPEN_LOOP_CONNECTIONS if rate else args.connections,
            "rate": rate, "grace": 5.0, "warmup": args.warmup, "duration": args.seconds,
            "max_requests": args.max_requests, "timeout": 15.0, "expect_status": 303}
    others = OtherLoad()
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "_loadgen.py")], input=json.dumps(spec),
                            capture_output=True, text=True, cwd=ROOT,
                            timeout=args.warmup + args.seconds + 60)
    if result.returncode != 0:
        raise RuntimeError(f"load generator failed:\n{result.stderr[-3000:]}")
    return dict(json.loads(result.stdout), others=others.cpus())


class Bench:
    """Serves the app or the bare endpoint under gunicorn, and loads it."""

    def __init__(self, args, processes: Processes, directory: Path) -> None:
        self.args, self.processes, self.directory = args, processes, directory
        self.cookie = self.token = None
        self.targets: list[str] = []

    @contextlib.contextmanager
    def serving(self, target: str, setting: Setting, env: dict, name: str):
        """gunicorn on a free loopback port; yields the port, stops every process of it afterwards."""
        port = free_port()
        log = self.directory / f"{name}.log"
        command = [sys.executable, "-m", "gunicorn", *setting.arguments(), "--bind", f"{LOOPBACK}:{port}",
                   "--log-level", "warning", target]
        process = self.processes.start(name, command, env=env, log=log)
        try:
            wait_for_http(port, WRITE_PATH if target == APP else "/ready", process=process, log=log)
            if target == APP:
                self.cookie, self.token, self.targets = _form(port)
            yield port
        finally:
            self.processes.stop(process)
            text = log.read_text(errors="replace").strip() if log.exists() else ""
            if text:
                print(f"   gunicorn said: {text[-1500:]}")

    def load(self, port: int, setting: Setting, rate: float | None, path: str = WRITE_PATH) -> Run:
        return Run(setting, _load(port, path, self.cookie, form_fields(self.token, self.targets), self.args, rate))


def _rows_written(url: str) -> tuple[int, int]:
    import sqlalchemy as sa

    import config as settings
    engine = sa.create_engine(url, **settings.engine_options(url))
    try:
        with engine.connect() as connection:
            actions = connection.execute(sa.text("SELECT count(*) FROM actions")).scalar_one()
            confirmations = connection.execute(sa.text(
                "SELECT count(*) FROM outbox_messages WHERE kind = 'confirmation'")).scalar_one()
    finally:
        engine.dispose()
    return actions, confirmations


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def bench(label: str, url: str, args, processes: Processes, directory: Path) -> list[tuple[str, ...]]:
    import _bare

    print(f"== {label}", flush=True)
    env = clean_environment(directory / f"instance-{label.lower()}", DATABASE_URL=url, RATELIMIT_ENABLED="false",
                            MAIL_SERVER=None, CELERY_BROKER_URL=None)
    flask_command("db", "upgrade", env=env)
    print(f"   {flask_command('demo', 'load', env=env)}", flush=True)
    _bare.create_table(url)
    bench_ = Bench(args, processes, directory)

    capacity = []
    for setting in args.gunicorn:
        with bench_.serving(APP, setting, env, f"{label}-action-{setting.workers}x{setting.threads}") as port:
            run = bench_.load(port, setting, None)
        print(f"   action POST, {setting}, {args.connections} connections: {run.summary()}", flush=True)
        capacity.append(run)
    # The best setting: the most actions/s among runs without errors, if any.
    best = max([run for run in capacity if not run.errors] or capacity, key=lambda run: run.rate)
    # The blackhole is compared at a pace the server keeps up with, so that p99 shows the
    # effect of the hung mail server rather than the queue of a saturated one.
    pace = max(10, round(best.rate / 2))
    with bench_.serving(APP, best.setting, env, f"{label}-action-paced") as port:
        offered = bench_.load(port, best.setting, GOAL_RATE)
        print(f"   action POST, {best.setting}, {GOAL_RATE}/s offered: {offered.summary()}", flush=True)
        calm = bench_.load(port, best.setting, pace)
        print(f"   action POST, {best.setting}, {pace}/s offered: {calm.summary()}", flush=True)
        with Blackhole() as blackhole:
            # The worker is the only process that gets MAIL_SERVER: the web never talks SMTP.
            worker = processes.start(f"{label} outbox worker",
                                     [sys.executable, "-m", "flask", "--app", "app", "outbox", "work"],
                                     env=dict(env, MAIL_SERVER=LOOPBACK, MAIL_PORT=str(blackhole.port)),
                                     log=directory / f"{label}-worker.log")
            try:
                deadline = time.monotonic() + 60
                while not blackhole.accepted and worker.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.1)  # until the worker has claimed a batch and hangs on the server
                held = bench_.load(port, best.setting, pace)
                hanging, waiting = len(blackhole.accepted), worker.poll() is None
            finally:
                processes.stop(worker)
        print(f"   action POST, {best.setting}, {pace}/s offered, SMTP blackholed ({hanging} connection(s) "
              f"hanging, worker {'still waiting' if waiting else 'EXITED'}): {held.summary()}", flush=True)
        with SMTPSink() as sink:
            # For comparison, a worker that works: it delivers the queued confirmations meanwhile.
            worker = processes.start(f"{label} outbox worker",
                                     [sys.executable, "-m", "flask", "--app", "app", "outbox", "work"],
                                     env=dict(env, MAIL_SERVER=LOOPBACK, MAIL_PORT=str(sink.port)),
                                     log=directory / f"{label}-worker-sink.log")
            try:
                busy = bench_.load(port, best.setting, pace)
            finally:
                processes.stop(worker)
            delivered = len(sink.collect())
        print(f"   action POST, {best.setting}, {pace}/s offered, worker delivering to a sink ({delivered:,} "
              f"delivered): {busy.summary()}", flush=True)

    # The ratio: the action and the bare endpoint served side by side, with the same setting,
    # and loaded in turns. A machine whose speed drifts (a shared one does, by a third within
    # minutes) then slows both sides of each pair alike; the median pair is the one reported.
    with bench_.serving(APP, best.setting, env, f"{label}-action-ratio") as port, \
            bench_.serving(BARE, best.setting, env, f"{label}-bare") as bare_port:
        pairs = []
        for turn in range(1, args.turns + 1):
            action, bare = bench_.load(port, best.setting, None), bench_.load(bare_port, best.setting, None, "/hit")
            print(f"   turn {turn}: action POST {action.summary()}", flush=True)
            print(f"   turn {turn}: bare insert {bare.summary()}", flush=True)
            pairs.append((action, bare))
        bare_offered = bench_.load(bare_port, best.setting, GOAL_RATE, "/hit")
        print(f"   bare insert, {best.setting}, {GOAL_RATE}/s offered: {bare_offered.summary()}", flush=True)
    pairs.sort(key=lambda pair: pair[0].rate / pair[1].rate)
    action, bare = pairs[len(pairs) // 2]
    ratio = action.rate / bare.rate
    spread = f"{pairs[0][0].rate / pairs[0][1].rate:.2f}–{pairs[-1][0].rate / pairs[-1][1].rate:.2f}"

    action_runs, bare_runs = [pair[0] for pair in pairs], [pair[1] for pair in pairs]

    actions, confirmations = _rows_written(url)
    expected = sum(run.result["total_ok"] for run in (*capacity, offered, calm, held, busy, *action_runs))
    written_ok = actions == confirmations == expected
    runs = (*capacity, offered, calm, held, busy, *action_runs, *bare_runs, bare_offered)
    others = sum(run.result["others"] for run in runs) / len(runs)
    offered_ok = offered.rate >= GOAL_RATE * 0.98 and offered.p99 < GOAL_P99 and not offered.errors
    return [
        (f"action POST, {label} (actions/s, {args.connections} connections)", f"{action.rate:,.0f}",
         f"{bare.rate:,.0f} bare insert", f"{ratio:.2f}", f"ratio >= {GOAL_RATIO}: {_met(ratio >= GOAL_RATIO)}"),
        (f"  ratio in each of {len(pairs)} turns, lowest–highest", spread, "", "", "the median is above"),
        ("  p50 / p99 at that load (ms)", f"{action.result['p50']:,.1f} / {action.p99:,.1f}",
         f"{bare.result['p50']:,.1f} / {bare.p99:,.1f} bare", "", ""),
        ("  errors (anything but a 303), all turns", _errors(action_runs), _errors(bare_runs) + " bare", "", "0"),
        (f"  {GOAL_RATE}/s offered: answered/s, p99 (ms), errors", _offered(offered), _offered(bare_offered) + " bare",
         "", f">= {GOAL_RATE}/s, p99 < {GOAL_P99:.0f} ms, 0 errors: {_met(offered_ok)}"),
        ("  gunicorn", f"{best.setting}", "same", "", f"best of {len(capacity)}"),
        ("  CPUs used by other processes meanwhile", f"{others:.2f} of {os.cpu_count()}", "", "",
         "0 on a quiet machine"),
        (f"  {pace}/s offered, SMTP blackholed + worker: p99 (ms)", f"{held.p99:,.1f}",
         f"{calm.p99:,.1f} normal", "",
         f"< {GOAL_BLACKHOLE_P99:.0f} ms: {_met(held.p99 < GOAL_BLACKHOLE_P99 and not held.errors)}"),
        ("  answered/s, errors in that condition", f"{held.rate:,.0f}/s, {held.errors}",
         f"{calm.rate:,.0f}/s, {calm.errors} normal", "", ""),
        (f"  {pace}/s offered, worker delivering to a sink: p99 (ms)", f"{busy.p99:,.1f}",
         f"{calm.p99:,.1f} normal", "", f"for comparison ({delivered:,} delivered meanwhile)"),
        ("  actions and confirmations written", f"{actions:,} / {confirmations:,}", f"{expected:,} 303s", "",
         f"one each per 303: {'yes' if written_ok else 'NO'}"),
    ]


def _errors(runs: list[Run]) -> str:
    return f"{sum(run.errors for run in runs):,} of {sum(run.result['total'] for run in runs):,}"


def _offered(run: Run) -> str:
    return f"{run.rate:,.0f}/s, {run.p99:,.1f}, {run.errors:,}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=7.0, help="measured load per run")
    parser.add_argument("--warmup", type=float, default=2.0, help="load before measuring, per run")
    parser.add_argument("--connections", type=int, default=16, help="concurrent keep-alive clients")
    parser.add_argument("--max-requests", type=int, default=30_000, help="bound on requests per run")
    parser.add_argument("--turns", type=int, default=3, help="action and bare runs, in turns, for the ratio")
    parser.add_argument("--gunicorn", type=lambda text: [Setting.parse(s) for s in text.split(",")],
                        default=[Setting(2, 1), Setting(3, 1), Setting(2, 4)],
                        help="WORKERSxTHREADS[,…]; the best is used")
    args = parser.parse_args()
    terminate_on_sigterm()
    print(machine_line())
    print(f"load: {args.connections} keep-alive connections, {args.warmup:g} s warm-up + {args.seconds:g} s measured "
          f"per run; gunicorn settings tried: {', '.join(map(str, args.gunicorn))}", flush=True)
    processes = Processes()
    try:
        rows = on_each_database(lambda label, url, directory: bench(label, url, args, processes, directory))
    finally:
        processes.stop_all()
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
