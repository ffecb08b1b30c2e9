"""Following cases and new cases: subscribe with double opt-in, confirm, leave, manage, erase.

Functions flush, never commit. Nothing a visitor sees tells whether an address already
follows a case: the public forms answer every request the same way, and the address itself
gets one email that says what happened. The links that act for an address (confirm, manage)
carry a secret that exists only in the email sent to it, work once and expire.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import Select, and_, delete, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from campaigns.abuse import is_blocked
from extensions import db
from email_links import LinkNotValid, forget_links, hash_of, new_link, new_secret, usable_link, use
from models import (Action, Campaign, CaseUpdate, EmailLink, Job, LinkPurpose, OutboxMessage, OutboxStatus,
                    Subscription, SubscriptionStatus, UpdateCorrection)
from models._insert import insert_values
from models._types import utcnow
from outbox.delivery import enqueue, notice
from outbox.jobs import job_handler
from outbox.kick import note_new_work
from subscriptions.links import external_url
from subscriptions.scopes import ALL, alert_scopes, is_alert_scope, scope_for, scope_for_id, topic
from subscriptions.tokens import InvalidToken, read_token, tag_matches
from i18n import interface_language
from theme import render_email
from webhooks import events as webhook_events

# A confirmation link works for a week; a manage link for a week until it is used, and then
# opens the manage page in the browser that used it for an hour.
CONFIRM_LIFETIME = timedelta(days=7)
MANAGE_LINK_LIFETIME = timedelta(days=7)
MANAGE_SESSION = timedelta(hours=1)
FOLLOW_AFTER_ACTION_JOB = "follow_after_action"

UPDATE_MAIL_KIND = "update"
ALERT_MAIL_KIND = "alert"    # a new case gone live, to the followers of new cases
DIGEST_MAIL_KIND = "digest"  # the weekly digest
# Queued alerts are looked for among campaigns published this recently when an address leaves.
ALERT_WITHDRAW_WINDOW = timedelta(days=14)
# Mail about a subscription rather than a case: withdrawn with the address when it is erased.
NOTICE_KINDS = ("subscription_confirmation", "subscription_notice", "subscription_manage_link")
_WITHDRAWABLE = (OutboxStatus.pending, OutboxStatus.held)
_KEYS_PER_QUERY = 500


class SubscriptionGone(InvalidToken):
    """A valid link to a subscription that no longer exists (its address was erased)."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def update_dedupe_key(update_id: int, email: str) -> str:
    """One update reaches one address once, whichever of its subscriptions brought it there."""
    return f"{update_key_prefix(update_id)}to:{_address_hash(email)}"


def correction_dedupe_key(update_id: int, number: int, email: str) -> str:
    """One correction of an update reaches one address once."""
    return f"{update_key_prefix(update_id)}correction:{number}:to:{_address_hash(email)}"


def alert_dedupe_key(campaign_id: int, email: str) -> str:
    """One new case's alert reaches one address once, whichever of its subscriptions brought it there."""
    return f"alert:{campaign_id}:to:{_address_hash(email)}"


def digest_dedupe_key(week: str, email: str) -> str:
    """One digest per address and week ('2026-W49'), however often the week's job runs."""
    return f"digest:{week}:to:{_address_hash(email)}"


def update_key_prefix(update_id: int) -> str:
    """What the keys of every email of one update, and of its corrections, begin with."""
    return f"update:{update_id}:"


