"""`flask organisers …`: accounts from the server's command line (the first admin starts here)."""
from __future__ import annotations

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import AppGroup
from sqlalchemy import select

from extensions import db, writing
from models import Organiser
from organisers import accounts
from organisers.audit import COMMAND_LINE

organisers_cli = AppGroup("organisers", help="Organiser accounts.")


def _password_note(password: str) -> None:
    click.echo(f"One-time password: {password}")
    click.echo("It is shown only now and works for one login, after which a new password must be chosen.")


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
    click.echo(f"Created {'admin' if admin else 'organiser'} {organiser.email}.")
    _password_note(password)


@organisers_cli.command("reset-password")
@click.argument("email")
def reset_password(email: str) -> None:
    """New one-time password; ends their sessions."""
    with writing():
        organiser = accounts.organiser_by_email(email)
        if organiser is None:
            raise click.ClickException(f"No organiser has the address {email}.")
        password = accounts.reset_password(organiser, COMMAND_LINE)
        db.session.commit()
    click.echo(f"Reset the password of {organiser.email}; their sessions have ended.")
    _password_note(password)


@organisers_cli.command("list")
def list_organisers() -> None:
    """Every account, its role and state."""
    for organiser in db.session.scalars(select(Organiser).order_by(Organiser.email)):
        flags = ", ".join(flag for flag, on in (("admin", organiser.is_admin), ("inactive", not organiser.is_active),
                                                ("must change password", organiser.must_change_password)) if on)
        click.echo(f"{organiser.email}{f'  ({flags})' if flags else ''}")
