"""`flask outbox …`: run the delivery loop beside the web server, or inspect the queue."""
from __future__ import annotations

import time

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from extensions import db
from models import OutboxMessage

outbox_cli = AppGroup("outbox", help="Deliver and inspect outgoing email.")


@outbox_cli.command("work")
@click.option("--once", is_flag=True, help="Deliver what is due now, then stop.")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between polls when idle.")
def work(once: bool, interval: float) -> None:
    """Deliver due messages until stopped (the embedded default for one machine)."""
    from outbox.delivery import deliver_due

    while True:
        sent = deliver_due()
        db.session.remove()
        if once:
            click.echo(f"delivered {sent}")
            return
        if not sent:
            time.sleep(interval)


@outbox_cli.command("status")
def status() -> None:
    """How many messages are pending, sent and failed."""
    rows = db.session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all()
    for state, count in rows:
        click.echo(f"{state.value:8} {count}")
