"""`flask organisers …`: accounts from the server's command line (the first admin starts here)."""
from __future__ import annotations

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import AppGroup
from flask_babel import gettext as _
from sqlalchemy import select

from extensions import db, writing
from models import Organiser
from organisers import accounts
from organisers.audit import COMMAND_LINE

# Messages printed while a command runs are in the organisation's language (DEFAULT_LOCALE: a
# command has no visitor to ask). Help texts (--help) stay in English: click reads them when the
# module is imported, and administrators look them up while writing scripts.
organisers_cli = AppGroup("organisers", help="Organiser accounts.")


def _password_note(password: str) -> None:
    click.echo(_("One-time password: %(password)s", password=password))
    click.echo(_("It is shown only now and works for one login, after which a new password must be chosen."))


@organisers_cli.command("create")
@click.argument("email")
@click.option("--admin", is_flag=True, help="May manage organisers and read the audit log.")
@click.option("--name", default="", help="The organiser's name, as shown to other organisers.")
def create(email: str, admin: bool, name: str) -> None:
    """Create an account and print its one-time password."""
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise click.BadParameter(str(error), param_hint="EMAIL") from None
    with writing():
        try:
            organiser, password = accounts.create_organiser(email, name=name, is_admin=admin, actor=COMMAND_LINE)
        except accounts.AccountError as error:
            raise click.ClickException(error.message) from None
        db.session.commit()
    click.echo(_("Created admin %(email)s.", email=organiser.email) if admin
               else _("Created organiser %(email)s.", email=organiser.email))
    _password_note(password)


@organisers_cli.command("reset-password")
@click.argument("email")
def reset_password(email: str) -> None:
    """New one-time password; ends their sessions."""
    with writing():
        organiser = accounts.organiser_by_email(email)
        if organiser is None:
            raise click.ClickException(_("No organiser has the address %(email)s.", email=email))
        password = accounts.reset_password(organiser, COMMAND_LINE)
        db.session.commit()
    click.echo(_("Reset the password of %(email)s; their sessions have ended.", email=organiser.email))
    _password_note(password)


@organisers_cli.command("list")
def list_organisers() -> None:
    """Every account, its role and state."""
    for organiser in db.session.scalars(select(Organiser).order_by(Organiser.email)):
        flags = ", ".join(flag for flag, on in ((_("admin"), organiser.is_admin),
                                                (_("inactive"), not organiser.is_active),
                                                (_("must change password"), organiser.must_change_password)) if on)
        click.echo(f"{organiser.email}{f'  ({flags})' if flags else ''}")
