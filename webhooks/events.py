"""The events webhooks report, and what each one's payload carries.

Each function here is called by the service that makes the change, in its transaction: it writes
one delivery row per endpoint that wants the event (and a job to wake the workers), so the event
goes out after the commit, and never for rolled-back work. Nothing here makes an HTTP call.

Payloads carry what a CRM needs to file the event and no more. A supporter comes with their name,
email, town and country, never their street address or postcode (no event needs them), nor their
personal message (it was written to an official). Every payload about a person carries their
`ref`: a keyed fingerprint of their inbox, the same across their actions and subscriptions, which
`supporter.erased` repeats so the CRM can forget them without UA Desk keeping their address.
"""
from __future__ import annotations

import json
import uuid

from sqlalchemy import event as sa_event
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from extensions import db
from fingerprints import fingerprint
from inboxes import inbox_key
from models import (Action, Campaign, CaseUpdate, DeliveryStatus, Letter, Subscription, Supporter,
                    WebhookDelivery, WebhookEndpoint)
from models._types import utcnow
from outbox.jobs import enqueue_job
from subscriptions.links import external_url

ACTION_TAKEN = "action.taken"
LETTER_SENT = "letter.sent"
LETTER_POSTED = "letter.posted"
SUBSCRIPTION_CONFIRMED = "subscription.confirmed"
SUBSCRIPTION_ENDED = "subscription.ended"
UPDATE_PUBLISHED = "update.published"
SUPPORTER_ERASED = "supporter.erased"
EVENTS = (ACTION_TAKEN, LETTER_SENT, LETTER_POSTED, SUBSCRIPTION_CONFIRMED, SUBSCRIPTION_ENDED, UPDATE_PUBLISHED,
          SUPPORTER_ERASED)

# The job that wakes the workers to send due deliveries (webhooks/delivery.py handles it).
DELIVER_JOB = "webhooks.deliver"
_WOKEN = "uadesk_webhooks_woken"
# What a delivery's body becomes once its person is erased: the listing keeps its event and response.
ERASED_BODY = '{"erased":true}'


def supporter_ref(email: str) -> str:
    """One person's identifier for the CRM, whatever the spelling of their address."""
    return fingerprint("webhook-person", inbox_key(email))[:32]


# Built once: making a new select() for each event cost more than running it.
_ENDPOINT_EVENTS = select(WebhookEndpoint.id, WebhookEndpoint.events)


def endpoints_wanting(event: str) -> list[int]:
    """The endpoints that chose `event`, read in the caller's transaction: an endpoint added or
    changed in another process counts from its commit on."""
    return [endpoint_id for endpoint_id, events in db.session.execute(_ENDPOINT_EVENTS) if event in (events or ())]


def emit(event: str, data: dict, *, person_ref: str | None = None, campaign_id: int | None = None) -> int:
    """Queue `event` for every endpoint that wants it, in the caller's transaction; returns how many."""
    return _queue(event, endpoints_wanting(event), data, person_ref=person_ref, campaign_id=campaign_id)


def _queue(event: str, endpoints: list[int], data: dict, *, person_ref: str | None, campaign_id: int | None) -> int:
    if not endpoints:
        return 0
    now = utcnow()
    # One event id for all endpoints (and for redeliveries): a receiver may use it to drop repeats.
    body = json.dumps({"id": str(uuid.uuid4()), "event": event, "created_at": now.isoformat(timespec="seconds"),
                       "data": data}, ensure_ascii=False, separators=(",", ":"))
    db.session.execute(insert(WebhookDelivery), [
        dict(uid=str(uuid.uuid4()), endpoint_id=endpoint_id, event=event, body=body, person_ref=person_ref,
             campaign_id=campaign_id, status=DeliveryStatus.pending, attempts=0, next_attempt_at=now,
             created_at=now, response_excerpt="", last_error="") for endpoint_id in endpoints])
    wake()
    return len(endpoints)


def wake() -> None:
    """One job per transaction, however many events it emits, wakes the workers after the commit."""
    if not db.session.info.get(_WOKEN):
        enqueue_job(DELIVER_JOB, {})
        db.session.info[_WOKEN] = True


@sa_event.listens_for(Session, "after_commit")
@sa_event.listens_for(Session, "after_rollback")
def _next_transaction_wakes_again(session: Session, *_args) -> None:
    session.info.pop(_WOKEN, None)


def _campaign(campaign: Campaign) -> dict:
    return {"id": campaign.id, "slug": campaign.slug, "ua_number": campaign.ua_number, "title": campaign.title}


def _person(supporter: Supporter) -> dict:
    return {"id": supporter.id, "ref": supporter_ref(supporter.email)}


