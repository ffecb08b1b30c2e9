"""A new case going live, announced to 100,000 followers of new cases: the alert fan-out against a
raw bulk INSERT.

    .venv/bin/python benchmarks/bench_alerts.py [--followers N]

On SQLite (a temp file migrated like production) and on PostgreSQL when reachable (as
bench_fanout.py). Per database it prints: how long publishing the campaign takes (the organisers'
publish step, which queues the alert); how long the background job takes to write one outbox row
per follower; the ceiling, a raw bulk INSERT of as many equivalent rows with pre-rendered bodies;
and ceiling/ours, with the 20 s budget for 100,000 followers.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import flask_migrate  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from _support import on_each_database  # noqa: E402
from bench_fanout import INSERT_CHUNK, _app, _ceiling  # noqa: E402
from extensions import db, writing  # noqa: E402


def _add_followers(count: int) -> None:
    """Followers of new cases: most follow every one, some the case's country or its theme, some
    others; one in ten of each language the interface speaks."""
    from models import Subscription, SubscriptionStatus
    from models._types import utcnow

    now = utcnow()
    scopes = ["new", "new", "country:TM", "theme:torture", "country:TJ"]
    languages = ["en", "es", "fr", "de", "ru", "ar"]
    table = Subscription.__table__
    for start in range(0, count, INSERT_CHUNK):
        rows = [{"email": f"follower{n}@example.org", "campaign_id": None, "scope": scopes[n % len(scopes)],
                 "status": SubscriptionStatus.confirmed, "created_at": now, "confirmed_at": now,
                 "unsubscribed_at": None, "locale": languages[n % len(languages)], "is_digest": False}
                for n in range(start, min(start + INSERT_CHUNK, count))]
        db.session.execute(table.insert(), rows)
        db.session.commit()


def bench(url: str, label: str, followers: int) -> None:
    from sqlalchemy import func, select

    from campaigns.demo import load_demo
    from campaigns.themes import set_themes
    from models import Campaign, JobStatus, OutboxMessage
    from organisers.audit import Actor
    from organisers.checklist import publish_checklist
    from organisers.services import duplicate_campaign, publish_campaign
    from outbox.jobs import run_due_jobs
    from subscriptions.alerts import alert_job

    print(f"== {label}")
    app = _app(url)
    actor = Actor(None, "bench@example.org")
    with app.app_context():
        flask_migrate.upgrade()
        with writing():
            load_demo()
            db.session.commit()
        demo = db.session.scalar(select(Campaign))
        with writing():
            draft = duplicate_campaign(demo, ua_number="UA 7/26", title="Turkmenistan: a journalist at risk",
                                       actor=actor, today=date.today())
            set_themes(draft, ["torture"])
            db.session.commit()
        draft_id = draft.id
        # Only followers of the new case's scopes and one other: the whole table is one pass.
        expected = sum(1 for n in range(followers) if n % 5 != 4)
        _add_followers(followers)
        if db.engine.dialect.name == "sqlite":
            db.session.execute(sa.text("PRAGMA wal_checkpoint(TRUNCATE)"))
            db.session.commit()

        campaign = db.session.get(Campaign, draft_id)
        warnings = [item.code for item in publish_checklist(campaign, date.today()) if not item.is_blocking]
        started = time.perf_counter()
        with writing():
            publish_campaign(campaign, actor, today=date.today(), confirmed=warnings)
            db.session.commit()
        publish_ms = (time.perf_counter() - started) * 1000
        print(f"  publish   publish_campaign() + commit returned in {publish_ms:.1f} ms")

        started = time.perf_counter()
        steps = 0
        while ran := run_due_jobs(time_budget=60.0):
            steps += ran
            db.session.remove()
        ours = time.perf_counter() - started
        job = alert_job(db.session.get(Campaign, draft_id))
        rows = db.session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "alert"))
        assert job.status is JobStatus.done and rows == expected, (job.status, rows, expected)
        print(f"  fan-out   {rows:,} outbox rows in {ours:.2f} s = {rows / ours:,.0f} rows/s "
              f"({steps} steps over {followers:,} subscriptions, 6 languages)")

        template = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "alert").limit(1))
        ceiling = _ceiling(template, rows)
        print(f"  ceiling   raw bulk INSERT of {rows:,} pre-rendered rows in {ceiling:.2f} s")
        budget = f"; {'under' if ours < 20 else 'OVER'} the 20 s budget" if followers == 100_000 else ""
        print(f"  ratio     ceiling/ours = {ceiling / ours:.2f}{budget}")
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=100_000)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU(s); {args.followers:,} confirmed followers of new cases")
    on_each_database(lambda label, url, _directory: bench(url, label, args.followers))


if __name__ == "__main__":
    main()
