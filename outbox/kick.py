"""After a commit that queued mail or jobs, ask the Celery workers to start at once."""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from models import Job, OutboxMessage

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
    if tasks:
        from flask import has_app_context

        from outbox.tasks import kick
        if has_app_context():
            kick(*sorted(tasks))


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(session: Session) -> None:
    # Nothing rolled back may be announced: it does not exist.
    session.info.pop("uadesk_kick", None)
