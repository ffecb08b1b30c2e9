"""Taking action: one service function per step a supporter takes. Each flushes, none commits.

A submission of the action form is recorded on its own: its supporter row, its letters and its
links are its own, and nothing typed in it changes an earlier submission, whoever sent that
one. So the answer, and the work behind it, are the same whether or not the address wrote
before, and a person who writes twice still counts once (letters/counting.py).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from campaigns import forgetting
from campaigns.abuse import holds_back, is_blocked, screen_email_sender
from campaigns.errors import ActionExpired, ActionNotFound, AlreadySubmitted, CampaignClosed, LettersGone
from campaigns.submission import Submission
from events.tally import count_online_action
from email_links import hash_of, new_secret
from extensions import db
from inboxes import inbox_key
from letters.counting import already_counted, count_new_letter, insert_new_letters, move_letter, person_key
from letters.email import (LetterEmail, confirmation_message, enqueue_copy_for_supporter, enqueue_letter,
                           letter_email, writer_for)
from letters.mailto import MailAppLetter, mail_app_letter
from letters.packet import action_pdf
from models import Action, Campaign, Channel, Letter, LetterState, Supporter, Target
from models._insert import insert_row
from models._types import utcnow
from outbox.delivery import enqueue
from subscriptions.services import follow_after_action
from webhooks import events as webhook_events
from widget.sites import count_widget_action

# How long a download link, a confirmation link or a mail-app link stays valid.
ACTION_LIFETIME = timedelta(days=7)
# The short code alphabet leaves out letters people confuse (0/O, 1/I/L).
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_DETAILS = ("name", "address_line1", "address_line2", "city", "region", "postcode", "country")


@dataclass(frozen=True)
class TakenAction:
    action: Action
    secret: str                # the thank-you page's handle, read before the commit expires the action
    printed: bytes | None      # "don't keep my address" for printed letters: the PDF, for this response only
    letters: list[Letter]      # with `printed` only: what the page that carries it lists


def take_action(campaign: Campaign, submission: Submission, *, today: date,
                network_hash: str | None = None) -> TakenAction:
    """Record one submission of the action form, its letters and the emails it sends.

    Everything is read before the first write, so the write lock (SQLite) or the row locks
    (PostgreSQL) are held only from the writes to the commit. Call it first in its transaction:
    when a double click collides on the form's one-time token, or two submissions of one person
    on their counted letter, the transaction is rolled back and the submission tried once more,
    and then it finds what the other request wrote.
    """
    if not campaign.is_open(today):
        raise CampaignClosed()
    record = partial(_record_submission, campaign, submission, today=today, network_hash=network_hash)
    try:
        action = record(look_for_duplicate=False)
    except IntegrityError:
        db.session.rollback()
        action = record(look_for_duplicate=True)
    if submission.wants_updates:
        follow_after_action(action.id, network_hash)
    letters = action_letters(action) if forgetting.prints_now(submission) else []
    printed = forgetting.printed_now(submission, campaign, action, letters, today=today) if letters else None
    return TakenAction(action=action, secret=action.secret, printed=printed, letters=letters)


def _record_submission(campaign: Campaign, submission: Submission, *, today: date, network_hash: str | None,
                       look_for_duplicate: bool) -> Action:
    # Reads: nothing is written yet (autoflush has nothing to flush).
    if look_for_duplicate:
        winner = db.session.scalar(select(Action).where(Action.form_nonce == submission.form_nonce))
        if winner is not None:
            raise AlreadySubmitted(winner)
    now = utcnow()
    channel = submission.channel
    details = forgetting.details_to_keep(submission)
    chosen = set(submission.target_ids)
    targets = [t for t in campaign.targets if t.id in chosen]
    email = details.email.strip().lower()
    person = person_key(campaign.id, email, details.name)
    screening = None
    if channel is Channel.email:
        # Over a daily cap this raises; a blocked sender is answered like anyone, and sent nothing.
        screening = screen_email_sender(campaign.id, email, network_hash, submission.personal_message, now=now)
    confirm_hash = confirmation = None
    if screening is not None:
        confirm_token, confirm_hash = new_secret()
        if screening.is_sendable:
            confirmation = confirmation_message(campaign, name=details.name, email=email, token=confirm_token,
                                                targets=targets, locale=submission.locale)

    # Writes, with nothing rendered in between: plain INSERTs, the same ones for every submission.
    supporter = insert_row(Supporter, campaign_id=campaign.id, email=email, inbox=inbox_key(email), created_at=now,
                           **{key: getattr(details, key) for key in _DETAILS})
    action = insert_row(
        Action, campaign_id=campaign.id, supporter_id=supporter.id, channel=channel, language=submission.language,
        locale=submission.locale,
        personal_message=submission.personal_message, form_nonce=submission.form_nonce,
        secret=secrets.token_urlsafe(32), confirm_hash=confirm_hash,
        target_ids=[t.id for t in targets], posted_code=_short_code() if channel is Channel.pdf else None,
        keeps_address=not submission.forget_address, wants_copy=submission.wants_copy and channel is Channel.email,
        network_hash=network_hash if screening else None, message_hash=screening.message_hash if screening else None,
        created_at=now, expires_at=now + ACTION_LIFETIME)
    # Mail-app letters are made, and counted, when their link is opened: see open_in_mail_app.
    state = {Channel.pdf: LetterState.generated, Channel.email: LetterState.awaiting_confirmation}.get(channel)
    if state is not None:
        insert_new_letters(db.session, [
            dict(campaign_id=campaign.id, supporter_id=supporter.id, target_id=target.id, action_id=action.id,
                 channel=channel, state=state, counted_on=today, country=supporter.country, person_key=person)
            for target in targets])
    if confirmation is not None:
        enqueue(**confirmation)
    if submission.event_code:
        count_online_action(campaign.id, submission.event_code)
    webhook_events.action_taken(action, supporter, campaign, targets, wants_updates=submission.wants_updates)
    db.session.flush()
    if submission.widget_site is not None:
        # After the flush: a double click's IntegrityError surfaces above, never inside the count's savepoint.
        count_widget_action(campaign.id, submission.widget_site)
    return action


def _short_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


def action_by_secret(secret: str, *, now: datetime | None = None, allow_expired: bool = False) -> Action:
    action = db.session.scalar(select(Action).where(Action.secret == secret)) if secret else None
    if action is None:
        raise ActionNotFound()
    if not allow_expired and action.expires_at is not None and (now or utcnow()) > action.expires_at:
        raise ActionExpired()
    return action


def action_to_confirm(token: str, *, now: datetime | None = None) -> Action:
    """The email action whose confirmation link carries this token."""
    action = db.session.scalar(select(Action).where(Action.confirm_hash == hash_of(token))) if token else None
    if action is None or action.channel is not Channel.email:
        raise ActionNotFound()
    if action.confirmed_at is None and action.expires_at is not None and (now or utcnow()) > action.expires_at:
        raise ActionExpired()
    return action


def action_letters(action: Action) -> list[Letter]:
    return list(db.session.scalars(
        select(Letter).where(Letter.action_id == action.id).order_by(Letter.id)))


def is_erased(action: Action) -> bool:
    """The supporter's details were erased (on request, or by the retention purge)."""
    return action.supporter.anonymised_at is not None


