"""`flask outbox …`: run the delivery loop beside the web server, or inspect the queue."""
from __future__ import annotations

import logging
import time

import click
from flask.cli import AppGroup
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from extensions import db, writing
from models import OutboxMessage
from models._types import utcnow

log = logging.getLogger(__name__)
# Run-time messages in DEFAULT_LOCALE, --help in English: see organisers/cli.py for why.
outbox_cli = AppGroup("outbox", help="Deliver and inspect outgoing email.")


PERIODIC_EVERY = 60.0  # seconds between passes of the periodic jobs


@outbox_cli.command("work")
@click.option("--once", is_flag=True, help="Deliver what is due now, run the periodic jobs, then stop.")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between polls when idle.")
def work(once: bool, interval: float) -> None:
    """Deliver due messages and run periodic jobs until stopped (the one-machine default)."""
    from outbox.delivery import deliver_due
    from outbox.jobs import run_due_jobs
    from outbox.periodic import run_periodic

    last_periodic = 0.0
    while True:
        try:
            if time.monotonic() - last_periodic >= PERIODIC_EVERY or once:
                run_periodic(utcnow())
                db.session.remove()
                last_periodic = time.monotonic()
            steps = run_due_jobs()
            db.session.remove()
            sent = deliver_due()
            db.session.remove()
        except Exception:
            # Delivery records a bad message and goes on; this is for the rest (the database
            # out of reach, say): mail waits, and the loop tries again rather than dying.
            if once:
                raise
            log.exception("the delivery loop failed; trying again in %s s", max(interval, 1.0))
            db.session.remove()
            time.sleep(max(interval, 1.0))
            continue
        if once:
            click.echo(ngettext("delivered %(num)d", "delivered %(num)d", sent))
            return
        if not sent and not steps:
            time.sleep(interval)


@outbox_cli.command("status")
def status() -> None:
    """How many messages are pending, sent and failed."""
    rows = db.session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all()
    # One "state count" line per state, with the states' own names: a table for scripts to read.
    for state, count in rows:
        click.echo(f"{state.value:8} {count}")


@outbox_cli.command("bounce")
@click.argument("report", type=click.File("rb"), default="-")
def bounce(report) -> None:
    """Read a bounce report (a DSN sent to a bounces+… address) from a file or stdin."""
    from outbox.bounces import bounce_from_report

    with writing():
        marked = bounce_from_report(report.read())
        db.session.commit()
    click.echo(_("marked as bouncing: %(addresses)s", addresses=", ".join(marked)) if marked
               else _("marked as bouncing: nothing (not one of ours)"))


@outbox_cli.command("clear-bounce")
@click.argument("address")
@click.option("--by", "cleared_by", default="command line", help="Who cleared it, for the record.")
def clear_bounce_command(address: str, cleared_by: str) -> None:
    """Letters to ADDRESS may be sent again; messages held for it go back in the queue."""
    from outbox.bounces import clear_bounce

    with writing():
        released = clear_bounce(address, cleared_by=cleared_by)
        db.session.commit()
    click.echo(ngettext("%(address)s cleared; %(num)d held message back in the queue",
                        "%(address)s cleared; %(num)d held messages back in the queue", released, address=address))
