"""Reading single values of a sheet: UA numbers, dates, countries, languages, email addresses and links."""
from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pycountry
from babel.core import Locale
from babel.dates import get_month_names
from babel.localedata import locale_identifiers
from flask_babel import gettext as _

from campaigns.importer.text import NAME_WORD
from formatting import EXTRA_COUNTRIES
from letters.languages import language_code, sheet_languages
from models.campaign import normalise_ua_number

# --- the words of the languages sheets arrive in --------------------------------------------------


def _any(words: list[str]) -> str:
    """One alternation of the table's patterns, longest first so that "ua update" wins over "update"."""
    return "(?:" + "|".join(sorted(dict.fromkeys(words), key=len, reverse=True)) + ")"


def _all(field: str) -> list[str]:
    return [pattern for row in sheet_languages() for pattern in getattr(row.sheet_words, field)]


# --- UA numbers ----------------------------------------------------------------------------------

# "UA", or "AU" in Spanish and French (acción urgente, action urgente), in capitals as sheets write them:
# the French "au" of "jusqu'au 12/03" is no UA.
_UA = "(?-i:" + _any([word.upper() for word in _all("ua")]) + ")"
# The case number and its year: "118/21", "118.21", "118-21", "118/2021"; never the start of an index
# number ("13/1234/2021"), whose second part is followed by a third.
_NUMBER = (r"(?P<number>\d{1,4})\s*[/.\-]\s*(?P<year>(?:19|20)\d{2}|\d{2})(?![/.\-]?\d)")
# The document's Amnesty index number, before or after the UA number: "Index: MDE 13/1234/2021", "AI Index: …",
# "AI-Index: … ·", "Índice AI: …". Read as part of the header, kept nowhere.
_INDEX = (r"(?:(?:ai[\s-]+)?index(?:\s+number)?|[íi]ndice(?:\s+ai)?)\s*:?\s*[a-z]{3}\s*\d{1,3}/\d{3,5}/\d{4}"
          r"\s*[,;|\-·•–—]?\s*")
INDEX = re.compile(_INDEX, re.I)
# "First", "Segunda", "TERCERA", "2nd", "2ª", "2e", "2.": which sheet of the case this is.
ORDINAL = _any(_all("ordinals")) + r"|\d{1,2}(?:st|nd|rd|th|ª|º|er|e|ème|\.)"
# "Further information", "UA update", "Actualización", "Mise à jour", "Aktualisierung": a follow-up.
FOLLOW_UP = _any(_all("follow_ups"))
_FOLLOW_UP_LINK = _any(_all("follow_up_links"))
# The same, or a word that only says so after a UA number: "AU 88/25 suite", "UA 12/25 follow-up".
_FOLLOW_UP_AFTER = _any(_all("follow_ups") + _all("follow_ups_after"))
# The UA number at the start of a line, with what says which sheet of the case this is:
# "First UA: 131/26 Index: …", "Further information on UA: 207/25 …", "THIRD UA 60/16", "UA 118/21",
# "Segunda AU 60/16", "Actualización de la AU 118/21", "UA-118-21", "Index: MDE 13/1234/2021 UA 118/21",
# "UA-Nr: UA-031/2025" (a label, then the number with its "UA" again), "UA-Nummer: 149/26", "AU 88/25 suite" (a
# follow-up).
# The word for "number" between "UA" and its number, abridged or written out: "UA-Nr.", "UA No.", "UA-Nummer:".
_NUMBER_WORD = r"no|nr|n[º°o]|nummer|number|n[úu]mero|num[ée]ro"
UA_HEADER = re.compile(
    rf"^(?:{_INDEX})?(?:(?P<further>{FOLLOW_UP}(?:\s+\d{{1,2}})?)(?:\s+{_FOLLOW_UP_LINK})?\s*[:\-]?\s*)?"
    rf"(?:(?P<ordinal>{ORDINAL})\s*)?{_UA}(?:\s*[-.]?\s*(?:{_NUMBER_WORD})\.?)?\s*[:\-]?\s*(?:{_UA}\s*[:\-]?\s*)?"
    rf"{_NUMBER}(?:\s*[-:]?\s*(?P<after>{_FOLLOW_UP_AFTER}(?:\s+\d{{1,2}})?)(?!\w))?", re.I)
