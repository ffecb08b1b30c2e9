"""`flask demo load`: the UA 118/21 demo campaign, idempotent. `flask campaigns import FILE`: a UA sheet (text or
PDF) as a draft."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from extensions import db, writing
from models import Campaign

# Run-time messages in DEFAULT_LOCALE, --help in English: see organisers/cli.py for why.
demo_cli = AppGroup("demo", help="Demo data.")
campaigns_cli = AppGroup("campaigns", help="Campaigns.")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Only when the database holds no campaign at all.")
def load(if_empty: bool) -> None:
    """Create the UA 118/21 demo campaign (live, in test mode). Running it twice changes nothing."""
    from campaigns.demo import UA_NUMBER, load_demo

    with writing():
        if if_empty and db.session.scalar(select(Campaign.id).limit(1)) is not None:
            click.echo(_("The database already holds campaigns; demo not loaded."))
            return
        created = load_demo()
        db.session.commit()
    click.echo(_("Loaded %(ua_number)s (test mode).", ua_number=UA_NUMBER) if created
               else _("%(ua_number)s is already there.", ua_number=UA_NUMBER))


@campaigns_cli.command("import")
@click.argument("file", type=click.File("rb"))
def import_sheet(file) -> None:
    """Import a UA sheet from FILE, a PDF or a text file ("-" for text on standard input), as a draft
    campaign to review.

    Nothing is published and no official is mailed: the draft is in test mode until an organiser
    has checked it in the editor.
    """
    from campaigns.importer import create_draft_from_import, parse_ua_text
    from campaigns.sheet_sources import without_web_furniture
    from organisers.audit import COMMAND_LINE, record

    name = getattr(file, "name", "<stdin>")
    text = _read_sheet(file, name)
    imported = parse_ua_text(without_web_furniture(text))
    with writing():
        campaign = create_draft_from_import(imported, source_text=text)
        record(COMMAND_LINE, "campaign.imported", campaign,
               f"imported {campaign.ua_number} as a draft from {name}; "
               f"{len(campaign.import_unplaced or [])} fragment(s) to review")
        db.session.commit()
    _echo_placed(imported, campaign)
    _echo_unplaced(campaign.import_unplaced or [])
    click.echo(_("Created draft campaign %(id)d (slug %(slug)s), in test mode. "
                 "Review it in the organisers' editor before publishing.", id=campaign.id, slug=campaign.slug))


def _read_sheet(file, name: str) -> str:
    """The sheet's text: a PDF's in reading order, or the file's UTF-8 text."""
    from campaigns.sheet_sources import MAX_FILE_BYTES, PDF_MAGIC, SheetUnreadable, refuse_too_large, text_from_pdf

    try:
        data = file.read(MAX_FILE_BYTES + 1)  # one byte more than allowed tells a file too large
    except OSError as error:
        raise click.ClickException(_("%(file)s could not be read: %(reason)s.", file=name,
                                     reason=error.strerror or error)) from None
    try:
        refuse_too_large(data)
        if PDF_MAGIC in data[:1024]:
            return text_from_pdf(data)
    except SheetUnreadable as error:
        # Translators: a file's name, then why it cannot be imported, e.g. "That PDF is damaged…".
        raise click.ClickException(_("%(file)s: %(reason)s", file=name, reason=error.message)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(_("%(file)s is not UTF-8 text (%(reason)s at byte %(byte)d).", file=name,
                                     reason=error.reason, byte=error.start)) from None
    if not text.strip():
        raise click.ClickException(_("%(file)s is empty: there is no UA text to import.", file=name))
    return text


def _echo_placed(imported, campaign: Campaign) -> None:
    from formatting import country_name

    people = ", ".join(f"{p.name} ({p.pronouns})" if p.pronouns else p.name for p in imported.people)
    none_found = _("none found")
    lines = [
        (_("UA number"), imported.ua_number
         or _("none found (placeholder %(ua_number)s)", ua_number=campaign.ua_number)),
        (_("Sheet"), imported.ordinal_label or _("a follow-up")) if imported.is_follow_up else None,
        (_("Title"), imported.title or none_found),
        (_("Country"), f"{country_name(imported.country)} ({imported.country})" if imported.country else none_found),
        (_("People"), people or none_found),
        (_("Demands"), str(len(imported.demands))),
        (_("Targets"), ngettext("%(num)d, and %(copies)d to copy", "%(num)d, and %(copies)d to copy",
                                len(imported.targets), copies=len(imported.copies))),
        (_("Deadline"), imported.deadline.isoformat() if imported.deadline else none_found),
        (_("Languages"), ", ".join(imported.preferred_languages) or _("none given")),
        (_("Updates address"), imported.updates_address or none_found),
        (_("Letter template"), _("from the model letter (%(language)s)", language=imported.template.language)
         if imported.template else _("none")),
    ]
    click.echo(_("Placed:"))
    for label, value in filter(None, lines):
        # Translators: one line of what the importer placed, e.g. "Title: Opposition activist at risk".
        click.echo("  " + _("%(label)s: %(value)s", label=label, value=value))


def _echo_unplaced(unplaced: list[str]) -> None:
    if not unplaced:
        click.echo(_("Not placed: nothing."))
        return
    click.echo(_("Not placed (%(count)d), shown beside the editor until reviewed:", count=len(unplaced)))
    for fragment in unplaced:
        click.echo("  - " + fragment.replace("\n", "\n    "))