def _address_hash(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()[:32]


def recipients_query(campaign_id: int) -> Select:
    """(id, email, scope) of the confirmed followers an update of this campaign goes to.

    One row per address: someone following both this case and all cases gets the update as
    an "all cases" follower (subscriptions/fanout.py streams the same set in two passes).
    """
    other = aliased(Subscription)
    follows_all = exists().where(other.email == Subscription.email, other.scope == ALL,
                                 other.status == SubscriptionStatus.confirmed)
    return select(Subscription.id, Subscription.email, Subscription.scope).where(
        Subscription.status == SubscriptionStatus.confirmed,
        or_(Subscription.scope == ALL, and_(Subscription.scope == scope_for_id(campaign_id), ~follows_all)))


def _subscription_for(email: str, campaign: Campaign | None, locale: str, scope: str | None = None) -> Subscription:
    """The address's row for this scope, created pending; safe when two requests race."""
    scope = scope or scope_for(campaign)
    query = select(Subscription).where(Subscription.email == email, Subscription.scope == scope)
    subscription = db.session.scalar(query)
    if subscription is None:
        subscription = Subscription(email=email, scope=scope, campaign_id=campaign.id if campaign else None,
                                    status=SubscriptionStatus.pending, locale=locale)
        try:
            with db.session.begin_nested():
                db.session.add(subscription)
                db.session.flush()
        except IntegrityError:
            subscription = db.session.scalar(query)
    return subscription


def subscribe(email: str, *, campaign: Campaign | None, locale: str | None = None) -> Subscription:
    """Consent given on another form (the action form's tick box): ask to confirm if needed.

    `locale` is the interface language that form was read in (by default, the current one):
    the emails speak it.
    """
    locale = locale or interface_language().code
    subscription = _subscription_for(normalise_email(email), campaign, locale)
    if subscription.status is not SubscriptionStatus.confirmed:
        _ask_to_confirm(subscription, campaign, locale)
    return subscription


def follow_after_action(action_id: int, network_hash: str | None) -> None:
    """"Email me updates" ticked on the action form: done after the response, by the job runner.

    Whether the address already follows the case, and so whether an email is due, is decided
    there: the action form's answer, and the work behind it, never depend on it. The job holds
    the action's id and the network's fingerprint, not the address.
    """
    insert_values(Job, kind=FOLLOW_AFTER_ACTION_JOB, payload={"action_id": action_id, "network_hash": network_hash},
                  state={})
    note_new_work(db.session, Job)


@job_handler(FOLLOW_AFTER_ACTION_JOB)
def _follow_after_action(job: Job) -> bool:
    action = db.session.get(Action, job.payload.get("action_id"))
    # Gone (erased, purged), or from a sender an organiser blocked: nothing is sent.
    if action is not None and action.supporter.anonymised_at is None and not is_blocked(
            action.supporter.email, job.payload.get("network_hash")):
        subscribe(action.supporter.email, campaign=db.session.get(Campaign, action.campaign_id),
                  locale=action.locale)
    job.payload = {}
    return True


def request_subscription(email: str, *, campaign: Campaign | None, scope: str | None = None,
                         is_digest: bool = False) -> None:
    """The public subscribe forms: every request sends the address exactly one email.

    `scope` names new cases to follow ("new", "country:TM", "theme:torture") instead of a
    campaign's updates; `is_digest` asks for one email a week rather than one per event.
    A new or lapsed address is asked to confirm; a confirmed one is told it already follows,
    with a link to manage its subscriptions (where it may switch to or from the digest: the
    request alone changes nothing of a confirmed subscription). Both paths render and queue one
    message, so the response, and its timing, are the same whoever asks about whichever address.
    """
    locale = interface_language().code  # the page the request came from
    subscription = _subscription_for(normalise_email(email), campaign, locale, scope)
    if subscription.status is SubscriptionStatus.confirmed:
        # An answer to whoever asks now, in their language; the subscription keeps its own.
        alert = topic(subscription.scope) if is_alert_scope(subscription.scope) else None
        if alert:
            subject = _("You already get emails about %(topic)s", topic=alert)
        else:
            subject = (_("You already follow updates on %(ua)s", ua=campaign.ua_number) if campaign
                       else _("You already follow updates on all our cases"))
        _send_notice(subscription, campaign, "subscription_notice", "email/already_following",
                     subject=subject, manage_url=_manage_link(subscription.email), topic=alert)
    else:
        subscription.is_digest = is_digest
        _ask_to_confirm(subscription, campaign, locale)


def _ask_to_confirm(subscription: Subscription, campaign: Campaign | None, locale: str) -> None:
    """A new link replaces the last one: only the newest confirmation email confirms.

    Whoever asks last decides the language: the one who confirms reads that email.
    """
    subscription.status = SubscriptionStatus.pending
    subscription.locale = locale
    token, subscription.confirm_hash = new_secret()
    subscription.confirm_sent_at = utcnow()
    confirm_url = external_url("subscriptions.confirm", token=token)
    with force_locale(locale):
        alert = topic(subscription.scope) if is_alert_scope(subscription.scope) else None
        if alert:
            subject = _("Please confirm: emails about %(topic)s", topic=alert)
        else:
            subject = (_("Please confirm: updates on %(ua)s", ua=campaign.ua_number) if campaign
                       else _("Please confirm: updates on all our cases"))
        _send_notice(subscription, campaign, "subscription_confirmation", "email/confirm_subscription",
                     subject=subject, confirm_url=confirm_url, topic=alert, is_digest=subscription.is_digest)


def _send_notice(subscription: Subscription, campaign: Campaign | None, kind: str, template: str, *,
                 subject: str, **context) -> None:
    context.update(campaign=campaign, org_name=current_app.config["ORG_NAME"])
    enqueue(**notice(kind, to=subscription.email, subject=subject, body=render_email(template, **context),
                     campaign_id=campaign.id if campaign else None))


def subscription_to_confirm(token: str, *, now: datetime | None = None) -> Subscription:
    """The subscription whose newest confirmation email carries this token."""
    subscription = db.session.scalar(select(Subscription).where(Subscription.confirm_hash == hash_of(token)))
    if subscription is None:
        raise LinkNotValid(_("This link is not valid any more. If you asked more than once, please use the newest "
                             "email; if you have already confirmed, there is nothing more to do."))
    if (now or utcnow()) > subscription.confirm_sent_at + CONFIRM_LIFETIME:
        raise LinkNotValid(_("This link has expired."))
    return subscription


def subscription_to_leave(token: str, *, purpose: str = "subscriber") -> Subscription:
    """The subscription a one-click unsubscribe link names; SubscriptionGone when it was erased since.

    That link is signed, not stored, and never expires: a mail read a year later must still let
    its reader leave, and leaving is all it can do.
    """
    subscription_id, tag = read_token(purpose, token, None)
    subscription = db.session.get(Subscription, subscription_id)
    if subscription is None or not tag_matches(tag, subscription.email):
        # An id reused after an erasure belongs to another address: the tag tells them apart.
        raise SubscriptionGone(_("We hold no subscription for this link any more."))
    return subscription


def followed_campaign(subscription: Subscription) -> Campaign | None:
    """The campaign a subscription follows; None for "all campaigns" and for new cases."""
    return db.session.get(Campaign, subscription.campaign_id) if subscription.campaign_id else None


def alert_topic(subscription: Subscription) -> str | None:
    """What a subscription to new cases follows, in the page's language; None for case updates."""
    return topic(subscription.scope) if is_alert_scope(subscription.scope) else None


def confirm(subscription: Subscription) -> int:
    """Confirm, spending the link; returns the id of a manage session for the browser that confirmed."""
    if subscription.status is not SubscriptionStatus.confirmed:
        subscription.status = SubscriptionStatus.confirmed
        subscription.confirmed_at = utcnow()
        subscription.unsubscribed_at = None
        webhook_events.subscription_confirmed(subscription)
    subscription.confirm_hash = None
    # The person has just shown they read this inbox: they may manage it from here for a while.
    return new_link(LinkPurpose.manage, subscription.email, lifetime=MANAGE_LINK_LIFETIME, used=True)[0].id


def unsubscribe(subscription: Subscription) -> None:
    """Leave at once, and withdraw queued updates the address no longer follows."""
    if subscription.status is not SubscriptionStatus.unsubscribed:
        subscription.status = SubscriptionStatus.unsubscribed
        subscription.unsubscribed_at = utcnow()
        webhook_events.subscription_ended(subscription)
    db.session.flush()
    _withdraw_queued_mail(subscription.email)


@dataclass(frozen=True)
class Followed:
    subscription: Subscription
    campaign: Campaign | None  # None: every campaign, or new cases

    @property
    def topic(self) -> str | None:
        return alert_topic(self.subscription)


def followed_by(email: str) -> list[Followed]:
    """Everything held about an address, "all campaigns" first, then by case."""
    rows = db.session.execute(
        select(Subscription, Campaign).outerjoin(Campaign, Subscription.campaign_id == Campaign.id)
        .where(Subscription.email == email).order_by(Subscription.campaign_id.is_not(None), Subscription.id)).all()
    return [Followed(subscription, campaign) for subscription, campaign in rows]


def leave(email: str, subscription_id: int) -> bool:
    """Leave one subscription of this address; False when the address holds no such row."""
    subscription = db.session.get(Subscription, subscription_id)
    if subscription is None or subscription.email != email:
        return False
    unsubscribe(subscription)
    return True


def set_digest(email: str, subscription_id: int, is_digest: bool) -> bool:
    """Switch one subscription of this address to the weekly digest or back to each email as it
    happens; False when the address holds no such active row."""
    subscription = db.session.get(Subscription, subscription_id)
    if subscription is None or subscription.email != email or subscription.status is SubscriptionStatus.unsubscribed:
        return False
    subscription.is_digest = is_digest
    db.session.flush()
    _withdraw_queued_mail(email)
    return True


def stop_digest(subscription: Subscription) -> int:
    """The digest's one-click link: every subscription of the address that came as a digest is
    left (a digest brings them all, so stopping it stops them all). Returns how many."""
    digests = db.session.scalars(select(Subscription).where(
        Subscription.email == subscription.email, Subscription.is_digest.is_(True),
        Subscription.status != SubscriptionStatus.unsubscribed)).all()
    for row in digests:
        row.status = SubscriptionStatus.unsubscribed
        row.unsubscribed_at = utcnow()
        webhook_events.subscription_ended(row)
    db.session.flush()
    _withdraw_queued_mail(subscription.email)
    return len(digests)


def has_digest(email: str) -> bool:
    """Does anything this address follows still come as a weekly digest?"""
    return bool(db.session.scalar(select(exists().where(
        Subscription.email == email, Subscription.is_digest.is_(True),
        Subscription.status != SubscriptionStatus.unsubscribed))))


def leave_all(email: str) -> int:
    """Leave everything this address follows; returns how many subscriptions were active."""
    active = db.session.scalars(select(Subscription).where(
        Subscription.email == email, Subscription.status != SubscriptionStatus.unsubscribed)).all()
    for subscription in active:
        unsubscribe(subscription)
    return len(active)


def erase(email: str) -> int:
    """Forget the address: its subscriptions and every queued email to it. Returns rows deleted.

    Nothing is kept to "remember" the unsubscribe: with no row, no update can reach the
    address, and subscribing again needs a fresh confirmation from its inbox.
    """
    deleted = db.session.execute(delete(Subscription).where(Subscription.email == email)).rowcount
    forget_links(email)
    _withdraw_queued_mail(email)
    notices = db.session.execute(
        select(OutboxMessage.id, OutboxMessage.recipients)
        .where(OutboxMessage.kind.in_(NOTICE_KINDS), OutboxMessage.status.in_(_WITHDRAWABLE))).all()
    ids = [row_id for row_id, recipients in notices if email in recipients]
    if ids:
        db.session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids), _not_in_flight()))
    return deleted


