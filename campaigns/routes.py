"""Public pages: campaigns, the take-action form, and the pages a supporter's links open."""
from __future__ import annotations

import secrets
from datetime import date

from flask import (Blueprint, Response, abort, flash, jsonify, redirect, render_template, request,
                   url_for)

from campaigns import abuse, actions, forgetting, services
from campaigns.errors import ActionExpired, ActionNotFound, AlreadySubmitted, CampaignClosed, EmailLimitReached
from campaigns.forms import ActionForm
from extensions import db, limiter
from letters.compose import as_plain_text, compose
from letters.email import test_mode_recipient, writer_for
from letters.mailto import mailto_url
from models import Campaign, Channel
from models._types import utcnow

bp = Blueprint("campaigns", __name__)

# A letter-writing evening sends many actions from one hall's address: generous, but bounded.
ACTION_LIMIT = "30 per minute; 600 per day"
# Each confirmation releases letters to officials; one per email action, so the same allowance.
CONFIRM_LIMIT = ACTION_LIMIT
# Codes are too many to guess (31^8), and this keeps anyone from trying.
POSTED_CODE_LIMIT = "20 per minute; 300 per day"


def _campaign_or_404(slug: str, load=services.public_campaign):
    try:
        return load(slug)
    except services.CampaignNotFound:
        abort(404)


def _private(response: Response) -> Response:
    # Pages reached by a secret link hold personal data: never cached, never indexed.
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/")
def index():
    open_campaigns, closed_campaigns = services.public_campaigns(date.today())
    return render_template("campaigns/index.html", open_campaigns=open_campaigns,
                           closed_campaigns=closed_campaigns)


@bp.get("/campaigns/<slug>")
def show(slug: str):
    campaign = _campaign_or_404(slug)
    return render_template("campaigns/show.html", campaign=campaign, today=date.today(),
                           counts=services.public_counts(campaign),
                           updates=services.published_updates(campaign),
                           address_lines=services.target_address_lines)


@bp.get("/campaigns/<slug>/counts.json")
def counts(slug: str):
    campaign = _campaign_or_404(slug)
    response = jsonify(services.public_counts(campaign))
    response.headers["Cache-Control"] = "public, max-age=10"
    return response


@bp.route("/campaigns/<slug>/write", methods=["GET", "POST"])
@limiter.limit(ACTION_LIMIT, methods=["POST"])
def write(slug: str):
    campaign = _campaign_or_404(slug, services.campaign_to_write)
    today = date.today()
    if not campaign.is_open(today):
        status = 409 if request.method == "POST" else 200
        return render_template("campaigns/closed.html", campaign=campaign, today=today,
                               message=CampaignClosed.message), status
    form = ActionForm(campaign=campaign)
    if request.method == "GET":
        form.form_nonce.data = secrets.token_urlsafe(24)
    if form.is_submitted() and form.is_bot:
        # Same answer a person gets, and nothing stored: the bot learns nothing to adapt to.
        return render_template("campaigns/received.html", campaign=campaign)
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return _private(Response(render_template("campaigns/write.html", campaign=campaign, form=form),
                                 status=status))
    details = actions.SupporterDetails(
        name=form.name.data, email=form.email.data, address_line1=form.address_line1.data or "",
        address_line2=form.address_line2.data or "", city=form.city.data, postcode=form.postcode.data or "",
        country=form.country.data)
    network_hash = abuse.network_fingerprint(request.remote_addr)  # the address itself is never stored
    try:
        action = actions.take_action(
            campaign, forgetting.details_to_keep(form, details), target_ids=form.targets.data,
            channel=Channel(form.channel.data), language=form.language.data,
            personal_message=form.personal_message.data or "", form_nonce=form.form_nonce.data, today=today,
            wants_copy=form.wants_copy.data, network_hash=network_hash)
        if form.wants_updates.data and not abuse.is_blocked(form.email.data, network_hash):
            from subscriptions.services import subscribe
            subscribe(form.email.data, campaign=campaign)
        printed = forgetting.printed_now(form, campaign, action, details, today=today)
        secret = action.secret  # read before the commit expires it: no second transaction
        db.session.commit()
    except AlreadySubmitted as duplicate:
        db.session.rollback()
        return redirect(url_for("campaigns.action", secret=duplicate.action.secret), 303)
    except CampaignClosed as error:
        db.session.rollback()
        return render_template("campaigns/closed.html", campaign=campaign, today=today,
                               message=error.message), 409
    except EmailLimitReached as error:
        db.session.rollback()
        form.channel.errors = [error.message]  # everything typed comes back, with the way out
        return _private(Response(render_template("campaigns/write.html", campaign=campaign, form=form),
                                 status=error.status))
    if printed is not None:  # "don't keep my address": the letters are in this very page
        return printed
    return redirect(url_for("campaigns.action", secret=secret), 303)


