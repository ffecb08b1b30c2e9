"""Logging in and out, and changing one's password."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user

from extensions import db, limiter
from limit_keys import address_limit_key
from events import groups
from organisers import accounts
from organisers.audit import Actor
from organisers.forms import ButtonForm, ChangePasswordForm, LoginForm
from organisers.roles import home_endpoint
from organisers.routes.base import actor, bp
from urls import safe_next

WRONG_LOGIN = _l("That email address and password do not match an active account.")


def _login_failed(response) -> bool:
    # Only failures count toward the limits: an organiser who types well is never locked out.
    return bool(g.get("login_failed"))


def _login_email() -> str:
    return address_limit_key("login-email", request.form.get("email") or "")


def _password_failed(response) -> bool:
    return bool(g.get("password_failed"))


def _password_owner() -> str:
    # A stolen session must not become a way to guess the account's password.
    return f"password-organiser:{getattr(current_user, 'id', None)}"


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per hour", key_func=get_remote_address, methods=["POST"],
               deduct_when=_login_failed)
@limiter.limit("5 per minute;20 per hour", key_func=_login_email, methods=["POST"], deduct_when=_login_failed)
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if not form.validate_on_submit():
        return render_template("organisers/login.html", form=form), 400 if request.method == "POST" else 200
    organiser = accounts.authenticate(form.email.data, form.password.data)
    if organiser is None:
        g.login_failed = True
        return render_template("organisers/login.html", form=form, error=WRONG_LOGIN), 400
    accounts.record_login(organiser, Actor.organiser(organiser, request.remote_addr))
    db.session.commit()
    # A new session at login: whatever the browser held before (a planted or shared cookie, an
    # old CSRF token) is dropped. Flask's session lives in the signed cookie, so clearing it and
    # writing the new login makes the browser get a different cookie.
    session.clear()
    login_user(organiser)
    if organiser.must_change_password:
        flash(_("Welcome! Your one-time password has now been used: please choose your own password."), "ok")
        return redirect(url_for("organisers.change_password"), 303)
    return redirect(safe_next(form.next.data) or url_for(home_endpoint(organiser)), 303)


@bp.post("/logout")
def logout():
    accounts.sign_out(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are logged out."), "ok")
    return redirect(url_for("organisers.login"), 303)


@bp.route("/password", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per hour", key_func=get_remote_address, methods=["POST"],
               deduct_when=_password_failed)
@limiter.limit("5 per minute;20 per hour", key_func=_password_owner, methods=["POST"],
               deduct_when=_password_failed)
def change_password():
    needs_current = not current_user.must_change_password
    form = ChangePasswordForm(needs_current=needs_current)
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, current_password=form.current_password.data,
                                     new_password=form.new_password.data, actor=actor())
        except (accounts.WrongPassword, accounts.PasswordNotNew) as error:
            db.session.rollback()
            g.password_failed = isinstance(error, accounts.WrongPassword)
            field = form.current_password if isinstance(error, accounts.WrongPassword) else form.new_password
            field.errors = [error.message]
        else:
            db.session.commit()
            # Every other session ended with the change; this one goes on under the new version.
            return _new_session(current_user._get_current_object(),
                                _("Your password is changed. Other devices have been logged out."))
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/password.html", form=form, needs_current=needs_current,
                           min_length=accounts.MIN_PASSWORD_LENGTH, logout_form=ButtonForm()), status


@bp.route("/welcome/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per hour", key_func=get_remote_address, methods=["POST"])
def welcome(token: str):
    """A coordinator's invitation: the link emailed to them, where they choose their password."""
    try:
        coordinator = groups.invitation_account(token)
    except groups.LinkNotValid as error:
        return render_template("organisers/welcome.html", problem=str(error)), 404
    form = ChangePasswordForm(needs_current=False)
    if form.validate_on_submit():
        coordinator = groups.accept_invitation(token, form.new_password.data)
        db.session.commit()
        return _new_session(coordinator, _("Welcome! Your password is saved and you are logged in."))
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/welcome.html", form=form, coordinator=coordinator,
                           min_length=accounts.MIN_PASSWORD_LENGTH), status


def _new_session(organiser, message: str):
    """A fresh session for the account under its new password, and on to its home page."""
    session.clear()
    login_user(organiser)
    flash(message, "ok")
    return redirect(url_for(home_endpoint(organiser)), 303)
