"""Email letters: outbox rows for confirmations and for targets, and what delivery changes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from extensions import db
from formatting import country_name
from letters.addresses import supporter_lines, supporter_town, supporter_town_lines
from letters.compose import Writer, as_plain_text, compose
from letters.counting import move_letter
from letters.languages import letter_language
from letters.recipients import letter_recipients
from models import Action, Campaign, Letter, LetterState, Supporter
from models._types import utcnow
from outbox.delivery import enqueue, notice
from outbox.hooks import on_letter_failed, on_letter_sent
from theme import render_email
from webhooks import events as webhook_events


def mailbox(name: str, address: str) -> str:
    """'Jane "JD" Doe' <a@b> as a header value; outbox.wire encodes non-ASCII names when it sends."""
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}" <{address}>'


def _external(endpoint: str, **values) -> str:
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def writer_for(supporter: Supporter, personal_message: str, *, with_street: bool) -> Writer:
    """Posted letters carry the full return address; emails only the town and country,
    so an official's inbox never holds a supporter's home address. Both are written in the
    order and with the parts of the supporter's country (letters/addresses.py)."""
    if with_street and supporter.address_line1:
        address = tuple(supporter_lines(supporter))
    else:
        address = tuple(supporter_town_lines(supporter))
    return Writer(name=supporter.name, address=address, town=supporter_town(supporter),
                  country_name=country_name(supporter.country), personal_message=personal_message,
                  country_code=supporter.country or "")


def confirmation_message(campaign: Campaign, *, name: str, email: str, token: str, targets: list,
                         locale: str = "en") -> dict:
    """The email asking a supporter to confirm their address before any letter leaves in their
    name, as the fields of its outbox row (for `enqueue`). Its link carries `token`, a secret
    that exists nowhere but in this email. Rendered before the action is written, so that the
    database is held only for the writes themselves; in `locale`, the interface language the
    supporter wrote in."""
    context = dict(campaign=campaign, name=name, targets=targets, org_name=current_app.config["ORG_NAME"],
                   confirm_url=_external("campaigns.confirm", token=token))
    with force_locale(locale):
        return notice("confirmation", to=email,
                      subject=_("Please confirm your letters for %(ua)s", ua=campaign.ua_number),
                      body=render_email("email/confirm_letters", **context), campaign_id=campaign.id)


@dataclass(frozen=True)
class LetterEmail:
    """One letter as the email channel sends it; the organisers' preview shows the same."""

    sender: str
    recipients: list[str]        # where it goes: the officials, or the test recipient in test mode
    real_recipients: list[str]   # the officials' addresses, whatever the mode
    subject: str
    text: str
    html: str
    letter_text: str


def letter_email(campaign: Campaign, target, writer: Writer, *, language: str, today: date,
                 version=None) -> LetterEmail:
    """In test mode it goes to the organisers' test address and says so in its first line.
    Subject and text are the letter version's, in its language (`version`, else `language`'s)."""
    composed = compose(campaign, target, writer, language=language, today=today, version=version)
    letter_text = as_plain_text(composed)
    recipients = letter_recipients(campaign, target)
    context = dict(letter_text=letter_text, is_test_mode=recipients.is_test,
                   real_recipients=recipients.officials, composed=composed)
    org = current_app.config["ORG_NAME"]
    # The letter speaks its own language; the test-mode line above it is for the organisers.
    with force_locale(current_app.config["DEFAULT_LOCALE"]):
        body = render_email("email/letter", **context)
    return LetterEmail(
        sender=mailbox(letter_language(composed.language).sent_via.format(name=writer.name, org=org),
                       current_app.config["MAIL_DEFAULT_SENDER"]),
        recipients=recipients.to, real_recipients=recipients.officials,
        subject=("[TEST] " if recipients.is_test else "") + composed.subject,
        text=body.text, html=body.html, letter_text=letter_text)


def enqueue_letter(letter: Letter, action: Action, *, today: date) -> int:
    """One email to one target, from the supporter via the organisation, Reply-To the supporter."""
    campaign = db.session.get(Campaign, letter.campaign_id)
    target = letter.target
    supporter = action.supporter
    built = letter_email(campaign, target, writer_for(supporter, action.personal_message, with_street=False),
                         language=action.language, today=today)
    return enqueue(
        kind="letter", letter_id=letter.id, campaign_id=campaign.id, sender=built.sender,
        recipients=built.recipients, subject=built.subject, body_text=built.text, body_html=built.html,
        # The inbox it lands in: in test mode the organisers', whose tests need not wait on the official's cap.
        throttle_key=",".join(sorted(built.recipients)).lower()[:254],
        hourly_cap=target.hourly_email_cap or campaign.hourly_email_cap,
        headers={"Reply-To": mailbox(supporter.name, supporter.email)})


def enqueue_copy_for_supporter(action: Action, letters: list[Letter], *, today: date) -> int:
    """What went out in the supporter's name, for their own records: one email for all letters."""
    campaign = db.session.get(Campaign, action.campaign_id)
    supporter = action.supporter
    writer = writer_for(supporter, action.personal_message, with_street=False)
    copies = [(letter.target, compose(campaign, letter.target, writer, language=action.language, today=today))
              for letter in letters]
    context = dict(campaign=campaign, copies=[(t, c, as_plain_text(c)) for t, c in copies],
                   org_name=current_app.config["ORG_NAME"])
    # The letters keep their language; what is around them speaks the supporter's, whoever
    # pressed the confirmation link in whatever browser.
    with force_locale(action.locale):
        return enqueue(**notice("copy", to=supporter.email,
                                subject=_("Copy of your letters for %(ua)s", ua=campaign.ua_number),
                                body=render_email("email/letter_copy", **context), campaign_id=campaign.id))


@on_letter_sent
def after_delivery(letter_id: int) -> None:
    """The mail server accepted the letter's email: it now counts as sent."""
    letter = db.session.get(Letter, letter_id)
    if letter is not None and letter.state in (LetterState.queued, LetterState.failed):
        move_letter(db.session, letter, LetterState.sent)
        letter.sent_at = utcnow()
        webhook_events.letter_sent(letter)


@on_letter_failed
def after_failure(letter_id: int, reason: str) -> None:
    letter = db.session.get(Letter, letter_id)
    if letter is not None and letter.state is LetterState.queued:
        move_letter(db.session, letter, LetterState.failed)
        letter.failure_reason = reason
