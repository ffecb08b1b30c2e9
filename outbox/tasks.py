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
# While mail falls due within its budget (a retry in a few seconds, a batch postponed by an
# outage), a delivery task stays and looks again this often, taking new mail too, rather than
# leaving it to beat's next tick. Celery's countdown tasks would do it, but on Redis a worker
# holds them in memory, where a killed worker loses them.
LOOK_AGAIN = 1.0


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
        from outbox.delivery import deliver_due, seconds_until_due
        return _until_done(deliver_due, seconds_until_due)

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


def _until_done(deliver_due, seconds_until_due) -> int:
    from extensions import db
    from models._types import utcnow

    started, total = time.monotonic(), 0
    while (left := TASK_BUDGET - (time.monotonic() - started)) > 0:
        sent = deliver_due(limit=100)
        total += sent
        if not sent:
            wait = seconds_until_due(utcnow())
            if wait is None or wait >= left:
                db.session.remove()
                break
            time.sleep(min(max(wait, 0.1), LOOK_AGAIN))
        db.session.remove()
    return total
