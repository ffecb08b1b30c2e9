"""Background jobs: run in steps, resumable, queued once per key, failures retried then parked."""
from __future__ import annotations

from sqlalchemy import func, select

from extensions import db
from models import Job, JobStatus
from models._types import utcnow
from outbox.jobs import HANDLERS, enqueue_job, job_handler, prune_finished_jobs, run_due_jobs


def test_a_job_runs_in_steps_and_keeps_its_progress(app):
    seen = []

    @job_handler("count_to")
    def count_to(job):
        n = job.state.get("n", 0) + 1
        seen.append(n)
        job.state = {"n": n}
        job.progress = n
        return n >= job.payload["to"]

    try:
        enqueue_job("count_to", {"to": 5}, dedupe_key="count:1")
        enqueue_job("count_to", {"to": 5}, dedupe_key="count:1")
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Job)) == 1
        assert run_due_jobs() == 5
        job = db.session.scalar(select(Job))
        assert job.status is JobStatus.done and job.progress == 5 and seen == [1, 2, 3, 4, 5]
        assert run_due_jobs() == 0
    finally:
        HANDLERS.pop("count_to")


def test_a_failing_job_is_retried_later_not_forever(app):
    @job_handler("always_fails")
    def always_fails(job):
        raise RuntimeError("boom")

    try:
        enqueue_job("always_fails", {})
        db.session.commit()
        run_due_jobs()
        job = db.session.scalar(select(Job))
        assert job.status is JobStatus.pending and job.attempts == 1 and "boom" in job.last_error
        assert run_due_jobs() == 0  # waits for its backoff
    finally:
        HANDLERS.pop("always_fails")


def test_periodic_work_closes_actions_past_their_deadline(app, demo):
    from datetime import timedelta

    from models import CampaignStatus
    from models._types import utcnow
    from outbox.periodic import run_periodic

    assert run_periodic(utcnow())["closed_campaigns"] == 0
    demo.deadline = utcnow().date() - timedelta(days=1)
    db.session.commit()
    assert run_periodic(utcnow()) == {"expired_letters": 0, "closed_campaigns": 1, "purged_supporters": 0,
                                      "digests_queued": 0, "webhook_wakeups": 0, "pruned_jobs": 0}
    db.session.refresh(demo)
    assert demo.status is CampaignStatus.closed and demo.closed_reason == "the deadline passed"


def test_finished_jobs_are_pruned_after_the_retention_period_and_nothing_waiting_is(app):
    from datetime import timedelta

    from outbox.periodic import run_periodic

    now = utcnow()
    long_ago, lately = now - timedelta(days=8), now - timedelta(days=2)

    def job(label, status, finished_at=None, **fields):
        db.session.add(Job(kind=label, payload={}, state={}, status=status, finished_at=finished_at, **fields))

    for _ in range(7):  # a webhook wake-up per change, long done: these go, three at a time
        job("old_done", JobStatus.done, long_ago)
    job("old_failed", JobStatus.failed, long_ago, attempts=5)
    job("recent_done", JobStatus.done, lately)
    job("waiting", JobStatus.pending, run_after=long_ago)
    job("to_retry", JobStatus.pending, attempts=3, last_error="boom", run_after=now + timedelta(minutes=4))
    job("keyed_done", JobStatus.done, long_ago, dedupe_key="fanout:update:1")  # stops it being queued twice
    db.session.commit()

    assert prune_finished_jobs(now, 7, batch=3) == 8
    assert sorted(db.session.scalars(select(Job.kind))) == ["keyed_done", "recent_done", "to_retry", "waiting"]
    assert prune_finished_jobs(now, 7, batch=3) == 0

    app.config["JOB_RETENTION_DAYS"] = 1  # the periodic work prunes with the configured period
    assert run_periodic(now)["pruned_jobs"] == 1
    assert sorted(db.session.scalars(select(Job.kind).where(Job.kind != "weekly_digest"))) == [
        "keyed_done", "to_retry", "waiting"]


def test_a_long_backlog_of_finished_jobs_is_pruned_over_several_passes(app):
    from datetime import timedelta

    now = utcnow()
    db.session.add_all(Job(kind="old", payload={}, state={}, status=JobStatus.done,
                           finished_at=now - timedelta(days=30)) for _ in range(10))
    db.session.commit()
    assert prune_finished_jobs(now, 7, batch=2, max_batches=3) == 6
    assert prune_finished_jobs(now, 7, batch=2, max_batches=3) == 4
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0
