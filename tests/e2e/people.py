"""Accounts the browser tests log in with, made directly in the database as the other tests make them."""
from __future__ import annotations

from extensions import db
from models import Organiser
from organisers.accounts import hash_password

PASSWORD = "correct horse battery staple"


def create_organiser(email: str, *, is_admin: bool = True) -> int:
    organiser = Organiser(email=email, name="Ana Organiser", password_hash=hash_password(PASSWORD),
                          is_admin=is_admin, is_active=True, session_version=1, must_change_password=False)
    db.session.add(organiser)
    db.session.flush()
    return organiser.id