def _not_in_flight():
    # A row a worker has claimed is being handed to the mail server right now: deleting it
    # under the worker would not stop it, only lose the record that it went.
    now = utcnow()
    return or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now)


def _withdraw_queued_mail(email: str) -> None:
    """Delete queued mail to the address that nothing it follows (as it follows it) brings any more.

    Rows are keyed per update, new case or week × address, so they are found by their unique key
    (an index lookup each) rather than by scanning the recipients of the whole queue.
    """
    rows = db.session.execute(select(Subscription.scope, Subscription.is_digest).where(
        Subscription.email == email, Subscription.status == SubscriptionStatus.confirmed)).all()
    _withdraw_queued_updates(email, {scope for scope, is_digest in rows if not is_digest})
    _withdraw_queued_alerts(email, {scope for scope, is_digest in rows if not is_digest})
    if not any(is_digest for _scope, is_digest in rows):
        today = utcnow().date()
        keys = [digest_dedupe_key(week_label(today - timedelta(weeks=back)), email) for back in range(3)]
        _delete_queued(DIGEST_MAIL_KIND, keys)


def _delete_queued(kind: str, keys: list[str]) -> None:
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        db.session.execute(delete(OutboxMessage).where(
            OutboxMessage.kind == kind, OutboxMessage.dedupe_key.in_(keys[start:start + _KEYS_PER_QUERY]),
            OutboxMessage.status.in_(_WITHDRAWABLE), _not_in_flight()))


