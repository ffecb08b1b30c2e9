"""The widget form's CSRF protection, which needs no cookie.

Inside a frame on another site, today's browsers keep no cookie of ours (third-party cookies are
blocked), so the session that Flask-WTF's token is checked against does not survive from the form's
page to its POST. The widget's form carries its own proof instead:

- a token signed with the app's secret key (itsdangerous), timestamped, salted for this one
  purpose and holding the campaign's id and the listed site the form was framed on: it cannot be
  made without the key, stops working after TOKEN_MAX_AGE, and is refused by any other campaign
  (or by another form of the app, whose salt differs);
- the POST's Origin (or, without one, its Referer) must be this app itself: the form lives in our
  frame, so a page elsewhere that posts to the widget is refused even with a token it fetched.

Nothing else is kept between the form and its POST: the one-time form nonce, the site and the
language travel in the form and its URL.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

# As long as a supporter may take over a form (and Flask-WTF's own tokens last).
TOKEN_MAX_AGE = 3600
_SALT = "uadesk.widget.action-form"


class FormRefused(Exception):
    """The widget's form cannot be trusted: missing, forged, expired or foreign token, or posted from elsewhere."""


@dataclass(frozen=True)
class FormToken:
    campaign_id: int
    site: str  # the listed site the form was framed on, "" when not known


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def issue(campaign_id: int, site: str) -> str:
    return _serializer().dumps({"c": campaign_id, "s": site})


def check(token: str | None, campaign, *, origin: str | None, referrer: str | None, host: str) -> FormToken:
    """The token's contents, if it is ours, fresh, for this campaign and posted from our own frame."""
    sender = origin if origin and origin != "null" else referrer
    if not sender or urlsplit(sender).netloc != host:
        raise FormRefused()
    if not token or len(token) > 1000:
        raise FormRefused()
    try:
        data = _serializer().loads(token, max_age=TOKEN_MAX_AGE)
    except (SignatureExpired, BadSignature):
        raise FormRefused() from None
    if not isinstance(data, dict) or data.get("c") != campaign.id or not isinstance(data.get("s"), str):
        raise FormRefused()
    # A site taken off the list since the form was shown no longer counts (nor frames it).
    site = data["s"] if data["s"] in (campaign.widget_sites or []) else ""
    return FormToken(campaign_id=campaign.id, site=site)
