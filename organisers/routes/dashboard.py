"""The campaigns table, one campaign's dashboard, email retries and bounces, replies, the outcome and exports."""
from __future__ import annotations

from datetime import date

from flask import Response, flash, redirect, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _

from extensions import db, writing
from models import CampaignStatus, CaseOutcome
from organisers import exports, services
from organisers.checklist import publish_checklist
from organisers.dashboard import campaign_dashboard, campaign_rows, network_board, update_rows
from organisers.forms import ButtonForm, OutcomeForm, ReplyForm
import organisers.routes.emails as email_steps
from organisers.routes.base import actor, bp, campaign_or_404


@bp.get("/")
def index():
    today = date.today()
    return render_template("organisers/index.html", rows=campaign_rows(today), today=today,
                           network=network_board(today))


@bp.get("/campaigns/<int:campaign_id>")
def dashboard(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    today = date.today()
    outcome_form = OutcomeForm(formdata=None, data=dict(
        outcome=campaign.outcome.value if campaign.outcome else "", outcome_on=campaign.outcome_on,
        outcome_note=campaign.outcome_note or ""))
    return render_template(
        "organisers/dashboard.html", campaign=campaign, board=campaign_dashboard(campaign, today), today=today,
        button=ButtonForm(), outcome_form=outcome_form, updates=update_rows(campaign),
        checklist=publish_checklist(campaign, today) if campaign.status is CampaignStatus.draft else [])


def _back(campaign_id: int, anchor: str = ""):
    return redirect(url_for("organisers.dashboard", campaign_id=campaign_id) + anchor, 303)


@bp.post("/campaigns/<int:campaign_id>/emails/<int:message_id>/retry")
def retry_email(campaign_id: int, message_id: int):
    email_steps.retry_one(campaign_or_404(campaign_id), message_id)
    return _back(campaign_id, "#emails")


@bp.post("/campaigns/<int:campaign_id>/emails/retry-failed")
def retry_failed_emails(campaign_id: int):
    email_steps.retry_all(campaign_or_404(campaign_id))
    return _back(campaign_id, "#emails")


@bp.post("/campaigns/<int:campaign_id>/bouncing/<int:bouncing_id>/clear")
def clear_bouncing(campaign_id: int, bouncing_id: int):
    email_steps.clear_bouncing(campaign_or_404(campaign_id), bouncing_id)
    return _back(campaign_id, "#emails")


@bp.route("/campaigns/<int:campaign_id>/replies/new", methods=["GET", "POST"])
def new_reply(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    form = ReplyForm(campaign=campaign)
    if request.method == "GET":
        form.received_on.data = date.today()
    if form.validate_on_submit():
        services.record_reply(campaign, form.to_data(), actor())
        db.session.commit()
        flash(_("The reply is recorded."), "ok")
        return _back(campaign_id, "#replies")
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/reply.html", campaign=campaign, form=form), status


@bp.post("/campaigns/<int:campaign_id>/replies/<int:reply_id>/<any(show, hide):visibility>")
def reply_visibility(campaign_id: int, reply_id: int, visibility: str):
    campaign = campaign_or_404(campaign_id)
    try:
        services.set_reply_visibility(campaign, reply_id, is_public=visibility == "show", actor=actor())
        db.session.commit()
    except services.CampaignError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("The reply is now shown on the campaign page.") if visibility == "show"
              else _("The reply is no longer shown on the campaign page."), "ok")
    return _back(campaign_id, "#replies")


@bp.post("/campaigns/<int:campaign_id>/replies/<int:reply_id>/delete")
def delete_reply(campaign_id: int, reply_id: int):
    campaign = campaign_or_404(campaign_id)
    try:
        services.delete_reply(campaign, reply_id, actor())
        db.session.commit()
    except services.CampaignError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("The reply is deleted."), "ok")
    return _back(campaign_id, "#replies")


@bp.post("/campaigns/<int:campaign_id>/outcome")
def outcome(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    form = OutcomeForm()
    if not form.validate_on_submit():
        today = date.today()
        return render_template(
            "organisers/dashboard.html", campaign=campaign, board=campaign_dashboard(campaign, today), today=today,
            button=ButtonForm(), outcome_form=form, updates=update_rows(campaign),
            checklist=publish_checklist(campaign, today) if campaign.status is CampaignStatus.draft else []), 400
    services.record_outcome(campaign, outcome=CaseOutcome(form.outcome.data) if form.outcome.data else None,
                            outcome_on=form.outcome_on.data, note=form.outcome_note.data or "", actor=actor())
    db.session.commit()
    flash(_("The outcome is recorded."), "ok")
    return _back(campaign_id, "#outcome")


# --- exports -------------------------------------------------------------------------------------

def _csv(filename: str, header, rows) -> Response:
    response = Response(stream_with_context(exports.csv_stream(header, rows)), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _record_export(what: str, campaign_id: int | None = None):
    """Commit the audit entry before the first row leaves.

    A GET starts SQLite's transaction as a reader (the login check already read); it is ended
    first, so the entry is written in a transaction begun as a writer (see extensions.writing).
    """
    db.session.commit()
    with writing():
        campaign = campaign_or_404(campaign_id) if campaign_id is not None else None
        services.record_export(what, actor(), campaign)
        db.session.commit()
    return campaign


@bp.get("/campaigns/<int:campaign_id>/export/letters.csv")
def export_letters(campaign_id: int):
    campaign = _record_export("letter counts", campaign_id)
    return _csv(f"letters-{campaign.slug}.csv", exports.LETTER_COLUMNS, exports.letter_rows(campaign.id))


@bp.get("/campaigns/<int:campaign_id>/export/subscribers.csv")
def export_campaign_subscribers(campaign_id: int):
    campaign = _record_export("subscribers", campaign_id)
    return _csv(f"subscribers-{campaign.slug}.csv", exports.SUBSCRIBER_COLUMNS, exports.subscriber_rows(campaign.id))


@bp.get("/export/subscribers.csv")
def export_subscribers():
    _record_export("subscribers")
    return _csv("subscribers.csv", exports.SUBSCRIBER_COLUMNS, exports.subscriber_rows())
