"""`flask events …`: letter-writing events from the command line, for scripts and tests."""
from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup
from sqlalchemy import select

from events import services
from events.pack import write_pack
from extensions import db
from models import Campaign, Event, Group
from organisers.audit import COMMAND_LINE

events_cli = AppGroup("events", help="Letter-writing events: plan one, print its pack.")


@events_cli.command("create")
@click.option("--campaign", "slugs", multiple=True, required=True,
              help="The slug of a case to write on (ua-118-21); give it once per case.")
@click.option("--writers", type=click.IntRange(1, None), required=True, help="How many writers are expected.")
@click.option("--title", required=True, help="The event's title.")
@click.option("--date", "held_on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day of the event (YYYY-MM-DD); today if left out.")
@click.option("--place", default="", help="Where it is held.")
@click.option("--group", "group_id", type=int, default=None, help="The id of the group holding it.")
@click.option("--language", default=None,
              help="The letters' language for every case; each case's first letter language if left out.")
def create(slugs: tuple[str, ...], writers: int, title: str, held_on, place: str, group_id: int | None,
           language: str | None) -> None:
    """Plan an event and print its id."""
    cases = []
    for slug in slugs:
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
        if campaign is None:
            raise click.BadParameter(f"no campaign has the slug {slug!r}", param_hint="--campaign")
        cases.append(services.CaseChoice(campaign.id, language))
    group = None
    if group_id is not None and (group := db.session.get(Group, group_id)) is None:
        raise click.BadParameter(f"no group has the id {group_id}", param_hint="--group")
    data = services.EventData(title=title, held_on=held_on.date() if held_on else date.today(), place=place,
                              expected_writers=writers, cases=cases)
    try:
        event = services.create_event(data, group=group, actor=COMMAND_LINE)
    except services.EventError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(event.id)


@events_cli.command("pack")
@click.argument("event_id", type=int)
@click.option("-o", "--output", type=click.File("wb", lazy=True), required=True,
              help="The PDF file to write ('-': standard output).")
@click.option("--paper", type=click.Choice(["A4", "LETTER"], case_sensitive=False), default=None,
              help="The paper and label sheets; from the group's country if left out.")
def pack_command(event_id: int, output, paper: str | None) -> None:
    """Write an event's print pack (in English, with lines for the writers to fill in by hand)."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise click.BadParameter(f"no event has the id {event_id}", param_hint="EVENT_ID")
    write_pack(output, event, paper=paper)
