"""Outbox delivery to a local SMTP sink with two workers, against a raw smtplib loop in the same run.

    .venv/bin/python benchmarks/bench_delivery.py [--messages 5000] [--workers 2] [--limit 100]

For SQLite (a temp file migrated like production) and PostgreSQL when reachable
(BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgresql+psycopg://<user>@127.0.0.1:5432/test;
a schema of its own, dropped afterwards): queue `--messages` outbox rows with outbox.delivery.enqueue
(letters rendered by the templates enqueue_letter() uses, text and HTML, each to its own address,
so no hourly cap applies), then start
two worker processes, each a loop of outbox.delivery.deliver_due(limit=…) in an app context, and
time them from a common start until the queue is empty. The sink is aiosmtpd in a process of its
own (no GIL shared with the senders) that only records each envelope sender: the VERP tag there
names the outbox row, so the run checks that every row arrived exactly once.

The ceiling is a raw smtplib loop on one reused connection sending the very same message bytes
(already built) to the same kind of sink. Timing is printed, never asserted.
"""
from __future__ import annotations

import argparse
import logging
import os
import smtplib
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _support import (LOOPBACK, SECRET_KEY, OtherLoad, SMTPSink, machine_line, on_each_database, print_table,  # noqa: E402
                      terminate_on_sigterm, verp_ids)
from _workers import rows_by_status, run_workers  # noqa: E402

GOAL_RATE = 500
GOAL_RATIO = 0.35
_MESSAGE = ("I live in a small town where many of us follow this case. Please let Azat Isakov's family "
            "know where he is held and let him see a lawyer of his choosing.")


def _app(url: str, **overrides):
    from app import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY, "MAIL_SERVER": None,
                       "RATELIMIT_ENABLED": False, "BASE_URL": "https://ua.example.org", **overrides})


def _queue(url: str, count: int) -> tuple[int, int]:
    """Migrate, load the demo, queue `count` letter-sized messages; (rows, mean bytes of body)."""
    from datetime import date

    import flask_migrate
    from sqlalchemy import select

    from campaigns.demo import load_demo
    from extensions import db, writing
    from letters.compose import Writer, as_plain_text, compose
    from letters.email import mailbox
    from models import Campaign
    from outbox.delivery import enqueue
    from theme import render_email

    app = _app(url)
    with app.app_context():
        flask_migrate.upgrade()
        with writing():
            load_demo()
            db.session.commit()
            campaign = db.session.scalar(select(Campaign))
            target = campaign.ordered_targets[0]
            today, size = date.today(), 0
            for number in range(count):
                # A letter as enqueue_letter() renders it (its templates, a real letter's size and
                # shape), each to an address of its own so that no hourly cap holds it back.
                writer = Writer(name=f"Alex Example {number}", address=("Leeds", "United Kingdom"), town="Leeds",
                                country_name="United Kingdom", personal_message=_MESSAGE)
                composed = compose(campaign, target, writer, language="en", today=today)
                context = dict(letter_text=as_plain_text(composed), is_test_mode=False,
                               real_recipients=[f"alex.example.{number}@example.org"], composed=composed)
                body = render_email("email/letter", **context)
                enqueue(kind="letter", campaign_id=campaign.id,
                        sender=mailbox(f"{writer.name} via {app.config['ORG_NAME']}",
                                       app.config["MAIL_DEFAULT_SENDER"]),
                        recipients=[f"alex.example.{number}@example.org"], subject=composed.subject,
                        body_text=body.text, body_html=body.html,
                        headers={"Reply-To": mailbox(writer.name, f"alex.example.{number}@example.org")})
                size += len(body.text) + len(body.html)
                if number % 1000 == 999:
                    db.session.commit()
            db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return count, size // max(count, 1)


def _envelopes(url: str) -> tuple[list[tuple[str, list[str], bytes]], float]:
    """Every queued row as the bytes delivery would send, and how fast one process builds them."""
    from sqlalchemy import select

    from extensions import db
    from models import OutboxMessage
    from outbox.delivery import bounce_address
    from outbox.wire import wire_bytes

    app = _app(url)
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        started = time.perf_counter()
        envelopes = [(bounce_address(row.id), list(row.recipients), wire_bytes(row))
                     for row in rows]
        build_rate = len(rows) / (time.perf_counter() - started)
        db.session.remove()
        db.engine.dispose()
    return envelopes, build_rate


def _raw_smtplib(envelopes: list[tuple[str, list[str], bytes]]) -> tuple[float, list[str], float]:
    """The ceiling: the same bytes over one reused smtplib connection, nothing else."""
    with SMTPSink() as sink:
        smtp = smtplib.SMTP(LOOPBACK, sink.port, timeout=20)
        smtp.ehlo()
        others = OtherLoad()
        started = time.perf_counter()
        for sender, recipients, data in envelopes:
            smtp.sendmail(sender, recipients, data)
        elapsed = time.perf_counter() - started
        others = others.cpus()
        smtp.quit()
        return len(envelopes) / elapsed, sink.collect(), others