# A UA number anywhere in a sentence: "Keep me updated on UA 118/21".
UA_NUMBER = re.compile(rf"\b{_UA}\s*:?\s*{_NUMBER}", re.I)
# A UA number named in passing, also by the banner's words: "Bangladesh (UA 58.25)", "the actions you took on
# Urgent Action 58.25", "Acción Urgente 58/25". Only read when no line gives the sheet's number otherwise.
# "URGENT ACTION      UA-Nr. 143/2026" (the banner's line, with the word for "number").
# "Urgent Action · Niederlande · UA-214/26": a hyphen may join the number to "UA".
UA_MENTION = re.compile(rf"(?:\b{_UA}(?:\s*[-.]?\s*(?:{_NUMBER_WORD})\.?)?|(?<!\w){_any(_all('banners'))})\s*[:\-]?\s*"
                        rf"{_NUMBER}", re.I)


def ua_number(match: re.Match) -> str:
    """The UA number a match of UA_HEADER or UA_NUMBER names, as campaigns store it: "UA 118/21"."""
    return normalise_ua_number(f"UA {match['number']}/{match['year'][-2:]}")


def sheet_label(words: str) -> str:
    """Words that say which sheet this is, as the draft shows them: 'THIRD' → 'Third', 'UA UPDATE' → 'UA update'."""
    return re.sub(r"\b(ua|au)\b", lambda match: match.group(0).upper(), words.capitalize(), flags=re.I)


def follow_up_sheet(words: str) -> tuple[int | None, str]:
    """'Update', 'Actualización 2', 'suite 1' → which sheet of the case a follow-up is and its label: None when
    it does not say, else the sheet after the update it numbers (update 2 is the case's third sheet)."""
    words = words.strip("() ")
    label = sheet_label(re.sub(r"\s+", " ", words))
    count = re.search(r"\s(\d{1,2})$", words)
    return (int(count[1]) + 1 if count and int(count[1]) else None), label


def ordinal_number(word: str) -> int:
    """'Third', 'TERCERA', '3rd', '3ª' → 3: which sheet of the case an ordinal names."""
    if digits := re.sub(r"\D", "", word):
        return int(digits)
    for row in sheet_languages():
        for number, pattern in enumerate(row.sheet_words.ordinals, start=1):
            if re.fullmatch(pattern, word, re.I):
                return number
    raise ValueError(word)


# A sentence that counts the updates: "This is the second update of UA 12/25", "la deuxième mise à jour de l'AU
# 12/25", "la segunda actualización de la AU 12/25", "die zweite Aktualisierung der UA 12/25".
_UPDATE_COUNT = re.compile(rf"(?<!\w)(?P<ordinal>{ORDINAL})\s+(?P<update>{FOLLOW_UP})(?:\s+{_FOLLOW_UP_LINK})?"
                           rf"\s*{_UA}\s*:?\s*{_NUMBER}", re.I)


def update_count(text: str, numbers: list[str]) -> tuple[int, str] | None:
    """'This is the second update of UA 12/25.' → (3, 'Second update'): the Nth update is the case's sheet N + 1
    (the first sheet is the UA itself). Only a sentence about one of the sheet's own UA numbers counts, any
    UA number when `numbers` is empty."""
    for match in _UPDATE_COUNT.finditer(text):
        if not numbers or ua_number(match) in numbers:
            update = match["update"].lower() if match["update"].isupper() else match["update"]  # "Aktualisierung"
            return ordinal_number(match["ordinal"]) + 1, f"{sheet_label(match['ordinal'])} {update}"
    return None

# A sentence that counts the case's sheets themselves: "This is the third Urgent Action issued on the case", "la
# troisième Action urgente", "die dritte Eilaktion" (an ordinal, the banner's words, no UA number after them).
_SHEET_COUNT = re.compile(rf"(?<!\w)(?P<ordinal>{ORDINAL})\s+(?:{_any(_all('banners'))})(?!\s*:?\s*\d)", re.I)


