"""Running background jobs: claim one with a lease, run it a step at a time, commit each step."""
from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from extensions import db, writing
from models import Job, JobStatus
from models._types import utcnow

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 5
PRUNE_BATCH = 1000
PRUNE_BATCHES_PER_PASS = 20

# kind → a function doing one bounded step of the job; it returns True when the job is done.
# A step records its progress in job.state / job.progress; the runner commits after each one.
HANDLERS: dict[str, Callable[[Job], bool]] = {}


def job_handler(kind: str):
    def register(function: Callable[[Job], bool]) -> Callable[[Job], bool]:
        HANDLERS[kind] = function
        return function
    return register


def enqueue_job(kind: str, payload: dict, *, dedupe_key: str | None = None) -> Job:
    """Queue work in the caller's transaction; the same dedupe_key queues it only once."""
    if dedupe_key is not None:
        existing = db.session.scalar(select(Job).where(Job.dedupe_key == dedupe_key))
        if existing is not None:
            return existing
    job = Job(kind=kind, payload=payload, state={}, dedupe_key=dedupe_key)
    try:
        with db.session.begin_nested():
            db.session.add(job)
            db.session.flush()
    except IntegrityError:
        job = db.session.scalar(select(Job).where(Job.dedupe_key == dedupe_key))
    return job


def _claim_one(worker: str) -> Job | None:
    now = utcnow()
    candidates = db.session.scalars(
        select(Job.id).where(Job.status == JobStatus.pending, Job.run_after <= now,
                             or_(Job.claimed_until.is_(None), Job.claimed_until < now))
        .order_by(Job.run_after, Job.id).limit(5)).all()
    for job_id in candidates:
        claimed = db.session.execute(
            update(Job).where(Job.id == job_id, Job.status == JobStatus.pending,
                              or_(Job.claimed_until.is_(None), Job.claimed_until < now))
            .values(claimed_until=now + LEASE, claimed_by=worker)).rowcount
        db.session.commit()
        if claimed:
            return db.session.get(Job, job_id)
    db.session.commit()
    return None


def run_due_jobs(time_budget: float = 5.0) -> int:
    """Work on due jobs for at most about `time_budget` seconds; returns the steps run."""
    worker = f"{socket.gethostname()}:{os.getpid()}"
    started = time.monotonic()
    steps = 0
    with writing():
        while time.monotonic() - started < time_budget:
            job = _claim_one(worker)
            if job is None:
                break
            while time.monotonic() - started < time_budget:
                steps += 1
                if _step(job):
                    break
            else:
                job.claimed_until = None  # out of time: another pass (or worker) resumes it
                db.session.commit()
    return steps


def _step(job: Job) -> bool:
    """Run one step; True when the job left the queue (done or failed)."""
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        finished = handler(job)
    except Exception as error:  # a job's failure must not stop the worker
        db.session.rollback()
        job = db.session.get(Job, job.id)
        job.attempts += 1
        job.last_error = f"{type(error).__name__}: {error}"
        job.claimed_until = None
        if job.attempts >= MAX_ATTEMPTS:
            job.status = JobStatus.failed
            job.finished_at = utcnow()
        else:
            job.run_after = utcnow() + timedelta(seconds=30 * 2 ** job.attempts)
        db.session.commit()
        log.exception("job %s (%s) failed", job.id, job.kind)
        return True
    if finished:
        job.status = JobStatus.done
        job.finished_at = utcnow()
        job.claimed_until = None
    else:
        job.claimed_until = utcnow() + LEASE
    db.session.commit()
    return finished


def prune_finished_jobs(now: datetime, retention_days: int, *, batch: int = PRUNE_BATCH,
                        max_batches: int = PRUNE_BATCHES_PER_PASS) -> int:
    """Delete jobs that finished (done, or failed for good) more than `retention_days` ago; returns how many.

    Only jobs queued without a dedupe key go: every webhook wake-up adds one, so they pile up.
    A keyed job (a fan-out, an alert, a week's digest) is the record that its work was queued,
    which stops it being queued again, and it keeps who published an update; there is one per
    piece of work, so they are kept. Pending jobs, including those waiting to be tried again,
    are never touched. Deletes `batch` rows per transaction, committing each, and stops after
    `max_batches` so one pass stays short; the next pass takes the rest.
    """
    cutoff = now - timedelta(days=retention_days)
    pruned = 0
    for _ in range(max_batches):
        ids = db.session.scalars(select(Job.id).where(
            Job.status.in_([JobStatus.done, JobStatus.failed]), Job.finished_at < cutoff,
            Job.dedupe_key.is_(None)).order_by(Job.id).limit(batch)).all()
        if ids:
            pruned += db.session.execute(delete(Job).where(Job.id.in_(ids)),
                                         execution_options={"synchronize_session": False}).rowcount
        db.session.commit()
        if len(ids) < batch:
            break
    return pruned
