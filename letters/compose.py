"""The text of a letter: one letter version filled by plain substitution, never by Jinja.

Everything the letter says comes from that one version (subject, body, demands, salutation,
closing) or from its language's row in letters/languages.py (the date, and the standard closing),
so a letter never mixes languages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from babel.core import Locale, UnknownLocaleError
from babel.lists import format_list
from flask_babel import lazy_gettext as _l

from formatting import country_name, long_date
from letters.addresses import recipient_lines
from letters.document import ComposedLetter
from letters.languages import date_locale, letter_language

# Placeholders an organiser may use in a letter template, with what each becomes (as the template
# editor explains them, in the language of its page).
PLACEHOLDERS: dict[str, str] = {
    "salutation": _l("the official's salutation in this version, e.g. “Dear President,”"),
    "target_title": _l("the target's title or role, e.g. “President of Turkmenistan”"),
    "target_name": _l("the target's name with honorific"),
    "supporter_name": _l("the supporter's name"),
    "supporter_town": _l("the supporter's town or city"),
    "supporter_country": _l("the supporter's country"),
    "person": _l("the person or people at risk"),
    "ua_number": _l("the UA number, e.g. “UA 118/21”"),
    "campaign_title": _l("the campaign's title"),
    "country": _l("the country of the case"),
    "demands": _l("the demands as this version words them, as a bulleted list"),
    "personal_message": _l("the supporter's own paragraph (may be empty)"),
    "date": _l("today's date, written the way the letter's language writes it"),
}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

# What a new version starts from: the subject (only placeholders) in any language, the text only
# in English; a version in another language is written by someone who writes that language.
DEFAULT_SUBJECT = "{person} ({ua_number})"
DEFAULT_BODY = """\
I am writing to express my deep concern for {person}.

I respectfully urge you to:
{demands}

{personal_message}

Thank you for your attention to this matter. I look forward to your reply."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def unknown_placeholders(text: str) -> list[str]:
    """Names in braces that are not placeholders, for the template editor to refuse."""
    return sorted({name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def fill(text: str, values: dict[str, str]) -> str:
    """Plain substitution: each known {name} becomes its value; nothing else is interpreted."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


@dataclass(frozen=True)
class Writer:
    """The supporter as a letter needs them (no database row: previews use sample writers)."""

    name: str
    address: tuple[str, ...]
    town: str
    country_name: str
    personal_message: str = ""
    country_code: str = ""  # names the country in the letter's own language where given


def clean_text(text: str) -> str:
    """Drop control and bidi-override characters; keep line breaks."""
    return _CONTROL.sub("", text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _in_language(locale: str):
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def people_in(campaign, locale: str) -> str:
    """'Karim Hassan и Amal Hassan': the names joined the way the letter's language joins them."""
    names = [p.name for p in campaign.people]
    if not names:
        return campaign.title
    try:
        return format_list(names, locale=locale)
    except (UnknownLocaleError, ValueError):
        return campaign.people_names


def country_in(code: str, locale: str) -> str:
    """A country's name in the letter's language ('TM' → 'Туркменистан'), else in English."""
    found = _in_language(locale)
    return (found.territories.get((code or "").upper()) if found else None) or country_name(code)


class NoLetterVersion(LookupError):
    """The campaign has no letter version to write with."""


def version_for_letter(campaign, language: str):
    """The version a supporter's letter is written with: the one in the language they chose.

    Should it have been deleted since they chose it, the first complete version stands in: the
    letter is then in another language, but wholly in it.
    """
    version = campaign.version_for(language) or next(iter(campaign.complete_versions), None)
    if version is None:
        raise NoLetterVersion(language)
    return version


def compose(campaign, target, writer: Writer, *, language: str, today: date, version=None) -> ComposedLetter:
    """One letter from one version (`version`, else the one for `language`).

    A version that lost completeness after a supporter chose it (an official or a demand was
    added since) still writes in its own language: the language's standard salutation stands in
    for a missing one, and a demand it does not word yet is left out.
    """
    version = version or version_for_letter(campaign, language)
    language = version.language
    row = letter_language(language)
    personal = clean_text(writer.personal_message)
    demands = "\n".join(f"• {text}" for text in (version.wording_of(d) for d in campaign.demands) if text)
    salutation = row.punctuated(version.salutation_for(target)) or row.salutation
    locale = date_locale(language)
    date_text = long_date(today, locale)

    values = {
        "salutation": salutation, "target_title": target.title,
        "target_name": target.display_name, "supporter_name": writer.name,
        "supporter_town": writer.town,
        "supporter_country": country_in(writer.country_code, locale) if writer.country_code else writer.country_name,
        "person": people_in(campaign, locale), "ua_number": campaign.ua_number,
        "campaign_title": campaign.title, "country": country_in(campaign.country, locale),
        "demands": demands, "personal_message": personal, "date": date_text,
    }
    body_text = version.body or ""
    body = fill(body_text.replace("\r\n", "\n"), values)
    paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
    return ComposedLetter(
        language=language, sender_name=writer.name, sender_address=writer.address,
        recipient_address=tuple(recipient_lines(target)), date_text=date_text,
        subject=fill(version.subject or "", values).replace("\n", " ").strip(),
        salutation=salutation, paragraphs=paragraphs,
        # A version that places the personal paragraph itself gets it there, not twice.
        personal_message="" if "{personal_message}" in body_text else personal,
        closing=version.closing_for(target) or row.closing, signature_name=writer.name)


def as_plain_text(letter: ComposedLetter) -> str:
    """The letter as an email or mail-app body: salutation, paragraphs, closing, name."""
    parts = [letter.salutation, *letter.paragraphs]
    if letter.personal_message:
        parts.append(letter.personal_message)
    parts.append(f"{letter.closing}\n{letter.signature_name}")
    if letter.sender_address:
        parts[-1] += "\n" + "\n".join(letter.sender_address)
    return "\n\n".join(parts)