def _action_or_error(secret: str, **kwargs):
    try:
        return actions.action_by_secret(secret, **kwargs)
    except ActionExpired as error:
        abort(Response(render_template("campaigns/link_problem.html", message=error.message), 410))
    except ActionNotFound as error:
        abort(Response(render_template("campaigns/link_problem.html", message=error.message), 404))


@bp.get("/a/<secret>")
def action(secret: str):
    """The thank-you page: download, confirm, or open each letter in the mail app."""
    action = _action_or_error(secret, allow_expired=True)
    campaign = db.session.get(Campaign, action.campaign_id)
    letters = actions.action_letters(action)
    mail_links = []
    if action.channel is Channel.mailto:
        writer = writer_for(action.supporter, action.personal_message, with_street=False)
        for target in (t for t in campaign.targets if t.id in action.target_ids):
            composed = compose(campaign, target, writer, language=action.language, today=date.today())
            mail_links.append({"target": target, "subject": composed.subject, "text": as_plain_text(composed)})
    return _private(Response(render_template(
        "campaigns/action.html", action=action, campaign=campaign, letters=letters, mail_links=mail_links,
        is_expired=action.expires_at is not None and utcnow() > action.expires_at)))


@bp.get("/a/<secret>/letters.pdf")
def download(secret: str):
    from letters.packet import action_pdf

    action = _action_or_error(secret)
    if action.channel is not Channel.pdf:
        abort(404)
    campaign = db.session.get(Campaign, action.campaign_id)
    pdf = action_pdf(campaign, action, actions.action_letters(action), today=date.today())
    response = Response(pdf, mimetype="application/pdf")
    filename = f"letters-{campaign.slug}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)


@bp.route("/a/<secret>/posted", methods=["GET", "POST"])
def posted(secret: str):
    action = _action_or_error(secret, allow_expired=True)
    if action.channel is not Channel.pdf:
        abort(404)
    if request.method == "POST":
        changed = actions.mark_posted(action)
        db.session.commit()
        flash("Thank you! Your letters are counted as posted." if changed
              else "These letters were already counted as posted. Thank you!", "ok")
        return redirect(url_for("campaigns.action", secret=secret), 303)
    return _private(Response(render_template("campaigns/posted.html", action=action,
                                             campaign=db.session.get(Campaign, action.campaign_id))))


@bp.route("/posted", methods=["GET", "POST"])
@limiter.limit(POSTED_CODE_LIMIT, methods=["POST"])
def posted_by_code():
    """Typed from the cover sheet: the short code finds the letters without the long link."""
    if request.method == "POST":
        try:
            action = actions.action_by_posted_code(request.form.get("code", ""))
        except ActionNotFound:
            return render_template("campaigns/posted_code.html",
                                   error="We could not find that code. Please check it and try again.",
                                   code=request.form.get("code", "")[:20]), 404
        changed = actions.mark_posted(action)
        db.session.commit()
        return render_template("campaigns/posted_code.html", done=True, changed=changed)
    return render_template("campaigns/posted_code.html")


@bp.route("/a/<secret>/confirm", methods=["GET", "POST"])
@limiter.limit(CONFIRM_LIMIT, methods=["POST"])
def confirm(secret: str):
    """GET shows a button (mail scanners follow links); only the POST sends letters."""
    action = _action_or_error(secret)
    if action.channel is not Channel.email:
        abort(404)
    campaign = db.session.get(Campaign, action.campaign_id)
    if request.method == "POST":
        try:
            actions.confirm_email_action(action, today=date.today())
        except CampaignClosed as error:
            db.session.rollback()
            return render_template("campaigns/closed.html", campaign=campaign, today=date.today(),
                                   message=error.message), 409
        db.session.commit()
        flash("Thank you: your address is confirmed and your letters are on their way.", "ok")
        return redirect(url_for("campaigns.action", secret=secret), 303)
    return _private(Response(render_template("campaigns/confirm.html", action=action, campaign=campaign)))


@bp.post("/a/<secret>/mail/<int:target_id>")
def open_mail_app(secret: str, target_id: int):
    """Counts the letter as opened in the mail app (once), then hands over to the app."""
    action = _action_or_error(secret)
    campaign = db.session.get(Campaign, action.campaign_id)
    try:
        target = actions.open_in_mail_app(action, target_id, today=date.today())
    except ActionNotFound:
        abort(404)
    db.session.commit()
    writer = writer_for(action.supporter, action.personal_message, with_street=False)
    composed = compose(campaign, target, writer, language=action.language, today=date.today())
    to = [test_mode_recipient(campaign)] if campaign.is_test_mode else list(target.emails)
    return _private(redirect(mailto_url(to, composed.subject, as_plain_text(composed)), 303))
