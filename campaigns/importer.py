"""The text of a UA sheet turned into a campaign draft: a pure parser, then one function that adds the draft.

`parse_ua_text` reads the national layout (seed 004: title, summary, "urging him to:" bullets,
"Write to:", "And copy", "Additional Information:") and the international one (header line, "TAKE
ACTION … MODEL LETTER", "PREFERRED LANGUAGE TO ADDRESS TARGET:", "PLEASE TAKE ACTION … UNTIL:", "NAME AND
PRONOUN:", "LINK TO PREVIOUS UA:"). It works line by line: headings switch sections, each section has its
own reader, and every line ends up in a parsed field, in `recognised` (headings, instructions to the
sheet's readers, values turned into codes or dates) or in `unplaced`, so nothing of the sheet is silently
dropped. The text is data only: it is never rendered as a template, run or evaluated.
"""
from __future__ import annotations

import re
import secrets
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import lru_cache
from itertools import pairwise

import pycountry
from babel.dates import get_month_names
from sqlalchemy import or_, select

from extensions import db
from letters.languages import language_code, sheet_languages
from models import (Campaign, CampaignStatus, Demand, DemandWording, Greeting, LetterVersion, PersonAtRisk, Target,
                    TargetKind)
from models.campaign import normalise_ua_number, slug_for_ua_number

# --- what the parser returns ---------------------------------------------------------------------


@dataclass
class ImportedPerson:
    name: str
    pronouns: str = ""  # "she/her", as the sheet writes it


@dataclass
class ImportedTarget:
    """An official to write to or to copy, with the parts of the envelope the sheet gives."""

    title: str = ""
    honorific: str = ""
    name: str = ""
    organisation: str = ""
    address_lines: list[str] = field(default_factory=list)
    city: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, or "" when the sheet does not say
    emails: list[str] = field(default_factory=list)
    fax: str = ""
    phone: str = ""
    salutation: str = ""  # "Dear President,", comma kept
    language: str = ""

    def is_empty(self) -> bool:
        return not any((self.title, self.honorific, self.name, self.organisation, self.address_lines, self.city,
                        self.postcode, self.country, self.emails, self.fax, self.phone, self.salutation))


@dataclass
class ImportedTemplate:
    language: str
    subject: str
    body: str


@dataclass
class ImportedCampaign:
    """Everything read from one sheet. `unplaced` starts with the importer's notes ("Note: …") on what
    to check, then lists, in the sheet's order, every fragment the parser could not place."""

    ua_number: str | None = None        # "UA 118/21"
    # 1 = the first sheet; 3 for "THIRD UA 60/16"; None for a follow-up that does not say which.
    ordinal: int | None = 1
    ordinal_label: str = ""             # the words as written: "", "First", "Third", "Further information"
    title: str = ""
    country: str | None = None          # ISO 3166-1 alpha-2
    people: list[ImportedPerson] = field(default_factory=list)
    summary: str = ""
    background: str = ""
    demands: list[str] = field(default_factory=list)
    targets: list[ImportedTarget] = field(default_factory=list)
    copies: list[ImportedTarget] = field(default_factory=list)
    preferred_languages: list[str] = field(default_factory=list)  # ["en", "ru"], most preferred first
    deadline: date | None = None
    updates_address: str | None = None
    previous_ua_link: str | None = None
    template: ImportedTemplate | None = None
    # Lines used without being kept word for word: headings ("Write to:"), instructions to the sheet's readers
    # ("You can also write in your own language."), values read as codes or dates ("Kazakhstan", a deadline).
    # Kept so an import can be audited.
    recognised: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)

    @property
    def is_follow_up(self) -> bool:
        return self.ordinal != 1


NOTE = "Note: "
UNTITLED = "Untitled UA sheet"


def parse_ua_text(text: str) -> ImportedCampaign:
    """Read a UA sheet. Pure: no database, no Flask; any text at all gives a result, never an exception."""
    return _SheetReader(_lines(text)).read()

# --- cleaning the text ---------------------------------------------------------------------------

# Every way of ending a line (CRLF, CR, vertical tab, form feed, NEL, Unicode line/paragraph separators).
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Characters that carry no words: controls other than tab and newline, bidi embeddings/overrides/isolates
# and marks, zero-width space, word joiner, byte-order mark.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060"
                        r"\u2066-\u2069\ufeff]")
# Tabs and the other spaces (no-break, thin, ideographic…) become plain spaces, runs of them one space.
_SPACES = re.compile(r"[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def normalise_text(text: str) -> str:
    """The sheet as the parser reads it: "\\n" line ends, no invisible characters, single plain spaces."""
    text = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text or ""))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


@dataclass(frozen=True)
class _Line:
    text: str
    blank_before: bool  # an empty line separates it from the line before


def _lines(text: str) -> list[_Line]:
    lines, blank = [], False
    for raw in normalise_text(text).split("\n"):
        if raw:
            lines.append(_Line(raw, blank))
        blank = not raw
    return lines


def _key(text: str) -> str:
    """A line as headings are compared: typographic quotes and dashes made plain."""
    return text.translate(_PLAIN_PUNCTUATION).strip()


_PLAIN_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "：": ":"})
# Headings and labels are short: longer lines are never tested against them (and regexes stay linear).
_MAX_HEADING = 300

# --- headings and single lines -------------------------------------------------------------------

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}
# The UA number at the start of a line, with what says which sheet of the case this is:
# "First UA: 131/26 Index: …", "Further information on UA: 207/25 …", "THIRD UA 60/16", "UA 118/21".
_HEADER = re.compile(
    r"^(?:(?P<further>further\s+information)\s+on\s+)?(?:(?P<ordinal>" + "|".join(_ORDINALS)
    + r"|\d{1,2}(?:st|nd|rd|th))\s+)?UA\s*(?:no\.?\s*)?:?\s*(?P<number>\d{1,4})\s*/\s*(?P<year>\d{2})\b", re.I)
# A UA number anywhere in a sentence: "Keep me updated on UA 118/21".
_UA_NUMBER = re.compile(r"\bUA\s*:?\s*(\d{1,4})\s*/\s*(\d{2})\b", re.I)
# The banner on top of the sheet: "URGENT ACTION", "Urgent Action Network".
_BANNER = re.compile(r"^urgent\s+action(?:\s+network)?[!.:]?$", re.I)
# "Write to:", "Please write to:", "Send appeals to:", "APPEALS TO:", with an optional value after the colon.
_WRITE_TO = re.compile(
    r"^(?:please\s+)?(?:write|send\s+(?:your\s+)?appeals?|address\s+(?:your\s+)?appeals?|appeals?)\s+to"
    r"\s*(?::\s*(?P<value>.*))?$", re.I)
# "And copy", "Copies to:", "Copy to:", "And copies to:", "Send copies to:", "cc:", with an optional value.
_COPIES = re.compile(r"^(?:and\s+)?(?:also\s+)?(?:send\s+)?(?:cop(?:y|ies)(?:\s+to)?|cc)\s*(?::\s*(?P<value>.*))?$",
                     re.I)
# "Additional Information:", "ADDITIONAL INFORMATION", "Background:", with an optional value.
_BACKGROUND = re.compile(r"^(?:additional\s+information|background(?:\s+information)?)\s*(?::\s*(?P<value>.*))?$",
                         re.I)
# "TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USE THIS MODEL LETTER", "MODEL LETTER", "Sample letter:".
_MODEL_LETTER = re.compile(r"^(?:take\s+action\b.*\bmodel\s+letter\b.*|(?:model|sample|suggested)\s+(?:letter|appeal)"
                           r"\s*:?)$", re.I)
