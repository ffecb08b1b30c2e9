"""Writing the audit log: every organiser action adds one entry in the action's own transaction."""
from __future__ import annotations

from dataclasses import dataclass

from extensions import db
from models import AuditEntry, Organiser


@dataclass(frozen=True)
class Actor:
    """Who does something, as the audit log records it; services take this, never the request."""

    organiser_id: int | None
    email: str
    ip: str | None = None

    @classmethod
    def organiser(cls, organiser: Organiser, ip: str | None = None) -> Actor:
        return cls(organiser.id, organiser.email, ip)

    @property
    def label(self) -> str:
        return self.email or "command line"


# Work done with `flask organisers …` on the server itself.
COMMAND_LINE = Actor(None, "")


def record(actor: Actor, action: str, subject, summary: str = "", *, subject_type: str | None = None) -> AuditEntry:
    """Add an entry; `subject` is a model (its table names the type) or None with subject_type."""
    if subject is not None:
        subject_type = subject_type or _subject_type(subject)
    entry = AuditEntry(organiser_id=actor.organiser_id, organiser_email=actor.email, action=action,
                       subject_type=subject_type or "", subject_id=getattr(subject, "id", None),
                       summary=summary[:500], ip=(actor.ip or None) and actor.ip[:45])
    db.session.add(entry)
    return entry


def _subject_type(subject) -> str:
    return {"campaigns": "campaign", "organisers": "organiser", "replies": "reply",
            "letter_versions": "letter version", "outbox_messages": "email",
            "blocked_senders": "blocked sender", "actions": "action",
            "bouncing_addresses": "bouncing address"}.get(
        getattr(subject, "__tablename__", ""), type(subject).__name__.lower())
