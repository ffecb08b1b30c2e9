"""Themes organisers tag campaigns with ("death penalty", "torture"): one spelling for each.

A theme is stored normalised, as a slug: lower case, letters and digits of any script, words
joined by hyphens ("Death  Penalty" and "death-penalty" are one theme). The slug is what
subscriptions and feed addresses name; pages show it with spaces. The vocabulary is simply the
themes campaigns carry, kept small by the editor offering the ones already in use and by a cap
per campaign: no separate list to manage, and a theme nobody uses any more disappears with its
last campaign.
"""
from __future__ import annotations

import re

from sqlalchemy import select

from extensions import db
from models import Campaign, CampaignStatus, CampaignTheme

THEME_MAX = 32        # characters of one slug ("theme:" + slug fits a subscription's scope)
THEMES_PER_CAMPAIGN = 5
_NOT_A_WORD = re.compile(r"[\W_]+")


def normalise_theme(text: str) -> str:
    """'Death Penalty' → 'death-penalty'; '' when nothing of a word is left."""
    return _NOT_A_WORD.sub("-", (text or "").casefold()).strip("-")[:THEME_MAX].strip("-")


def split_themes(text: str | None) -> list[str]:
    """Themes typed comma-separated (or one a line), normalised, each once, in the order typed."""
    themes: list[str] = []
    for part in re.split(r"[,;\n]", text or ""):
        theme = normalise_theme(part)
        if theme and theme not in themes:
            themes.append(theme)
    return themes


def theme_label(theme: str) -> str:
    """How pages show a theme: 'death-penalty' → 'death penalty'."""
    return theme.replace("-", " ")


def set_themes(campaign: Campaign, themes: list[str]) -> None:
    """Tag the campaign with exactly these (already normalised) themes."""
    wanted = list(dict.fromkeys(themes))
    kept = [row for row in campaign.themes if row.theme in wanted]
    have = {row.theme for row in kept}
    campaign.themes = kept + [CampaignTheme(theme=theme) for theme in wanted if theme not in have]


def themes_in_use(*, public_only: bool = False) -> list[str]:
    """Every theme some campaign carries, alphabetically; public_only: a published campaign."""
    query = select(CampaignTheme.theme).distinct().order_by(CampaignTheme.theme)
    if public_only:
        query = query.join(Campaign, CampaignTheme.campaign_id == Campaign.id).where(
            Campaign.status != CampaignStatus.draft)
    return list(db.session.scalars(query))
