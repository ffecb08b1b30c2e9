"""Email delivery across every campaign: the outbox at a glance, failed email, bouncing addresses.

The campaign dashboard's buttons do the same for one campaign's mail, through the same steps.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from extensions import db
from models import Campaign
from models._types import utcnow
from organisers import services
from organisers.email_overview import email_overview
from organisers.routes.base import actor, bp


def _back(anchor: str):
    return redirect(url_for("organisers.emails") + anchor, 303)


@bp.get("/emails")
def emails():
    return render_template("organisers/emails.html", overview=email_overview(utcnow()))


@bp.post("/emails/<int:message_id>/retry")
def retry_any_email(message_id: int):
    retry_one(None, message_id)
    return _back("#failed")


@bp.post("/emails/retry-failed")
def retry_every_failed_email():
    retry_all(None)
    return _back("#failed")


@bp.post("/emails/bouncing/<int:bouncing_id>/clear")
def clear_any_bouncing(bouncing_id: int):
    clear_bouncing(None, bouncing_id)
    return _back("#bouncing")


# --- the steps, for one campaign's mail or (None) for all of it --------------------------------------

def retry_one(campaign: Campaign | None, message_id: int) -> None:
    try:
        services.retry_message(campaign, message_id, actor())
        db.session.commit()
    except services.CampaignError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("The email is back in the queue."), "ok")


def retry_all(campaign: Campaign | None) -> None:
    count = services.retry_failed_messages(campaign, actor())
    db.session.commit()
    flash(ngettext("%(num)d failed email is back in the queue.", "%(num)d failed emails are back in the queue.",
                   count), "ok")


def clear_bouncing(campaign: Campaign | None, bouncing_id: int) -> None:
    try:
        released = services.clear_bouncing_address(campaign, bouncing_id, actor())
        db.session.commit()
    except services.CampaignError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(ngettext("The address is cleared: %(num)d held email is back in the queue.",
                       "The address is cleared: %(num)d held emails are back in the queue.", released), "ok")
