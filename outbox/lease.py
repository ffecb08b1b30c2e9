"""A worker's lease on the outbox rows it claimed, kept alive while it sends them.

Rows are claimed for OUTBOX_LEASE_SECONDS. While the worker sends them, a thread of its own
renews the claim every third of that, however long one message takes (each SMTP call may wait
up to MAIL_TIMEOUT). A worker that is killed stops renewing, so the rows it had not finished
are taken over by another as soon as the lease runs out: seconds, not minutes. A worker that
cannot renew (its database out of reach) ends its SMTP session and sends nothing more while a
third of the lease is still left, so two workers never send the same row at the same time.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from flask import Flask
from sqlalchemy import update
from sqlalchemy.engine import Connection

from extensions import db, writing
from models import OutboxMessage, OutboxStatus
from models._types import utcnow

log = logging.getLogger(__name__)


def lease_seconds(app: Flask) -> float:
    return float(app.config["OUTBOX_LEASE_SECONDS"])


class Lease:
    """Use as `with Lease(app, worker, ids, claimed_at) as lease:` around sending a claimed batch.

    `claimed_at` is time.monotonic() taken before the clock reading the claim was written with,
    so the lease is never believed to last longer than the database says it does.
    """

    def __init__(self, app: Flask, worker: str, row_ids: Iterable[int], claimed_at: float) -> None:
        self.seconds = lease_seconds(app)
        self.period = self.seconds / 3
        self.valid_until = claimed_at + self.seconds
        self.lost = False
        self._engine = db.engine
        self._worker = worker
        self._ids = list(row_ids)
        self._abort: Callable[[], None] = lambda: None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._keep, name="outbox-lease", daemon=True)

    def __enter__(self) -> Lease:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def holds(self) -> bool:
        """True while the next message may be sent: no other worker can take these rows meanwhile."""
        return not self.lost and self.valid_until - time.monotonic() > self.period

    def on_lost(self, abort: Callable[[], None]) -> None:
        """What ends the sending at once if the lease cannot be kept (the open SMTP session's abort)."""
        self._abort = abort

    def _keep(self) -> None:
        while not self._stop.wait(self.period):
            started = time.monotonic()
            try:
                self._renew()
            except Exception:
                log.warning("could not renew the lease on %d outbox message(s)", len(self._ids), exc_info=True)
            else:
                self.valid_until = started + self.seconds
            if self.valid_until - time.monotonic() <= self.period:
                self.lost = True
                self._abort()
                return

    def _renew(self) -> None:
        table = OutboxMessage.__table__
        with writing(), self._engine.begin() as connection, _waiting_at_most(connection, self.period):
            # Its own connection: the worker's is busy with the batch. Rows already recorded
            # (sent, retried later, refused…) have no claim left to renew.
            connection.execute(update(table).where(
                table.c.id.in_(self._ids), table.c.claimed_by == self._worker, table.c.claimed_until.is_not(None),
                table.c.status == OutboxStatus.pending,
            ).values(claimed_until=utcnow() + timedelta(seconds=self.seconds)))


@contextmanager
def _waiting_at_most(connection: Connection, seconds: float) -> Iterator[None]:
    """A renewal held up by a lock gives up in time for the lease to be given up safely."""
    milliseconds = max(int(seconds * 1000), 1)
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {milliseconds}")
        yield
    elif connection.dialect.name == "sqlite":
        # A setting of the connection, not the transaction: the pool's next user gets it back.
        previous = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {milliseconds}")
        try:
            yield
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(previous)}")
    else:
        yield
