"""Small helpers shared by the tests: filling the action form the way a browser would, organiser accounts."""
from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import func, select

from extensions import db
from email_links import hash_of
from models import Action, AuditEntry, Letter, LetterCount, LetterState, Organiser, OutboxMessage
from organisers.accounts import hash_password

PASSWORD = "correct horse battery staple"
LOGIN = "/organisers/login"


def form_nonce(client, slug: str = "ua-118-21") -> str:
    html = client.get(f"/campaigns/{slug}/write").get_data(as_text=True)
    return re.search(r'name="form_nonce" type="hidden" value="([^"]+)"', html).group(1)


# A postcode of the right shape for the countries tests write from; a postcode is never required,
# so a country without one here sends none rather than a British one its rules would refuse.
SAMPLE_POSTCODES = {"GB": "LS1 1AA", "FR": "69001", "DE": "50667", "TM": "744000", "ES": "28012"}


def action_data(campaign, client, **overrides) -> dict:
    country = overrides.get("country", "GB")
    data = dict(name="Jane Doe", email="jane@example.org", address_line1="1 High Street", address_line2="",
                city="Leeds", postcode=SAMPLE_POSTCODES.get(country, ""), country="GB", personal_message="",
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


def without_csrf_tokens(html: str) -> str:
    """The page with its CSRF tokens blanked: a token carries the second it was signed in, so two renderings of
    the same page differ by it when a second passes between them."""
    return re.sub(r'(name="csrf_token"(?: type="hidden")? value=)"[^"]*"', r'\1""', html)


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def confirm_path(text: str) -> str:
    """The path of the confirmation link in an email's text: /confirm/<the email's own secret>."""
    return re.search(r"https?://[^/\s]+(/confirm/[A-Za-z0-9_-]+)", text).group(1)


def newest_link(kind: str, path_prefix: str, to: str = "jane@example.org") -> str:
    """The path of the link starting with `path_prefix` in the newest outbox email of `kind` to `to`:
    how a test reads its inbox before (or without) delivering."""
    rows = db.session.execute(select(OutboxMessage.recipients, OutboxMessage.body_text)
                              .where(OutboxMessage.kind == kind).order_by(OutboxMessage.id.desc())).all()
    text = next(body for recipients, body in rows if to in recipients)
    return re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}[A-Za-z0-9_.-]+)", text).group(1)


def confirmation_link(secret: str) -> str:
    """The path of the link in the confirmation email of the action whose thank-you page is /a/<secret>:
    what its supporter finds in their inbox (the outbox row, read before or without delivery)."""
    action = db.session.scalar(select(Action).where(Action.secret == secret))
    for body in db.session.scalars(select(OutboxMessage.body_text).where(OutboxMessage.kind == "confirmation")):
        for token in re.findall(r"/confirm/([A-Za-z0-9_-]+)", body):
            if hash_of(token) == action.confirm_hash:
                return f"/confirm/{token}"
    raise LookupError(f"no confirmation email carries the link of action {action.id}")


def confirm_by_email(client, secret: str):
    """Confirm an email action as its supporter does: with the link from their confirmation email."""
    return client.post(confirmation_link(secret))


KAZAKHSTAN_SHEET = Path(__file__).resolve().parent / "fixtures" / "ua_texts" / "international_kazakhstan.txt"


def sheet_with_words_to_review() -> str:
    """The Kazakhstan sheet, its header line going on with words no field holds ("Distribution: sections
    only"): the importer reads the rest of it, so these are what the editor shows beside the draft."""
    return KAZAKHSTAN_SHEET.read_text(encoding="utf-8").replace(
        "Date: 14 October 2026", "Date: 14 October 2026 Distribution: sections only")