# The line that introduces the demands: "Write to the President urging him to:", "…, calling on them to"
# (without the colon only when a list item follows).
_DEMANDS_INTRO = re.compile(r"\b(?:urg(?:e|es|ing)|call(?:s|ing)?\s+(?:on|upon)|ask(?:s|ing)?|request(?:s|ing)?|"
                            r"press(?:es|ing)?|demand(?:s|ing)?)\b.*\bto\s*(?P<colon>:)?$", re.I)
# The old layout's introduction: "PLEASE WRITE IMMEDIATELY in English, Uzbek or your own language:".
_WRITE_IMMEDIATELY = re.compile(r"^(?:please\s+)?write\s+immediately\b.*:$", re.I)
# "PLEASE TAKE ACTION AS SOON AS POSSIBLE UNTIL: 2 February 2027", "Please take action until …",
# "PLEASE SEND APPEALS BEFORE 15 DECEMBER 2026 TO:" (the old layout: the targets follow).
_DEADLINE = re.compile(r"^(?:please\s+)?(?:take\s+action|send\s+(?:your\s+)?appeals?|act)\b[^:]{0,60}?"
                       r"\b(?:until|before|no\s+later\s+than)\b\s*:?\s*(?P<value>.*?)(?P<to>\s+to\s*:)?$", re.I)
# "PREFERRED LANGUAGE TO ADDRESS TARGET: English, Russian", "Preferred languages: …".
_LANGUAGES = re.compile(r"^preferred\s+languages?(?:\s+to\s+address\s+(?:the\s+)?targets?)?\s*:\s*(?P<value>.*)$",
                        re.I)
# Languages named in the demands' introduction: "Please write in Spanish or your own language, …".
_WRITE_IN = re.compile(r"\bin\s+(?P<names>[^\W\d_]+(?:(?:,\s*|\s+or\s+|\s+and\s+)[^\W\d_]+)*?)"
                       r"(?:,?\s+or\s+your\s+own(?:\s+language)?)", re.I)
# "NAME AND PRONOUN: Aigerim Nurlanovna (she/her)", "NAMES AND PRONOUNS:", the old layout's "Name: …".
_PEOPLE = re.compile(r"^names?(?:\s+and\s+pronouns?)?\s*:\s*(?P<value>.*)$", re.I)
# The old layout's "Gender m/f: f".
_GENDER = re.compile(r"^gender\s*(?:m\s*/\s*f)?\s*:\s*(?P<value>m|f|male|female)\.?$", re.I)
# "LINK TO PREVIOUS UA: https://…".
_PREVIOUS = re.compile(r"^links?\s+to\s+(?:the\s+)?previous\s+ua\s*:?\s*(?P<value>.*)$", re.I)
# Instructions to the sheet's readers that carry nothing for the campaign.
_BOILERPLATE = [
    re.compile(r"^you\s+(?:can|may)\s+also\s+write\s+in\s+your\s+own\s+language\.?$", re.I),
    # "Please check with the section office in your country if you wish to send appeals after the deadline."
    re.compile(r"^please\s+check\s+with\b.*\bafter\s+the\s+(?:above\s+date|deadline)\.?$", re.I),
    # "Also send copies to diplomatic representatives of Peru accredited to your country."
    re.compile(r"^(?:also\s+)?send\s+copies\s+to\s+(?:the\s+)?diplomatic\s+representatives?\b.*$", re.I),
]
# A sentence asking for updates: "… send your request to X with 'Keep me updated on UA 118/21' …".
_UPDATES = re.compile(r"keep\s+me\s+updated|\b(?:receive|get|want|for)\s+updates\b", re.I)
_EMAIL = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)

# --- inside sections -----------------------------------------------------------------------------

# A list item's marker: "•", "-", "*", "–", "▪", "1.", "1)", "(1)", "a)"; glued ("•Ensure") or not.
_BULLET = re.compile(r"^(?:[•●▪◦‣∙·*\-–—]+|\(?\d{1,2}[.)](?!\d)|\(?[a-z]\))\s*(?P<text>.*)$")
# A contact label and its value: "Email: …", "E-mail …", "Fax: …", "Tel/Fax: …", "Phone (office): …", "Salutation: …".
_CONTACT = re.compile(
    r"^(?P<label>e-?mails?(?:\s+address(?:es)?)?|courriel|correo(?:\s+electr[oó]nico)?|"
    r"(?:tel(?:ephone)?\s*/\s*fax|fax\s*/\s*tel(?:ephone)?)|telefax|fax|telephone|"
    r"tel[eé]fono|t[eé]l|phone|mobile|salutation|saludo|twitter|facebook|instagram|telegram|whatsapp|website|web)"
    r"\.?\s*(?:\([^)]{0,40}\))?\s*(?P<colon>:)?\s*(?P<value>.*)$", re.I)
# Where a contact label starts inside a line ("…, Peru. Email: …"), to split one-line addresses.
_INLINE_CONTACT = re.compile(r"[.;,]?\s+(?=(?:e-?mail|fax|tel|phone|salutation)\.?\s*:)", re.I)
_CONTACT_FIELDS = {"email": "emails", "emails": "emails", "courriel": "emails", "correo": "emails",
                   "fax": "fax", "telefax": "fax", "tel": "phone", "tél": "phone", "telephone": "phone",
                   "telefono": "phone", "teléfono": "phone", "téléfono": "phone", "phone": "phone",
                   "mobile": "phone", "salutation": "salutation", "saludo": "salutation"}
# The words of the labels above: a test of "no word lost" may ignore them, the parser consumes them.
LABEL_WORDS = frozenset({"email", "emails", "e", "mail", "mails", "address", "addresses", "courriel", "correo",
                         "electrónico", "electronico", "fax", "telefax", "tel", "tél", "telephone", "telefono",
                         "teléfono", "téléfono", "phone", "mobile", "salutation", "saludo"})

# A letter's salutation line: "Dear President,", "Your Excellency,", "Estimado Fiscal:", "Уважаемый …,".
_SALUTATION_LINE = re.compile("^(?:" + "|".join(pattern for row in sheet_languages() for pattern in row.salutations)
                              + r")\b[^.!?]{0,80}[,:!]?$", re.I)
# A letter's closing ("Yours sincerely,", "Atentamente,", "С уважением,") and the salutation or
# closing lines that tell a model letter's language: both from the table of languages.
_CLOSING = re.compile("^(?:" + "|".join(pattern for row in sheet_languages() for pattern in row.closings)
                      + r")\s*[,.]?$", re.I)
# What stands for the signature under a model letter: "[Your name]", "(name)", "{signature}", "Your name".
_SIGNATURE = re.compile(r"^[\[(<{]\s*(?:your\s+)?(?:full\s+)?(?:name|signature)(?:\s+and\s+address)?\s*[\])>}]$|"
                        r"^(?:your\s+)?(?:full\s+)?name$", re.I)
_LETTER_LANGUAGES = [(row.code, re.compile("^(?:" + "|".join(row.letter_starts) + ")", re.I))
                     for row in sheet_languages() if row.letter_starts]
# "I urge you to release her …", for model letters whose demands are sentences rather than bullets.
_PROSE_DEMAND = re.compile(r"\b(?:urge|call\s+on|ask)\s+you\s+to\s+(?P<demand>[^.!?:]{10,600}[.!?])", re.I)

# --- envelopes -----------------------------------------------------------------------------------

