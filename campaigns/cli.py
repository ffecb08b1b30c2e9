"""`flask demo load`: the UA 118/21 demo campaign, idempotent."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from extensions import db, writing
from models import Campaign

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Only when the database holds no campaign at all.")
def load(if_empty: bool) -> None:
    """Create the UA 118/21 demo campaign (live, in test mode). Running it twice changes nothing."""
    from campaigns.demo import UA_NUMBER, load_demo

    with writing():
        if if_empty and db.session.scalar(select(Campaign.id).limit(1)) is not None:
            click.echo("The database already holds campaigns; demo not loaded.")
            return
        created = load_demo()
        db.session.commit()
    click.echo(f"Loaded {UA_NUMBER} (test mode)." if created else f"{UA_NUMBER} is already there.")
