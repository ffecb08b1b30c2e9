"""Case updates: posted (published at once, emailed to followers in the background), corrected, withdrawn."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from extensions import db
from models import CaseUpdate, UpdateKind
from organisers.audit import record
from organisers.forms import CorrectionForm, UpdateForm, WithdrawForm
from organisers.routes.base import actor, bp, campaign_or_404
from subscriptions.updates import (UpdateError, campaign_update, correct_update, fanout_job, publish_update,
                                  withdraw_update)


@bp.route("/campaigns/<int:campaign_id>/updates/new", methods=["GET", "POST"])
def new_update(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    form = UpdateForm()
    if request.method == "GET":
        form.happened_on.data = date.today()
    if form.validate_on_submit():
        try:
            update = publish_update(
                campaign, kind=UpdateKind(form.kind.data), title=form.title.data,
                body_markdown=form.body_markdown.data, happened_on=form.happened_on.data,
                new_deadline=form.new_deadline.data, new_demands=form.demands(), reopen=form.reopen.data,
                author=current_user._get_current_object())
        except UpdateError as error:
            db.session.rollback()
            form.form_errors.append(error.message)
        else:
            record(actor(), "update.published", update,
                   f"{campaign.ua_number} update {update.number}: {update.title}")
            db.session.commit()
            flash(_("Update %(number)d is published; emails to followers are going out now.",
                    number=update.number), "ok")
            return redirect(url_for("organisers.dashboard", campaign_id=campaign.id) + "#updates", 303)
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/update.html", campaign=campaign, form=form), status


def _update_or_404(campaign, number: int) -> CaseUpdate:
    update = campaign_update(campaign, number)
    if update is None:
        abort(404)
    return update


def _update_page(campaign, update, form, withdraw_form, status: int = 200):
    jobs = {correction.number: fanout_job(update, correction) for correction in update.corrections
            if correction.is_sent_to_followers}
    return render_template("organisers/update_correct.html", campaign=campaign, update=update, form=form,
                           withdraw_form=withdraw_form, jobs=jobs), status


@bp.route("/campaigns/<int:campaign_id>/updates/<int:number>", methods=["GET", "POST"])
def correct_update_page(campaign_id: int, number: int):
    """A published update: its history, the correction form and the way to withdraw it."""
    campaign = campaign_or_404(campaign_id)
    update = _update_or_404(campaign, number)
    form = CorrectionForm(obj=update)
    if form.validate_on_submit():
        try:
            correct_update(update, title=form.title.data, body_markdown=form.body_markdown.data,
                           note=form.note.data or "", notify_followers=form.notify_followers.data, actor=actor())
        except UpdateError as error:
            db.session.rollback()
            form.form_errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Update %(number)d is corrected; the correction is being emailed to the followers who had "
                    "received it.", number=number) if form.notify_followers.data
                  else _("Update %(number)d is corrected. Followers were not emailed again.", number=number), "ok")
            return redirect(url_for("organisers.dashboard", campaign_id=campaign.id) + "#updates", 303)
    status = 400 if request.method == "POST" else 200
    return _update_page(campaign, update, form, WithdrawForm(formdata=None), status)


@bp.post("/campaigns/<int:campaign_id>/updates/<int:number>/withdraw")
def withdraw_update_page(campaign_id: int, number: int):
    campaign = campaign_or_404(campaign_id)
    update = _update_or_404(campaign, number)
    form = WithdrawForm()
    if not form.validate_on_submit():
        return _update_page(campaign, update, CorrectionForm(formdata=None, obj=update), form, 400)
    try:
        withdraw_update(update, reason=form.reason.data or "", actor=actor())
    except UpdateError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("Update %(number)d is withdrawn: it is no longer on the campaign page or in the feeds.",
                number=number), "ok")
    return redirect(url_for("organisers.dashboard", campaign_id=campaign.id) + "#updates", 303)