# Honorifics as envelopes write them, before a name or on a line of their own.
_HONORIFICS = (r"(?P<honorific>his\s+excellency|her\s+excellency|their\s+excellenc(?:y|ies)|h\.\s?e\.|"
               r"the\s+(?:rt\.?\s+)?hon(?:ou?rable|\.)?|hon\.|mr\.?|mrs\.?|ms\.?|miss|mx\.?|dr\.?|dra\.?|prof\.?|"
               r"professor|sr\.?|sra\.?|srta\.?|señora?|lic\.?|licda\.?|ing\.?|monsieur|madame|mme\.?|herr|frau|"
               r"sir|dame)")
_HONORIFIC = re.compile(rf"^{_HONORIFICS}\s+(?P<rest>\S.*)$", re.I)
_HONORIFIC_ALONE = re.compile(rf"^{_HONORIFICS}$", re.I)
_ROLE_WORDS = frozenset("""president prime minister prosecutor attorney general ambassador chargé consul governor
    mayor director head chair chairman chairperson chief commissioner secretary judge ombudsman ombudsperson speaker
    king queen emir sultan commander procurator deputy presidente presidenta ministro ministra fiscal embajador
    embajadora gobernador gobernadora président ministre procureur ambassadeur präsident президент министр
    прокурор генеральный посол""".split())
_ORGANISATION_WORDS = frozenset("""ministry embassy mission office department presidency administration government
    parliament council court commission committee agency service police prison directorate secretariat cabinet
    palace chancellery consulate assembly senate congress association foundation centre center institute
    university bureau authority section unit division desk procuracy ministerio embajada oficina despacho palacio
    fiscalía secretaría gobierno ministère ambassade ministerium botschaft министерство посольство прокуратура
    администрация управление аппарат суд""".split())
_STREET_WORDS = frozenset("""street st road rd avenue ave av avenida boulevard blvd plaza square lane drive way
    calle jr jirón carrera rue quai place strasse straße platz box suite floor ul ulitsa prospekt улица ул
    проспект пр шоссе переулок пер площадь пл дом nw ne sw se""".split())
_NAME_PARTICLES = frozenset("de del la las los da do dos das van von der den bin binti ibn al el y e di du le".split())
# Capitals that are acronyms, not surnames, when a line is searched for "Meret ORAZOV".
_ACRONYMS = frozenset("UN NW NE SW SE DC USA UK EU OSCE UNHCR OHCHR NGO PO".split())
# A word of a name: letters, with inner hyphens or apostrophes ("Kassym-Jomart", "O'Neill").
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

# City lines, tried in this order on the last address lines of a target:
_CITY_LINES = [
    # "New York, NY 10017", "Washington, D.C. 20008": city, state, ZIP code.
    ("US", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<region>[A-Z]{2}|D\.\s?C\.)\s+"
                      r"(?P<postcode>\d{5}(?:-\d{4})?)$")),
    # "Ottawa, ON K1A 0G2": city, province, postal code.
    ("CA", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<region>[A-Z]{2})\s+"
                      r"(?P<postcode>[A-Z]\d[A-Z]\s?\d[A-Z]\d)$")),
    # "London SW1A 2AA": city, then a British postcode.
    ("GB", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<postcode>[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$")),
    # "75007 Paris", "D-10117 Berlin", "125993, Moscow": the postcode first.
    ("", re.compile(r"^(?P<postcode>(?:[A-Z]{1,2}-)?\d{4,6}),?\s+(?P<city>[^\W\d_][^\d,]*)$")),
    # "Moscow 125993", "Москва, 125993", "Lima 15036": the postcode last.
    ("", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<postcode>\d{4,6}(?:-\d{3,4})?)$")),
]
# Parts of a one-line address that belong to the part before: "…, Suite 540", "…, NY 10017".
_CONTINUATION = re.compile(r"^(?:(?:suite|apt\.?|apartment|floor|room|office)\s+\S+|[A-Z]{2}\s+\d{5}(?:-\d{4})?|"
                           r"D\.\s?C\.\s+\d{5})$", re.I)

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


# --- countries and languages ---------------------------------------------------------------------

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


def _countries_named(text: str) -> list[str]:
    """Country codes for every country name in the text, in order (names of up to four words)."""
    words = _NAME_WORD.findall(text)
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


def _read_languages(text: str) -> tuple[list[str], list[str]]:
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


# --- names ---------------------------------------------------------------------------------------


def tidy_name(name: str) -> str:
    """Surnames written in capitals become capitalised ('Meret ORAZOV' → 'Meret Orazov'); the rest stays."""
    return " ".join(_capitalised(word) if _is_capitals(word) else word for word in name.split())


def _is_capitals(word: str) -> bool:
    return bool(_NAME_WORD.fullmatch(word)) and len(word) >= 2 and word.isupper()


def _capitalised(word: str) -> str:
    """'ORAZOV' → 'Orazov', 'KASSYM-JOMART' → 'Kassym-Jomart', "O'NEILL" → "O'Neill", "DEFENDER'S" → "Defender's"."""
    word = word.lower()
    return re.sub(r"(?:^|(?<=[-\s])|(?<=^[^\W\d_]['’]))[^\W\d_]", lambda m: m.group(0).upper(), word)


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _NAME_WORD.findall(text)]


def _has_word(text: str, vocabulary: frozenset[str]) -> bool:
    return any(word in vocabulary for word in _words(text))


def _is_name_word(word: str) -> bool:
    return bool(_NAME_WORD.fullmatch(word)) and word[0].isupper() and word.casefold() not in (
        _ROLE_WORDS | _ORGANISATION_WORDS | _STREET_WORDS)


def _is_person_name(text: str) -> bool:
    """'Gurbanguly Berdimuhamedov', 'Lucía FERNÁNDEZ Paredes': two to five capitalised words, nothing else."""
    words = text.split()
    named = [word for word in words if word.casefold() not in _NAME_PARTICLES]
    return (2 <= len(words) <= 5 and len(named) >= 2 and all(_is_name_word(word) for word in named)
            and country_code(text) is None)


def _split_role_and_name(text: str) -> tuple[str, str] | None:
    """'Prosecutor General Berik ZHAKSYLYKOV' → ('Prosecutor General', 'Berik Zhaksylykov')."""
    words = text.split()
    capitals = [i for i, word in enumerate(words) if _is_capitals(word) and word not in _ACRONYMS]
    if capitals and not any(char.isdigit() for char in text):
        start = capitals[0]
        # Given names: capitalised words before the surname, not part of the title ("of Interior").
        while (start > 0 and _is_name_word(words[start - 1]) and not words[start - 1].isupper()
               and (start < 2 or words[start - 2][0].isupper())):
            start -= 1
        end = capitals[-1] + 1
        while end < len(words) and _is_name_word(words[end]):
            end += 1
        title, name = " ".join(words[:start]), " ".join(words[start:end])
        if end == len(words) and start < capitals[0] and (not title or _has_word(title, _ROLE_WORDS)):
            return title, tidy_name(name)
        return None
    # 'President Kassym-Jomart Tokayev': role words, then a name.
    lead = 0
    while lead < len(words) and words[lead].casefold() in _ROLE_WORDS:
        lead += 1
    if lead and _is_person_name(" ".join(words[lead:])):
        return " ".join(words[:lead]), " ".join(words[lead:])
    return None


# --- the parser ----------------------------------------------------------------------------------


class _Section(Enum):
    PREAMBLE = "preamble"      # title and summary
    DEMANDS = "demands"
    TARGETS = "targets"
    COPIES = "copies"
    LETTER = "letter"
    BACKGROUND = "background"
    LINE = "line"              # a one-line heading with its value ("PREFERRED LANGUAGE …: English")
    NOTES = "notes"            # after a one-line heading: what follows belongs to nothing known


_SECTION_HEADINGS = ((_Section.TARGETS, _WRITE_TO), (_Section.COPIES, _COPIES),
                     (_Section.BACKGROUND, _BACKGROUND), (_Section.LETTER, _MODEL_LETTER))
