"""The text of a letter: an organiser's template filled by plain substitution, never by Jinja."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from formatting import country_name, long_date
from letters.addresses import recipient_lines
from letters.document import ComposedLetter
from letters.languages import letter_language

# Placeholders an organiser may use in a letter template, with what each becomes (as the template
# editor explains them, in the language of its page).
PLACEHOLDERS: dict[str, str] = {
    "salutation": _l("the target's salutation, e.g. “Dear President,”"),
    "target_title": _l("the target's title or role, e.g. “President of Turkmenistan”"),
    "target_name": _l("the target's name with honorific"),
    "supporter_name": _l("the supporter's name"),
    "supporter_town": _l("the supporter's town or city"),
    "supporter_country": _l("the supporter's country"),
    "person": _l("the person or people at risk"),
    "ua_number": _l("the UA number, e.g. “UA 118/21”"),
    "campaign_title": _l("the campaign's title"),
    "country": _l("the country of the case"),
    "demands": _l("the demands as a bulleted list"),
    "personal_message": _l("the supporter's own paragraph (may be empty)"),
    "date": _l("today's date, written the way the letter's language writes it"),
}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

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


def clean_text(text: str) -> str:
    """Drop control and bidi-override characters; keep line breaks."""
    return _CONTROL.sub("", text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def compose(campaign, target, writer: Writer, *, language: str, today: date) -> ComposedLetter:
    template = campaign.template_for(language)
    subject_text = template.subject if template else DEFAULT_SUBJECT
    body_text = template.body if template else DEFAULT_BODY
    personal = clean_text(writer.personal_message)
    demands = "\n".join(f"• {d.text.strip()}" for d in campaign.demands)

    values = {
        "salutation": target.effective_salutation, "target_title": target.title,
        "target_name": target.display_name, "supporter_name": writer.name,
        "supporter_town": writer.town, "supporter_country": writer.country_name,
        "person": campaign.people_names or campaign.title, "ua_number": campaign.ua_number,
        "campaign_title": campaign.title, "country": country_name(campaign.country),
        "demands": demands, "personal_message": personal, "date": long_date(today, language),
    }
    body = fill(body_text.replace("\r\n", "\n"), values)
    paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
    return ComposedLetter(
        language=language, sender_name=writer.name, sender_address=writer.address,
        recipient_address=tuple(recipient_lines(target)), date_text=long_date(today, language),
        subject=fill(subject_text, values).replace("\n", " ").strip(),
        salutation=target.effective_salutation, paragraphs=paragraphs,
        # A template that places the personal paragraph itself gets it there, not twice.
        personal_message="" if "{personal_message}" in body_text else personal,
        closing=letter_language(language).closing, signature_name=writer.name)


def as_plain_text(letter: ComposedLetter) -> str:
    """The letter as an email or mail-app body: salutation, paragraphs, closing, name."""
    parts = [letter.salutation, *letter.paragraphs]
    if letter.personal_message:
        parts.append(letter.personal_message)
    parts.append(f"{letter.closing}\n{letter.signature_name}")
    if letter.sender_address:
        parts[-1] += "\n" + "\n".join(letter.sender_address)
    return "\n\n".join(parts)
