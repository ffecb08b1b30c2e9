"""How people write dates, countries and short summaries: helpers for templates, letters and PDFs."""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

import pycountry
from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from flask import Flask


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str:
    """'TM' → 'Turkmenistan'; unknown codes come back as given."""
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=1)
def country_choices() -> tuple[tuple[str, str], ...]:
    """Every ISO 3166 country as (code, name), sorted by name, for select boxes."""
    return tuple(sorted(((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries),
                        key=lambda pair: pair[1]))


def is_country_code(code: str) -> bool:
    return bool(code) and pycountry.countries.get(alpha_2=code.upper()) is not None


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def long_date(value: date | datetime | None, language: str = "en") -> str:
    """'23 November 2026' in English, '23 ноября 2026 г.' in Russian, '23 de noviembre de 2026'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    locale = _locale("en_GB" if language == "en" else language)
    return babel_format_date(value, format="long", locale=locale)


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """'ru' → 'Russian' (in English, for organisers and supporters reading English pages)."""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en").capitalize()
    except (UnknownLocaleError, ValueError):
        return code


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[A-Z0-9“\"‘(])")


def lead(text: str | None, limit: int = 300) -> str:
    """The opening of a summary for the top of a page: whole sentences of its first paragraph.

    As many sentences as fit in `limit` characters, at least one; a first sentence longer
    than that is cut at a word and ends with an ellipsis.
    """
    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    if not paragraphs:
        return ""
    sentences = _SENTENCE_END.split(" ".join(paragraphs[0].split()))
    taken = sentences[0]
    for sentence in sentences[1:]:
        if len(taken) + 1 + len(sentence) > limit:
            break
        taken += " " + sentence
    if len(taken) > limit:
        taken = taken[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return taken


def short_datetime(value: datetime | None) -> str:
    """'23 Nov 2026, 14:05 UTC': for organisers' lists where the time of day matters."""
    if value is None:
        return ""
    return babel_format_date(value.date(), format="d MMM y", locale=_locale("en_GB")) + value.strftime(", %H:%M UTC")


def init_app(app: Flask) -> None:
    app.add_template_filter(country_name, "country")
    app.add_template_filter(long_date, "long_date")
    app.add_template_filter(language_name, "language")
    app.add_template_filter(lead, "lead")
    app.add_template_filter(short_datetime, "short_datetime")
    app.add_template_filter(lambda n: f"{n:,}", "thousands")

    @app.context_processor
    def org():
        return {"org_name": app.config["ORG_NAME"]}