def sheet_count(text: str) -> tuple[int, str] | None:
    """'This is the third Urgent Action issued on the case of …' → (3, 'Third'): a follow-up that says which of the
    case's sheets it is. Earlier sheets may be named too ("the first Urgent Action called for …"): the highest
    ordinal is this one's, and a first is no follow-up's."""
    counted = [(ordinal_number(match["ordinal"]), sheet_label(match["ordinal"]))
               for match in _SHEET_COUNT.finditer(text)]
    best = max(counted, default=None, key=lambda found: found[0])
    return best if best and best[0] > 1 else None


# --- email addresses, links, requests for updates -------------------------------------------------

EMAIL = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# A sentence asking for updates: "… send your request to X with 'Keep me updated on UA 118/21' …".
UPDATES = re.compile(r"keep\s+me\s+updated|\b(?:receive|get|want|for)\s+updates\b", re.I)

# --- dates ---------------------------------------------------------------------------------------

# "2 February 2027", "2nd Feb. 2027", "2 de febrero de 2027", "2 февраля 2027 г.".
_DAY_MONTH_YEAR = re.compile(r"^(?P<day>\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+|of\s+)?(?P<month>[^\W\d_]+)\.?,?\s+"
                             r"(?:de\s+)?(?P<year>\d{4})(?:\s*(?:г\.?|года))?$", re.I)
# "February 2, 2027", "Feb 2nd 2027".
_MONTH_DAY_YEAR = re.compile(r"^(?P<month>[^\W\d_]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})$", re.I)
# "2027-02-02".
_ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
# "2/2/2027", "02.02.2027", "13-4-27": day and month in an order only the numbers can tell.
_NUMERIC_DATE = re.compile(r"^(?P<first>\d{1,2})[/.\-](?P<second>\d{1,2})[/.\-](?P<year>\d{4}|\d{2})$")
# Languages whose month names the deadline may use: those UA sheets arrive in.
_DATE_LOCALES = tuple(row.code for row in sheet_languages())


def _regional_locales(languages: tuple[str, ...]) -> list[str]:
    """The languages, then each one's regional locales ("de_AT", "es_PE"), whose month names may differ: Austria
    writes "Jänner", Peru "setiembre". Locales in another script than the language's own are left out."""
    regional = sorted(identifier for identifier in locale_identifiers()
                      if (parts := identifier.split("_"))[0] in languages and len(parts) == 2
                      and not parts[1].istitle())
    return [*languages, *regional]


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    """Every month name and abbreviation of the sheet languages and their regions → the month's number."""
    names: dict[str, int] = {}
    for locale in _regional_locales(_DATE_LOCALES):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(name.casefold().rstrip("."), number)
    return names


# Where a clause of its own starts after a date: "…, 2025; after that …", "… 2025 – later letters …".
_CLAUSE_BREAK = re.compile(r"\s*[;,:(–—]\s*\S")


def read_date(text: str, *, day_first: bool = False) -> tuple[date | None, str]:
    """A deadline as written → (the date, "") or (None, why it could not be read).

    A numeric date whose day and month could be either way round ("3/4/2027") is read day first when
    the sheet's language writes dates so (`day_first`) or when it is written with dots ("03.04.2027",
    a day-first way of writing dates); otherwise it is left to the organiser.
    """
    value = text.strip().rstrip(".,;").strip()
    value = re.sub(r"^the\s+(?=\d)", "", value, flags=re.I)  # "before the 26th of December 2024"
    if match := (_DAY_MONTH_YEAR.match(value) or _MONTH_DAY_YEAR.match(value)):
        month = _month_numbers().get(match["month"].casefold())
        return _checked_date(int(match["year"]), month, int(match["day"]), value)
    if match := _ISO_DATE.match(value):
        return _checked_date(int(match["year"]), int(match["month"]), int(match["day"]), value)
    if match := _NUMERIC_DATE.match(value):
        first, second = int(match["first"]), int(match["second"])
        year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
        day_first = day_first or "." in value
        if first != second and first <= 12 and second <= 12 and not day_first:
            return None, _("“%(value)s” could be %(first)s/%(second)s or %(second)s/%(first)s (day and month)",
                             value=value, first=first, second=second)
        day, month = (first, second) if second <= 12 else (second, first)
        return _checked_date(year, month, day, value)
    if (lead := DATE.match(value)) and _CLAUSE_BREAK.match(value, lead.end()):
        # "August 28, 2025; after that, get in touch with us …": the date, then a clause of its own.
        return read_date(lead.group(0), day_first=day_first)
    return None, _("“%(value)s” is not a date the importer can read", value=value)


