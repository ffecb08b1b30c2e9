"""The sites a widget may be embedded on: origins as organisers type them, and actions counted per site."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import url_for

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import WidgetSiteCount

MAX_SITES = 20
# A host name as DNS spells it (letters, digits, hyphens, dots; IDNs in their xn-- form), or an IPv4
# address; nothing a header could be split on.
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")
_SEPARATORS = re.compile(r"[\s,]+")


class NotAnOrigin(ValueError):
    """Not a site's origin (scheme, host and port only); the message says what to type instead."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def origin_of(url: str | None) -> str:
    """The origin of a URL (https://www.example.org:8443), lower-cased, default ports dropped; "" if none."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in ("http", "https") or not host or not _HOST.match(host):
        return ""
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def normalise_origin(text: str) -> str:
    """An origin as an organiser typed it ("https://www.example.org/"), as browsers send it; NotAnOrigin else.

    Only an origin: a path, query, user name or wildcard would either mean nothing to
    `frame-ancestors` or allow more than the organiser meant to.
    """
    typed = text.strip()
    parts = urlsplit(typed) if "://" in typed else None
    if (parts is None or parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc
            or "*" in typed):
        raise NotAnOrigin(typed)
    origin = origin_of(typed)
    if not origin:
        raise NotAnOrigin(typed)
    return origin


def parse_sites(text: str) -> list[str]:
    """The origins typed one per line (or separated by commas), normalised, each once, in order."""
    sites: list[str] = []
    for part in _SEPARATORS.split(text or ""):
        if part:
            origin = normalise_origin(part)
            if origin not in sites:
                sites.append(origin)
    return sites


def allowed_site(campaign, referrer: str | None) -> str:
    """The listed site a page came from (by its referrer's origin), or "" for any other or none."""
    origin = origin_of(referrer)
    return origin if origin and origin in (campaign.widget_sites or []) else ""


def frame_ancestors(campaign) -> str:
    """The CSP `frame-ancestors` source list for the campaign's widget pages."""
    return " ".join(campaign.widget_sites or []) or "'none'"


def count_widget_action(campaign_id: int, site: str) -> None:
    """One more action through the widget on this site (the origin only: nothing about who)."""
    bump = (update(WidgetSiteCount).where(WidgetSiteCount.campaign_id == campaign_id, WidgetSiteCount.site == site)
            .values(actions=WidgetSiteCount.actions + 1))
    if db.session.execute(bump).rowcount:
        return
    try:
        with db.session.begin_nested():
            db.session.add(WidgetSiteCount(campaign_id=campaign_id, site=site, actions=1))
    except IntegrityError:
        db.session.execute(bump)  # the first action from this site, twice at once: the other one made the row


def counts_by_site(campaign_id: int) -> list[tuple[str, int]]:
    rows = db.session.execute(
        db.select(WidgetSiteCount.site, WidgetSiteCount.actions).where(WidgetSiteCount.campaign_id == campaign_id)
        .order_by(WidgetSiteCount.actions.desc(), WidgetSiteCount.site)).all()
    return [(row.site, row.actions) for row in rows]


@dataclass(frozen=True)
class Snippets:
    """What an organiser pastes into a page of a listed site: the script (it fits the frame's height to
    its content) or, for pages that allow no scripts, the frame alone."""

    script: str
    iframe: str


def snippets(campaign, language: str) -> Snippets:
    # Plain text, escaped where the template shows it: attribute values are a slug, a language code
    # and the app's own URLs, so nothing here needs escaping inside the snippet itself.
    script_url = url_for("static", filename="widget.js", _external=True)
    widget_url = url_for("widget.form", slug=campaign.slug, lang=language, _external=True)
    return Snippets(
        script=f'<script src="{script_url}" data-campaign="{campaign.slug}" data-lang="{language}" async></script>',
        iframe=f'<iframe src="{widget_url}" title="{campaign.ua_number}" loading="lazy" '
               'style="width:100%;max-width:40rem;height:70rem;border:0"></iframe>')
