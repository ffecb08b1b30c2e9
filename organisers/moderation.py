"""Held letters and blocked senders: what organisers decide about suspect email actions.

Like organisers/services.py, each function takes models, plain values and the Actor, flushes
but never commits, writes its audit entry in the same transaction, and raises a CampaignError
the route shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import selectinload

from campaigns.abuse import BLOCKED_REASON, email_fingerprint, masked_email
from extensions import db
from inboxes import inbox_key
from letters.counting import move_letter
from models import (Action, BlockedSender, BlockKind, Campaign, Channel, Letter, LetterState, OutboxMessage,
                    OutboxStatus, Supporter)
from models._types import utcnow
from organisers.audit import Actor, record
from organisers.services import CampaignError, NotFound
from outbox.delivery import addressed_to

# A flood can hold thousands of actions: the page lists this many per message, the buttons act on all.
SHOWN_PER_MESSAGE = 50
RECENT_SHOWN = 50
# Stored on the letter, like the delivery errors: a record in the source language.
REJECTED_REASON = "not sent: rejected by an organiser"


@dataclass
class HeldAction:
    action: Action
    letters: list[Letter]


@dataclass
class HeldMessage:
    """Held actions that carry one personal message, and how often the campaign has seen it."""

    message_hash: str | None
    message: str
    held: int          # actions with held letters
    seen: int          # actions carrying this message from addresses never confirmed before
    actions: list[HeldAction]


@dataclass
class ActionRow:
    action: Action
    states: list[str]
    is_address_blocked: bool
    is_network_blocked: bool


def held_messages(campaign: Campaign) -> list[HeldMessage]:
    counts = db.session.execute(
        select(Action.message_hash, func.count(func.distinct(Action.id)))
        .join(Letter, Letter.action_id == Action.id)
        .where(Letter.campaign_id == campaign.id, Letter.state == LetterState.held)
        .group_by(Action.message_hash)).all()
    hashes = [h for h, _ in counts if h]
    seen = dict(db.session.execute(
        select(Action.message_hash, func.count()).where(Action.campaign_id == campaign.id,
                                                        Action.message_hash.in_(hashes))
        .group_by(Action.message_hash)).all()) if hashes else {}
    groups = []
    for message_hash, held in sorted(counts, key=lambda row: -row[1]):
        actions = _held_actions(campaign, message_hash=message_hash, limit=SHOWN_PER_MESSAGE)
        letters = _held_letters([a.id for a in actions])
        rows = [HeldAction(a, [letter for letter in letters if letter.action_id == a.id]) for a in actions]
        groups.append(HeldMessage(message_hash=message_hash, message=actions[0].personal_message if actions else "",
                                  held=held, seen=seen.get(message_hash, held), actions=rows))
    return groups


def recent_email_actions(campaign: Campaign) -> list[ActionRow]:
    """The newest email actions of the campaign, each with its letters' states and any block."""
    actions = db.session.scalars(
        select(Action).options(selectinload(Action.supporter), selectinload(Action.letters))
        .where(Action.campaign_id == campaign.id, Action.channel == Channel.email)
        .order_by(Action.id.desc()).limit(RECENT_SHOWN)).all()
    fingerprints = {email_fingerprint(a.supporter.email) for a in actions}
    networks = {a.network_hash for a in actions if a.network_hash}
    blocked = set(db.session.execute(select(BlockedSender.kind, BlockedSender.value).where(or_(
        (BlockedSender.kind == BlockKind.email) & BlockedSender.value.in_(fingerprints),
        (BlockedSender.kind == BlockKind.network) & BlockedSender.value.in_(networks)))).all()) if actions else set()
    return [ActionRow(action=a, states=sorted({letter.state.value for letter in a.letters}),
                      is_address_blocked=(BlockKind.email, email_fingerprint(a.supporter.email)) in blocked,
                      is_network_blocked=(BlockKind.network, a.network_hash) in blocked)
            for a in actions]


def _held_actions(campaign: Campaign, *, action_id: int | None = None, message_hash: str | None = None,
                  limit: int | None = None) -> list[Action]:
    query = (select(Action).options(selectinload(Action.supporter))
             .where(Action.campaign_id == campaign.id,
                    Action.id.in_(select(Letter.action_id).where(Letter.campaign_id == campaign.id,
                                                                 Letter.state == LetterState.held)))
             .order_by(Action.id))
    if action_id is not None:
        query = query.where(Action.id == action_id)
    else:
        query = query.where(Action.message_hash == message_hash if message_hash else Action.message_hash.is_(None))
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def _held_letters(action_ids: list[int]) -> list[Letter]:
    if not action_ids:
        return []
    return list(db.session.scalars(
        select(Letter).options(selectinload(Letter.target))
        .where(Letter.action_id.in_(action_ids), Letter.state == LetterState.held).order_by(Letter.id)))


def _selection(campaign: Campaign, action_id: int | None, message_hash: str | None) -> list[Action]:
    actions = _held_actions(campaign, action_id=action_id, message_hash=message_hash)
    if not actions:
        raise NotFound(_("There are no held letters there: another organiser may have decided already."))
    return actions


def _ids(actions: list[Action]) -> str:
    shown = ", ".join(str(a.id) for a in actions[:20])
    return shown + (f" and {len(actions) - 20} more" if len(actions) > 20 else "")


