"""Taking action: one function per step a supporter takes. Each flushes, none commits."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from campaigns.abuse import holds_back, screen_email_sender
from campaigns.errors import ActionExpired, ActionNotFound, AlreadySubmitted, CampaignClosed
from extensions import db
from letters.counting import count_new_letter, count_new_letters, move_letter
from letters.email import confirmation_message, enqueue_copy_for_supporter, enqueue_letter
from models import Action, Campaign, Channel, Letter, LetterState, Supporter, Target
from models._insert import insert_row, insert_rows, upsert_values
from models._types import utcnow
from outbox.delivery import enqueue

# How long a download link, a confirmation link or a mail-app link stays valid.
ACTION_LIFETIME = timedelta(days=7)
# The short code alphabet leaves out letters people confuse (0/O, 1/I/L).
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class SupporterDetails:
    name: str
    email: str
    address_line1: str
    address_line2: str
    city: str
    postcode: str
    country: str


# Built once: a returning supporter's letters through the channel, to the chosen targets.
_EARLIER_LETTERS = select(Letter).where(Letter.supporter_id == bindparam("supporter_id"),
                                        Letter.channel == bindparam("channel"),
                                        Letter.target_id.in_(bindparam("target_ids", expanding=True)))


def _short_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


def take_action(campaign: Campaign, details: SupporterDetails, *, target_ids: list[int], channel: Channel,
                language: str, personal_message: str, form_nonce: str, today: date,
                wants_copy: bool = False, network_hash: str | None = None) -> Action:
    """Record one submission of the action form and the letters it makes.

    Writing again to the same target through the same channel re-uses that letter, so each
    supporter × target × channel counts once however often the form is sent.

    Everything but a returning supporter's earlier letters is read before the first write, so
    the write lock (SQLite) or the row locks (PostgreSQL) are held only from the writes to the
    commit. Call it first in its transaction: when a double click or the same person writing
    twice at the same moment collides on a unique key, the transaction is rolled back and the
    submission tried once more, and then it finds what the other request wrote.
    """
    if not campaign.is_open(today):
        raise CampaignClosed()
    record = partial(_record_submission, campaign, details, target_ids=target_ids, channel=channel,
                     language=language, personal_message=personal_message, form_nonce=form_nonce, today=today,
                     wants_copy=wants_copy, network_hash=network_hash)
    try:
        return record(look_for_duplicate=False)
    except IntegrityError:
        db.session.rollback()
    return record(look_for_duplicate=True)


def _record_submission(campaign: Campaign, details: SupporterDetails, *, target_ids: list[int], channel: Channel,
                       language: str, personal_message: str, form_nonce: str, today: date, wants_copy: bool,
                       network_hash: str | None, look_for_duplicate: bool) -> Action:
    # Reads: nothing is written yet (autoflush has nothing to flush).
    if look_for_duplicate:
        winner = db.session.scalar(select(Action).where(Action.form_nonce == form_nonce))
        if winner is not None:
            raise AlreadySubmitted(winner)
    now = utcnow()
    targets = [t for t in campaign.targets if t.id in set(target_ids)]
    email = details.email.strip().lower()
    screening = None
    if channel is Channel.email:
        # Over a daily cap this raises; a blocked sender is answered like anyone, and sent nothing.
        screening = screen_email_sender(campaign.id, email, network_hash, personal_message, now=now)
    secret = secrets.token_urlsafe(32)
    confirmation = None
    if screening is not None and screening.is_sendable:
        confirmation = confirmation_message(campaign, name=details.name, email=email, secret=secret, targets=targets)

    # Writes, with nothing rendered in between. New rows go in as plain INSERTs; the supporter
    # is written or, returning, brought up to date in the same statement; letters brought back
    # are flushed at the end.
    supporter = upsert_values(Supporter, on=("campaign_id", "email"), update=_DETAILS, campaign_id=campaign.id,
                              email=email, created_at=now, **_details(details))
    returning = supporter.created_at != now  # an older row was updated, not a new one inserted
    earlier_letters = {letter.target_id: letter for letter in db.session.scalars(
        _EARLIER_LETTERS, {"supporter_id": supporter.id, "channel": channel, "target_ids": [t.id for t in targets]})
    } if returning else {}
    action = insert_row(
        Action, campaign_id=campaign.id, supporter_id=supporter.id, channel=channel, language=language,
        personal_message=personal_message, form_nonce=form_nonce, secret=secret,
        target_ids=[t.id for t in targets], posted_code=_short_code() if channel is Channel.pdf else None,
        wants_copy=wants_copy and channel is Channel.email, network_hash=network_hash if screening else None,
        message_hash=screening.message_hash if screening else None, created_at=now,
        expires_at=now + ACTION_LIFETIME)
    # Mail-app letters are counted when their link is opened: see open_in_mail_app.
    state = {Channel.pdf: LetterState.generated, Channel.email: LetterState.awaiting_confirmation}.get(channel)
    new_letters = []
    if state is not None:
        for target in targets:
            letter = earlier_letters.get(target.id)
            if letter is None:
                new_letters.append(dict(campaign_id=campaign.id, supporter_id=supporter.id, target_id=target.id,
                                        action_id=action.id, channel=channel, state=state, counted_on=today,
                                        country=supporter.country))
            else:
                _bring_back(letter, action, state)
    insert_rows(Letter, new_letters)
    count_new_letters(db.session, new_letters)
    if confirmation is not None:
        enqueue(**confirmation)
    db.session.flush()
    return action


_DETAILS = ("name", "address_line1", "address_line2", "city", "postcode", "country")


def _details(details: SupporterDetails) -> dict:
    return {key: getattr(details, key) for key in _DETAILS}


def _bring_back(letter: Letter, action: Action, state: LetterState) -> None:
    """A letter written before goes with this action; an expired or failed email tries again."""
    letter.action = action
    if letter.state in (LetterState.expired, LetterState.failed) and state is LetterState.awaiting_confirmation:
        move_letter(db.session, letter, state)


def _letter_for(action: Action, target: Target, state: LetterState, today: date) -> Letter:
    """The supporter's letter to this target through this channel, created or brought back."""
    supporter = action.supporter
    letter = db.session.scalar(select(Letter).where(
        Letter.supporter_id == supporter.id, Letter.target_id == target.id, Letter.channel == action.channel))
    if letter is None:
        letter = Letter(campaign_id=action.campaign_id, supporter_id=supporter.id, target_id=target.id,
                        action_id=action.id, channel=action.channel, state=state, counted_on=today,
                        country=supporter.country)
        try:
            with db.session.begin_nested():
                db.session.add(letter)
                count_new_letter(db.session, letter)
        except IntegrityError:
            # A concurrent submission by the same supporter created it first: count it once.
            letter = db.session.scalar(select(Letter).where(
                Letter.supporter_id == supporter.id, Letter.target_id == target.id,
                Letter.channel == action.channel))
            letter.action_id = action.id
        return letter
    _bring_back(letter, action, state)
    return letter


