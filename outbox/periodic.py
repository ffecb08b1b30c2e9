"""Work that runs on a schedule beside delivery: expiring unconfirmed email letters."""
from __future__ import annotations

from datetime import datetime

from extensions import db, writing


def run_periodic(now: datetime) -> dict[str, int]:
    """One pass of every periodic job; returns what each changed. Commits its own work."""
    from campaigns.actions import expire_unconfirmed

    with writing():
        done = {"expired_letters": expire_unconfirmed(now)}
        db.session.commit()
    return done