def release_held(campaign: Campaign, actor: Actor, *, today: date, action_id: int | None = None,
                 message_hash: str | None = None) -> int:
    """Held letters go to the officials after all: queued, counted, and a copy if it was asked for."""
    from letters.email import enqueue_copy_for_supporter, enqueue_letter

    actions = _selection(campaign, action_id, message_hash)
    released = 0
    for action in actions:
        letters = _held_letters([action.id])
        for letter in letters:
            move_letter(db.session, letter, LetterState.queued)
            enqueue_letter(letter, action, today=today)
        if letters and action.wants_copy:
            enqueue_copy_for_supporter(action, letters, today=today)
        released += len(letters)
    db.session.flush()
    record(actor, "letters.released", campaign, f"released {released} held letter(s) of {campaign.ua_number}, "
           f"action(s) {_ids(actions)}")
    return released


def reject_held(campaign: Campaign, actor: Actor, *, action_id: int | None = None,
                message_hash: str | None = None) -> int:
    """Held letters are never sent; they stay on record as rejected, and are not counted."""
    actions = _selection(campaign, action_id, message_hash)
    letters = _held_letters([a.id for a in actions])
    for letter in letters:
        move_letter(db.session, letter, LetterState.rejected)
        letter.failure_reason = REJECTED_REASON
    db.session.flush()
    record(actor, "letters.rejected", campaign, f"rejected {len(letters)} held letter(s) of {campaign.ua_number}, "
           f"action(s) {_ids(actions)}")
    return len(letters)


# --- blocking ------------------------------------------------------------------------------------

@dataclass
class Stopped:
    letters: int = 0
    emails: int = 0


def block_sender(campaign: Campaign, action_id: int, kind: BlockKind, reason: str, actor: Actor) -> BlockedSender:
    """Block the address or the network an email action came from, in every campaign.

    What is already on its way for them stops too: their held letters are rejected, and letters
    and confirmations still waiting in the outbox are withdrawn.
    """
    action = db.session.get(Action, action_id)
    if action is None or action.campaign_id != campaign.id or action.channel is not Channel.email:
        raise NotFound(_("That email action is not part of this campaign."))
    email = action.supporter.email
    if kind is BlockKind.email:
        value, hint = email_fingerprint(email), masked_email(email)
    elif action.network_hash:
        value, hint = action.network_hash, f"the network of action {action.id} ({campaign.ua_number})"
    else:
        raise CampaignError(_("The network of this action is not known, so it cannot be blocked."))
    block = db.session.scalar(select(BlockedSender).where(BlockedSender.kind == kind, BlockedSender.value == value))
    is_new = block is None
    if is_new:
        block = BlockedSender(kind=kind, value=value, hint=hint, reason=reason, created_by=actor.email)
        db.session.add(block)
        db.session.flush()
    stopped = _stop_what_is_on_its_way(kind, value, email)
    record(actor, "sender.blocked", block,
           f"{'blocked' if is_new else 'blocked again'} {'the address' if kind is BlockKind.email else 'the network'} "
           f"of action {action.id} of {campaign.ua_number} ({hint})"
           + (f": {reason}" if reason else "")
           + f"; {stopped.letters} letter(s) stopped, {stopped.emails} queued email(s) withdrawn")
    return block


def _stop_what_is_on_its_way(kind: BlockKind, value: str, email: str) -> Stopped:
    now = utcnow()
    if kind is BlockKind.email:
        # Every spelling of the inbox, as the block itself matches them (campaigns/abuse.py).
        inbox = inbox_key(email)
        matching = select(Action.id).join(Supporter, Action.supporter_id == Supporter.id).where(
            Supporter.inbox == inbox, Action.channel == Channel.email)
        addresses = {email, *db.session.scalars(select(Supporter.email).where(Supporter.inbox == inbox))}
    else:
        matching = select(Action.id).where(Action.network_hash == value, Action.channel == Channel.email)
        # Confirmations still waiting go to the addresses of unconfirmed actions from that network.
        addresses = set(db.session.scalars(
            select(Supporter.email).join(Action, Action.supporter_id == Supporter.id).where(
                Action.network_hash == value, Action.confirmed_at.is_(None), Action.expires_at > now)))
    stopped = Stopped()
    not_in_flight = or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now)
    waiting = OutboxMessage.status.in_([OutboxStatus.pending, OutboxStatus.held])
    letters = db.session.scalars(select(Letter).where(
        Letter.action_id.in_(matching), Letter.state.in_([LetterState.held, LetterState.queued]))).all()
    for letter in letters:
        if letter.state is LetterState.queued:
            withdrawn = db.session.execute(delete(OutboxMessage).where(
                OutboxMessage.letter_id == letter.id, waiting, not_in_flight)).rowcount
            if not withdrawn:
                continue  # being sent right now, or already out: nothing left to stop
            stopped.emails += withdrawn
        move_letter(db.session, letter, LetterState.rejected)
        letter.failure_reason = BLOCKED_REASON
        stopped.letters += 1
    addresses = sorted(addresses)
    for start in range(0, len(addresses), 100):
        chunk = addresses[start:start + 100]
        stopped.emails += db.session.execute(delete(OutboxMessage).where(
            OutboxMessage.kind.in_(["confirmation", "copy"]), waiting, not_in_flight,
            or_(*(addressed_to(address) for address in chunk)))).rowcount
    db.session.flush()
    return stopped


def blocked_senders() -> list[BlockedSender]:
    return list(db.session.scalars(select(BlockedSender).order_by(BlockedSender.created_at.desc(),
                                                                  BlockedSender.id.desc())))


def unblock(block_id: int, actor: Actor) -> BlockedSender:
    """Mail may be sent for the sender again; letters rejected while blocked stay rejected."""
    block = db.session.get(BlockedSender, block_id)
    if block is None:
        raise NotFound(_("That block does not exist: another organiser may have lifted it."))
    record(actor, "sender.unblocked", block, f"lifted the block on {block.hint}")
    db.session.delete(block)
    db.session.flush()
    return block
