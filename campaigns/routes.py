"""Public pages: campaigns, the take-action form, and the pages a supporter's links open."""
from __future__ import annotations

import base64
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from campaigns import abuse, actions, address_form, services
from campaigns.errors import (ActionExpired, ActionNotFound, AlreadySubmitted, CampaignClosed, EmailLimitReached,
                             LettersGone)
from campaigns.forms import ActionForm, event_code
from campaigns.limits import ACTION_LIMIT, take_action_limit
from extensions import db, limiter
from fingerprints import fingerprint
from models import Campaign, Channel

bp = Blueprint("campaigns", __name__)

# Each confirmation releases letters to officials; one per email action, so the same allowance.
CONFIRM_LIMIT = ACTION_LIMIT
# Codes are too many to guess (31^8), and this keeps anyone from trying.
POSTED_CODE_LIMIT = "20 per minute; 300 per day"
# A confirmation email sent again, for a supporter who cannot find the first: twice a day per action.
RESEND_LIMIT = "2 per day"


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


def _page(template: str, status: int = 200, **context) -> Response:
    return _private(Response(render_template(template, **context), status=status))


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


@dataclass(frozen=True)
class FormPages:
    """Where the action form is shown and answered: the campaign's own pages, or the embedded widget
    (widget/routes.py). Both run one flow, action_form_flow, with the same form and service."""

    form: str = "campaigns/write.html"
    result: str = "campaigns/action.html"    # "don't keep my address": the letters, in this response
    layout: str = "base.html"                # what the closed and received pages extend
    thank_you: Callable[[str], str] = lambda secret: url_for("campaigns.action", secret=secret)
    widget_site: str | None = None           # through the widget: the listed site it is on ("" unknown)
    context: dict = field(default_factory=dict)  # more for the templates (the widget's token and URLs)


@bp.route("/campaigns/<slug>/write", methods=["GET", "POST"])
@take_action_limit
def write(slug: str):
    return action_form_flow(_campaign_or_404(slug, services.campaign_to_write), FormPages())


def action_form_flow(to_write: services.CampaignToWrite, pages: FormPages) -> Response:
    """Show the action form (GET) or take the action it sends (POST): form → take_action → commit."""
    campaign = to_write.campaign
    today = date.today()

    def render(template: str, status: int = 200, **context) -> Response:
        return _page(template, status, campaign=campaign, layout=pages.layout, **pages.context, **context)

    if not campaign.is_open(today):
        status = 409 if request.method == "POST" else 200
        return render("campaigns/closed.html", status, today=today, message=CampaignClosed.message)
    if not to_write.letter_languages:
        # Every letter version lacks something (an official or a demand was added since): no
        # letter can be written in one language until an organiser completes one.
        status = 409 if request.method == "POST" else 200
        message = _("The letters for this action are being updated. Please come back soon.")
        return render("campaigns/closed.html", status, today=today, message=message)
    form = ActionForm(campaign=campaign, letter_languages=to_write.letter_languages)
    if request.method == "GET":
        form.form_nonce.data = secrets.token_urlsafe(24)
        form.event.data = event_code(request.args.get("event"))
    if form.is_submitted() and form.is_bot:
        # Same answer a person gets, and nothing stored: the bot learns nothing to adapt to.
        return render("campaigns/received.html")
    if not form.validate_on_submit():
        return render(pages.form, 400 if request.method == "POST" else 200, form=form)
    try:
        taken = actions.take_action(campaign, form.submission(widget_site=pages.widget_site), today=today,
                                    network_hash=abuse.network_fingerprint(request.remote_addr))
        db.session.commit()
    except AlreadySubmitted as duplicate:
        db.session.rollback()
        return redirect(pages.thank_you(duplicate.action.secret), 303)
    except CampaignClosed as error:
        db.session.rollback()
        return render("campaigns/closed.html", 409, today=today, message=error.message)
    except EmailLimitReached as error:
        db.session.rollback()
        form.channel.errors = [error.message]  # everything typed comes back, with the way out
        return render(pages.form, error.status, form=form)
    if taken.printed is not None:
        # "Don't keep my address": the letters, with it, travel inside this very page (forgetting.py).
        download = {"url": "data:application/pdf;base64," + base64.b64encode(taken.printed).decode("ascii"),
                    "filename": f"letters-{campaign.slug}.pdf"}
        return render(pages.result, action=taken.action, letters=taken.letters, mail_links=[], is_expired=False,
                      is_erased=False, pdf_download=download)
    return redirect(pages.thank_you(taken.secret), 303)


def _action_or_error(secret: str, **kwargs):
    try:
        return actions.action_by_secret(secret, **kwargs)
    except ActionExpired as error:
        abort(_page("campaigns/link_problem.html", 410, message=error.message))
    except ActionNotFound as error:
        abort(_page("campaigns/link_problem.html", 404, message=error.message))


