"""Reading single values of a sheet: UA numbers, dates, countries, languages, email addresses and links."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

import pycountry
from babel.dates import get_month_names

from campaigns.importer.text import NAME_WORD
from letters.languages import language_code, sheet_languages

# --- UA numbers ----------------------------------------------------------------------------------

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
# The UA number at the start of a line, with what says which sheet of the case this is:
# "First UA: 131/26 Index: …", "Further information on UA: 207/25 …", "THIRD UA 60/16", "UA 118/21".
UA_HEADER = re.compile(
    r"^(?:(?P<further>further\s+information)\s+on\s+)?(?:(?P<ordinal>" + "|".join(ORDINALS)
    + r"|\d{1,2}(?:st|nd|rd|th))\s+)?UA\s*(?:no\.?\s*)?:?\s*(?P<number>\d{1,4})\s*/\s*(?P<year>\d{2})\b", re.I)
# A UA number anywhere in a sentence: "Keep me updated on UA 118/21".
UA_NUMBER = re.compile(r"\bUA\s*:?\s*(\d{1,4})\s*/\s*(\d{2})\b", re.I)

# --- email addresses, links, requests for updates -------------------------------------------------

EMAIL = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# A sentence asking for updates: "… send your request to X with 'Keep me updated on UA 118/21' …".
UPDATES = re.compile(r"keep\s+me\s+updated|\b(?:receive|get|want|for)\s+updates\b", re.I)

# --- dates ---------------------------------------------------------------------------------------

# "2 February 2027", "2nd Feb. 2027", "2 de febrero de 2027", "2 февраля 2027 г.".
_DAY_MONTH_YEAR = re.compile(r"^(?P<day>\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<month>[^\W\d_]+)\.?,?\s+"
                             r"(?:de\s+)?(?P<year>\d{4})(?:\s*(?:г\.?|года))?$", re.I)
# "February 2, 2027", "Feb 2nd 2027".
_MONTH_DAY_YEAR = re.compile(r"^(?P<month>[^\W\d_]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})$", re.I)
# "2027-02-02".
_ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
# "2/2/2027", "02.02.2027", "13-4-27": day and month in an order only the numbers can tell.
_NUMERIC_DATE = re.compile(r"^(?P<first>\d{1,2})[/.\-](?P<second>\d{1,2})[/.\-](?P<year>\d{4}|\d{2})$")
# Languages whose month names the deadline may use: those UA sheets arrive in.
_DATE_LOCALES = tuple(row.code for row in sheet_languages())


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in _DATE_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(name.casefold().rstrip("."), number)
    return names


def read_date(text: str) -> tuple[date | None, str]:
    """A deadline as written → (the date, "") or (None, why it could not be read)."""
    value = text.strip().rstrip(".,;").strip()
    if match := (_DAY_MONTH_YEAR.match(value) or _MONTH_DAY_YEAR.match(value)):
        month = _month_numbers().get(match["month"].casefold())
        return _checked_date(int(match["year"]), month, int(match["day"]), value)
    if match := _ISO_DATE.match(value):
        return _checked_date(int(match["year"]), int(match["month"]), int(match["day"]), value)
    if match := _NUMERIC_DATE.match(value):
        first, second = int(match["first"]), int(match["second"])
        year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
        if first != second and first <= 12 and second <= 12:
            return None, f"“{value}” could be {first}/{second} or {second}/{first} (day and month)"
        day, month = (first, second) if second <= 12 else (second, first)
        return _checked_date(year, month, day, value)
    return None, f"“{value}” is not a date the importer can read"


def _checked_date(year: int, month: int | None, day: int, value: str) -> tuple[date | None, str]:
    try:
        return date(year, month or 0, day), ""
    except ValueError:
        return None, f"“{value}” is not a date"


# --- countries -----------------------------------------------------------------------------------

# Names in everyday use that ISO 3166 spells otherwise.
_COUNTRY_ALIASES = {"russia": "RU", "uk": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
                    "wales": "GB", "northern ireland": "GB", "us": "US", "u.s.": "US", "u.s.a.": "US",
                    "united states of america": "US", "america": "US", "turkey": "TR", "palestine": "PS",
                    "macedonia": "MK", "ivory coast": "CI", "burma": "MM", "swaziland": "SZ", "drc": "CD",
                    "dr congo": "CD", "democratic republic of the congo": "CD", "republic of the congo": "CG",
                    "czechia": "CZ", "vatican": "VA", "east timor": "TL", "cape verde": "CV",
                    "the gambia": "GM", "the philippines": "PH", "the netherlands": "NL", "holland": "NL",
                    "south korea": "KR", "north korea": "KP", "moldova": "MD", "uae": "AE"}


def _folded(name: str) -> str:
    """A name as countries are looked up: lower case, without accents ('MÉXICO' → 'mexico')."""
    folded = re.sub(r"\s+", " ", name).strip(" .").casefold()
    if folded.isascii():
        return folded
    return "".join(char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char))


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names = {_folded(alias): code for alias, code in _COUNTRY_ALIASES.items()}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name", "alpha_3"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(_folded(value), country.alpha_2)
    return names


def country_code(name: str) -> str | None:
    """'TURKMENISTAN', 'Russian Federation', 'USA', 'México' → ISO alpha-2; None for anything else."""
    return _country_names().get(_folded(name)) if len(name) <= 80 else None


def countries_named(text: str) -> list[str]:
    """Country codes for every country name in the text, in order (names of up to four words)."""
    words = NAME_WORD.findall(text)
    found = []
    for start in range(len(words)):
        if not words[start][0].isupper():  # a country's name starts with a capital
            continue
        for length in (4, 3, 2, 1):
            code = country_code(" ".join(words[start:start + length])) if start + length <= len(words) else None
            if code and not (length == 1 and len(words[start]) <= 3):  # "US", "UK" in passing are not countries
                found.append(code)
                break
    return found


# --- languages -----------------------------------------------------------------------------------


def read_languages(text: str) -> tuple[list[str], list[str]]:
    """'English, Russian' → (['en', 'ru'], []); names it does not know come back second."""
    codes, unknown = [], []
    for name in re.split(r"\s*(?:,|;|/|\band\b|\bor\b)\s*", text.strip().rstrip(".")):
        if not name:
            continue
        code = language_code(name)
        if code is None:
            unknown.append(name)
        elif code not in codes:
            codes.append(code)
    return codes, unknown
