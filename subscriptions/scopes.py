"""What a subscription follows, written in its scope, and how emails and pages name it.

Updates on cases: "campaign:<id>" (one case) and "all" (every case). New cases as they go live:
"new" (every one), "country:<ISO code>" (a case in that country) and "theme:<theme>" (a case
tagged with that theme, campaigns/themes.py).
"""
from __future__ import annotations

from flask_babel import gettext as _

from campaigns.themes import theme_label
from formatting import country_name, page_language
from models import Campaign

ALL = "all"
NEW = "new"
_COUNTRY = "country:"
_THEME = "theme:"


def scope_for_id(campaign_id: int) -> str:
    return f"campaign:{campaign_id}"


def scope_for(campaign: Campaign | None) -> str:
    return scope_for_id(campaign.id) if campaign else ALL


def country_scope(code: str) -> str:
    return _COUNTRY + code.upper()


def theme_scope(theme: str) -> str:
    return _THEME + theme


def alert_scopes(campaign: Campaign) -> list[str]:
    """The scopes whose followers hear of this campaign when it goes live, broadest first."""
    return [NEW, country_scope(campaign.country), *(theme_scope(row.theme) for row in campaign.themes)]


def is_alert_scope(scope: str) -> bool:
    return scope == NEW or scope.startswith((_COUNTRY, _THEME))


def country_of(scope: str) -> str | None:
    return scope.removeprefix(_COUNTRY) if scope.startswith(_COUNTRY) else None


def theme_of(scope: str) -> str | None:
    return scope.removeprefix(_THEME) if scope.startswith(_THEME) else None


def topic(scope: str) -> str:
    """What an alert scope follows, in the language being rendered, to follow the word "about"."""
    if (code := country_of(scope)) is not None:
        # Translators: follows "about" ("emails about …"); country is a country's name.
        return _("new urgent actions in %(country)s", country=country_name(code, page_language()))
    if (theme := theme_of(scope)) is not None:
        # Translators: follows "about" ("emails about …"); theme is an organiser's word, such as "torture".
        return _("new urgent actions on the theme “%(theme)s”", theme=theme_label(theme))
    # Translators: follows "about" ("emails about …").
    return _("every new urgent action")
