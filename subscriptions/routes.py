"""Following cases and new cases: subscribe, confirm, leave with one click, manage by a signed link, feeds."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from campaigns import services as campaign_services
from extensions import csrf, db, limiter
from limit_keys import address_limit_key
from email_links import LinkNotValid
from models import Campaign
from privacy.services import erase_person
from subscriptions import feeds, services
from campaigns.themes import normalise_theme, theme_label, themes_in_use
from formatting import is_country_code
from subscriptions.forms import ButtonForm, FollowForm, FollowFrequencyForm, ManageRequestForm
from subscriptions.tokens import InvalidToken

bp = Blueprint("subscriptions", __name__)
# How every page shows a theme a campaign is tagged with ("death-penalty" → "death penalty").
bp.add_app_template_filter(theme_label, "theme")

CHECK_INBOX = _l("Thank you. Please check your inbox: we have sent you an email about your subscription.")
LINK_SENT = _l("Thank you. Please check your inbox: we have emailed that address.")
# Each accepted request sends one email. Per visitor: room for a letter-writing evening
# behind one hall's address, not for a script mailing strangers. Per address: one inbox
# cannot be flooded from many machines.
PER_VISITOR = "10 per minute; 100 per day"
PER_EMAIL = "5 per hour"
# Confirming sends nothing, but each request is one click of a link from one inbox.
CONFIRM_LIMIT = PER_VISITOR
# Where the browser keeps its manage session: the id of the manage link it spent.
MANAGE_SESSION_KEY = "manage_link"


def _email_key() -> str:
    # The limiter's storage (Redis, maybe) gets a keyed fingerprint of the inbox, never the address.
    return address_limit_key("email", request.form.get("email", ""))


per_visitor = limiter.shared_limit(PER_VISITOR, scope="subscriptions-visitor", methods=["POST"])
per_email = limiter.shared_limit(PER_EMAIL, scope="subscriptions-email", key_func=_email_key, methods=["POST"])


def _private(response: Response) -> Response:
    # Pages opened by a signed link show who follows what: never cached, never indexed.
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _page(template: str, status: int = 200, **context) -> Response:
    return _private(Response(render_template(template, **context), status=status))


def _campaign_or_404(slug: str):
    try:
        return campaign_services.public_campaign(slug)
    except campaign_services.CampaignNotFound:
        abort(404)


def _request(form: FollowForm, campaigns: list[Campaign]) -> None:
    # Bots that fill the hidden field get the thanks a person gets, and nothing happens.
    if form.is_from_a_bot:
        return
    chosen = next((c for c in campaigns if c.slug == form.follow.data), None)
    # Not a campaign: a scope the form offered ("all", "new", "country:TM", "theme:torture").
    scope = None if chosen else form.follow.data
    services.request_subscription(form.email.data, campaign=chosen, scope=scope, is_digest=form.is_digest)
    db.session.commit()


@bp.post("/campaigns/<slug>/subscribe")
@per_visitor
@per_email
def subscribe(slug: str):
    """The box on a campaign page: it names the campaign in a hidden `follow` field."""
    campaign = _campaign_or_404(slug)
    form = FollowForm(campaigns=[campaign])
    if not form.validate_on_submit():
        return render_template("subscriptions/subscribe.html", form=form), 400
    _request(form, [campaign])
    flash(str(CHECK_INBOX), "ok")
    return redirect(url_for("campaigns.show", slug=slug), 303)


@bp.route("/subscribe", methods=["GET", "POST"])
@per_visitor
@per_email
def follow():
    """Follow one case or all of them."""
    open_campaigns, closed_campaigns = campaign_services.public_campaigns(date.today())
    campaigns = [item.campaign for item in open_campaigns + closed_campaigns]
    # ?follow=<slug> (or a scope: ?follow=new, ?follow=country:TM) preselects; everything is on
    # offer whichever way people arrive.
    form = FollowForm(campaigns=campaigns, themes=themes_in_use(public_only=True),
                      follow=request.args.get("follow", "all"))
    if not form.validate_on_submit():
        return render_template("subscriptions/subscribe.html", form=form), 400 if form.is_submitted() else 200
    _request(form, campaigns)
    flash(str(CHECK_INBOX), "ok")
    return redirect(url_for("subscriptions.follow"), 303)


@bp.route("/subscriptions/confirm/<token>", methods=["GET", "POST"])
@limiter.limit(CONFIRM_LIMIT, methods=["POST"])
def confirm(token: str):
    """GET shows a button (mail scanners follow links); only the POST confirms, once."""
    try:
        subscription = services.subscription_to_confirm(token)
    except LinkNotValid as error:
        return _page("campaigns/link_problem.html", 404, message=str(error))
    form = ButtonForm()
    followed = services.followed_campaign(subscription)
    topic = services.alert_topic(subscription)
    if form.validate_on_submit():
        session[MANAGE_SESSION_KEY] = services.confirm(subscription)
        db.session.commit()
        return _page("subscriptions/confirmed.html", subscription=subscription, campaign=followed, topic=topic)
    return _page("subscriptions/confirm.html", form=form, subscription=subscription, campaign=followed, topic=topic)


@bp.route("/u/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    """One-click unsubscribe (RFC 8058): a POST leaves at once, a GET only shows the button.

    Exempt from CSRF because mail clients POST here without a session; the signed token is
    the authority, and all it can do is stop mail to its own address.
    """
    try:
        subscription = services.subscription_to_leave(token)
    except services.SubscriptionGone:
        return _page("subscriptions/unsubscribed.html", subscription=None, campaign=None)
    except InvalidToken as error:
        return _page("campaigns/link_problem.html", 404, message=str(error))
    followed = services.followed_campaign(subscription)
    topic = services.alert_topic(subscription)
    if request.method == "POST":
        services.unsubscribe(subscription)
        db.session.commit()
        return _page("subscriptions/unsubscribed.html", subscription=subscription, campaign=followed, topic=topic)
    return _page("subscriptions/unsubscribe.html", subscription=subscription, campaign=followed, topic=topic)


@bp.route("/u/digest/<token>", methods=["GET", "POST"])
@csrf.exempt
def stop_digest(token: str):
    """The weekly digest's one-click link: a POST stops every digest subscription of its address.

    As for /u/<token>: exempt from CSRF for mail clients, the signed token is the authority.
    """
    try:
        subscription = services.subscription_to_leave(token, purpose="digest")
    except services.SubscriptionGone:
        return _page("subscriptions/unsubscribed.html", subscription=None, campaign=None)
    except InvalidToken as error:
        return _page("campaigns/link_problem.html", 404, message=str(error))
    if request.method == "POST":
        services.stop_digest(subscription)
        db.session.commit()
        return _page("subscriptions/unsubscribed.html", subscription=subscription, campaign=None, digest=True)
    return _page("subscriptions/unsubscribe.html", subscription=subscription, campaign=None, digest=True,
                 is_stopped=not services.has_digest(subscription.email))


@bp.route("/subscriptions/manage", methods=["GET", "POST"])
@per_visitor
@per_email
def manage_request():
    """Ask for a link to manage an address's subscriptions; the answer never says if it has any."""
    form = ManageRequestForm()
    if not form.validate_on_submit():
        return render_template("subscriptions/manage_request.html", form=form), 400 if form.is_submitted() else 200
    if not form.is_from_a_bot:
        services.request_manage_link(form.email.data)
        db.session.commit()
    flash(str(LINK_SENT), "ok")
    return redirect(url_for("subscriptions.manage_request"), 303)


