"""Admins make and revoke the API tokens that a section's site or CRM uses (api/tokens.py; organisers/roles.py
keeps these pages to admins)."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from api import tokens
from api.forms import ApiTokenForm
from extensions import db
from models import ApiToken
from models._types import utcnow
from organisers.forms import ButtonForm
from organisers.routes.base import actor, bp


@bp.route("/admin/api-tokens", methods=["GET", "POST"])
def api_tokens():
    form = ApiTokenForm()
    if form.validate_on_submit():
        token, secret = tokens.create_token(form.name.data, form.scopes.data, days=form.days.data, actor=actor())
        db.session.commit()
        # The secret is in this response only: never flashed (the session cookie would carry it),
        # never stored, and the page is not cached (the blueprint's no-store).
        return Response(render_template("organisers/api_token_created.html", token=token, secret=secret,
                                        header=f"Authorization: Bearer {token.prefix}…"))
    return render_template("organisers/api_tokens.html", form=form, tokens=tokens.tokens(), now=utcnow(),
                           button=ButtonForm(), scope_labels=tokens.SCOPE_LABELS), 400 if form.errors else 200


@bp.post("/admin/api-tokens/<int:token_id>/revoke")
def revoke_api_token(token_id: int):
    token = db.session.get(ApiToken, token_id)
    if token is None:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if tokens.revoke_token(token, actor=actor()):
        db.session.commit()
        flash(_("The token “%(name)s” no longer works.", name=token.name), "ok")
    return redirect(url_for("organisers.api_tokens"), 303)