def _checked_date(year: int, month: int | None, day: int, value: str) -> tuple[date | None, str]:
    try:
        return date(year, month or 0, day), ""
    except ValueError:
        return None, _("“%(value)s” is not a date", value=value)


# --- countries -----------------------------------------------------------------------------------

# Names in everyday use that ISO 3166 spells otherwise.
_COUNTRY_ALIASES = {"russia": "RU", "uk": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
                    "wales": "GB", "northern ireland": "GB", "us": "US", "u.s.": "US", "u.s.a.": "US",
                    "united states of america": "US", "america": "US", "turkey": "TR", "palestine": "PS",
                    "state of palestine": "PS", "palestina": "PS", "estado de palestina": "PS", "palastina": "PS",
                    "etat de palestine": "PS",
                    "macedonia": "MK", "ivory coast": "CI", "burma": "MM", "swaziland": "SZ", "drc": "CD",
                    "dr congo": "CD", "democratic republic of the congo": "CD", "republic of the congo": "CG",
                    "czechia": "CZ", "vatican": "VA", "east timor": "TL", "cape verde": "CV",
                    "the gambia": "GM", "the philippines": "PH", "the netherlands": "NL", "holland": "NL",
                    "south korea": "KR", "north korea": "KP", "moldova": "MD", "moldau": "MD", "uae": "AE",
                    # The Congos as French, Spanish and German sheets write them (the locale data says
                    # "Congo-Kinshasa", "Kongo-Kinshasa").
                    "republique democratique du congo": "CD", "rdc": "CD", "rd congo": "CD",
                    "republica democratica del congo": "CD", "demokratische republik kongo": "CD",
                    "dr kongo": "CD", "republique du congo": "CG", "republica del congo": "CG",
                    "republik kongo": "CG"}


# How many words a country's name gives after its first at least for them to be written as initials.
_MIN_INITIALS = 3


def _with_initials(name: str) -> list[str]:
    """"Lao PDR", "Lao P.D.R." for "Lao People's Democratic Republic": a name of a word and a state's title in
    capitalised words after it, that title written as its initials, as envelopes shorten it; none for a name
    written otherwise (with a comma, a small word, or too few words after the first)."""
    first, *rest = name.split()
    if "," in name or len(rest) < _MIN_INITIALS or not all(word[:1].isupper() for word in rest):
        return []
    letters = [word[0] for word in rest]
    return [f"{first} {''.join(letters)}", f"{first} {'.'.join(letters)}."]


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
        for initials in _with_initials(country.name):
            names.setdefault(_folded(initials), country.alpha_2)
    # Sheets name countries in their own language ("JORDANIEN", "Guinée", "Türkei"): the names Babel's
    # locale data gives in each sheet language, after the English ones so those win a tie.
    known = {country.alpha_2 for country in pycountry.countries} | set(EXTRA_COUNTRIES)
    for row in sheet_languages():
        for code, value in Locale.parse(row.code).territories.items():
            if code in known:
                names.setdefault(_folded(value), code)
    return names


@lru_cache(maxsize=1)
def _translated_formal_names() -> dict[str, str]:
    """A country's ISO names in each sheet language, as a sheet writes them ("République populaire démocratique de
    Corée", "Demokratische Volksrepublik Korea"), the listed form turned round ("Corée, République populaire
    démocratique de"). Only a whole line or clause is looked up so: within running text the short name counts."""
    names: dict[str, str] = {}
    for row in sheet_languages():
        translated = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[row.code], fallback=True)
        for country in pycountry.countries:
            for value in filter(None, (getattr(country, attribute, None) for attribute in ("name", "official_name"))):
                short, comma, formal = translated.gettext(value).partition(", ")
                names.setdefault(_folded(f"{formal} {short}" if comma else short), country.alpha_2)
    return names


def country_code(name: str) -> str | None:
    """'TURKMENISTAN', 'Russian Federation', 'USA', 'México' → ISO alpha-2; None for anything else."""
    if len(name) > 80:
        return None
    return _short_name_code(name) or _formal_name(_folded(name)) or _translated_formal_names().get(_folded(name))


