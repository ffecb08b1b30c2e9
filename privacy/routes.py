"""Self-service erasure: ask by email, confirm from the signed link, and it is gone."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Email, Length

from i18n import TranslatedForm
from campaigns.forms import single_line, stored_in_full
from email_links import LinkNotValid
from extensions import db, limiter
from limit_keys import address_limit_key
from privacy.services import erase_by_link, erasure_address, send_erasure_link

bp = Blueprint("privacy", __name__, url_prefix="/privacy")

# Each accepted request emails the address typed in: bounded per visitor, and per address so
# one inbox cannot be flooded with erasure links from many machines.
PER_VISITOR = "5 per minute; 30 per day"
PER_EMAIL = "5 per hour"


def _email_key() -> str:
    # The limiter's storage (Redis, maybe) gets a keyed fingerprint of the inbox, never the address.
    return address_limit_key("erase-email", request.form.get("email") or "")


class EraseRequestForm(TranslatedForm):
    email = StringField(_l("Your email address"), filters=[lambda v: v.strip() if isinstance(v, str) else v],
                        validators=[DataRequired(_l("Please enter your email address.")), Length(max=254),
                                    single_line, stored_in_full,
                                    Email(_l("Please enter an email address like name@example.org."),
                                          check_deliverability=False)])


class ConfirmEraseForm(TranslatedForm):
    """No fields: the button's POST carries only the CSRF token."""


@bp.route("/erase", methods=["GET", "POST"])
@limiter.limit(PER_VISITOR, methods=["POST"])
@limiter.limit(PER_EMAIL, key_func=_email_key, methods=["POST"])
def request_erasure():
    form = EraseRequestForm()
    if not form.validate_on_submit():
        return render_template("privacy/request.html", form=form), 400 if form.is_submitted() else 200
    send_erasure_link(form.email.data)
    db.session.commit()
    return render_template("privacy/requested.html")


@bp.route("/erase/<token>", methods=["GET", "POST"])
def erase(token: str):
    """GET shows what will go and a button (mail scanners follow links); the POST erases, once."""
    form = ConfirmEraseForm()
    try:
        if form.validate_on_submit():
            done = erase_by_link(token)
            db.session.commit()
            return _private(render_template("privacy/erased.html", done=done))
        email = erasure_address(token)
    except LinkNotValid as error:
        return _private(render_template("campaigns/link_problem.html", message=str(error)), 404)
    return _private(render_template("privacy/confirm.html", form=form, email=email))


def _private(body: str, status: int = 200):
    # Pages reached by a secret link: never cached, never indexed.
    response = current_app.make_response((body, status))
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
