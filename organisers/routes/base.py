"""The organisers' blueprint and what its views share: the login guard, roles, the acting organiser.

The guard is blueprint-wide, so a page added later is protected without remembering to.
"""
from __future__ import annotations

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user

from extensions import db
from models import Campaign
from organisers import labels
from organisers.audit import Actor
from organisers.roles import ACCOUNT_PAGES, PUBLIC_PAGES, home_endpoint, may_open

bp = Blueprint("organisers", __name__, url_prefix="/organisers")

# Pages open without a session (organisers/roles.py); everything else in the blueprint requires one.
PUBLIC_ENDPOINTS = PUBLIC_PAGES
# While an organiser must replace a one-time password, these are the only pages they may use.
PASSWORD_CHANGE_ENDPOINTS = ACCOUNT_PAGES


@bp.before_request
def require_login():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        here = request.full_path if request.query_string else request.path
        return redirect(url_for("organisers.login", next=here))
    if current_user.must_change_password and request.endpoint not in PASSWORD_CHANGE_ENDPOINTS:
        return redirect(url_for("organisers.change_password"))
    if not may_open(current_user, request.endpoint):
        # The organisers' front door (the site header links to it) leads each account to its own home.
        if request.endpoint == "organisers.index":
            return redirect(url_for(home_endpoint(current_user)))
        abort(403)
    return None


@bp.after_request
def private(response):
    # Organiser pages show supporters' data: never cached, never indexed.
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.context_processor
def organiser_words():
    # The organiser pages name stored codes (a letter's state, a kind of email) in the page's language.
    return {"labels": labels}


def actor() -> Actor:
    return Actor.organiser(current_user, request.remote_addr)


def campaign_or_404(campaign_id: int) -> Campaign:
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        abort(404)
    return campaign
