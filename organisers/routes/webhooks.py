"""Admins (organisers/roles.py): webhook endpoints for the section's CRM, their deliveries, the redeliver button."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from extensions import db
from models import WebhookDelivery, WebhookEndpoint
from organisers.forms import ButtonForm
from organisers.routes.base import actor, bp
from urls import int_arg
from webhooks import labels, services
from webhooks.events import EVENTS
from webhooks.forms import EndpointForm


def _endpoint_or_404(endpoint_id: int) -> WebhookEndpoint:
    endpoint = db.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        abort(404)
    return endpoint


def _secret_page(endpoint: WebhookEndpoint, secret: str) -> Response:
    # The secret is in this response only; organiser pages are never cached (base.py).
    return Response(render_template("organisers/webhook_secret.html", endpoint=endpoint, secret=secret,
                                    webhook_labels=labels))


@bp.get("/webhooks")
def webhooks():
    return render_template("organisers/webhooks.html", endpoints=services.endpoints(), webhook_labels=labels)


@bp.route("/webhooks/new", methods=["GET", "POST"])
def new_webhook():
    form = EndpointForm()
    if form.validate_on_submit():
        try:
            registered = services.register_endpoint(form.url.data, form.events.data,
                                                    description=form.description.data or "", actor=actor())
            db.session.commit()
        except services.WebhookError as error:
            db.session.rollback()
            getattr(form, error.field or "url").errors = [labels.problem(error.code)]
        else:
            return _secret_page(registered.endpoint, registered.secret)
    elif request.method == "GET":
        form.events.data = list(EVENTS)
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/webhook_new.html", form=form), status


@bp.get("/webhooks/<int:endpoint_id>")
def webhook(endpoint_id: int):
    endpoint = _endpoint_or_404(endpoint_id)
    page = int_arg("page", 1)
    rows, has_next = services.deliveries(endpoint, page)
    return render_template("organisers/webhook.html", endpoint=endpoint, deliveries=rows, page=page,
                           has_next=has_next, webhook_labels=labels, button=ButtonForm())


@bp.post("/webhooks/<int:endpoint_id>/<any(pause, resume, remove, secret):step>")
def change_webhook(endpoint_id: int, step: str):
    endpoint = _endpoint_or_404(endpoint_id)
    if step == "secret":
        secret = services.new_secret(endpoint, actor=actor())
        db.session.commit()
        return _secret_page(endpoint, secret)
    if step == "remove":
        services.remove_endpoint(endpoint, actor=actor())
        db.session.commit()
        flash(_("The webhook is removed; nothing more goes to it."), "ok")
        return redirect(url_for("organisers.webhooks"), 303)
    if step == "pause":
        services.pause_endpoint(endpoint, actor=actor())
        db.session.commit()
        flash(_("Paused: events are kept and sent when you resume."), "ok")
    else:
        waiting = services.resume_endpoint(endpoint, actor=actor())
        db.session.commit()
        flash(ngettext("Resumed: %(num)d waiting delivery goes now.", "Resumed: %(num)d waiting deliveries go now.",
                       waiting), "ok")
    return redirect(url_for("organisers.webhook", endpoint_id=endpoint_id), 303)


@bp.post("/webhooks/<int:endpoint_id>/deliveries/<int:delivery_id>/redeliver")
def redeliver_webhook(endpoint_id: int, delivery_id: int):
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.endpoint_id != endpoint_id:
        abort(404)
    try:
        services.redeliver(delivery, actor=actor())
        db.session.commit()
    except services.WebhookError as error:
        db.session.rollback()
        flash(labels.problem(error.code), "error")
    else:
        flash(_("Queued to be delivered again, with a new delivery id."), "ok")
    return redirect(url_for("organisers.webhook", endpoint_id=endpoint_id), 303)