def _short_name_code(name: str) -> str | None:
    """The code of a country named as lists of countries name it, without its formal name's state word; in English
    maybe after its article ("The Bahamas", "the Gambia")."""
    if len(name) > 80:
        return None
    folded = _folded(name)
    return _country_names().get(folded) or _country_names().get(folded.removeprefix("the "))


# How many words may stand between a state's word and the country's short name: its adjectives and preposition.
_STATE_FORM_WORDS = 3


@lru_cache(maxsize=1)
def _state_forms() -> frozenset[str]:
    return frozenset(_folded(word) for row in sheet_languages() for word in row.sheet_words.state_forms)


def _formal_name(folded: str) -> str | None:
    """'republica de panama', 'republique islamique de mauritanie', 'republik osterreich': a country's formal name in
    a sheet language, a state's word first, then at most a few adjectives and a preposition before its short name."""
    first, _space, rest = folded.partition(" ")
    if not rest or first not in _state_forms():
        return None
    words = rest.split(" ")
    return next((code for skipped in range(min(len(words), _STATE_FORM_WORDS + 1))
                 if (code := _country_names().get(" ".join(words[skipped:])))), None)


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of every country's name as looked up, and the English article some are named after."""
    return frozenset({name.split(" ")[0].strip(".") for name in _country_names()} | {"the"})


def countries_named(text: str) -> list[str]:
    """Country codes for every country name in the text, in order (names of up to four words). A country
    followed by a territory of its own in parentheses ("China (Hong Kong SAR)", "Denmark (Greenland)") names
    the territory only: the case is there. A formal name ("República de Panamá") counts once, by its short name."""
    matches = list(NAME_WORD.finditer(text))
    words = [match[0] for match in matches]
    found = []
    for start in range(len(words)):
        # A country's name starts with a capital, and with a word some country's name starts with.
        if not words[start][0].isupper() or _folded(words[start]) not in _first_words():
            continue
        for length in (4, 3, 2, 1):
            code = _short_name_code(" ".join(words[start:start + length])) if start + length <= len(words) else None
            if code and not (length == 1 and len(words[start]) <= 3):  # "US", "UK" in passing are not countries
                if not _territory_after(text[matches[start + length - 1].end():], code):
                    found.append(code)
                break
    return found


# A territory named in parentheses right after its country: "(Hong Kong SAR)", "(Greenland)".
_PARENTHESES = re.compile(r"\s*\(([^()]{1,40})\)")


def _territory_after(rest: str, code: str) -> bool:
    """Whether the text after a country's name starts with another country or territory in parentheses."""
    match = _PARENTHESES.match(rest)
    inner = countries_named(match[1]) if match else []
    return bool(inner) and inner[0] != code


# --- languages -----------------------------------------------------------------------------------
#
# A sheet names the languages to write in on a line of its own ("PREFERRED LANGUAGE TO ADDRESS TARGET:
# Arabic, English", "Langue à privilégier : russe, anglais ou français") or in a sentence ("Write in Spanish or
# English", "Schreiben Sie auf Türkisch, Englisch oder Deutsch"). Only languages the sheet names count: "your
# own language" names none, and the sheet's own language is never put in its place (a sheet that only says
# "you can also write in your own language" gives no preferred language; the organiser picks one).

# The words between the names in a list of languages, in every sheet language: "or", "oder", "ou", "o", "y".
_LIST_BREAK = re.compile(r"\s*[,;/]\s*|\s+" + _any(_all("conjunctions")) + r"\s+", re.I)
# The reader's own language: "your own language", "su propio idioma", "votre propre langue", "Ihrer Sprache".
_OWN_LANGUAGE = re.compile(_any(_all("own_language")) + r"$", re.I)