@dataclass(frozen=True)
class ThankYou:
    """What the thank-you page of an action shows."""

    campaign: Campaign
    letters: list[Letter]
    mail_links: list[tuple[Target, MailAppLetter]]
    is_expired: bool
    is_erased: bool


def thank_you(action: Action, *, today: date) -> ThankYou:
    campaign = db.session.get(Campaign, action.campaign_id)
    erased = is_erased(action)
    mail_links = []
    if action.channel is Channel.mailto and not erased:
        writer = writer_for(action.supporter, action.personal_message, with_street=False)
        mail_links = [(target, mail_app_letter(campaign, target, writer, language=action.language, today=today))
                      for target in campaign.ordered_targets if target.id in (action.target_ids or [])]
    return ThankYou(campaign=campaign, letters=action_letters(action), mail_links=mail_links,
                    is_expired=action.expires_at is not None and utcnow() > action.expires_at, is_erased=erased)


def letters_pdf(action: Action, *, today: date) -> tuple[bytes, Campaign]:
    """The printed letters of a PDF action, made again from what is stored; LettersGone when none are left."""
    letters = action_letters(action)
    if not letters or is_erased(action):
        raise LettersGone()
    campaign = db.session.get(Campaign, action.campaign_id)
    return action_pdf(campaign, action, letters, today=today), campaign


@dataclass(frozen=True)
class ToConfirm:
    """The page a confirmation link opens: every letter that goes out in the supporter's name."""

    campaign: Campaign
    letters: list[tuple[Letter, LetterEmail]]


def letters_to_confirm(action: Action, *, today: date) -> ToConfirm:
    """Each letter with the email it is, or was, sent as: recipient, subject and full text."""
    campaign = db.session.get(Campaign, action.campaign_id)
    writer = writer_for(action.supporter, action.personal_message, with_street=False)
    return ToConfirm(campaign=campaign, letters=[
        (letter, letter_email(campaign, letter.target, writer, language=action.language, today=today))
        for letter in action_letters(action)])


def send_confirmation_again(action: Action) -> bool:
    """A fresh confirmation link, to the address of the action only; the older link stops working.

    Nothing is sent for an action already confirmed or expired, or from a blocked sender.
    """
    if action.channel is not Channel.email or action.confirmed_at is not None or is_erased(action):
        return False
    supporter = action.supporter
    if is_blocked(supporter.email, action.network_hash):
        return False
    campaign = db.session.get(Campaign, action.campaign_id)
    token, action.confirm_hash = new_secret()
    targets = [t for t in campaign.ordered_targets if t.id in (action.target_ids or [])]
    enqueue(**confirmation_message(campaign, name=supporter.name, email=supporter.email, token=token,
                                   targets=targets, locale=action.locale))
    return True


