"""`flask privacy purge|erase`: personal data removed on schedule or on request."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import ngettext

from extensions import db, writing
from models._types import utcnow
from privacy.services import Erased, erase_person, purge

# Run-time messages in DEFAULT_LOCALE, --help in English: see organisers/cli.py for why.
privacy_cli = AppGroup("privacy", help="Purge and erase supporters' personal data.")


@privacy_cli.command("purge")
@click.option("--days", type=int, default=None,
              help="Keep data this many days after a campaign closes (default: PRIVACY_RETENTION_DAYS).")
def purge_command(days: int | None) -> None:
    """Anonymise supporters of campaigns closed more than the retention period ago."""
    with writing():
        done = purge(utcnow(), days if days is not None else current_app.config["PRIVACY_RETENTION_DAYS"])
        db.session.commit()
    click.echo(_report(done))


@privacy_cli.command("erase")
@click.argument("email")
def erase_command(email: str) -> None:
    """Remove EMAIL's personal data everywhere (supporter records, emails, subscriptions)."""
    with writing():
        done = erase_person(email)
        db.session.commit()
    click.echo(_report(done))


def _report(done: Erased) -> str:
    """What went, one count per kind of record, each in its own sentence for the plural to agree."""
    return ", ".join((
        ngettext("%(num)d supporter record anonymised", "%(num)d supporter records anonymised", done.supporters),
        ngettext("%(num)d email deleted", "%(num)d emails deleted", done.messages),
        ngettext("%(num)d subscription deleted", "%(num)d subscriptions deleted", done.subscriptions)))
