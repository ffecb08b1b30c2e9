"""How people write dates, numbers, countries and short summaries: helpers for templates, letters and PDFs.

Functions take the language to write in (English by default, as letters and organisers' CSV
files want); the template filters write in the page's language, the one Flask-Babel selected
for the request, or forced for an email (i18n.py).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache

import pycountry
from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from flask import Flask
from flask_babel import get_locale


def page_language() -> str:
    """The language of the page (or email) being rendered: 'en' outside a request."""
    locale = get_locale()
    return str(locale) if locale else "en"


# Countries ISO 3166 gives no code of their own yet, by the code postal services and the locale data use for them.
EXTRA_COUNTRIES = {"XK": "Kosovo"}


@lru_cache(maxsize=2048)
def country_name(code: str | None, language: str = "en") -> str:
    """'TM' → 'Turkmenistan' ('Turkmenistán' in Spanish); unknown codes come back as given.

    English keeps pycountry's common names, as letters and exports always had them; other
    languages take the CLDR names Babel ships, falling back to English for a code it lacks.
    """
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        extra = EXTRA_COUNTRIES.get(code.upper())
        return (_locale(language).territories.get(code.upper()) or extra) if extra else code
    if language != "en":
        translated = _locale(language).territories.get(country.alpha_2)
        if translated:
            return translated
    return getattr(country, "common_name", None) or country.name


def _sort_key(name: str) -> str:
    # Accents do not move a name: "Éire" sorts with E, "Österreich" with O.
    return "".join(ch for ch in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(ch))


@lru_cache(maxsize=8)
def country_choices(language: str = "en") -> tuple[tuple[str, str], ...]:
    """Every ISO 3166 country as (code, name), sorted by name in `language`, for select boxes."""
    codes = [*(c.alpha_2 for c in pycountry.countries), *EXTRA_COUNTRIES]
    return tuple(sorted(((code, country_name(code, language)) for code in codes), key=lambda pair: _sort_key(pair[1])))


def is_country_code(code: str) -> bool:
    return bool(code) and (pycountry.countries.get(alpha_2=code.upper()) is not None
                           or code.upper() in EXTRA_COUNTRIES)


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


@lru_cache(maxsize=512)
def language_name(code: str, in_language: str = "en") -> str:
    """'ru' → 'Russian' in English, 'Ruso' in Spanish: a language's name as a reader of `in_language` says it."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(_locale(in_language))
    except (UnknownLocaleError, ValueError):
        return code
    # Capitalised as a list item or a menu entry starts ("Ruso", "Russe"), whatever the language's own rule.
    return name[:1].upper() + name[1:] if name else code


def and_list(items: Iterable[str], language: str | None = None) -> str:
    """'A, B and C' the way the page's language writes a list ('A, B y C', 'A, B et C')."""
    items = [str(item) for item in items]
    return format_list(items, locale=_locale(language or page_language())) if items else ""


def comma_list(items: Iterable[str], language: str | None = None) -> str:
    """'A, B, C': a plain enumeration with the page language's own comma ('A، B' in Arabic)."""
    items = [str(item) for item in items]
    middle = _locale(language or page_language()).list_patterns["standard"]["middle"]
    text = items[0] if items else ""
    for item in items[1:]:
        text = middle.format(text, item)
    return text


def or_list(items: Iterable[str], language: str | None = None) -> str:
    """'A, B or C' the way the page's language writes a choice ('A, B o C', 'A, B ou C')."""
    items = [str(item) for item in items]
    return format_list(items, style="or", locale=_locale(language or page_language())) if items else ""


def thousands(number: int, language: str | None = None) -> str:
    """5000 → '5,000' in English, '5.000' in Spanish, '5 000' in French."""
    language = language or page_language()
    return f"{number:,}" if language == "en" else format_decimal(number, locale=_locale(language))


def percent(number: int, language: str | None = None) -> str:
    """A whole percentage, 42 → '42%' ('42 %' in French, '٪42' where the locale says so)."""
    return format_percent(number / 100, locale=_locale(language or page_language()))


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
    # Pages and emails write in the language they are rendered in.
    app.add_template_filter(lambda code: country_name(code, page_language()), "country")
    app.add_template_filter(lambda value: long_date(value, page_language()), "long_date")
    app.add_template_filter(lambda code: language_name(code, page_language()), "language")
    app.add_template_filter(and_list, "and_list")
    app.add_template_filter(comma_list, "comma_list")
    app.add_template_filter(lead, "lead")
    app.add_template_filter(short_datetime, "short_datetime")
    app.add_template_filter(thousands, "thousands")
    app.add_template_filter(percent, "percent")

    @app.context_processor
    def org():
        return {"org_name": app.config["ORG_NAME"]}