@bp.route("/subscriptions/manage/<token>", methods=["GET", "POST"])
@limiter.limit(CONFIRM_LIMIT, methods=["POST"])
def open_manage_link(token: str):
    """The link in a manage email. GET shows a button (mail scanners follow links); the POST
    spends the link and opens the manage page in this browser for a while."""
    form = ButtonForm()
    try:
        services.check_manage_link(token)
    except LinkNotValid as error:
        flash(_("%(problem)s Enter your address and we will email you a new one.", problem=error), "error")
        return _page("subscriptions/manage_request.html", 404, form=ManageRequestForm())
    if form.validate_on_submit():
        session[MANAGE_SESSION_KEY] = services.open_manage_link(token)
        db.session.commit()
        return redirect(url_for("subscriptions.manage"), 303)
    return _page("subscriptions/manage_open.html", form=form)


def _manage_owner() -> str:
    """The address this browser may manage; without a live session, the way to a new link."""
    email = services.manage_session_owner(session.get(MANAGE_SESSION_KEY))
    if email is None:
        session.pop(MANAGE_SESSION_KEY, None)
        flash(_("For your privacy, this page opens only from a recent link. Enter your address and we will "
                "email you one."), "error")
        abort(redirect(url_for("subscriptions.manage_request"), 303))
    return email