def mark_posted(action: Action) -> int:
    """The supporter says these PDF letters are in the post; returns how many changed."""
    changed = 0
    for letter in action_letters(action):
        if letter.channel is Channel.pdf and move_letter(db.session, letter, LetterState.posted):
            letter.posted_at = utcnow()
            webhook_events.letter_posted(letter)
            changed += 1
    return changed


def action_by_posted_code(code: str) -> Action:
    normalised = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    action = db.session.scalar(select(Action).where(Action.posted_code == normalised)) if normalised else None
    if action is None:
        raise ActionNotFound()
    return action


def confirm_email_action(action: Action, *, today: date) -> int:
    """The supporter confirmed from the link in their email: queue their letters; returns how many.

    A letter of someone who already emailed the same official about this case (the same
    inbox and name) is not sent twice: it is marked a duplicate.
    """
    if action.channel is not Channel.email:
        raise ActionNotFound()
    campaign = db.session.get(Campaign, action.campaign_id)
    if action.confirmed_at is None and not campaign.is_open(today):
        raise CampaignClosed()
    if action.confirmed_at is not None:
        return 0
    now = utcnow()
    action.confirmed_at = now
    action.supporter.email_confirmed_at = now
    waiting = [letter for letter in action_letters(action) if letter.state is LetterState.awaiting_confirmation]
    sent_before = _emailed_before(waiting)
    for letter in waiting:
        if letter.target_id in sent_before:
            move_letter(db.session, letter, LetterState.duplicate)
    if holds_back(action):  # a blocked sender, or a flood of identical messages: nothing is queued
        return 0
    queued = []
    for letter in waiting:
        if letter.state is LetterState.awaiting_confirmation:
            move_letter(db.session, letter, LetterState.queued)
            enqueue_letter(letter, action, today=today)
            queued.append(letter)
    if queued and action.wants_copy:
        enqueue_copy_for_supporter(action, queued, today=today)
    return len(queued)


def _emailed_before(letters: list[Letter]) -> set[int]:
    """Targets the writers of these letters have already emailed (queued or sent) with another letter."""
    if not letters or letters[0].person_key is None:
        return set()
    return set(db.session.scalars(select(Letter.target_id).where(
        Letter.person_key == letters[0].person_key, Letter.channel == Channel.email,
        Letter.target_id.in_([letter.target_id for letter in letters]),
        Letter.state.in_([LetterState.queued, LetterState.sent]),
        Letter.id.not_in([letter.id for letter in letters]))))


def open_in_mail_app(action: Action, target_id: int, *, today: date) -> MailAppLetter:
    """A mail-app link was opened: count the letter (once) and return it, for the mail app."""
    if action.channel is not Channel.mailto or target_id not in (action.target_ids or []) or is_erased(action):
        raise ActionNotFound()
    target = db.session.get(Target, target_id)
    if target is None:
        raise ActionNotFound()
    _mail_app_letter(action, target, today)
    campaign = db.session.get(Campaign, action.campaign_id)
    writer = writer_for(action.supporter, action.personal_message, with_street=False)
    return mail_app_letter(campaign, target, writer, language=action.language, today=today)


def _mail_app_letter(action: Action, target: Target, today: date) -> Letter:
    """This submission's mail-app letter to the target, created when its link is first opened."""
    supporter = action.supporter
    mine = select(Letter).where(Letter.action_id == action.id, Letter.target_id == target.id)
    letter = db.session.scalar(mine)
    if letter is not None:
        return letter
    key = person_key(action.campaign_id, supporter.email, supporter.name) if supporter.anonymised_at is None else None
    counted_before = bool(key) and target.id in already_counted(db.session, key, Channel.mailto, [target.id])
    new = partial(Letter, campaign_id=action.campaign_id, supporter_id=supporter.id, target_id=target.id,
                  action_id=action.id, channel=Channel.mailto, state=LetterState.opened, counted_on=today,
                  country=supporter.country, person_key=key)
    try:
        with db.session.begin_nested():
            letter = new(is_counted=not counted_before)
            db.session.add(letter)
            count_new_letter(db.session, letter)
        return letter
    except IntegrityError:
        pass
    # The same link opened twice at once, or another submission of this person counted first.
    letter = db.session.scalar(mine)
    if letter is None:
        letter = new(is_counted=False)
        db.session.add(letter)
        count_new_letter(db.session, letter)
    return letter


def expire_unconfirmed(now: datetime) -> int:
    """Email letters never confirmed within their week stop waiting and stop counting."""
    expired = 0
    letters = db.session.scalars(
        select(Letter).join(Action, Letter.action_id == Action.id)
        .where(Letter.state == LetterState.awaiting_confirmation, Action.expires_at < now))
    for letter in letters:
        move_letter(db.session, letter, LetterState.expired)
        expired += 1
    return expired