def read_languages(text: str) -> tuple[list[str], list[str]]:
    """'English, Russian' → (['en', 'ru'], []); names it does not know come back second. Only the first
    sentence is a list of names: "Arabic, English. You can also write in your own language." names two."""
    codes, unknown = [], []
    for name in _LIST_BREAK.split(sentences(text.strip())[0].rstrip(".") if text.strip() else ""):
        if not name.strip() or _OWN_LANGUAGE.match(name.strip()):
            continue
        code = language_code(name)
        if code is None:
            unknown.append(name.strip())
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def read_written_languages(text: str) -> list[str]:
    """'Spanish or your own language', 'Spanisch oder Englisch', 'en inglés o en su propio idioma' → the codes
    of the languages named. The names stand at the start; the rest of the sentence, from the first piece that
    names no language, says something else ("español o en tu propio idioma, lo antes posible y antes del …"
    → ['es']). [] when the first piece names no language ("support of Rosa")."""
    codes: list[str] = []
    for piece in filter(None, (piece.strip() for piece in _LIST_BREAK.split(text.strip().rstrip(".!;:")))):
        if _is_own_language(piece):
            continue
        code = _language_named(piece)
        # The last name may run on into the rest of the sentence: "… oder Deutsch an den Generalstaatsanwalt",
        # "… or English as soon as possible", "… ou en anglais avant le 12 mars" (a name, after a preposition).
        last = code is None and (code := _language_named(" ".join(piece.split()[:2]))) is not None
        if code is None:
            break
        if code not in codes:
            codes.append(code)
        if last:
            break
    return codes


def _is_own_language(piece: str) -> bool:
    """'your own language', 'en tu propio idioma', 'in Ihrer eigenen Sprache schreiben' (a verb may end it)."""
    return bool(_OWN_LANGUAGE.match(piece) or " " in piece and _OWN_LANGUAGE.match(piece.rsplit(maxsplit=1)[0]))


def _language_named(piece: str) -> str | None:
    """'inglés', 'en inglés', 'auf Englisch', 'Deutsch schreiben' → the language's code: the name alone, after
    a preposition, or before a verb that ends the sentence. A bare code is no name ("en la calle" is no
    English, "la" no Latin)."""
    words = piece.split()
    for name in (piece, " ".join(words[1:]), " ".join(words[:-1])):
        code = language_code(name) if name else None
        if code and name.casefold() != code:
            return code
        for form in _LANGUAGE_FORMS if name else ():
            if (match := form.fullmatch(name)) and (code := language_code(match["name"])):
                return code
    return None


# A language named by its adjective or with the word for "language" (see SheetWords.language_forms).
_LANGUAGE_FORMS = [re.compile(form, re.I) for form in _all("language_forms")]


# --- sentences that carry a value ----------------------------------------------------------------

# Where a sentence ends: ".", "!" or "?" and a space before a word with a capital; never after the number of
# a day or of a list ("bis zum 18. März 2025", "2. Send it to"), which is checked by the code below.
_SENTENCE_END = re.compile(r"(?<!\b\d)(?<!\b\d\d)[.!?]+[\"')”»]*\s+(?=[\"'(“„«¿¡]*(?P<first>[^\W\d_]))")


def sentences(text: str) -> list[str]:
    """'Please take action until April 13, 2023. Write in Spanish or English.' → the two sentences."""
    found, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if end["first"].isupper():
            found.append(text[start:end.end()].strip())
            start = end.end()
    found.append(text[start:].strip())
    return [sentence for sentence in found if sentence]


# A date as deadlines write it: "12.03.2024", "12/03/2024", "2024-03-12", "12 March 2024", "12. März 2024",
# "12 de marzo de 2024", "12 mars 2024", "March 12, 2024".
DATE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?!\d)|\d{4}-\d{1,2}-\d{1,2}"
         r"|\d{1,2}(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+|of\s+)?[^\W\d_]+\.?,?\s+(?:de\s+)?\d{4}(?:\s*(?:г\.?|года))?"
         r"|[^\W\d_]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}", re.I)
# "Published July 2, 2025", "Mis à jour le 3 mars 2025", "Veröffentlicht am 2. Juli 2025", "9 octobre 2025": the
# date a web page or a sheet was published, on a line of its own (its words from the language table).
_DATELINE = re.compile(rf"^(?:(?:{_any(_all('datelines'))})\s*:?\s*)?(?:{DATE.pattern})\.?$", re.I)


def is_dateline(text: str) -> bool:
    """A line that gives the date of publication (or a date alone): never a headline."""
    return len(text) <= 100 and bool(_DATELINE.match(text.strip()))


