"""The embedded action widget's pages: the case, its progress and the action form, and the result, in a frame.

They run the campaign page's own flow (campaigns.routes.action_form_flow: the same form, the same
take_action service), with three differences that framing on another site asks for:
- `frame-ancestors` names the sites the organisers listed for the campaign (and nothing else may
  frame them), where every other page of the app refuses any frame;
- the form's CSRF proof is a signed token in the form, not the session cookie (widget/tokens.py);
- the language, and the listed site the widget sits on, travel in the URL (`lang`, `site`), as no
  cookie of ours reaches the frame.
"""
from __future__ import annotations

from datetime import date
from functools import cached_property

from flask import Blueprint, Response, abort, g, render_template, request, url_for

from campaigns import actions, services
from campaigns.errors import ActionExpired, ActionNotFound
from campaigns.routes import ACTION_LIMIT, FormPages, action_form_flow
from extensions import csrf, limiter
from i18n import INTERFACE_LANGUAGES
from widget import sites, tokens

bp = Blueprint("widget", __name__)


@bp.before_request
def language_from_url() -> None:
    # i18n.select_locale reads it before the (unreachable) cookie and the browser's languages.
    code = request.args.get("lang", "")
    if code in INTERFACE_LANGUAGES:
        g.interface_language_from_url = code


def _framed(response: Response, campaign) -> Response:
    """Only the campaign's listed sites may frame this page; app.py adds X-Frame-Options only where
    framing is refused, since that header cannot name a site and would override this list."""
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
        f"form-action 'self' mailto:; frame-ancestors {sites.frame_ancestors(campaign)}")
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


class _Progress:
    """The letters so far, for the progress bar: counted only when a page shows it, not for every action."""

    def __init__(self, campaign) -> None:
        self.campaign = campaign

    @cached_property
    def total(self) -> int:
        return services.public_counts(self.campaign)["total"]


def _campaign_to_write(slug: str) -> services.CampaignToWrite:
    try:
        return services.campaign_to_write(slug)
    except services.CampaignNotFound:
        abort(404)


def _urls(campaign, site: str) -> dict:
    """The widget's own links keep its language and site: nothing else would carry them."""
    language = str(g.get("interface_language_from_url") or "")
    keep = {key: value for key, value in (("lang", language), ("site", site)) if value}
    return {"form_url": url_for("widget.form", slug=campaign.slug, **keep),
            "language_url": lambda code: url_for("widget.form", slug=campaign.slug, lang=code,
                                                 **({"site": site} if site else {})),
            "keep": keep}


@bp.route("/campaigns/<slug>/widget", methods=["GET", "POST"])
@csrf.exempt  # the session's token cannot reach a frame: tokens.check stands in for it, below
@limiter.limit(ACTION_LIMIT, methods=["POST"])
def form(slug: str):
    to_write = _campaign_to_write(slug)
    campaign = to_write.campaign
    if request.method == "POST":
        try:
            site = tokens.check(request.form.get("widget_token"), campaign, origin=request.headers.get("Origin"),
                                referrer=request.referrer, host=request.host).site
        except tokens.FormRefused:
            urls = _urls(campaign, sites.allowed_site(campaign, request.args.get("site")))
            return _framed(Response(render_template("widget/refused.html", campaign=campaign, **urls), 400),
                           campaign)
    else:
        # The frame's first request comes from the page that embeds it; later ones carry the site along.
        site = sites.allowed_site(campaign, request.referrer) or sites.allowed_site(campaign, request.args.get("site"))
    urls = _urls(campaign, site)
    pages = FormPages(
        form="widget/form.html", result="widget/action.html", layout="widget/base.html", widget_site=site,
        thank_you=lambda secret: url_for("widget.action", slug=campaign.slug, secret=secret, **urls["keep"]),
        context=dict(widget_token=tokens.issue(campaign.id, site), counts=_Progress(campaign),
                     today=date.today(), **urls))
    return _framed(action_form_flow(to_write, pages), campaign)


@bp.get("/campaigns/<slug>/widget/a/<secret>")
def action(slug: str, secret: str):
    """The thank-you page, inside the frame: the PDF to download, or the email to look for."""
    to_write = _campaign_to_write(slug)
    campaign = to_write.campaign
    urls = _urls(campaign, sites.allowed_site(campaign, request.args.get("site")))
    try:
        action = actions.action_by_secret(secret, allow_expired=True)
        if action.campaign_id != campaign.id:
            raise ActionNotFound()
    except (ActionNotFound, ActionExpired) as error:
        page = render_template("widget/link_problem.html", campaign=campaign, message=error.message, **urls)
        return _framed(Response(page, 404), campaign)
    view = actions.thank_you(action, today=date.today())
    page = render_template("widget/action.html", action=action, campaign=view.campaign, letters=view.letters,
                           mail_links=view.mail_links, is_expired=view.is_expired, is_erased=view.is_erased,
                           **urls)
    return _framed(Response(page), campaign)
