"""Admins: organiser accounts and the audit log (organisers/roles.py keeps these pages to admins)."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, Organiser
from organisers import accounts
from organisers.forms import ButtonForm, OrganiserForm
from organisers.routes.base import actor, bp
from urls import int_arg

AUDIT_PAGE_SIZE = 100


def _organiser_or_404(organiser_id: int) -> Organiser:
    organiser = db.session.get(Organiser, organiser_id)
    if organiser is None:
        abort(404)
    return organiser


def _password_page(organiser: Organiser, password: str, *, is_new: bool):
    # The one-time password is in this response only: never stored in clear, never cached.
    return Response(render_template("organisers/one_time_password.html", organiser=organiser,
                                    password=password, is_new=is_new))


@bp.get("/admin/organisers")
def organisers():
    rows = db.session.scalars(select(Organiser).order_by(Organiser.is_active.desc(), Organiser.email)).all()
    return render_template("organisers/organisers.html", organisers=rows, button=ButtonForm())


@bp.route("/admin/organisers/new", methods=["GET", "POST"])
def new_organiser():
    form = OrganiserForm()
    if form.validate_on_submit():
        try:
            organiser, password = accounts.create_organiser(form.email.data, name=form.name.data or "",
                                                            is_admin=form.is_admin.data, actor=actor())
            db.session.commit()
        except accounts.AccountError as error:
            db.session.rollback()
            form.email.errors = [error.message]
        else:
            return _password_page(organiser, password, is_new=True)
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/organiser_new.html", form=form), status


@bp.post("/admin/organisers/<int:organiser_id>/<any(deactivate, activate, reset):change>")
def change_organiser(organiser_id: int, change: str):
    organiser = _organiser_or_404(organiser_id)
    try:
        if change == "deactivate":
            accounts.deactivate_organiser(organiser, actor())
        elif change == "activate":
            accounts.activate_organiser(organiser, actor())
        else:
            password = accounts.reset_password(organiser, actor())
        db.session.commit()
    except accounts.AccountError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("organisers.organisers"), 303)
    if change == "reset":
        return _password_page(organiser, password, is_new=False)
    flash(_("%(email)s is deactivated and logged out.", email=organiser.email) if change == "deactivate"
          else _("%(email)s is active again.", email=organiser.email), "ok")
    return redirect(url_for("organisers.organisers"), 303)


@bp.get("/admin/audit")
def audit_log():
    page = int_arg("page", 1)
    total = db.session.scalar(select(func.count()).select_from(AuditEntry))
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())
                                 .offset((page - 1) * AUDIT_PAGE_SIZE).limit(AUDIT_PAGE_SIZE)).all()
    return render_template("organisers/audit.html", entries=entries, page=page,
                           has_next=page * AUDIT_PAGE_SIZE < total, total=total)
