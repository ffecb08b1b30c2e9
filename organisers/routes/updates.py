"""Posting case updates: published at once, emailed to followers in the background."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from extensions import db
from models import UpdateKind
from organisers.audit import record
from organisers.forms import UpdateForm
from organisers.routes.base import actor, bp, campaign_or_404
from subscriptions.updates import UpdateError, publish_update


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
