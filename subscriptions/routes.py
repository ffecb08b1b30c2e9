"""Subscribe to a campaign's updates and confirm from the emailed link."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from campaigns import services as campaign_services
from extensions import db
from subscriptions import services
from subscriptions.forms import ConfirmForm, SubscribeForm
from subscriptions.tokens import InvalidToken

bp = Blueprint("subscriptions", __name__)

CHECK_INBOX = "Thank you. Please check your inbox: we sent a link to confirm your subscription."


@bp.post("/campaigns/<slug>/subscribe")
def subscribe(slug: str):
    try:
        campaign = campaign_services.public_campaign(slug)
    except campaign_services.CampaignNotFound:
        abort(404)
    form = SubscribeForm()
    if not form.validate_on_submit():
        return render_template("subscriptions/subscribe.html", campaign=campaign, form=form), 400
    services.subscribe(form.email.data, campaign=campaign)
    db.session.commit()
    # The same answer whether or not the address was known: nobody learns who follows a case.
    flash(CHECK_INBOX, "ok")
    return redirect(url_for("campaigns.show", slug=slug), 303)


@bp.route("/subscriptions/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    try:
        subscription = services.subscription_for_token(token)
    except InvalidToken as error:
        return render_template("campaigns/link_problem.html", message=str(error)), 404
    form = ConfirmForm()
    if form.validate_on_submit():
        services.confirm(subscription)
        db.session.commit()
        return render_template("subscriptions/confirmed.html", subscription=subscription)
    return render_template("subscriptions/confirm.html", form=form, subscription=subscription)
