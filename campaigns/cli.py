"""`flask demo load`: the UA 118/21 demo campaign, idempotent. `flask campaigns import FILE`: a UA sheet as a draft."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from extensions import db, writing
from models import Campaign

demo_cli = AppGroup("demo", help="Demo data.")
campaigns_cli = AppGroup("campaigns", help="Campaigns.")


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


@campaigns_cli.command("import")
@click.argument("file", type=click.File("rb"))
def import_sheet(file) -> None:
    """Import the text of a UA sheet from FILE ("-" for standard input) as a draft campaign to review.

    Nothing is published and no official is mailed: the draft is in test mode until an organiser
    has checked it in the editor.
    """
    from campaigns.importer import create_draft_from_import, parse_ua_text
    from organisers.audit import COMMAND_LINE, record

    name = getattr(file, "name", "<stdin>")
    text = _read_sheet(file, name)
    imported = parse_ua_text(text)
    with writing():
        campaign = create_draft_from_import(imported, source_text=text)
        record(COMMAND_LINE, "campaign.imported", campaign,
               f"imported {campaign.ua_number} as a draft from {name}; "
               f"{len(campaign.import_unplaced or [])} fragment(s) to review")
        db.session.commit()
    _echo_placed(imported, campaign)
    _echo_unplaced(campaign.import_unplaced or [])
    click.echo(f"Created draft campaign {campaign.id} (slug {campaign.slug}), in test mode. "
               "Review it in the organisers' editor before publishing.")


def _read_sheet(file, name: str) -> str:
    try:
        text = file.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{name} is not UTF-8 text ({error.reason} at byte {error.start}).") from None
    except OSError as error:
        raise click.ClickException(f"{name} could not be read: {error.strerror or error}.") from None
    if not text.strip():
        raise click.ClickException(f"{name} is empty: there is no UA text to import.")
    return text


def _echo_placed(imported, campaign: Campaign) -> None:
    from formatting import country_name

    people = ", ".join(f"{p.name} ({p.pronouns})" if p.pronouns else p.name for p in imported.people)
    lines = [
        ("UA number", imported.ua_number or f"none found (placeholder {campaign.ua_number})"),
        ("Sheet", imported.ordinal_label or "a follow-up") if imported.is_follow_up else None,
        ("Title", imported.title or "none found"),
        ("Country", f"{country_name(imported.country)} ({imported.country})" if imported.country else "none found"),
        ("People", people or "none found"),
        ("Demands", str(len(imported.demands))),
        ("Targets", f"{len(imported.targets)}, and {len(imported.copies)} to copy"),
        ("Deadline", imported.deadline.isoformat() if imported.deadline else "none found"),
        ("Languages", ", ".join(imported.preferred_languages) or "none given"),
        ("Updates address", imported.updates_address or "none found"),
        ("Letter template", f"from the model letter ({imported.template.language})" if imported.template else "none"),
    ]
    click.echo("Placed:")
    for label, value in filter(None, lines):
        click.echo(f"  {label}: {value}")


def _echo_unplaced(unplaced: list[str]) -> None:
    if not unplaced:
        click.echo("Not placed: nothing.")
        return
    click.echo(f"Not placed ({len(unplaced)}), shown beside the editor until reviewed:")
    for fragment in unplaced:
        click.echo("  - " + fragment.replace("\n", "\n    "))
