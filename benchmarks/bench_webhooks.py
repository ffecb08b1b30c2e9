"""Webhook delivery to a local receiver with two workers, against a bare loop of HTTP POSTs in the same run.

    .venv/bin/python benchmarks/bench_webhooks.py [--deliveries 5000] [--workers 2]

For SQLite (a temp file migrated like production) and PostgreSQL when reachable (as bench_delivery.py):
register one endpoint on a receiver at 127.0.0.1 (loopback is allowed because the app runs with
TESTING on, as webhooks/targets.py says), queue `--deliveries` action.taken events with
webhooks.events.emit (a real payload's size, 1,000 per transaction, each transaction's wake-up job
with it), then start two worker processes, each running the job loop (outbox.jobs.run_due_jobs) as
`flask outbox work` does, and time them from a common start until no delivery is pending. The
receiver is http.server (HTTP/1.1, kept-alive connections, a thread per connection) in a process
of its own; it records each UA-Desk-Delivery header, so the run checks that every delivery
arrived exactly once and verifies a sample of signatures.

The ceiling is a bare loop of http.client POSTs over one kept-alive connection, sending the very
same bodies to the same kind of receiver: what a sender that neither signs, nor reads, nor writes
the database could do. Timing is printed, never asserted.
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import logging
import multiprocessing
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _support import (LOOPBACK, SECRET_KEY, OtherLoad, machine_line, on_each_database, print_table,  # noqa: E402
                      verdict)
from _workers import rows_by_status, run_workers  # noqa: E402

GOAL_RATE = 300
PER_TRANSACTION = 1000


def _receiver_main(ready, commands, results) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[str] = []
    sample: list[tuple[bytes, str]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body leave in two writes: with Nagle's algorithm on, the body waits for the
        # sender's delayed ACK (40 ms) and every POST, ours or the bare loop's, takes that long.
        # Servers a CRM runs behind (nginx: tcp_nodelay on) do the same.
        disable_nagle_algorithm = True

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen.append(self.headers.get("UA-Desk-Delivery", "-"))
            if len(sample) < 20 and "UA-Desk-Signature" in self.headers:
                sample.append((body, self.headers["UA-Desk-Signature"]))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((LOOPBACK, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.put(server.server_address[1])
    while commands.get() == "collect":  # what arrived since the last look
        results.put((list(seen), list(sample)))
        seen.clear()
        sample.clear()
    server.shutdown()


class Receiver:
    """http.server in a process of its own (no GIL shared with the senders), kept for the whole run."""

    def __enter__(self) -> Receiver:
        context = multiprocessing.get_context("spawn")
        self._ready, self._commands, self._results = context.Queue(), context.Queue(), context.Queue()
        self._process = context.Process(target=_receiver_main, args=(self._ready, self._commands, self._results))
        self._process.start()
        self.port = self._ready.get(timeout=60)
        return self

    def collect(self) -> tuple[list[str], list[tuple[bytes, str]]]:
        self._commands.put("collect")
        return self._results.get(timeout=60)

    def __exit__(self, *exc) -> None:
        self._commands.put("stop")
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()


def _app(url: str):
    from app import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY, "MAIL_SERVER": None,
                       "TESTING": True, "RATELIMIT_ENABLED": False, "BASE_URL": "https://ua.example.org"})


def _payload(number: int) -> dict:
    """An action.taken payload as webhooks/events.py builds it, with made-up values."""
    return {
        "action": {"id": number, "channel": "pdf", "language": "en", "created_at": "2026-12-07T10:00:00+00:00"},
        "campaign": {"id": 1, "slug": "ua-118-21", "ua_number": "UA 118/21",
                     "title": "TURKMENISTAN: Opposition Activist At Risk Of Torture"},
        "officials": [{"id": 1, "name": "President Serdar Berdimuhamedov, President of Turkmenistan"},
                      {"id": 2, "name": "His Excellency Meret Orazov, Ambassador"}],
        "supporter": {"id": number, "ref": f"{number:032x}", "name": f"Alex Example {number}",
                      "email": f"alex.example.{number}@example.org", "email_confirmed": False, "town": "Leeds",
                      "country": "GB"},
        "consent": {"updates": number % 2 == 0, "address_kept": True, "copy": False},
    }


def _queue(url: str, port: int, count: int) -> tuple[str, list[bytes]]:
    """Migrate, register an endpoint on the receiver, emit `count` events; (its secret, the bodies)."""
    import flask_migrate
    from sqlalchemy import select

    from extensions import db, writing
    from models import WebhookDelivery
    from organisers.audit import COMMAND_LINE
    from webhooks.events import ACTION_TAKEN, emit
    from webhooks.services import register_endpoint

    app = _app(url)
    with app.app_context():
        flask_migrate.upgrade()
        with writing():
            secret = register_endpoint(f"http://{LOOPBACK}:{port}/hooks", [ACTION_TAKEN], actor=COMMAND_LINE).secret
            db.session.commit()
            for number in range(count):
                emit(ACTION_TAKEN, _payload(number), person_ref=f"{number:032x}", campaign_id=1)
                if number % PER_TRANSACTION == PER_TRANSACTION - 1:
                    db.session.commit()
            db.session.commit()
        bodies = [body.encode() for body in db.session.scalars(select(WebhookDelivery.body)
                                                               .order_by(WebhookDelivery.id))]
        db.session.remove()
        db.engine.dispose()
    return secret, bodies


def _bare_loop(receiver: Receiver, bodies: list[bytes]) -> tuple[float, int, float]:
    """The ceiling: the same bodies POSTed over one kept-alive http.client connection, nothing else."""
    connection = http.client.HTTPConnection(LOOPBACK, receiver.port, timeout=20)
    others = OtherLoad()
    started = time.perf_counter()
    for body in bodies:
        connection.request("POST", "/hooks", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
    elapsed = time.perf_counter() - started
    others = others.cpus()
    connection.close()
    seen, _sample = receiver.collect()
    return len(bodies) / elapsed, len(seen), others


def _worker(url: str, gate) -> None:
    """One worker: the job loop, as `flask outbox work` runs it, until no delivery is pending."""
    from sqlalchemy import func, select, text

    from extensions import db
    from models import DeliveryStatus, WebhookDelivery
    from outbox.jobs import run_due_jobs

    app = _app(url)
    with app.app_context():
        db.session.execute(text("SELECT 1"))
        db.session.remove()
        gate.start()
        steps = 0
        while True:
            ran = run_due_jobs(time_budget=5.0)
            steps += ran
            db.session.remove()
            if not ran:
                pending = db.session.scalar(select(func.count()).select_from(WebhookDelivery).where(
                    WebhookDelivery.status == DeliveryStatus.pending))
                db.session.remove()
                if not pending:
                    break
                time.sleep(0.005)
        gate.finish(steps)
        db.engine.dispose()


def _deliver(receiver: Receiver, url: str, workers: int) -> tuple[float, list[str], list[tuple[bytes, str]],
                                                                    dict[str, int], float]:
    from models import WebhookDelivery

    run = run_workers(_worker, (url,), workers=workers, name="webhook", timeout=900)
    seen, sample = receiver.collect()
    statuses = rows_by_status(_app(url), WebhookDelivery)
    return run.seconds, seen, sample, statuses, run.others


def _signed(secret: str, body: bytes, header: str) -> bool:
    """The receiver's check, as the README gives it (the timestamp's age left out: the run is long)."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