def action_by_secret(secret: str, *, now: datetime | None = None, allow_expired: bool = False) -> Action:
    action = db.session.scalar(select(Action).where(Action.secret == secret)) if secret else None
    if action is None:
        raise ActionNotFound()
    if not allow_expired and action.expires_at is not None and (now or utcnow()) > action.expires_at:
        raise ActionExpired()
    return action


def action_letters(action: Action) -> list[Letter]:
    return list(db.session.scalars(
        select(Letter).where(Letter.action_id == action.id).order_by(Letter.id)))


def mark_posted(action: Action) -> int:
    """The supporter says these PDF letters are in the post; returns how many changed."""
    changed = 0
    for letter in action_letters(action):
        if letter.channel is Channel.pdf and move_letter(db.session, letter, LetterState.posted):
            letter.posted_at = utcnow()
            changed += 1
    return changed


def action_by_posted_code(code: str) -> Action:
    normalised = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    action = db.session.scalar(select(Action).where(Action.posted_code == normalised)) if normalised else None
    if action is None:
        raise ActionNotFound()
    return action


def confirm_email_action(action: Action, *, today: date) -> int:
    """The supporter clicked the link in their confirmation email: queue their letters."""
    if action.channel is not Channel.email:
        raise ActionNotFound()
    campaign = db.session.get(Campaign, action.campaign_id)
    if action.confirmed_at is None and not campaign.is_open(today):
        raise CampaignClosed()
    now = utcnow()
    if action.confirmed_at is None:
        action.confirmed_at = now
        action.supporter.email_confirmed_at = action.supporter.email_confirmed_at or now
    if holds_back(action):  # a blocked sender, or a flood of identical messages: nothing is queued
        return 0
    queued = []
    for letter in action_letters(action):
        if letter.state is LetterState.awaiting_confirmation:
            move_letter(db.session, letter, LetterState.queued)
            enqueue_letter(letter, action, today=today)
            queued.append(letter)
    if queued and action.wants_copy:
        enqueue_copy_for_supporter(action, queued, today=today)
    return len(queued)


def open_in_mail_app(action: Action, target_id: int, *, today: date) -> Target:
    """A mail-app link was opened: count the letter (once) and return its target."""
    if action.channel is not Channel.mailto or target_id not in (action.target_ids or []):
        raise ActionNotFound()
    target = db.session.get(Target, target_id)
    if target is None:
        raise ActionNotFound()
    _letter_for(action, target, LetterState.opened, today)
    return target


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
