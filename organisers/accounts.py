"""Organiser accounts: passwords, one-time passwords and sessions that can be revoked.

Functions flush, never commit; the caller commits once. Passwords are hashed with scrypt
(werkzeug), a memory-hard KDF; a one-time password works for one login only, after which the
organiser must choose their own.
"""
from __future__ import annotations

import functools
import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from extensions import db
from models import Organiser
from models._types import utcnow
from organisers.audit import Actor, record

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200
_HASH_METHOD = "scrypt"


class AccountError(Exception):
    """A domain error the route shows to the organiser, in the language of their page."""

    message = _l("That did not work.")

    def __init__(self, message: str | None = None) -> None:
        # The lazy default is read now, while the request (or command) that raised it runs.
        text = str(message or self.message)
        super().__init__(text)
        self.message = text


class EmailTaken(AccountError):
    message = _l("An organiser with this email address already exists.")


class WrongPassword(AccountError):
    message = _l("That is not your current password.")


class PasswordNotNew(AccountError):
    message = _l("Please choose a password different from the one you have now.")


class CannotChangeOwnAccount(AccountError):
    message = _l("You cannot do this to your own account: ask another admin.")


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=_HASH_METHOD)


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Checked when the email is unknown, so a failed login costs the same either way and its
    # timing does not tell who has an account.
    return hash_password(secrets.token_urlsafe(24))


def one_time_password() -> str:
    return secrets.token_urlsafe(12)


def organiser_by_email(email: str) -> Organiser | None:
    return db.session.scalar(select(Organiser).where(Organiser.email == normalise_email(email)))


def authenticate(email: str, password: str) -> Organiser | None:
    """The active organiser with this email and password, else None; same cost either way."""
    organiser = organiser_by_email(email)
    if organiser is None:
        check_password_hash(_dummy_hash(), password or "")
        return None
    if not check_password_hash(organiser.password_hash, password or ""):
        return None
    return organiser if organiser.is_active else None


def record_login(organiser: Organiser, actor: Actor) -> None:
    """A successful login. A one-time password is spent here: only this session may now set a
    new password; if it is lost, an admin resets the account."""
    organiser.last_login_at = utcnow()
    if organiser.must_change_password:
        organiser.password_hash = hash_password(secrets.token_urlsafe(32))
    record(actor, "organiser.login", organiser, "signed in")
    db.session.flush()


def sign_out(organiser: Organiser) -> None:
    """Every session cookie issued so far, on any device, stops working."""
    organiser.session_version += 1
    db.session.flush()


def change_password(organiser: Organiser, *, current_password: str | None, new_password: str,
                    actor: Actor) -> None:
    """Set a new password and end every other session. After a one-time password login the
    current password is not asked again (it was spent at login)."""
    if not organiser.must_change_password:
        if not check_password_hash(organiser.password_hash, current_password or ""):
            raise WrongPassword()
        if check_password_hash(organiser.password_hash, new_password):
            raise PasswordNotNew()
    organiser.password_hash = hash_password(new_password)
    organiser.must_change_password = False
    organiser.session_version += 1
    record(actor, "organiser.password_changed", organiser, "changed their password")
    db.session.flush()


def create_organiser(email: str, *, name: str = "", is_admin: bool = False,
                     actor: Actor) -> tuple[Organiser, str]:
    """A new account and its one-time password (shown once, never stored in clear)."""
    email = normalise_email(email)
    if organiser_by_email(email) is not None:
        raise EmailTaken()
    password = one_time_password()
    organiser = Organiser(email=email, name=(name or "").strip(), is_admin=is_admin, is_active=True,
                          password_hash=hash_password(password), must_change_password=True,
                          session_version=1)
    db.session.add(organiser)
    db.session.flush()
    record(actor, "organiser.created", organiser, f"created {email}{' (admin)' if is_admin else ''}")
    return organiser, password


def deactivate_organiser(organiser: Organiser, actor: Actor) -> None:
    if organiser.id == actor.organiser_id:
        raise CannotChangeOwnAccount()
    organiser.is_active = False
    organiser.session_version += 1
    record(actor, "organiser.deactivated", organiser, f"deactivated {organiser.email}")
    db.session.flush()


def activate_organiser(organiser: Organiser, actor: Actor) -> None:
    organiser.is_active = True
    record(actor, "organiser.activated", organiser, f"reactivated {organiser.email}")
    db.session.flush()


def reset_password(organiser: Organiser, actor: Actor) -> str:
    """A new one-time password; the old password and every session stop working."""
    if organiser.id == actor.organiser_id:
        raise CannotChangeOwnAccount()
    password = one_time_password()
    organiser.password_hash = hash_password(password)
    organiser.must_change_password = True
    organiser.session_version += 1
    record(actor, "organiser.password_reset", organiser, f"reset the password of {organiser.email}")
    db.session.flush()
    return password
