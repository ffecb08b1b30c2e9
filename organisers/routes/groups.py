"""Groups and their coordinators, managed by organisers."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from events import groups
from events.forms import CoordinatorForm, GroupForm
from extensions import db
from models import Group
from organisers.accounts import AccountError
from organisers.routes.base import actor, bp


def _group_or_404(group_id: int) -> Group:
    group = db.session.get(Group, group_id)
    if group is None:
        abort(404)
    return group


@bp.get("/groups")
def groups_list():
    rows = db.session.scalars(select(Group).order_by(Group.name)).all()
    return render_template("organisers/groups.html", groups=rows)


@bp.route("/groups/new", methods=["GET", "POST"])
def new_group():
    form = GroupForm()
    if form.validate_on_submit():
        try:
            group = groups.create_group(groups.GroupData(name=form.name.data, town=form.town.data or "",
                                                         country=form.country.data or "",
                                                         contact=form.contact.data or ""), actor())
            db.session.commit()
        except AccountError as error:
            db.session.rollback()
            form.name.errors = [error.message]
        else:
            flash(_("The group %(name)s is created. Invite its coordinators below.", name=group.name), "ok")
            return redirect(url_for("organisers.group", group_id=group.id), 303)
    return render_template("organisers/group_new.html", form=form), 400 if request.method == "POST" else 200


@bp.route("/groups/<int:group_id>", methods=["GET", "POST"])
def group(group_id: int):
    """The group, its coordinators and events; the form invites one more coordinator."""
    group = _group_or_404(group_id)
    form = CoordinatorForm()
    if form.validate_on_submit():
        try:
            coordinator = groups.invite_coordinator(group, form.email.data, name=form.name.data or "", actor=actor())
            db.session.commit()
        except AccountError as error:
            db.session.rollback()
            form.email.errors = [error.message]
        else:
            flash(_("The invitation is on its way to %(email)s. The link in it works once, for 7 days.",
                    email=coordinator.email), "ok")
            return redirect(url_for("organisers.group", group_id=group.id), 303)
    return render_template("organisers/group.html", group=group, form=form), 400 if request.method == "POST" else 200
