"""Small helpers shared by the tests: filling the action form the way a browser would, organiser accounts."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, Letter, LetterCount, LetterState, Organiser
from organisers.accounts import hash_password

PASSWORD = "correct horse battery staple"
LOGIN = "/organisers/login"


def form_nonce(client, slug: str = "ua-118-21") -> str:
    html = client.get(f"/campaigns/{slug}/write").get_data(as_text=True)
    return re.search(r'name="form_nonce" type="hidden" value="([^"]+)"', html).group(1)


def action_data(campaign, client, **overrides) -> dict:
    data = dict(name="Jane Doe", email="jane@example.org", address_line1="1 High Street", address_line2="",
                city="Leeds", postcode="LS1 1AA", country="GB", personal_message="",
                targets=[t.id for t in campaign.targets], channel="pdf", language="en",
                form_nonce=form_nonce(client, campaign.slug))
    data.update(overrides)
    return data


def letters_in_state(state: LetterState) -> int:
    return db.session.scalar(select(func.count()).select_from(Letter).where(Letter.state == state))


def counter_total(state: LetterState) -> int:
    return db.session.scalar(select(func.coalesce(func.sum(LetterCount.count), 0))
                             .where(LetterCount.state == state))


def secret_from(response) -> str:
    return response.headers["Location"].rsplit("/a/", 1)[1]


def make_organiser(email: str = "organiser@example.org", *, is_admin: bool = False,
                   password: str = PASSWORD) -> Organiser:
    organiser = Organiser(email=email, name="Olga Organiser", password_hash=hash_password(password),
                          is_admin=is_admin, is_active=True, session_version=1, must_change_password=False)
    db.session.add(organiser)
    db.session.commit()
    return organiser


def log_in(client, email: str = "organiser@example.org", password: str = PASSWORD, **extra):
    return client.post(LOGIN, data={"email": email, "password": password, **extra})


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