def bench(label: str, url: str, count: int, workers: int) -> list[tuple[str, ...]]:
    print(f"== {label}: queueing {count:,} deliveries", flush=True)
    started = time.perf_counter()
    with Receiver() as receiver:
        secret, bodies = _queue(url, receiver.port, count)
        size = sum(map(len, bodies)) // max(len(bodies), 1)
        print(f"   queued in {time.perf_counter() - started:.1f} s; {size:,} bytes of JSON per delivery", flush=True)
        ceiling, ceiling_seen, ceiling_others = _bare_loop(receiver, bodies)
        print(f"   bare http.client loop: {ceiling:,.0f} POSTs/s ({ceiling_seen:,} received; CPUs used by other "
              f"processes {ceiling_others:.2f})", flush=True)
        elapsed, seen, sample, statuses, others = _deliver(receiver, url, workers)
    rate = statuses.get("delivered", 0) / elapsed
    counts = Counter(seen)
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    once = len(counts) == count and duplicates == 0
    signed = bool(sample) and all(_signed(secret, body, header) for body, header in sample)
    print(f"   delivery: {statuses.get('delivered', 0):,} in {elapsed:.2f} s = {rate:,.0f} deliveries/s "
          f"(deliveries {statuses}; receiver {len(counts):,} distinct, {duplicates} duplicate(s); "
          f"CPUs used by other processes {others:.2f})", flush=True)
    return [
        (f"webhook delivery, {workers} workers, {label} (deliveries/s)", f"{rate:,.0f}",
         f"{ceiling:,.0f} bare POST loop", f"{rate / ceiling:.2f}", f">= {GOAL_RATE}/s: {verdict(rate >= GOAL_RATE)}"),
        ("  receiver got each delivery", f"{len(counts):,} of {count:,}, {duplicates} duplicate(s)", "", "",
         f"exactly once: {'yes' if once else 'NO'}"),
        ("  signatures checked (a sample)", f"{len(sample)}", "", "", f"valid: {'yes' if signed else 'NO'}"),
        ("  CPUs used by other processes meanwhile", f"{others:.2f} of {os.cpu_count()}",
         f"{ceiling_others:.2f} of {os.cpu_count()}", "", "0 on a quiet machine"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    print(machine_line())
    print(f"{args.deliveries:,} deliveries, {args.workers} worker processes running the job loop, "
          f"http.server receiver in its own process", flush=True)
    rows = on_each_database(lambda label, url, _directory: bench(label, url, args.deliveries, args.workers))
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