@bp.get("/subscriptions/mine")
def manage():
    email = _manage_owner()
    return _page("subscriptions/manage.html", email=email, followed=services.followed_by(email), form=ButtonForm())


@bp.post("/subscriptions/mine/leave/<int:subscription_id>")
def leave(subscription_id: int):
    email = _manage_owner()
    if ButtonForm().validate_on_submit() and services.leave(email, subscription_id):
        db.session.commit()
        flash(_("Done: you have left that list."), "ok")
    return redirect(url_for("subscriptions.manage"), 303)


@bp.post("/subscriptions/mine/how-often/<int:subscription_id>")
def how_often(subscription_id: int):
    """Switch one subscription to the weekly digest, or back to an email each time."""
    email = _manage_owner()
    form = FollowFrequencyForm()
    if form.validate_on_submit() and services.set_digest(email, subscription_id, form.is_digest):
        db.session.commit()
        flash(_("Done: you will get a weekly digest for it.") if form.is_digest
              else _("Done: you will get an email each time there is news."), "ok")
    return redirect(url_for("subscriptions.manage"), 303)


@bp.post("/subscriptions/mine/leave-all")
def leave_all():
    email = _manage_owner()
    if ButtonForm().validate_on_submit():
        services.leave_all(email)
        db.session.commit()
        flash(_("Done: you follow nothing now, and no more updates will reach you."), "ok")
    return redirect(url_for("subscriptions.manage"), 303)


@bp.post("/subscriptions/mine/erase")
def erase():
    email = _manage_owner()
    if not ButtonForm().validate_on_submit():
        return redirect(url_for("subscriptions.manage"), 303)
    # "Erase my data" means all of it: letters signed with this address too, not only subscriptions.
    erase_person(email)
    db.session.commit()
    session.pop(MANAGE_SESSION_KEY, None)
    return _page("subscriptions/erased.html")


def _feed_response(body: bytes) -> Response:
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.get("/campaigns/<slug>/updates.atom")
def campaign_feed(slug: str):
    return _feed_response(feeds.campaign_feed(_campaign_or_404(slug)))


@bp.get("/updates.atom")
def all_campaigns_feed():
    return _feed_response(feeds.all_campaigns_feed())


@bp.get("/countries/<code>/cases.atom")
def country_feed(code: str):
    """New cases in one country, and their updates."""
    if len(code) != 2 or not is_country_code(code):
        abort(404)
    return _feed_response(feeds.country_feed(code.upper()))


@bp.get("/themes/<theme>/cases.atom")
def theme_feed(theme: str):
    """New cases on one theme, and their updates; a theme no campaign carries (yet) has an empty feed."""
    if not theme or normalise_theme(theme) != theme:
        abort(404)
    return _feed_response(feeds.theme_feed(theme))
