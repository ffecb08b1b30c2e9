"""The check that a letter never mixes languages, run on every campaign a test leaves behind.

Every version of every campaign is rendered to every official; no sentence of another version
(of its subject or body), and none of its demand wordings, salutations or closings, may appear
in the letter. Text two versions share word for word belongs to both and proves nothing.
"""
from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from letters.compose import Writer, as_plain_text, compose
from models import Campaign, LetterVersion

_WRITER = Writer(name="A. B.", address=(), town="", country_name="")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Sentences and lines; the pieces between placeholders count on their own.
_PIECES = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；])|\n+|\x00")
_TODAY = date(2026, 12, 4)


def fragments(version: LetterVersion, campaign: Campaign) -> set[str]:
    """What this version says in its own words: sentences of its subject and body, its demand
    wordings, salutations and closings. Pieces too short to belong to one language are left out."""
    texts = [_PLACEHOLDER.sub("\x00", version.subject or ""), _PLACEHOLDER.sub("\x00", version.body or "")]
    found = {piece.strip(" •-–—\t,;:") for text in texts for piece in _PIECES.split(text)}
    found |= {version.wording_of(d) for d in campaign.demands}
    for target in campaign.ordered_targets:
        found |= {version.salutation_for(target), version.closing_for(target)}
    return {piece for piece in found if len(piece) >= 8 and any(ch.isalpha() for ch in piece)}


def letter_text(campaign: Campaign, version: LetterVersion, target) -> str:
    letter = compose(campaign, target, _WRITER, language=version.language, today=_TODAY, version=version)
    return letter.subject + "\n" + as_plain_text(letter)


def mixed_letters(campaign: Campaign, render=letter_text) -> list[str]:
    """One line for each letter (as `render` writes it) that carries another version's words."""
    own = {version.id: fragments(version, campaign) for version in campaign.versions}
    problems = []
    for version in campaign.versions:
        for target in campaign.ordered_targets:
            text = render(campaign, version, target)
            for other in campaign.versions:
                if other is version:
                    continue
                leaked = sorted(piece for piece in own[other.id] - own[version.id] if piece in text)
                if leaked:
                    problems.append(f"{campaign.ua_number}: the {version.language} letter to {target.label} "
                                    f"carries {other.language} text: {leaked[:3]}")
    return problems


def mixed_letters_in(connection: sa.Connection) -> list[str]:
    """Every campaign in the database, checked (for the teardown of every test)."""
    with Session(bind=connection) as session:
        campaigns = session.scalars(sa.select(Campaign).options(
            selectinload(Campaign.versions).selectinload(LetterVersion.wordings),
            selectinload(Campaign.versions).selectinload(LetterVersion.greetings),
            selectinload(Campaign.demands), selectinload(Campaign.targets), selectinload(Campaign.people))).all()
        return [problem for campaign in campaigns if len(campaign.versions) > 1
                for problem in mixed_letters(campaign)]
