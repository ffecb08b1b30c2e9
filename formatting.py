"""How people write dates and countries: helpers for templates, letters and PDFs."""
from __future__ import annotations

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


def init_app(app: Flask) -> None:
    app.add_template_filter(country_name, "country")
    app.add_template_filter(long_date, "long_date")
    app.add_template_filter(language_name, "language")
    app.add_template_filter(lambda n: f"{n:,}", "thousands")

    @app.context_processor
    def org():
        return {"org_name": app.config["ORG_NAME"]}