def _worker(url: str, port: int, limit: int, gate) -> None:
    """One delivery worker: deliver_due(limit) in a loop until nothing is due."""
    from sqlalchemy import text

    from extensions import db
    from outbox.delivery import deliver_due

    app = _app(url, MAIL_SERVER=LOOPBACK, MAIL_PORT=port)
    with app.app_context():
        db.session.execute(text("SELECT 1"))  # connected and warm before the clock starts
        db.session.remove()
        gate.start()
        sent = batches = 0
        while accepted := deliver_due(limit=limit):
            db.session.remove()
            sent += accepted
            batches += 1
        db.session.remove()
        gate.finish((sent, batches))
        db.engine.dispose()


def _deliver(url: str, workers: int, limit: int) -> tuple[float, list[int], list[str], dict[str, int], float]:
    """(seconds, sent per worker, envelope senders the sink saw, outbox rows by status, CPUs others used)."""
    from models import OutboxMessage

    with SMTPSink() as sink:
        run = run_workers(_worker, (url, sink.port, limit), workers=workers, name="delivery", timeout=600)
        received = sink.collect()
    statuses = rows_by_status(_app(url), OutboxMessage)
    return run.seconds, [sent for sent, _ in run.outcomes], received, statuses, run.others


def _exactly_once(expected: int, row_ids: list[int]) -> tuple[str, bool]:
    counts = Counter(row_ids)
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    distinct = len(counts)
    ok = distinct == expected and duplicates == 0 and -1 not in counts
    return f"{distinct:,} of {expected:,} distinct, {duplicates} duplicate(s)", ok


def bench(label: str, url: str, messages: int, workers: int, limit: int) -> list[tuple[str, ...]]:
    print(f"== {label}: queueing {messages:,} messages", flush=True)
    started = time.perf_counter()
    count, body_size = _queue(url, messages)
    envelopes, build_rate = _envelopes(url)
    wire_size = sum(len(data) for _, _, data in envelopes) // len(envelopes)
    print(f"   queued in {time.perf_counter() - started:.1f} s; {body_size:,} characters of text+HTML body, "
          f"{wire_size:,} bytes on the wire per message", flush=True)

    ceiling, ceiling_received, ceiling_others = _raw_smtplib(envelopes)
    ceiling_check, ceiling_ok = _exactly_once(count, verp_ids(ceiling_received))
    print(f"   raw smtplib: {ceiling:,.0f} messages/s ({ceiling_check}; CPUs used by other processes "
          f"{ceiling_others:.2f})", flush=True)

    elapsed, per_worker, received, statuses, others = _deliver(url, workers, limit)
    rate = sum(per_worker) / elapsed
    check, ok = _exactly_once(count, verp_ids(received))
    print(f"   delivery: {sum(per_worker):,} in {elapsed:.2f} s = {rate:,.0f} messages/s "
          f"(per worker {' / '.join(f'{n:,}' for n in per_worker)}; outbox {statuses}; sink {check}; "
          f"CPUs used by other processes {others:.2f})", flush=True)
    all_sent = statuses.get("sent", 0) == count and len(statuses) == 1
    return [
        (f"delivery, {workers} workers, {label} (messages/s)", f"{rate:,.0f}", f"{ceiling:,.0f} raw smtplib",
         f"{rate / ceiling:.2f}", f">= {GOAL_RATE}/s, ratio >= {GOAL_RATIO}: "
         f"{'met' if rate >= GOAL_RATE and rate / ceiling >= GOAL_RATIO else 'MISSED'}"),
        ("  sink received (by VERP row id)", check, "", "", f"exactly once: {'yes' if ok else 'NO'}"),
        ("  outbox rows marked sent", f"{statuses.get('sent', 0):,} of {count:,}", "", "",
         "all: yes" if all_sent else "all: NO"),
        ("  CPUs used by other processes meanwhile", f"{others:.2f} of {os.cpu_count()}",
         f"{ceiling_others:.2f} of {os.cpu_count()}", "", "0 on a quiet machine"),
        ("  building messages, 1 process (messages/s)", f"{build_rate:,.0f}", "", "",
         "wire_bytes(): the bytes delivery sends"),
    ] + ([] if ceiling_ok else [("  ceiling sink check", ceiling_check, "", "", "NOT exactly once")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=100, help="deliver_due(limit=…): rows per batch")
    args = parser.parse_args()
    terminate_on_sigterm()
    logging.disable(logging.INFO)  # the migrations' progress lines; warnings still show
    print(machine_line())
    print(f"{args.messages:,} messages, {args.workers} worker processes, deliver_due(limit={args.limit}), "
          f"aiosmtpd sink in its own process", flush=True)
    rows = on_each_database(lambda label, url, _directory: bench(label, url, args.messages, args.workers,
                                                                 args.limit))
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
