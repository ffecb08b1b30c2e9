"""Celery: delivery, jobs and periodic work as tasks, for any number of workers and machines.

    celery -A outbox.worker worker --concurrency 2     # as many as you like, anywhere
    celery -A outbox.worker beat                       # exactly one: retries, expiry, sweeps

Without CELERY_BROKER_URL none of this runs: `flask outbox work` does the same in one loop.
"""
from __future__ import annotations

import time

from celery import Celery
from flask import Flask

# A task works this long at most, then leaves the rest to the next one: no task hogs a worker.
TASK_BUDGET = 20.0


def create_celery(app: Flask) -> Celery:
    celery = Celery("uadesk", broker=app.config["CELERY_BROKER_URL"], set_as_current=False)
    celery.conf.update(
        task_ignore_result=True,
        # Rows are claimed from the database, so a lost or repeated task loses or doubles nothing.
        task_acks_late=False,
        worker_prefetch_multiplier=1,
        broker_connection_timeout=3,
        broker_connection_retry_on_startup=True,
        task_default_queue=app.config["CELERY_QUEUE"],
        beat_schedule={
            "deliver": {"task": "uadesk.deliver", "schedule": 5.0},
            "jobs": {"task": "uadesk.run_jobs", "schedule": 5.0},
            "periodic": {"task": "uadesk.periodic", "schedule": 60.0},
        },
    )

    class AppContextTask(celery.Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery.Task = AppContextTask

    @celery.task(name="uadesk.deliver")
    def deliver() -> int:
        from outbox.delivery import deliver_due
        return _until_done(deliver_due)

    @celery.task(name="uadesk.run_jobs")
    def run_jobs() -> int:
        from outbox.jobs import run_due_jobs
        return run_due_jobs(time_budget=TASK_BUDGET)

    @celery.task(name="uadesk.periodic")
    def periodic() -> dict:
        from models._types import utcnow
        from outbox.periodic import run_periodic
        return run_periodic(utcnow())

    app.extensions["celery"] = celery
    return celery


def _until_done(deliver_due) -> int:
    from extensions import db

    started, total = time.monotonic(), 0
    while time.monotonic() - started < TASK_BUDGET:
        sent = deliver_due(limit=100)
        db.session.remove()
        total += sent
        if not sent:
            break
    return total