# One-line headings whose value follows the colon, or stands on the next line.
_ONE_LINE_HEADINGS = (_DEADLINE, _LANGUAGES, _PEOPLE, _PREVIOUS, _GENDER)
# Words a title keeps in lower case when it is re-cased from capitals.
_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or over per the to via with".split())
# Words that never start or continue a person's name when one is looked for in the text.
_NOT_NAMES = frozenset("""the a an on in at of to for from since after before during when while if this that these
    those his her their our we they he she it its amnesty international human rights please write release ensure
    free stop end drop dear mr ms mrs dr national security republic united nations police state federal federation
    ministry court prison january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()) | _ROLE_WORDS | _ORGANISATION_WORDS
_HE, _SHE = frozenset({"he", "him", "his", "himself"}), frozenset({"she", "her", "hers", "herself"})
_PRONOUNS = re.compile(r"^[^\W\d_]{1,12}(?:\s*/\s*[^\W\d_]{1,12}){1,2}$")
# "Aigerim Nurlanovna (she/her)": a name and what is in the brackets after it.
_PERSON_WITH_PRONOUNS = re.compile(r"(?P<name>[^(),;]+?)\s*\((?P<pronouns>[^()]{1,60})\)")
_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
# A paragraph longer than this is never an updates sentence or a demand.
_MAX_SENTENCE = 2000
# A line of a street address is short; anything longer is text that strayed into a list of targets.
_MAX_ADDRESS_LINE = 120


def _column_length(model, name: str) -> int:
    return model.__table__.c[name].type.length


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    paragraphs: list[list[_Line]] = []
    for line in lines:
        if line.blank_before or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line)
    return paragraphs


def _unwrap(lines: list[_Line]) -> str:
    """A paragraph's lines as text: hard-wrapped lines joined by spaces, real line ends and list items kept.

    A line longer than a typical wrap width that ends a sentence was not wrapped: the break after it stays.
    """
    text = lines[0].text if lines else ""
    for previous, line in pairwise(lines):
        if _BULLET.match(line.text) or (len(previous.text) > 120 and previous.text[-1] in ".!?\"”»"):
            text += "\n" + line.text
        else:
            text += " " + line.text
    return text


def _title_case(text: str) -> str:
    """'KAZAKHSTAN: JOURNALIST DETAINED' → 'Kazakhstan: Journalist Detained'."""
    words = text.split(" ")
    return " ".join(word.lower() if index and word.casefold() in _SMALL_WORDS
                    else word if word in _ACRONYMS else _capitalised(word)
                    for index, word in enumerate(words))


def _is_capitals_line(text: str) -> bool:
    cased = [char for char in text if char.isupper() or char.islower()]
    return bool(cased) and all(char.isupper() for char in cased)


def _demand_text(text: str) -> str:
    """A list item as a demand: list punctuation off the end, a capital at the start."""
    text = text.strip().rstrip(";,").strip()
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _one_line_address(text: str) -> bool:
    """'His Excellency X, Embassy of Y, 52 Some Road, London W8 5DL, United Kingdom': a target on one line."""
    return text.count(",") >= 2 and any(char.isdigit() for char in text) and len(text) <= _MAX_HEADING


def _split_one_line(text: str) -> list[str]:
    parts: list[str] = []
    for part in (piece.strip() for piece in text.split(",")):
        if parts and _CONTINUATION.match(part):
            parts[-1] += ", " + part
        elif part:
            parts.append(part)
    return parts


def _without_bullet(text: str) -> tuple[str, bool]:
    match = _BULLET.match(text)
    return (match["text"], True) if match and match["text"] else (text, False)


@dataclass
class _Part:
    """A stretch of the sheet: its heading as written (kept in `recognised`), then its lines."""

    section: _Section
    heading: str = ""
    lines: list[_Line] = field(default_factory=list)


class _SheetReader:
    """Reads one sheet into an ImportedCampaign, part after part in the sheet's order; one instance per sheet."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.result = ImportedCampaign()
        self.notes: list[str] = []
        self.header_numbers: list[str] = []
        self.other_numbers: list[str] = []
        self.header_countries: list[str] = []
        self.title_country: str | None = None
        self.write_in_languages: list[str] = []
        self.gender: tuple[str, str] | None = None   # (the line, the pronouns it means)
        self.letter_salutation = ""
        self.letter_language = ""
        # The model letter as text paragraphs and lists of items; rendered at the end, when it is known
        # whether its list is the sheet's only list of demands (then it becomes {demands}).
        self.letter_blocks: list[str | list[str]] = []

    def read(self) -> ImportedCampaign:
        readers = {_Section.PREAMBLE: self._read_preamble, _Section.LINE: self._read_one_line,
                   _Section.DEMANDS: self._read_demands, _Section.LETTER: self._read_letter,
                   _Section.TARGETS: lambda lines: self._read_targets(lines, self.result.targets),
                   _Section.COPIES: lambda lines: self._read_targets(lines, self.result.copies),
                   _Section.BACKGROUND: self._read_background, _Section.NOTES: self._read_notes}
        for part in self._parts():
            if part.heading:
                self.result.recognised.append(part.heading)
            readers[part.section](part.lines)
        self._finish()
        self.result.unplaced[:0] = [NOTE + note for note in self.notes]
        return self.result

    def _unplaced(self, text: str) -> None:
        if text.strip():
            self.result.unplaced.append(text.strip())

    # Splitting into parts ----------------------------------------------------------------------

    def _parts(self) -> list[_Part]:
        """The lines split at headings. A one-line heading ("PREFERRED LANGUAGE …: …") is a part of its own."""
        parts = [_Part(_Section.PREAMBLE)]
        position = 0
        while position < len(self.lines):
            line, following = self.lines[position], self._line_at(position + 1)
            position += 1
            current = parts[-1].section
            if (started := self._section_heading(line, following, current)) is not None:
                parts.append(started)
            elif (heading := _one_line_part(line, following)) is not None:
                part, after = heading
                parts += [part, _Part(after or current)]
                position += len(part.lines) - 1
            else:
                parts[-1].lines.append(line)
        return parts

    def _line_at(self, position: int) -> _Line | None:
        return self.lines[position] if position < len(self.lines) else None

    def _section_heading(self, line: _Line, following: _Line | None, current: _Section) -> _Part | None:
        key = _key(line.text)
        for section, pattern in _SECTION_HEADINGS:
            # Only the start of a line is looked at: "Additional Information: <a long paragraph>" is a heading.
            match = pattern.match(key[:_MAX_HEADING])
            value = match["value"] if match and "value" in pattern.groupindex else None
            if value:
                start = match.start("value")
                return _Part(section, line.text[:start].strip(), [_Line(line.text[start:].strip(), False)])
            if match and len(key) <= _MAX_HEADING:
                return _Part(section, line.text)
        if len(key) > _MAX_HEADING:
            return None
        # Inside a model letter, "I urge you to:" belongs to the letter.
        intro = _DEMANDS_INTRO.search(key)
        if current is not _Section.LETTER and (
                _WRITE_IMMEDIATELY.match(key)
                or intro and (intro["colon"] or following is not None and _BULLET.match(following.text))):
            if names := _WRITE_IN.search(line.text):
                self.write_in_languages = _read_languages(names["names"])[0]
            return _Part(_Section.DEMANDS, line.text)
        return None

    # One-line headings -----------------------------------------------------------------------

    def _read_one_line(self, lines: list[_Line]) -> None:
        text = "\n".join(line.text for line in lines)
        pattern, match = _one_line_heading(_key(lines[0].text))
        if pattern is _HEADER:
            self._read_header(lines[0].text, match)
        elif pattern in _ONE_LINE_HEADINGS:
            value = lines[1].text if len(lines) > 1 else lines[0].text[match.start("value"):match.end("value")]
            {_DEADLINE: self._read_deadline, _LANGUAGES: self._read_language_line, _PEOPLE: self._read_people_line,
             _PREVIOUS: self._read_previous, _GENDER: self._read_gender}[pattern](text, value.strip())
        else:  # the banner, or an instruction to the sheet's readers
            self.result.recognised.append(text)

    def _read_header(self, text: str, match: re.Match) -> None:
        self.result.recognised.append(text[:match.end()])
        number = normalise_ua_number(f"UA {match['number']}/{match['year']}")
        if not self.header_numbers:
            if match["ordinal"]:
                word = match["ordinal"].casefold()
                self.result.ordinal = _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
                self.result.ordinal_label = match["ordinal"].capitalize()
            elif match["further"]:
                self.result.ordinal, self.result.ordinal_label = None, match["further"].capitalize()
        self.header_numbers.append(number)
        rest = text[match.end():].strip(" -–—|,;:")
        self.header_countries.extend(_countries_named(rest))
        self._unplaced(rest)

    def _read_deadline(self, text: str, value: str) -> None:
        when, problem = read_date(value)
        if when is None:
            self.notes.append(f"the deadline could not be read: {problem}. Please set it in the editor.")
            self._unplaced(text)
        elif self.result.deadline not in (None, when):
            self.notes.append(f"the sheet gives two deadlines; the draft keeps {self.result.deadline.isoformat()}.")
            self._unplaced(text)
        else:
            self.result.deadline = when
            self.result.recognised.append(text)

    def _read_language_line(self, text: str, value: str) -> None:
        codes, unknown = _read_languages(value)
        self.result.preferred_languages += [code for code in codes if code not in self.result.preferred_languages]
        if unknown or not codes:
            self._unplaced(text)
        else:
            self.result.recognised.append(text)

    def _read_people_line(self, text: str, value: str) -> None:
        people, leftovers = _read_people(value)
        self.result.people += people
        if people and not leftovers:
            self.result.recognised.append(text)
        else:
            self._unplaced(text)

    def _read_previous(self, text: str, value: str) -> None:
        if _URL.match(value) and self.result.previous_ua_link is None:
            self.result.previous_ua_link = value
            self.result.recognised.append(text)
        else:
            self._unplaced(text)

    def _read_gender(self, text: str, value: str) -> None:
        self.gender = (text, "she/her" if value.casefold().startswith("f") else "he/him")

    # Preamble: title and summary --------------------------------------------------------------

    def _read_preamble(self, lines: list[_Line]) -> None:
        is_first = not (self.result.title or self.result.summary)
        if lines and is_first and self._is_title(lines[0], lines[1] if len(lines) > 1 else None):
            self._read_title(lines[0].text)
            lines = lines[1:]
        paragraphs = [text for text in (self._paragraph_text(p) for p in _paragraphs(lines)) if text]
        self.result.summary = "\n\n".join(filter(None, [self.result.summary, *paragraphs]))

    def _is_title(self, line: _Line, following: _Line | None) -> bool:
        if len(line.text) > min(200, _column_length(Campaign, "title")):
            return False
        # Without a country prefix or capitals, a title is a line on its own that does not read as a sentence.
        return bool(self._title_country(line.text) or _is_capitals_line(line.text)
                    or (following is not None and following.blank_before and line.text[0].isupper()
                        and line.text[-1] not in ".,;"))

    def _title_country(self, text: str) -> tuple[str, str, str] | None:
        """'TURKMENISTAN: Opposition …' → ('TM', 'TURKMENISTAN', 'Opposition …')."""
        prefix, colon, rest = text.partition(":")
        if not colon or not rest.strip() or len(prefix) > 60:
            return None
        for name in re.split(r"\s*(?:/|&|,|\band\b)\s*", re.sub(r"\(.*?\)", "", prefix)):
            if code := country_code(name):
                return code, prefix.strip(), rest.strip()
        return None

    def _read_title(self, text: str) -> None:
        if found := self._title_country(text):
            self.title_country, prefix, rest = found
            if _is_capitals_line(text):  # the sheet's own case, unless the whole title shouts
                prefix, rest = _title_case(prefix), _title_case(rest)
            self.result.title = f"{prefix}: {rest}"
        else:
            self.result.title = _title_case(text) if _is_capitals_line(text) else text

    def _paragraph_text(self, paragraph: list[_Line]) -> str:
        """The paragraph's text, or "" when it was the request for updates (read here)."""
        text = _unwrap(paragraph)
        return "" if self._read_updates(text) else text

    def _read_updates(self, text: str) -> bool:
        if len(text) > _MAX_SENTENCE or not _UPDATES.search(text) or not (email := _EMAIL.search(text)):
            return False
        address = email.group(0)
        too_long = len(address) > _column_length(Campaign, "updates_address")
        if too_long or self.result.updates_address not in (None, address):
            return False
        self.result.updates_address = address
        self.other_numbers += [normalise_ua_number(f"UA {n}/{y}") for n, y in _UA_NUMBER.findall(text)]
        self.result.recognised.append(text)
        return True

    # Demands -----------------------------------------------------------------------------------

    def _read_demands(self, lines: list[_Line]) -> None:
        items, leftovers = _list_items(lines)
        for item in items:
            if len(item) <= _MAX_SENTENCE:
                self.result.demands.append(_demand_text(item))
            else:
                self._unplaced(item)
        for paragraph in leftovers:
            self._unplaced(paragraph)

    # Background and what follows one-line headings ----------------------------------------------

    def _read_background(self, lines: list[_Line]) -> None:
        paragraphs = [text for text in (self._paragraph_text(p) for p in _paragraphs(lines)) if text]
        self.result.background = "\n\n".join(filter(None, [self.result.background, *paragraphs]))

    def _read_notes(self, lines: list[_Line]) -> None:
        for paragraph in _paragraphs(lines):
            self._unplaced(self._paragraph_text(paragraph))

    # Targets -----------------------------------------------------------------------------------

    def _read_targets(self, lines: list[_Line], into: list[ImportedTarget]) -> None:
        lines = [piece for line in lines for piece in _split_inline_contacts(line)]
        for block in _target_blocks(lines):
            if into and all(_is_contact(line.text) for line in block):
                self._read_target(block, into[-1])  # contact lines after a blank line: the target above
                continue
            target = self._read_target(block)
            if target.address_lines and target == ImportedTarget(address_lines=target.address_lines):
                # Nothing but "address lines": text that strayed into the list of targets.
                for text in target.address_lines:
                    self._unplaced(text)
            elif not target.is_empty():
                into.append(target)

    def _read_target(self, block: list[_Line], target: ImportedTarget | None = None) -> ImportedTarget:
        target = target or ImportedTarget()
        parts = []
        for line in block:
            text, _ = _without_bullet(line.text)
            if not self._read_contact(target, text):
                parts.append(text)
        if len(parts) == 1 and _one_line_address(parts[0]):
            parts = _split_one_line(parts[0])
        self._read_envelope(target, parts)
        return target

    def _read_contact(self, target: ImportedTarget, text: str) -> bool:
        """Reads "Email: …", "Fax: …" and the like into the target; False when the line is not one."""
        if not _is_contact(text):
            return False
        match = _CONTACT.match(text)
        value = match["value"].strip()
        slots = _contact_slots(match)
        slot = slots[0]
        if len(slots) > 1:
            for number_slot in slots:
                self._set_contact(target, number_slot, value, text)
        elif slot == "emails":
            found = _EMAIL.findall(value)
            target.emails += [email for email in found if email not in target.emails]
            if not found or re.sub(r"[\s,;/]|\band\b|\bor\b", "", _EMAIL.sub("", value)):
                self._unplaced(text)
        elif slot in ("fax", "phone", "salutation"):
            self._set_contact(target, slot, value, text)
        else:  # a label the campaign has no place for (Twitter, website…)
            self._unplaced(text)
        return True

    def _set_contact(self, target: ImportedTarget, slot: str, value: str, text: str) -> None:
        current = getattr(target, slot)
        combined = value if not current or slot == "salutation" else f"{current}; {value}"
        if value and (not current or slot != "salutation") and len(combined) <= _column_length(Target, slot):
            setattr(target, slot, combined)
        else:
            self._unplaced(text)

    def _read_envelope(self, target: ImportedTarget, parts: list[str]) -> None:
        """Name, title and office first; the street, the city line and the country last."""
        parts = [piece for part in parts for piece in _split_honorific_line(part)]
        parts = self._read_country(target, parts)
        position = 0
        while position < len(parts) and self._place_head(target, parts[position]):
            position += 1
        rest = self._read_city(target, parts[position:])
        for part in rest:
            if len(part) <= _MAX_ADDRESS_LINE:
                target.address_lines.append(part)
            else:
                self._unplaced(part)

    def _read_country(self, target: ImportedTarget, parts: list[str]) -> list[str]:
        if not parts:
            return parts
        head, comma, tail = parts[-1].rpartition(",")
        if code := country_code(parts[-1]):
            target.country = code
            self.result.recognised.append(parts[-1])
            return parts[:-1]
        if comma and head.strip() and (code := country_code(tail)):
            target.country = code
            self.result.recognised.append(tail.strip())
            return [*parts[:-1], head.strip()]
        return parts

    def _place_head(self, target: ImportedTarget, part: str) -> bool:
        """Places a part before the street (honorific and name, title, office); False at the street."""
        if any(char.isdigit() for char in part) or _has_word(part, _STREET_WORDS):
            return False
        if _HONORIFIC_ALONE.match(part):
            return not target.honorific and self._set(target, honorific=part)
        if (match := _HONORIFIC.match(part)) and not (target.name or target.honorific):
            return self._set(target, honorific=match["honorific"], name=tidy_name(match["rest"]))
        if _has_word(part, _ORGANISATION_WORDS):
            return not target.organisation and self._set(target, organisation=part)
        if (split := _split_role_and_name(part)) and not target.name and not (split[0] and target.title):
            title, name = split
            return self._set(target, name=name, **({"title": title} if title else {}))
        if _has_word(part, _ROLE_WORDS):
            return not target.title and self._set(target, title=part)
        if _is_person_name(part):
            return not target.name and self._set(target, name=tidy_name(part))
        # An office whose name has none of the usual words ("Fiscalía de la Nación").
        return not target.organisation and self._set(target, organisation=part)

    @staticmethod
    def _set(target: ImportedTarget, **values: str) -> bool:
        if any(len(value) > _column_length(Target, name) for name, value in values.items()):
            return False
        for name, value in values.items():
            setattr(target, name, value)
        return True

    def _read_city(self, target: ImportedTarget, parts: list[str]) -> list[str]:
        """Finds the city line among the last two parts; returns the parts that stay address lines."""
        for position in range(len(parts) - 1, max(len(parts) - 3, -1), -1):
            if place := _read_city_line(parts[position]):
                country, city, region, postcode = place
                target.city, target.region, target.postcode = city, region, postcode
                target.country = target.country or country
                return parts[:position] + parts[position + 1:]
        last = parts[-1] if parts else ""
        has_street = len(parts) > 1 or bool(target.organisation or target.name or target.title)
        if (last and has_street and len(last.split()) <= 3 and not any(char.isdigit() for char in last)
                and not _has_word(last, _STREET_WORDS) and len(last) <= _column_length(Target, "city")):
            target.city = last
            return parts[:-1]
        return parts

    # The model letter --------------------------------------------------------------------------

    def _read_letter(self, lines: list[_Line]) -> None:
        if self.letter_blocks or self.letter_salutation:  # a second model letter: the first is the template
            for paragraph in _paragraphs(lines):
                self._unplaced(_unwrap(paragraph))
            return
        start = next((i for i, line in enumerate(lines) if _is_salutation(line.text)), None)
        if start is not None:
            self._read_targets(lines[:start], self.result.targets)
            self.letter_salutation = lines[start].text
            self.result.recognised.append(self.letter_salutation)
            lines = lines[start + 1:]
        end = next((i for i, line in enumerate(lines) if len(line.text) <= 60 and _CLOSING.match(_key(line.text))),
                   len(lines))
        body, after = lines[:end], lines[end:]
        self.letter_language = _letter_language(self.letter_salutation or (after[0].text if after else ""))
        self.letter_blocks = self._letter_blocks(body)
        if after:
            self.result.recognised.append(after[0].text)
            after = self._read_signature(after[1:])
        for paragraph in _paragraphs(after):
            self._unplaced(self._paragraph_text(paragraph))

    def _read_signature(self, lines: list[_Line]) -> list[_Line]:
        taken = 0
        while taken < min(2, len(lines)) and _SIGNATURE.match(_key(lines[taken].text)):
            self.result.recognised.append(lines[taken].text)
            taken += 1
        return lines[taken:]

    def _letter_blocks(self, lines: list[_Line]) -> list[str | list[str]]:
        """The letter's paragraphs as text, and its lists as lists of items (consecutive lists as one)."""
        blocks: list[str | list[str]] = []
        for paragraph in _paragraphs(lines):
            first_item = next((i for i, line in enumerate(paragraph) if _BULLET.match(line.text)), None)
            if first_item is None:
                blocks.append(self._letter_text(_unwrap(paragraph)))
                continue
            if first_item:
                blocks.append(self._letter_text(_unwrap(paragraph[:first_item])))
            items, leftovers = _list_items(paragraph[first_item:])
            if blocks and isinstance(blocks[-1], list) and not first_item:
                blocks[-1] += items
            else:
                blocks.append(items)
            blocks += [self._letter_text(text) for text in leftovers]
        return blocks

    def _letter_body(self) -> str:
        """The letter's text; its first list becomes {demands} when the sheet has no other list of demands."""
        takes_demands = not self.result.demands
        paragraphs: list[str] = []
        for index, block in enumerate(self.letter_blocks):
            previous = self.letter_blocks[index - 1] if index else None
            if isinstance(block, str):
                paragraphs.append(block)
                continue
            if takes_demands:
                self.result.demands = [_demand_text(item) for item in block]
                listed, takes_demands = "{demands}", False
            else:
                listed = "\n".join(f"• {self._letter_text(item)}" for item in block)
            # "I urge you to:" and its list stay one paragraph, as the letter layout expects.
            if isinstance(previous, str) and previous.endswith(":"):
                paragraphs[-1] += "\n" + listed
            else:
                paragraphs.append(listed)
        return "\n\n".join(paragraphs)

    def _letter_text(self, text: str) -> str:
        """Curly brackets of the sheet become round ones: nothing the sheet says may act as a placeholder."""
        if "{" not in text and "}" not in text:
            return text
        note = "curly brackets in the model letter were made round, so that they cannot act as placeholders."
        if note not in self.notes:
            self.notes.append(note)
        return text.replace("{", "(").replace("}", ")")

    # Putting it together -----------------------------------------------------------------------

    def _finish(self) -> None:
        result = self.result
        self._choose_ua_number()
        if not result.title:
            self.notes.append("no title was found; please give the campaign one.")
        self._choose_country()
        if not result.people:
            self._infer_person()
        self._apply_gender()
        if not result.preferred_languages:
            result.preferred_languages = self.write_in_languages
        letter_body = self._letter_body()
        if not result.demands:
            result.demands = [_demand_text(m["demand"]) for m in _PROSE_DEMAND.finditer(letter_body)]
        for target in result.targets + result.copies:
            target.language = target.language or (result.preferred_languages[:1] or [""])[0]
        for target in result.targets:
            target.salutation = target.salutation or self.letter_salutation
        if letter_body:
            result.template = ImportedTemplate(
                language=self.letter_language or (result.preferred_languages[:1] or ["en"])[0],
                subject="{person} ({ua_number})" if result.people else "{campaign_title} ({ua_number})",
                body=letter_body)
        if result.is_follow_up and result.ua_number:
            self.notes.append(f"this sheet is a follow-up (“{result.ordinal_label}”) on {result.ua_number}. If a "
                              "campaign for it exists, add the news there as a case update instead of publishing "
                              "a second campaign.")

    def _choose_ua_number(self) -> None:
        numbers = list(dict.fromkeys(self.header_numbers + self.other_numbers))
        if not numbers:
            self.notes.append("no UA number was found: the draft gets a placeholder. Please enter the real one.")
            return
        self.result.ua_number = numbers[0]
        if len(numbers) > 1:
            self.notes.append(f"the sheet names {', '.join(numbers)}; the draft uses {numbers[0]}.")

    def _choose_country(self) -> None:
        named = Counter(_countries_named(f"{self.result.title}\n{self.result.summary}"))
        self.result.country = (self.title_country or next(iter(self.header_countries), None)
                               or (named.most_common(1)[0][0] if named else None))
        if self.result.country is None:
            self.notes.append("the country of the case was not found; please choose it.")
        elif not self.title_country and not self.header_countries:
            self.notes.append(f"the country of the case ({self.result.country}) was guessed from the countries "
                              "the text names most; please check it.")

    def _infer_person(self) -> None:
        """No NAME AND PRONOUN line: the name the demands (or title) share with the summary, if any."""
        result = self.result
        anchors = "\n".join([result.title, *result.demands])
        counts = Counter(_name_windows(f"{anchors}\n{result.summary}"))
        anchored = set(_name_windows(anchors)) if anchors.strip() else set(counts)
        candidates = [(count, len(name.split()), name) for name, count in counts.items()
                      if name in anchored and count >= 2 and len(name) <= _column_length(PersonAtRisk, "name")]
        if not candidates:
            return
        name = max(candidates)[2]
        pronouns = _pronouns_from(" ".join(result.demands)) or _pronouns_from(result.summary)
        result.people.append(ImportedPerson(name, pronouns))
        self.notes.append(f"the sheet has no NAME AND PRONOUN line: the person at risk was taken to be {name}"
                          + (f" ({pronouns})" if pronouns else "") + " from the text. Please check.")

    def _apply_gender(self) -> None:
        if self.gender is None:
            return
        text, pronouns = self.gender
        if len(self.result.people) == 1 and not self.result.people[0].pronouns:
            self.result.people[0].pronouns = pronouns
            self.result.recognised.append(text)
        else:
            self._unplaced(text)


# --- helpers of the reader -----------------------------------------------------------------------


def _one_line_heading(key: str) -> tuple[re.Pattern, re.Match] | None:
    """The banner, an instruction to readers, the header with the UA number, or a heading with its value."""
    if len(key) > _MAX_HEADING:
        return None
    for pattern in (_BANNER, *_BOILERPLATE, _HEADER, *_ONE_LINE_HEADINGS):
        if match := pattern.match(key):
            return pattern, match
    return None


def _one_line_part(line: _Line, following: _Line | None) -> tuple[_Part, _Section | None] | None:
    """A one-line heading as a part of its own (with the next line when its value stands there), and the
    section after it: None to go on with the section it interrupted (a banner, a page's header line)."""
    found = _one_line_heading(_key(line.text))
    if found is None:
        return None
    pattern, match = found
    if pattern not in _ONE_LINE_HEADINGS:
        return _Part(_Section.LINE, lines=[line]), None
    value_below = not match["value"].strip() and following is not None and not _is_heading(following)
    value = following.text if value_below else match["value"]
    # "Please take action before it is too late" is a sentence, not a deadline.
    if pattern is _DEADLINE and not any(char.isdigit() for char in value):
        return None
    # After "… BEFORE <date> TO:" the targets follow; after other headings, nothing known.
    after = _Section.TARGETS if pattern is _DEADLINE and match["to"] else _Section.NOTES
    return _Part(_Section.LINE, lines=[line, following] if value_below else [line]), after


def _is_heading(line: _Line) -> bool:
    key = _key(line.text)
    return len(key) <= _MAX_HEADING and any(
        pattern.match(key) for pattern in (*(p for _, p in _SECTION_HEADINGS), *_ONE_LINE_HEADINGS, _HEADER))


def _list_items(lines: list[_Line]) -> tuple[list[str], list[str]]:
    """Bulleted items (continuation lines joined), or one item per paragraph when nothing is bulleted.

    Returns (items, paragraphs that follow a bulleted list and belong to none of its items).
    """
    if not any(_BULLET.match(line.text) for line in lines):
        return [_unwrap(paragraph) for paragraph in _paragraphs(lines)], []
    items: list[list[str]] = []
    leftovers: list[list[_Line]] = []
    for line in lines:
        bullet = _BULLET.match(line.text)
        if bullet:
            items.append([bullet["text"]] if bullet["text"] else [])
        elif items and not leftovers and (not line.blank_before or not items[-1]):
            items[-1].append(line.text)
        elif line.blank_before or not leftovers:
            leftovers.append([line])
        else:
            leftovers[-1].append(line)
    return ([" ".join(item) for item in items if item],
            [_unwrap(paragraph) for paragraph in leftovers])


def _target_blocks(lines: list[_Line]) -> list[list[_Line]]:
    """One block of lines per target. A new target starts after contact lines, at a bullet, at a blank
    line when the section uses blank lines only between targets, or with each one-line address."""
    grouped = any(not line.blank_before for line in lines[1:])
    blocks: list[list[_Line]] = []
    for line in lines:
        current = blocks[-1] if blocks else None
        starts = current is None or (not _is_contact(line.text) and (
            (grouped and line.blank_before)
            or any(_is_contact(previous.text) for previous in current)
            or _one_line_address(_without_bullet(current[0].text)[0])
            or _without_bullet(line.text)[1]))
        if starts:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _split_inline_contacts(line: _Line) -> list[_Line]:
    """'…, Peru. Email: a@b.pe' → the address and the contact as lines of their own."""
    if len(line.text) > _MAX_HEADING:
        return [line]
    pieces = [piece for piece in _INLINE_CONTACT.split(line.text) if piece.strip()]
    return [_Line(piece.strip(), line.blank_before and index == 0) for index, piece in enumerate(pieces)]


def _split_honorific_line(part: str) -> list[str]:
    """'Mr Juan PÉREZ, Minister of the Interior' → the name and the title as parts of their own."""
    if _HONORIFIC.match(part) and "," in part and len(part) <= _MAX_HEADING:
        return [piece.strip() for piece in part.split(",") if piece.strip()]
    return [part]


def _is_contact(text: str) -> bool:
    """'Email: …', 'Fax 1-212-…', 'Salutation: …': a line of contact details rather than of the address."""
    match = _CONTACT.match(text) if len(text) <= _MAX_HEADING else None
    return match is not None and bool(match["colon"] or _plausible_contact(_contact_slots(match)[0], match["value"]))


def _contact_slots(match: re.Match) -> list[str | None]:
    """The fields a contact label fills: "Tel/Fax" fills both numbers, "Twitter" none (None)."""
    label = re.sub(r"\s*/\s*", "/", match["label"].casefold().replace("e-mail", "email"))
    return [_CONTACT_FIELDS.get(re.split(r"[\s-]", part)[0]) for part in label.split("/")]


def _plausible_contact(slot: str | None, value: str) -> bool:
    """A label without a colon ("Fax 1-212-…") counts only when the value looks like its kind."""
    if slot == "emails":
        return bool(_EMAIL.search(value))
    if slot in ("fax", "phone"):
        return bool(re.match(r"[+(\d]", value))
    return False


def _read_city_line(text: str) -> tuple[str, str, str, str] | None:
    """'New York, NY 10017' → ('US', 'New York', 'NY', '10017'); None when the part is no city line."""
    if len(text) > _MAX_HEADING:
        return None
    for country, pattern in _CITY_LINES:
        if (match := pattern.match(text)) and not _has_word(match["city"], _STREET_WORDS):
            region = re.sub(r"[.\s]", "", match.groupdict().get("region") or "")
            city, postcode = match["city"].strip(), match["postcode"]
            if len(city) <= _column_length(Target, "city") and len(postcode) <= _column_length(Target, "postcode"):
                return country, city, region, postcode
    return None


def _is_salutation(text: str) -> bool:
    return len(text) <= 100 and bool(_SALUTATION_LINE.match(_key(text)))


def _letter_language(line: str) -> str:
    return next((code for code, pattern in _LETTER_LANGUAGES if pattern.match(line)), "")


def _read_people(value: str) -> tuple[list[ImportedPerson], list[str]]:
    """'A (she/her) and B (he/him)' or 'A, B' → the people, and the pieces that are no name."""
    people, leftovers, position = [], [], 0
    for match in _PERSON_WITH_PRONOUNS.finditer(value):
        leftovers.append(value[position:match.start()])
        position = match.end()
        name = _LIST_SEPARATORS.sub(" ", f" {match['name']} ").strip()
        pronouns = re.sub(r"\s+", "", match["pronouns"])
        if not _PRONOUNS.match(pronouns) or len(pronouns) > _column_length(PersonAtRisk, "pronouns"):
            leftovers.append(f"({match['pronouns']})")
            pronouns = ""
        people.append(ImportedPerson(tidy_name(name), pronouns))
    leftovers.append(value[position:])
    if not people:
        names = [piece.strip(" .") for piece in _LIST_SEPARATORS.split(value)]
        people = [ImportedPerson(tidy_name(name)) for name in names if name and name[0].isupper()]
        leftovers = [name for name in names if name and not name[0].isupper()]
    too_long = [person.name for person in people if len(person.name) > _column_length(PersonAtRisk, "name")]
    people = [person for person in people if person.name and person.name not in too_long]
    return people, [piece for piece in leftovers + too_long if _LIST_SEPARATORS.sub("", piece).strip(" .")]


def _name_windows(text: str) -> list[str]:
    """Runs of two or three capitalised words that could be a name ('Azat Isakov'), with repeats."""
    windows, run, end = [], [], 0
    for match in _NAME_WORD.finditer(text):
        word = match.group(0)
        is_name_word = word[0].isupper() and word.casefold() not in _NOT_NAMES and country_code(word) is None
        if not is_name_word or text[end:match.start()] != " ":  # a name's words are one space apart
            run = []
        if is_name_word:
            run.append(word)
            windows += [" ".join(run[-size:]) for size in (2, 3) if len(run) >= size]
        end = match.end()
    return windows


def _pronouns_from(text: str) -> str:
    words = Counter(_words(text))
    he, she = sum(words[w] for w in _HE), sum(words[w] for w in _SHE)
    return "he/him" if he and not she else "she/her" if she and not he else ""


# --- the draft -----------------------------------------------------------------------------------

def create_draft_from_import(imported: ImportedCampaign, *, source_text: str) -> Campaign:
    """Add the imported sheet as a draft campaign in test mode; flushes, never commits, never publishes.

    A missing or taken UA number gets a unique placeholder (the editor refuses it until an organiser
    enters the real one), with a note in the campaign's import notes.
    """
    notes: list[str] = []
    ua_number, slug = _draft_identity(imported.ua_number, notes)
    campaign = Campaign(
        ua_number=ua_number, slug=slug, title=imported.title or UNTITLED, country=imported.country or "",
        summary=imported.summary, background=_background(imported), status=CampaignStatus.draft,
        is_test_mode=True, deadline=imported.deadline, preferred_languages=list(imported.preferred_languages),
        updates_address=imported.updates_address,
        # PostgreSQL text cannot hold NUL characters; nothing else of the raw text is changed.
        source_text=source_text.replace("\x00", ""),
        import_unplaced=[NOTE + note for note in notes] + list(imported.unplaced) or None)
    campaign.people = [PersonAtRisk(position=i, name=p.name, pronouns=p.pronouns)
                       for i, p in enumerate(imported.people)]
    campaign.demands = [Demand(position=i, text=text) for i, text in enumerate(imported.demands)]
    campaign.targets = ([_target(t, TargetKind.primary, i) for i, t in enumerate(imported.targets)]
                        + [_target(t, TargetKind.copy, i) for i, t in enumerate(imported.copies)])
    if imported.template is not None:
        # The model letter, the demands and the salutations come from one sheet, in its one
        # language: the version gets them all. Anything the sheet lacks shows as a gap to fill.
        campaign.versions = [LetterVersion(
            language=imported.template.language, subject=imported.template.subject, body=imported.template.body,
            wordings=[DemandWording(demand=demand, text=demand.text) for demand in campaign.demands],
            greetings=[Greeting(target=target, salutation=target.salutation, closing="")
                       for target in campaign.targets if target.salutation])]
    db.session.add(campaign)
    db.session.flush()
    return campaign


def _draft_identity(ua_number: str | None, notes: list[str]) -> tuple[str, str]:
    """The UA number and slug of the draft: the sheet's, or a placeholder when missing or taken."""
    if ua_number is not None:
        slug = slug_for_ua_number(ua_number)
        taken = db.session.scalar(select(Campaign).where(or_(Campaign.ua_number == ua_number, Campaign.slug == slug)))
        if taken is None:
            return ua_number, slug
    while True:
        token = secrets.token_hex(4)
        placeholder, slug = f"IMPORT {token}", f"import-{token}"
        if db.session.scalar(select(Campaign.id).where(
                or_(Campaign.ua_number == placeholder, Campaign.slug == slug))) is None:
            break
    if ua_number is not None:
        notes.append(f"{ua_number} is already used by the campaign “{taken.title}”: this draft has the placeholder "
                     f"number {placeholder}. Enter the right number, or add this sheet to that campaign as an update.")
    return placeholder, slug


def _background(imported: ImportedCampaign) -> str:
    if not imported.previous_ua_link:
        return imported.background
    return "\n\n".join(filter(None, [imported.background, f"Previous UA: {imported.previous_ua_link}"]))


def _target(imported: ImportedTarget, kind: TargetKind, position: int) -> Target:
    return Target(kind=kind, position=position, title=imported.title, honorific=imported.honorific,
                  name=imported.name, organisation=imported.organisation, address_lines=list(imported.address_lines),
                  city=imported.city, region=imported.region, postcode=imported.postcode, country=imported.country,
                  emails=list(imported.emails), fax=imported.fax, phone=imported.phone,
                  salutation=imported.salutation, language=imported.language)
