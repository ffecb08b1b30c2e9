"""The headings a UA sheet is cut at, in every sheet language, and the parts they start: section headings
("Write to:", "And copy", "Additional Information:", "MODEL LETTER", the demands' introduction) and one-line
headings that carry a value ("PREFERRED LANGUAGE TO ADDRESS TARGET: English"). Shared by sections.py, which
cuts the sheet, and prose.py, which reads instructions that name their officials in a sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from campaigns.importer.text import Line
from campaigns.importer.values import FOLLOW_UP, ORDINAL, VALUE_SENTENCES
from letters.languages import sheet_languages


class Section(Enum):
    PREAMBLE = "preamble"      # title and summary
    DEMANDS = "demands"
    TARGETS = "targets"
    COPIES = "copies"
    LETTER = "letter"
    BACKGROUND = "background"
    LINE = "line"              # a one-line heading with its value ("PREFERRED LANGUAGE …: English")
    NOTES = "notes"            # after a one-line heading: what follows belongs to nothing known


@dataclass
class Part:
    """A stretch of the sheet: its heading as written (kept in `recognised`), then its lines."""

    section: Section
    heading: str = ""
    lines: list[Line] = field(default_factory=list)
    heading_line: int = 0  # the number of the heading's line in the sheet
    heading_lines: int = 1  # how many of the sheet's lines the heading runs over


# --- section headings ----------------------------------------------------------------------------

# The banner on top of the sheet: "URGENT ACTION", "Urgent Action Network", "ACCIÓN URGENTE", and a line
# that says the sheet is a follow-up, alone or after the banner: "URGENT ACTION UPDATE", "MISE À JOUR". The
# banner may say which sheet of the case this is: "SEGUNDA ACCIÓN URGENTE".
BANNER = re.compile(rf"^(?:(?:(?P<ordinal>{ORDINAL})\s+)?(?:"
                    + "|".join(p for row in sheet_languages() for p in row.sheet_words.banners)
                    # After its ordinal, the word for a UA alone: "SEGUNDA AU", "Third UA" (the number below).
                    + "|(?(ordinal)(?-i:" + "|".join(p.upper() for row in sheet_languages() for p in row.sheet_words.ua)
                    + ")(?!\\w)|(?!))"
                    + rf")(?:\s*[-:!]?\s*(?P<further>{FOLLOW_UP}(?:\s+\d{{1,2}})?))?"
                    rf"|(?P<alone>{FOLLOW_UP}(?:\s+\d{{1,2}})?))[!.:]?$", re.I)
# An instruction's number before a heading: "2. Send it to:", "3) Copy the Embassy:".
NUMBERED = r"^(?:\d{1,2}[.)]\s*)?"


def _heading(words: str) -> re.Pattern:
    """A heading in any sheet language, with an optional value after the colon."""
    phrases = "|".join(p for row in sheet_languages() for p in getattr(row.sheet_words, words))
    return re.compile(rf"{NUMBERED}(?:{phrases})\s*(?::\s*(?P<value>.*))?$", re.I)


# "Write to:", "Please write to:", "Send appeals to:", "2. Send it to:", "Appell an", "Envía tus llamamientos a:".
WRITE_TO = _heading("write_to")
# "And copy", "Copies to:", "cc:", "3. Send a copy to:", "Kopien an", "Sende eine Kopie an:", "Y copia a:".
COPIES = _heading("copies_to")
# "Y copia a la representación diplomática de El Salvador en España:", "Send a copy to the embassy of Peru in
# your country:": the copies' heading that says whom they go to, its colon ending the line.
COPIES_TO_WHOM = re.compile(NUMBERED + "(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.copies_to) + r")\s+[^:]{1,120}:$", re.I)
# A model letter's salutation alone in its paragraph ("Dear Governor,", "Estimado Fiscal:"): below the
# officials, the letter starts there even with no heading of its own.
LETTER_SALUTATION = re.compile("^(?:" + "|".join(p for row in sheet_languages() for p in row.salutations)
                                + r")\b[^.!?:]{0,80}[,:]$", re.I)
# "2. Send it to the officials listed below by July 15, 2025.": the officials follow.
OFFICIALS_BELOW = re.compile(NUMBERED + "(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.officials_below) + ")", re.I)
# "Envía tus llamamientos antes del 2 de mayo de 2025 a:", "Send your appeals before 2 May to:": a sentence that
# gives the deadline and ends in the word that hands over to the officials below it.
OFFICIALS_FOLLOW = re.compile(r"(?<!\w)(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.officials_follow) + r")\s*:$", re.I)
# "Additional Information:", "ADDITIONAL INFORMATION", "Background:", "HINTERGRUNDINFORMATIONEN", with an
# optional value.
BACKGROUND = _heading("backgrounds")
# "TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USE THIS MODEL LETTER", "Sample letter:", "CARTA MODELO",
# "BRIEFVORSCHLAG", "Modèle de lettre"; after a short lead set off by a dash and before the letter's language
# in parentheses: "PLEASE WRITE – BRIEFVORSCHLAG (Englisch)".
MODEL_LETTER = re.compile(r"^(?:[^\W\d_][^:–—]{0,30}\s[–—-]\s+)?(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.model_letters) + r")(?:\s*\([^()]{1,30}\))?\s*:?$", re.I)
# The line that introduces the demands, in any sheet language: "Write to the President urging him to:",
# "…, calling on them to", "Amnesty fordert:", "Demandez-lui :", "pidiéndole que:" (without the colon only
# when a list item follows).
DEMANDS_INTRO = re.compile(r"(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.demand_intros)
                           + r")\s*(?P<colon>:)?$", re.I)
# A line that starts by asking to write ("Schreiben Sie E-Mails, Faxe oder Luftpostbriefe, in denen Sie", "Write to
# the Minister, in English, and"): above a list whose items end its sentence, the introduction of the demands.
ASKS_TO_WRITE = re.compile(NUMBERED + "(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.write_verbs) + r")(?!\w)", re.I)
# An introduction followed by its demands on the same line is short; a longer text before a colon is prose.
MAX_INTRO = 120
# The old layout's introduction: "PLEASE WRITE IMMEDIATELY in English, Uzbek or your own language:".
WRITE_IMMEDIATELY = re.compile(r"^(?:please\s+)?write\s+immediately\b.*:$", re.I)
# Languages named in the demands' introduction: "Please write in Spanish or your own language, …".
WRITE_IN = re.compile(r"\bin\s+(?P<names>[^\W\d_]+(?:(?:,\s*|\s+or\s+|\s+and\s+)[^\W\d_]+)*?)"
                      r"(?:,?\s+or\s+your\s+own(?:\s+language)?)", re.I)

# The words of every sheet language that ask to write to officials, to send them copies, and the articles
# before an official, each as one alternation.
SECTION_WORDS = {words: "|".join(p for row in sheet_languages() for p in getattr(row.sheet_words, words))
          for words in ("write_to", "copies_to", "articles")}
# Where one sentence ends and the next begins.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")

SECTION_HEADINGS = ((Section.TARGETS, WRITE_TO), (Section.COPIES, COPIES),
                     (Section.BACKGROUND, BACKGROUND), (Section.LETTER, MODEL_LETTER))

# --- one-line headings ---------------------------------------------------------------------------

# "PLEASE TAKE ACTION AS SOON AS POSSIBLE UNTIL: 2 February 2027", "Please take action until …",
# "PLEASE SEND APPEALS BEFORE 15 DECEMBER 2026 TO:" (the old layout: the targets follow).
DEADLINE = re.compile(r"^(?:please\s+)?(?:take\s+action|send\s+(?:your\s+)?appeals?|act)\b[^:]{0,60}?"
                      r"\b(?:until|before|no\s+later\s+than)\b\s*:?\s*(?P<value>.*?)(?P<to>\s+to\s*:)?$", re.I)
# "PREFERRED LANGUAGE TO ADDRESS TARGET: English, Russian", "Preferred languages: …", "IDIOMA PREFERENTE PARA
# DIRIGIRSE A LAS AUTORIDADES: Español", "Langue à privilégier : russe, anglais ou français".
LANGUAGES = re.compile("^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.preferred_languages)
                       + r")\s*:\s*(?P<value>.*)$", re.I)
# "NAME AND PRONOUN: Aigerim Nurlanovna (she/her)", "NAMES AND PRONOUNS:", the old layout's "Name: …",
# "NOMBRE Y GÉNERO GRAMATICAL PREFERIDO: …".
PEOPLE = re.compile("^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.people_labels)
                    + r")\s*:\s*(?P<value>.*)$", re.I)
# The old layout's "Gender m/f: f".
GENDER = re.compile(r"^gender\s*(?:m\s*/\s*f)?\s*:\s*(?P<value>m|f|male|female)\.?$", re.I)
# "LINK TO PREVIOUS UA: https://…", "ENLACE A LA AU ANTERIOR: …".
PREVIOUS = re.compile("^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.previous_links)
                      + r")\s*:?\s*(?P<value>.*)$", re.I)
# A call to act alone on its line, heading the instructions: "Take action", "Handeln Sie!", "¿Qué puedes hacer?".
CALL_TO_ACT = re.compile("^[¡¿]?(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.calls_to_act)
                         + r")\s*[!.:?]?$", re.I)
# Instructions to the sheet's readers that carry nothing for the campaign.
BOILERPLATE = [
    re.compile(r"^you\s+(?:can|may)\s+also\s+write\s+in\s+your\s+own\s+language\.?$", re.I),
    # "Please check with the section office in your country if you wish to send appeals after the deadline."
    re.compile(r"^please\s+check\s+with\b.*\bafter\s+the\s+(?:above\s+date|deadline)\.?$", re.I),
    # "Also send copies to diplomatic representatives of Peru accredited to your country."
    re.compile(r"^(?:also\s+)?send\s+copies\s+to\s+(?:the\s+)?diplomatic\s+representatives?\b.*$", re.I),
    CALL_TO_ACT,
]
# A salutation given on a line of its own, outside the officials' blocks ("Formule d'appel : Monsieur le
# Ministre,", "Salutation: Dear Minister,"): for every target that has none.
SALUTATION = re.compile(r"^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.salutation_labels)
                        + r")\s*:\s*(?P<value>\S.*)$", re.I)
# The sending section's own name opening a line, as its letterhead or footer gives it ("Amnesty International
# Canada - Urgent Action Network", "Amnistía Internacional España"): never an official's envelope.
SENDER = re.compile(r"^(?:amnesty|amnist[ií]a)\s+interna(?:c|t)ional\b", re.I)
# How many of a line's first parts (cut at its commas, colons and bars) may come before the section's own name.
_SENDER_PARTS = 3


def names_sender(text: str) -> bool:
    """'Amnesty International Ireland is …', 'Kontakt: Urgent Action Team, Amnesty International Österreich, …': the
    sending section's own name opening the line, or one of its first parts (after a label, after the name of the
    team), as its letterhead or its contact for the readers gives it."""
    return any(SENDER.match(part.strip()) for part in re.split(r"[,:|]", text)[:_SENDER_PARTS])


# One-line headings whose value follows the colon, or stands on the next line.
ONE_LINE_HEADINGS = (DEADLINE, LANGUAGES, PEOPLE, PREVIOUS, GENDER)
# Sentences that give a value on their own line: the deadline, the languages to write in (read by
# sentence_values, one sentence or several on the line).
SENTENCES = (VALUE_SENTENCES,)
