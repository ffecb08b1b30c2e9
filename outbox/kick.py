"""After a commit that queued mail or jobs, ask the Celery workers to start at once."""
from __future__ import annotations

import logging

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from models import Job, OutboxMessage

log = logging.getLogger(__name__)

_TASK_FOR = {OutboxMessage: "uadesk.deliver", Job: "uadesk.run_jobs"}


def note_new_work(session: Session, model: type) -> None:
    """A row of this model was inserted without the unit of work: kick its task after the commit."""
    session.info.setdefault("uadesk_kick", set()).add(_TASK_FOR[model])


@event.listens_for(Session, "after_flush")
def _note_new_work(session: Session, _context) -> None:
    for instance in session.new:
        if type(instance) in _TASK_FOR:
            note_new_work(session, type(instance))


@event.listens_for(Session, "after_commit")
def _kick_after_commit(session: Session) -> None:
    tasks = session.info.pop("uadesk_kick", None)
    if tasks and has_app_context():
        kick(*sorted(tasks))


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(session: Session) -> None:
    # Nothing rolled back may be announced: it does not exist.
    session.info.pop("uadesk_kick", None)


def kick(*task_names: str) -> None:
    """Ask workers to start now rather than at the next beat; never fails the caller. Without
    CELERY_BROKER_URL there are no workers (`flask outbox work` polls), and Celery is never imported."""
    celery = current_app.extensions.get("celery")
    if celery is None:
        return
    for name in task_names:
        try:
            celery.send_task(name)
        except Exception:  # the broker being down delays mail; beat sweeps it up later
            log.warning("could not reach the Celery broker to start %s", name, exc_info=True)
