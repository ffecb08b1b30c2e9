"""Self-service erasure: ask by email, confirm from the signed link, and it is gone."""
from __future__ import annotations

import hashlib

from flask import Blueprint, current_app, render_template, request, url_for
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from wtforms import StringField
from wtforms.validators import DataRequired, Email, Length

from campaigns.forms import single_line
from extensions import db, limiter
from privacy.services import erase_person, send_erasure_link

bp = Blueprint("privacy", __name__, url_prefix="/privacy")

LINK_MAX_AGE = 24 * 3600
# Each accepted request emails the address typed in: bounded per visitor, and per address so
# one inbox cannot be flooded with erasure links from many machines.
PER_VISITOR = "5 per minute; 30 per day"
PER_EMAIL = "5 per hour"


def _email_key() -> str:
    # The limiter's storage (Redis, maybe) gets a hash, never the address.
    email = (request.form.get("email") or "").strip().lower()
    return "erase-email:" + hashlib.sha256(email.encode()).hexdigest()[:32]


class EraseRequestForm(FlaskForm):
    email = StringField("Your email address", filters=[lambda v: v.strip() if isinstance(v, str) else v],
                        validators=[DataRequired("Please enter your email address."), Length(max=254), single_line,
                                    Email("Please enter an email address like name@example.org.",
                                          check_deliverability=False)])


class ConfirmEraseForm(FlaskForm):
    """No fields: the button's POST carries only the CSRF token."""


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="uadesk.privacy.erase")


@bp.route("/erase", methods=["GET", "POST"])
@limiter.limit(PER_VISITOR, methods=["POST"])
@limiter.limit(PER_EMAIL, key_func=_email_key, methods=["POST"])
def request_erasure():
    form = EraseRequestForm()
    if not form.validate_on_submit():
        return render_template("privacy/request.html", form=form), 400 if form.is_submitted() else 200
    email = form.email.data.lower()
    link = current_app.config["BASE_URL"] + url_for("privacy.erase", token=_serializer().dumps(email))
    send_erasure_link(email, link)
    db.session.commit()
    return render_template("privacy/requested.html")


@bp.route("/erase/<token>", methods=["GET", "POST"])
def erase(token: str):
    try:
        email = _serializer().loads(token, max_age=LINK_MAX_AGE)
    except SignatureExpired:
        return render_template("campaigns/link_problem.html", message="This link has expired."), 410
    except BadSignature:
        return render_template("campaigns/link_problem.html", message="This link is not valid."), 404
    form = ConfirmEraseForm()
    if form.validate_on_submit():
        done = erase_person(email)
        db.session.commit()
        return render_template("privacy/erased.html", done=done)
    return render_template("privacy/confirm.html", form=form, email=email)