@bp.get("/a/<secret>")
def action(secret: str):
    """The thank-you page: download, report posted, or open each letter in the mail app."""
    action = _action_or_error(secret, allow_expired=True)
    view = actions.thank_you(action, today=date.today())
    return _page("campaigns/action.html", action=action, campaign=view.campaign, letters=view.letters,
                 mail_links=view.mail_links, is_expired=view.is_expired, is_erased=view.is_erased)


@bp.get("/a/<secret>/letters.pdf")
def download(secret: str):
    action = _action_or_error(secret)
    if action.channel is not Channel.pdf:
        abort(404)
    try:
        pdf, campaign = actions.letters_pdf(action, today=date.today())
    except LettersGone as error:
        return _page("campaigns/link_problem.html", 410, message=error.message)
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="letters-{campaign.slug}.pdf"'
    return _private(response)


@bp.route("/a/<secret>/posted", methods=["GET", "POST"])
def posted(secret: str):
    action = _action_or_error(secret, allow_expired=True)
    if action.channel is not Channel.pdf:
        abort(404)
    if request.method == "POST":
        changed = actions.mark_posted(action)
        db.session.commit()
        flash(_("Thank you! Your letters are counted as posted.") if changed
              else _("These letters were already counted as posted. Thank you!"), "ok")
        return redirect(url_for("campaigns.action", secret=secret), 303)
    return _page("campaigns/posted.html", action=action, campaign=db.session.get(Campaign, action.campaign_id))


@bp.route("/posted", methods=["GET", "POST"])
@limiter.limit(POSTED_CODE_LIMIT, methods=["POST"])
def posted_by_code():
    """Typed from the cover sheet: the short code finds the letters without the long link."""
    if request.method == "POST":
        try:
            action = actions.action_by_posted_code(request.form.get("code", ""))
        except ActionNotFound:
            return render_template("campaigns/posted_code.html",
                                   error=_("We could not find that code. Please check it and try again."),
                                   code=request.form.get("code", "")[:20]), 404
        changed = actions.mark_posted(action)
        db.session.commit()
        return render_template("campaigns/posted_code.html", done=True, changed=changed)
    return render_template("campaigns/posted_code.html")


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@limiter.limit(CONFIRM_LIMIT, methods=["POST"])
def confirm(token: str):
    """The link in the confirmation email. GET shows every letter that will go out in the
    supporter's name and a button (mail scanners follow links); only the POST sends, once."""
    try:
        action = actions.action_to_confirm(token)
    except ActionExpired as error:
        return _page("campaigns/link_problem.html", 410, message=error.message)
    except ActionNotFound as error:
        return _page("campaigns/link_problem.html", 404, message=error.message)
    today = date.today()
    if request.method == "POST":
        try:
            actions.confirm_email_action(action, today=today)
        except CampaignClosed as error:
            db.session.rollback()
            return render_template("campaigns/closed.html", campaign=db.session.get(Campaign, action.campaign_id),
                                   today=today, message=error.message), 409
        db.session.commit()
        flash(_("Thank you: your address is confirmed and your letters are on their way."), "ok")
        return redirect(url_for("campaigns.confirm", token=token), 303)
    view = actions.letters_to_confirm(action, today=today)
    return _page("campaigns/confirm.html", action=action, campaign=view.campaign, letters=view.letters)


def _resend_key() -> str:
    # The limiter's storage (Redis, maybe) gets a fingerprint, never the page's secret.
    return fingerprint("resend", request.view_args.get("secret", ""))


@bp.post("/a/<secret>/resend")
@limiter.limit(RESEND_LIMIT, key_func=_resend_key)
def resend_confirmation(secret: str):
    """Send the confirmation email again, to the same address only: the link stays in that inbox."""
    action = _action_or_error(secret)
    actions.send_confirmation_again(action)
    db.session.commit()
    flash(_("We have sent the email again. Only its newest link works."), "ok")
    return redirect(url_for("campaigns.action", secret=secret), 303)


@bp.get("/a/<secret>/confirm")
def old_confirmation_link(secret: str):
    """Links of the confirmation emails sent before they carried a secret of their own."""
    return redirect(url_for("campaigns.action", secret=secret), 303)


@bp.post("/a/<secret>/mail/<int:target_id>")
def open_mail_app(secret: str, target_id: int):
    """Counts the letter as opened in the mail app (once), then hands over to the app."""
    action = _action_or_error(secret)
    try:
        letter = actions.open_in_mail_app(action, target_id, today=date.today())
    except ActionNotFound:
        abort(404)
    db.session.commit()
    return _private(redirect(letter.url, 303))


@bp.get("/address-formats/<country>.json")
def address_format(country: str):
    """The address fields of one country, for the action form's script to fit itself to."""
    return address_form.format_json(country)