def action_taken(action: Action, supporter: Supporter, campaign: Campaign, targets, *, wants_updates: bool) -> None:
    """A supporter submitted the action form. Their email is confirmed only once `email_confirmed` says so."""
    endpoints = endpoints_wanting(ACTION_TAKEN)
    if not endpoints:
        return  # the payload, and the supporter's fingerprint in it, are made only for someone
    person = {**_person(supporter), "name": supporter.name, "email": supporter.email,
              "email_confirmed": supporter.email_confirmed_at is not None, "town": supporter.city,
              "country": supporter.country}
    _queue(ACTION_TAKEN, endpoints, {
        "action": {"id": action.id, "channel": action.channel.value, "language": action.language,
                   "created_at": action.created_at.isoformat(timespec="seconds")},
        "campaign": _campaign(campaign),
        "officials": [{"id": target.id, "name": target.label} for target in targets],
        "supporter": person,
        # Consent as given on the form: updates still need the confirmation subscription.confirmed reports.
        "consent": {"updates": wants_updates, "address_kept": action.keeps_address, "copy": action.wants_copy},
    }, person_ref=person["ref"], campaign_id=campaign.id)


def _letter_event(event: str, letter: Letter, at) -> None:
    supporter = letter.supporter
    if supporter.anonymised_at is not None:
        return  # erased: the CRM was told to forget them
    campaign = db.session.get(Campaign, letter.campaign_id)
    person = _person(supporter)
    emit(event, {
        "letter": {"id": letter.id, "action_id": letter.action_id, "channel": letter.channel.value,
                   "official": {"id": letter.target_id, "name": letter.target.label},
                   "at": at.isoformat(timespec="seconds") if at else None},
        "campaign": _campaign(campaign),
        "supporter": person,
    }, person_ref=person["ref"], campaign_id=campaign.id)


def letter_sent(letter: Letter) -> None:
    """The mail server accepted an email letter."""
    _letter_event(LETTER_SENT, letter, letter.sent_at)


def letter_posted(letter: Letter) -> None:
    """The supporter reported a printed letter posted."""
    _letter_event(LETTER_POSTED, letter, letter.posted_at)


def _subscription_event(event: str, subscription: Subscription, *, updates: bool) -> None:
    campaign = db.session.get(Campaign, subscription.campaign_id) if subscription.campaign_id else None
    ref = supporter_ref(subscription.email)
    emit(event, {
        "subscription": {"id": subscription.id, "scope": subscription.scope, "is_digest": subscription.is_digest},
        "campaign": _campaign(campaign) if campaign else None,
        "supporter": {"ref": ref, "email": subscription.email},
        "consent": {"updates": updates},
    }, person_ref=ref, campaign_id=campaign.id if campaign else None)


def subscription_confirmed(subscription: Subscription) -> None:
    _subscription_event(SUBSCRIPTION_CONFIRMED, subscription, updates=True)


def subscription_ended(subscription: Subscription) -> None:
    _subscription_event(SUBSCRIPTION_ENDED, subscription, updates=False)


def update_published(update_row: CaseUpdate, campaign: Campaign) -> None:
    """A case update went public; nothing personal in it."""
    emit(UPDATE_PUBLISHED, {
        "update": {"id": update_row.id, "number": update_row.number, "kind": update_row.kind.value,
                   "title": update_row.title, "published_at": update_row.published_at.isoformat(timespec="seconds"),
                   "url": external_url("campaigns.show", slug=campaign.slug)},
        "campaign": _campaign(campaign),
    }, campaign_id=campaign.id)


def supporter_erased(email: str, supporter_ids: list[int], subscription_ids: list[int]) -> None:
    """A person erased their data: what webhooks hold of them goes, and each CRM is told to forget them.

    Bodies already delivered keep only their event and response; deliveries not yet sent are
    cancelled, as their data must not leave now. The erasure event names the person by the
    `ref` and the ids the CRM got before, never by their address.
    """
    ref = supporter_ref(email)
    db.session.execute(update(WebhookDelivery).where(WebhookDelivery.person_ref == ref,
                                                     WebhookDelivery.status == DeliveryStatus.pending)
                       .values(status=DeliveryStatus.cancelled, last_error="cancelled: the supporter was erased"))
    db.session.execute(update(WebhookDelivery).where(WebhookDelivery.person_ref == ref)
                       .values(body=ERASED_BODY, person_ref=None))
    if supporter_ids or subscription_ids:
        emit(SUPPORTER_ERASED, {"supporter": {"ref": ref, "supporter_ids": sorted(supporter_ids),
                                              "subscription_ids": sorted(subscription_ids)}})


def forget_campaign(campaign_id: int) -> int:
    """The campaign's supporters were purged: delivered and cancelled bodies about them go too."""
    return db.session.execute(update(WebhookDelivery).where(
        WebhookDelivery.campaign_id == campaign_id, WebhookDelivery.person_ref.is_not(None),
        WebhookDelivery.status != DeliveryStatus.pending).values(body=ERASED_BODY, person_ref=None)).rowcount
