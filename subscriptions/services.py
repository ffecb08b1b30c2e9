"""Subscribing to case updates with double opt-in. Functions flush, never commit."""
from __future__ import annotations

from flask import current_app, render_template, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import Campaign, Subscription, SubscriptionStatus
from models._types import utcnow
from outbox.delivery import enqueue
from subscriptions.tokens import InvalidToken, make_token, read_token


def _scope(campaign: Campaign | None) -> str:
    return f"campaign:{campaign.id}" if campaign else "all"


def subscribe(email: str, *, campaign: Campaign | None) -> None:
    """Ask the address to confirm. The caller's response must not reveal whether it was known."""
    email = email.strip().lower()
    scope = _scope(campaign)
    subscription = db.session.scalar(
        select(Subscription).where(Subscription.email == email, Subscription.scope == scope))
    if subscription is None:
        subscription = Subscription(email=email, scope=scope, campaign_id=campaign.id if campaign else None)
        try:
            with db.session.begin_nested():
                db.session.add(subscription)
                db.session.flush()
        except IntegrityError:
            subscription = db.session.scalar(
                select(Subscription).where(Subscription.email == email, Subscription.scope == scope))
    if subscription.status is SubscriptionStatus.confirmed:
        return  # already receiving updates: nothing to ask, nothing to reveal
    subscription.status = SubscriptionStatus.pending
    token = make_token("confirm", subscription.id, email)
    confirm_url = current_app.config["BASE_URL"] + url_for("subscriptions.confirm", token=token)
    context = dict(campaign=campaign, confirm_url=confirm_url, org_name=current_app.config["ORG_NAME"])
    what = f"updates on {campaign.ua_number}" if campaign else "updates on all our cases"
    enqueue(kind="subscription_confirmation", campaign_id=campaign.id if campaign else None,
            sender=current_app.config["MAIL_DEFAULT_SENDER"], recipients=[email],
            subject=f"Please confirm: {what}",
            body_text=render_template("email/confirm_subscription.txt", **context),
            body_html=render_template("email/confirm_subscription.html", **context),
            headers={"Auto-Submitted": "auto-generated"})


def subscription_for_token(token: str) -> Subscription:
    subscription_id, email = read_token("confirm", token)
    subscription = db.session.get(Subscription, subscription_id)
    if subscription is None or subscription.email != email:
        raise InvalidToken("This link is not valid.")
    return subscription


def confirm(subscription: Subscription) -> None:
    if subscription.status is not SubscriptionStatus.confirmed:
        subscription.status = SubscriptionStatus.confirmed
        subscription.confirmed_at = utcnow()
        subscription.unsubscribed_at = None