# A label that makes the date after its colon the deadline: "Deadline: 24 July 2025", "Date limite : 24 juillet
# 2025", "Fecha límite: 24 de julio de 2025", "Frist: 24. Juli 2025" (the colon is required: "the deadline 12
# May" may be anything).
_DEADLINE_LABEL = _any(_all("deadline_labels")) + r"(?=\s*:)"
# A sentence that gives the deadline: "The action expires on 12 March 2024.", "Send no more appeals after
# 12/03/2024", "Appelle bis zum 12. März 2024", "Escriba antes del 12 de marzo de 2024", "… jusqu'au 12 mars
# 2024", or a labelled date. Words like "until" or "bis zum" count only in a sentence about acting (see
# deadline_language). A day of the week may stand before the date ("before Friday, January 22, 2027"). The date may
# be given again in figures, in parentheses: "… 21. Januar 2026 (21.01.2026).".
DEADLINE_SENTENCE = re.compile(
    rf"^(?P<lead>.{{0,200}}?)\b(?P<trigger>{_any(_all('deadlines') + _all('untils') + _all('afters'))}"
    rf"|{_DEADLINE_LABEL})"
    rf"\s*:?\s*(?:the\s+)?(?:(?:{_any(_all('weekdays'))}),?\s+)?(?P<value>{DATE.pattern})"
    rf"(?:\s*\(\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}\))?"
    rf"(?P<tail>[^\d]{{0,200}})$", re.I)


@dataclass(frozen=True)
class DeadlineLanguage:
    """The language a deadline sentence is written in, and whether it writes numeric dates day first."""

    code: str
    day_first: bool


def deadline_language(match: re.Match) -> DeadlineLanguage | None:
    """The language of a DEADLINE_SENTENCE match, or None when it does not give a deadline after all:
    "until" or "bis zum" in a sentence that says nothing of writing or acting ("held until 12 May 2024"), "nach
    dem" with no "keine Appelle mehr" before or after the date ("nach dem 3. März 2026 verlegt"; "Bitte keine Appelle
    mehr nach dem 20. Januar 2027 verschicken." gives one)."""
    sentence = match.string
    for row in sheet_languages():
        words = row.sheet_words
        fixed = list(words.deadlines + words.deadline_labels)
        if fixed and re.fullmatch(_any(fixed), match["trigger"], re.I):
            return DeadlineLanguage(row.code, words.day_first)
        if (words.untils and words.actions and re.fullmatch(_any(list(words.untils)), match["trigger"], re.I)
                and re.search(r"\b" + _any(list(words.actions)), sentence, re.I)):
            return DeadlineLanguage(row.code, words.day_first)
        if (words.afters and re.fullmatch(_any(list(words.afters)), match["trigger"], re.I)
                and re.search(r"\b" + _any(list(words.no_more)), f"{match['lead']} {match['tail']}", re.I)):
            return DeadlineLanguage(row.code, words.day_first)
    return None


# "Write in Spanish or your own language.", "You may write in English or Persian.", "Letters may be written in
# Spanish or English.", "Schreiben Sie auf Spanisch.", "Escribe en español …", "Vous pouvez écrire en français
# ou en anglais.": a sentence that starts by asking to write in languages, then names them.
_WRITE_IN = re.compile(rf"^(?:{_any(_all('write_in'))})\s+(?P<names>.+)$", re.I)
# A sentence of a paragraph that is a label and the languages ("Mögliche Sprachen: Mongolisch, Englisch.",
# "Accepted languages: Tamil or English."): the label's words, perhaps after one word that qualifies them.
_LANGUAGES_LABEL = re.compile(rf"^(?:[^\W\d_]+\s+)?(?:{_any(_all('preferred_languages'))})\s*:\s*(?P<names>.+)$",
                              re.I)


# "Schreib bis 25. April 2025 einen Brief auf Russisch, Englisch oder Deutsch an …", "Rédigez votre appel en
# français ou en anglais, …": a sentence that starts by asking to write or send, and the words after which it
# may name the languages further on (in each sheet language: its verbs, then its prepositions).
_WRITE_LATER = [(re.compile(rf"^{_any(list(row.sheet_words.write_verbs))}(?!\w)", re.I),
                 re.compile(rf"(?<!\w){_any(list(row.sheet_words.language_prepositions))}\s+", re.I))
                for row in sheet_languages() if row.sheet_words.write_verbs]