def _withdraw_queued_alerts(email: str, scopes: set[str]) -> None:
    """Alerts of recent new cases that none of these scopes follows any more."""
    recent = db.session.scalars(select(Campaign).where(
        Campaign.published_at >= utcnow() - ALERT_WITHDRAW_WINDOW)).all()
    keys = [alert_dedupe_key(campaign.id, email) for campaign in recent if not scopes & set(alert_scopes(campaign))]
    _delete_queued(ALERT_MAIL_KIND, keys)


def week_label(day) -> str:
    """The ISO week a day falls in: '2026-W49'."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _withdraw_queued_updates(email: str, scopes: set[str]) -> None:
    """Update emails (and corrections) of campaigns these scopes no longer follow."""
    if ALL in scopes:
        return
    followed = {int(scope.split(":", 1)[1]) for scope in scopes if scope.startswith("campaign:")}
    update_ids = db.session.scalars(select(CaseUpdate.id).where(
        CaseUpdate.published_at.is_not(None), CaseUpdate.campaign_id.not_in(followed))).all()
    keys = [update_dedupe_key(update_id, email) for update_id in update_ids]
    # Corrections emailed to followers have keys of their own.
    corrections = db.session.execute(select(UpdateCorrection.update_id, UpdateCorrection.number).join(
        CaseUpdate, UpdateCorrection.update_id == CaseUpdate.id).where(
        UpdateCorrection.is_sent_to_followers.is_(True), CaseUpdate.published_at.is_not(None),
        CaseUpdate.campaign_id.not_in(followed))).all()
    keys += [correction_dedupe_key(update_id, number, email) for update_id, number in corrections]
    _delete_queued(UPDATE_MAIL_KIND, keys)


def request_manage_link(email: str) -> None:
    """Email the address a link to manage what it follows; always exactly one email.

    An address we hold nothing for is told so, which keeps this page from answering "is this
    address subscribed?" for anyone but the inbox's owner.
    """
    email = normalise_email(email)
    holds_any = db.session.scalar(select(exists().where(Subscription.email == email)))
    org_name = current_app.config["ORG_NAME"]
    body = render_email("email/manage_link", org_name=org_name, manage_url=_manage_link(email) if holds_any else None)
    enqueue(**notice("subscription_manage_link", to=email, subject=_("Your case updates from %(org_name)s",
                                                                       org_name=org_name), body=body))


def _manage_link(email: str) -> str:
    secret = new_link(LinkPurpose.manage, email, lifetime=MANAGE_LINK_LIFETIME)[1]
    return external_url("subscriptions.open_manage_link", token=secret)


def check_manage_link(token: str) -> None:
    """Raises LinkNotValid unless the link can still be used."""
    usable_link(LinkPurpose.manage, token)


def open_manage_link(token: str) -> int:
    """Spend a manage link; returns the id of the manage session it opens for this browser."""
    link = usable_link(LinkPurpose.manage, token)
    use(link)
    return link.id


def manage_session_owner(link_id: object, *, now: datetime | None = None) -> str | None:
    """The address a browser's manage session is for, while the session lasts; else None."""
    link = db.session.get(EmailLink, link_id) if isinstance(link_id, int) else None
    if link is None or link.purpose is not LinkPurpose.manage or link.used_at is None:
        return None
    return link.email if (now or utcnow()) <= link.used_at + MANAGE_SESSION else None




@dataclass(frozen=True)
class SubscriberCounts:
    confirmed: int
    pending: int
    unsubscribed: int
    following_all: int  # confirmed "all campaigns" subscriptions
    recipients: int     # distinct addresses an update of this campaign would reach now


def subscriber_counts(campaign: Campaign) -> SubscriberCounts:
    by_status = dict(db.session.execute(
        select(Subscription.status, func.count()).where(Subscription.scope == scope_for(campaign))
        .group_by(Subscription.status)).all())
    following_all = db.session.scalar(select(func.count()).select_from(Subscription).where(
        Subscription.scope == ALL, Subscription.status == SubscriptionStatus.confirmed))
    recipients = db.session.scalar(select(func.count()).select_from(recipients_query(campaign.id).subquery()))
    return SubscriberCounts(
        confirmed=by_status.get(SubscriptionStatus.confirmed, 0), pending=by_status.get(SubscriptionStatus.pending, 0),
        unsubscribed=by_status.get(SubscriptionStatus.unsubscribed, 0), following_all=following_all,
        recipients=recipients)
