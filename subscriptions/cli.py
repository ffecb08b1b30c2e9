"""`flask updates publish`, `flask subscriptions count` and `flask subscriptions digest`: case
updates and followers from the command line."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from extensions import db, writing
from models import Campaign, UpdateKind

# Run-time messages in DEFAULT_LOCALE, --help in English: see organisers/cli.py for why.
updates_cli = AppGroup("updates", help="Publish case updates.")
subscriptions_cli = AppGroup("subscriptions", help="Who follows which case.")


def _campaign(slug: str) -> Campaign:
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
    if campaign is None:
        raise click.ClickException(_("No campaign with the slug %(slug)r.", slug=slug))
    return campaign


@updates_cli.command("publish")
@click.argument("slug")
@click.option("--title", required=True, help="The update's title.")
@click.option("--kind", type=click.Choice([kind.value for kind in UpdateKind]),
              default=UpdateKind.further_information.value, show_default=True)
@click.option("--body-file", type=click.File("r", encoding="utf-8"), required=True,
              help="The update's text in Markdown ('-' reads standard input).")
@click.option("--happened-on", type=click.DateTime(["%Y-%m-%d"]), help="When it happened (YYYY-MM-DD).")
@click.option("--deadline", type=click.DateTime(["%Y-%m-%d"]), help="A new deadline for the action (YYYY-MM-DD).")
@click.option("--demand", "demands", multiple=True, help="A demand to add to the letter; repeat for more.")
@click.option("--reopen", is_flag=True, help="Reopen the action if it is closed.")
def publish(slug: str, title: str, kind: str, body_file, happened_on, deadline, demands: tuple[str, ...],
            reopen: bool) -> None:
    """Publish the next update of campaign SLUG; the delivery worker emails it to the followers."""
    from subscriptions.updates import UpdateError, fanout_job, publish_update

    with writing():
        try:
            update = publish_update(
                _campaign(slug), kind=UpdateKind(kind), title=title, body_markdown=body_file.read(),
                happened_on=happened_on.date() if happened_on else None,
                new_deadline=deadline.date() if deadline else None, new_demands=demands, reopen=reopen)
        except UpdateError as error:
            raise click.ClickException(error.message) from error
        job = fanout_job(update)
        db.session.commit()
    click.echo(_("Published update %(number)d of %(ua_number)s; fan-out job %(job)d queued. The delivery worker "
                 "sends the emails; if none is running, start one with `%(command)s`.", number=update.number,
                 ua_number=update.campaign.ua_number, job=job.id, command=".venv/bin/flask --app app outbox work"))


@subscriptions_cli.command("count")
@click.argument("slug")
def count(slug: str) -> None:
    """How many people follow campaign SLUG, and how many an update would reach now."""
    from subscriptions.services import subscriber_counts

    campaign = _campaign(slug)
    counts = subscriber_counts(campaign)
    click.echo(_("%(ua_number)s: %(confirmed)d confirmed, %(pending)d pending, %(left)d left; "
                 "%(following_all)d follow all cases; %(reach)s", ua_number=campaign.ua_number,
                 confirmed=counts.confirmed, pending=counts.pending, left=counts.unsubscribed,
                 following_all=counts.following_all,
                 reach=ngettext("an update now reaches %(num)d address.", "an update now reaches %(num)d addresses.",
                                counts.recipients)))


@subscriptions_cli.command("digest")
@click.option("--week", help="The ISO week to send, like 2026-W49; by default the last whole week.")
def digest(week: str | None) -> None:
    """Queue the weekly digest of a week; queueing one twice sends nothing twice."""
    from models._types import utcnow
    from subscriptions.digest import last_week, queue_weekly_digest

    label = (week or last_week(utcnow())).upper()
    with writing():
        try:
            job, is_new = queue_weekly_digest(label)
        except ValueError as error:
            raise click.ClickException(_("%(week)r is not a week: write it like 2026-W49.", week=week)) from error
        db.session.commit()
    if is_new:
        click.echo(_("The digest of %(week)s is queued (job %(job)d). The delivery worker builds and sends it; if "
                     "none is running, start one with `%(command)s`.", week=label, job=job.id,
                     command=".venv/bin/flask --app app outbox work"))
    else:
        click.echo(_("The digest of %(week)s was queued before (job %(job)d): nothing more to do.",
                     week=label, job=job.id))