# A short call before a colon that opens a sentence asking to write: "ACTÚEN: ESCRIBAN …, EN ESPAÑOL O EN INGLÉS",
# "Take action: write in English …", "Jetzt handeln: Schreiben Sie …". One to three words.
_LEAD_IN = re.compile(r"^[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*:\s*(?=\S)")
# An adverb of preference opening a sentence that asks to write: "Preferiblemente escriban en portugués …",
# "Preferably, write in Tamil …".
_PREFERENCE = re.compile(rf"^(?:{_any(_all('preferences'))}),?\s+(?=\S)", re.I)
# The number of a step of the instructions: "3. ", "2) ".
_STEP_NUMBER = re.compile(r"^\d{1,2}[.)]\s+(?=[^\W\d_])")


def _asking(sentence: str) -> str:
    """The sentence without its step's number, and without a short call before a colon when what follows asks
    to write ("Actúen: escriban en español …" → "escriban en español …"), and without an adverb of preference
    before such a request ("Preferably write in Tamil …" → "write in Tamil …")."""
    sentence = _STEP_NUMBER.sub("", sentence, count=1)  # "3. Letters may be written in Arabic, …"
    for lead in (_LEAD_IN.match(sentence), _PREFERENCE.match(sentence)):
        rest = sentence[lead.end():] if lead else ""
        if rest and (_WRITE_IN.match(rest) or any(verb.match(rest) for verb, _ in _WRITE_LATER)):
            return rest
    return sentence


def _languages_later(sentence: str) -> list[str]:
    """The languages a sentence that asks to write names after its verb's object or its deadline ("Write a
    short letter in English to …"); [] when it asks nothing of the kind or names no language. The first
    list of names counts: "Send it to the embassy in Ottawa, in English" names English."""
    for verb, preposition in _WRITE_LATER:
        if verb.match(sentence):
            for found in preposition.finditer(sentence):
                if codes := read_written_languages(sentence[found.end():]):
                    return codes
    return []


@dataclass(frozen=True)
class SentenceValues:
    """What the sentences of a line give: the deadline as written (and whether a numeric one reads day
    first in the sentence's language), the languages to write in, and whether a sentence allows the reader's
    own language ("También puedes escribir en tu propio idioma.": an instruction, naming no language)."""

    deadline: str = ""
    day_first: bool = False
    languages: tuple[str, ...] = ()
    own_language: bool = False


def sentence_values(text: str) -> SentenceValues | None:
    """The deadline and the languages to write in that the sentences of a line give, one sentence or several
    ("Bitte schreibe bis zum 26. Juni 2024. Schreibe auf Arabisch, Französisch oder Deutsch."); None when
    none gives either, nor only allows the reader's own language. The first deadline counts; the languages of
    every sentence are joined."""
    deadline, day_first, languages, own = "", False, [], False
    for sentence in sentences(text):
        asking = _asking(sentence)
        if (not deadline and (match := DEADLINE_SENTENCE.match(sentence))
                and (language := deadline_language(match))):
            deadline, day_first = match["value"], language.day_first
        if match := _LANGUAGES_LABEL.match(sentence):
            languages += [code for code in read_languages(match["names"].strip().rstrip(".!;"))[0]
                          if code not in languages]
        elif match := _WRITE_IN.match(asking):
            languages += [code for code in read_written_languages(match["names"]) if code not in languages]
            own = own or _is_own_language(match["names"].strip().rstrip(".!;:"))
        else:
            languages += [code for code in _languages_later(asking) if code not in languages]
    if not (deadline or languages or own):
        return None
    return SentenceValues(deadline, day_first, tuple(languages), own)


# A line that may hold such sentences: it has words that give a deadline or ask to write in a language
# (sentence_values tells whether it does).
VALUE_SENTENCES = re.compile(
    rf"^.*?(?<!\w)(?:{_any(_all('deadlines') + _all('untils') + _all('afters') + _all('write_in'))}"
    rf"|{_DEADLINE_LABEL})(?!\w)"
    rf"|^(?:.*?[.!?:]\s+)?(?:(?:{_any(_all('preferences'))}),?\s+)?{_any(_all('write_verbs'))}(?!\w)"
    rf".*?\s{_any(_all('language_prepositions'))}\s", re.I)
