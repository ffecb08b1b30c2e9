"""Finding the sheet's headings and cutting it into parts: a section per heading, one-line headings alone.

A section heading ("Write to:", "And copy", "Additional Information:", "MODEL LETTER", the line that
introduces the demands) starts a part that runs to the next heading. A one-line heading carries its value
on its own line or the next ("PREFERRED LANGUAGE TO ADDRESS TARGET: English", the UA number's header
line) and is a part of its own. An official's envelope set below the instructions with no heading of its
own (an honorific and a name, then contact lines) starts the targets.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from itertools import takewhile

from campaigns.importer.names import ORGANISATION_WORDS, has_role
from campaigns.importer.officials import starts_envelope
from campaigns.importer.text import (BULLET, MAX_HEADING, MAX_SENTENCE, Line, has_word, is_capitals_line, key,
                                     normalise_text, paragraphs)
from campaigns.importer.values import (DATE, EMAIL, FOLLOW_UP, ORDINAL, UA_HEADER, VALUE_SENTENCES, country_code,
                                       sentence_values, sentences)
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
                    + rf")(?:\s*[-:!]?\s*(?P<further>{FOLLOW_UP}))?|(?P<alone>{FOLLOW_UP}))[!.:]?$", re.I)
# An instruction's number before a heading: "2. Send it to:", "3) Copy the Embassy:".
_NUMBERED = r"^(?:\d{1,2}[.)]\s*)?"


def _heading(words: str) -> re.Pattern:
    """A heading in any sheet language, with an optional value after the colon."""
    phrases = "|".join(p for row in sheet_languages() for p in getattr(row.sheet_words, words))
    return re.compile(rf"{_NUMBERED}(?:{phrases})\s*(?::\s*(?P<value>.*))?$", re.I)


# "Write to:", "Please write to:", "Send appeals to:", "2. Send it to:", "Appell an", "Envía tus llamamientos a:".
_WRITE_TO = _heading("write_to")
# "And copy", "Copies to:", "cc:", "3. Send a copy to:", "Kopien an", "Sende eine Kopie an:", "Y copia a:".
_COPIES = _heading("copies_to")
# "Y copia a la representación diplomática de El Salvador en España:", "Send a copy to the embassy of Peru in
# your country:": the copies' heading that says whom they go to, its colon ending the line.
_COPIES_TO_WHOM = re.compile(_NUMBERED + "(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.copies_to) + r")\s+[^:]{1,120}:$", re.I)
# A model letter's salutation alone in its paragraph ("Dear Governor,", "Estimado Fiscal:"): below the
# officials, the letter starts there even with no heading of its own.
_LETTER_SALUTATION = re.compile("^(?:" + "|".join(p for row in sheet_languages() for p in row.salutations)
                                + r")\b[^.!?:]{0,80}[,:]$", re.I)
# "2. Send it to the officials listed below by July 15, 2025.": the officials follow.
_OFFICIALS_BELOW = re.compile(_NUMBERED + "(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.officials_below) + ")", re.I)
# "Envía tus llamamientos antes del 2 de mayo de 2025 a:", "Send your appeals before 2 May to:": a sentence that
# gives the deadline and ends in the word that hands over to the officials below it.
_OFFICIALS_FOLLOW = re.compile(r"(?<!\w)(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.officials_follow) + r")\s*:$", re.I)
# "Additional Information:", "ADDITIONAL INFORMATION", "Background:", "HINTERGRUNDINFORMATIONEN", with an
# optional value.
_BACKGROUND = _heading("backgrounds")
# "TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USE THIS MODEL LETTER", "Sample letter:", "CARTA MODELO",
# "BRIEFVORSCHLAG", "Modèle de lettre".
_MODEL_LETTER = re.compile("^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.model_letters)
                           + r")\s*:?$", re.I)
# The line that introduces the demands, in any sheet language: "Write to the President urging him to:",
# "…, calling on them to", "Amnesty fordert:", "Demandez-lui :", "pidiéndole que:" (without the colon only
# when a list item follows).
DEMANDS_INTRO = re.compile(r"(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.demand_intros)
                           + r")\s*(?P<colon>:)?$", re.I)
# An introduction followed by its demands on the same line is short; a longer text before a colon is prose.
_MAX_INTRO = 120
# The old layout's introduction: "PLEASE WRITE IMMEDIATELY in English, Uzbek or your own language:".
_WRITE_IMMEDIATELY = re.compile(r"^(?:please\s+)?write\s+immediately\b.*:$", re.I)
# Languages named in the demands' introduction: "Please write in Spanish or your own language, …".
WRITE_IN = re.compile(r"\bin\s+(?P<names>[^\W\d_]+(?:(?:,\s*|\s+or\s+|\s+and\s+)[^\W\d_]+)*?)"
                      r"(?:,?\s+or\s+your\s+own(?:\s+language)?)", re.I)

# An instruction in prose that names the officials in the same sentence: "Écrivez au Ministre de la Justice,
# M. …, Ministère …, BP 466, Yaoundé, Cameroun, courriel : …, avec copie à l'ambassadeur …" (after an
# optional lead-in such as "Passez à l'action :"). Only a sentence that holds an address is read so.
_WORDS = {words: "|".join(p for row in sheet_languages() for p in getattr(row.sheet_words, words))
          for words in ("write_to", "copies_to", "articles")}
_PROSE_OFFICIALS = re.compile(rf"^(?P<lead>(?:[^:]{{0,40}}:\s*)?(?:{_WORDS['write_to']})\s+)(?P<rest>\S.*)$", re.I)
_PROSE_COPIES_FIRST = re.compile(rf"^(?P<lead>(?:[^:]{{0,40}}:\s*)?(?:{_WORDS['copies_to']})\s+)(?P<rest>\S.*)$",
                                 re.I)
_PROSE_COPIES = re.compile(rf"[,;]?\s+(?:{_WORDS['copies_to']})\s+", re.I)
# "2. Send a copy of your message to the Ambassador of Nicaragua in the United States.": a step of the
# instructions that says which of the officials listed further down gets a copy, by the role it names.
_COPY_STEP = re.compile(rf"{_NUMBERED}(?:{_WORDS['copies_to']})\s+(?:the\s+|{_WORDS['articles']})?"
                        r"(?P<role>[^\W\d_]+)\b[^:]*[.!]$", re.I)
_ARTICLE = re.compile(rf"^(?:{_WORDS['articles']})(?=\w)", re.I)

# Where one sentence ends and the next begins.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")

_SECTION_HEADINGS = ((Section.TARGETS, _WRITE_TO), (Section.COPIES, _COPIES),
                     (Section.BACKGROUND, _BACKGROUND), (Section.LETTER, _MODEL_LETTER))

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
# Instructions to the sheet's readers that carry nothing for the campaign.
_BOILERPLATE = [
    re.compile(r"^you\s+(?:can|may)\s+also\s+write\s+in\s+your\s+own\s+language\.?$", re.I),
    # "Please check with the section office in your country if you wish to send appeals after the deadline."
    re.compile(r"^please\s+check\s+with\b.*\bafter\s+the\s+(?:above\s+date|deadline)\.?$", re.I),
    # "Also send copies to diplomatic representatives of Peru accredited to your country."
    re.compile(r"^(?:also\s+)?send\s+copies\s+to\s+(?:the\s+)?diplomatic\s+representatives?\b.*$", re.I),
    # A call to act alone on its line, heading the instructions: "Take action", "Handeln Sie!", "Passez à l'action".
    re.compile(r"^(?:take\s+action(?:\s+now)?|act\s+now|what\s+you\s+can\s+do|handeln\s+sie(?:\s+jetzt)?|"
               r"werden\s+sie\s+aktiv|passez\s+[àa]\s+l['’]action|agissez(?:\s+maintenant)?|"
               r"act[úu]a(?:\s+ahora)?|pasa\s+a\s+la\s+acci[óo]n)\s*[!.:]?$", re.I),
]
# A salutation given on a line of its own, outside the officials' blocks ("Formule d'appel : Monsieur le
# Ministre,", "Salutation: Dear Minister,"): for every target that has none.
SALUTATION = re.compile(r"^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.salutation_labels)
                        + r")\s*:\s*(?P<value>\S.*)$", re.I)
# One-line headings whose value follows the colon, or stands on the next line.
ONE_LINE_HEADINGS = (DEADLINE, LANGUAGES, PEOPLE, PREVIOUS, GENDER)
# Sentences that give a value on their own line: the deadline, the languages to write in (read by
# sentence_values, one sentence or several on the line).
SENTENCES = (VALUE_SENTENCES,)


# Where an official's envelope may stand without a heading: among the instructions, after a one-line
# heading, below the demands.
_BEFORE_OFFICIALS = (Section.PREAMBLE, Section.NOTES, Section.DEMANDS)


# --- cutting the sheet ---------------------------------------------------------------------------


def split_into_parts(lines: list[Line]) -> list[Part]:
    """The lines split at headings. A one-line heading ("PREFERRED LANGUAGE …: …") is a part of its own."""
    parts = [Part(Section.PREAMBLE)]
    position = 0
    while position < len(lines):
        line = lines[position]
        following = lines[position + 1] if position + 1 < len(lines) else None
        position += 1
        current = parts[-1].section
        if current is not Section.LETTER and (prose := _prose_officials(lines[position - 1:]))[0]:
            found, taken = prose
            # A heading of demands with none of its own ("…, en lui demandant de :") heads the lines below it.
            parts += found if found[-1].section is Section.DEMANDS and not found[-1].lines else [*found, Part(current)]
            position += taken - 1
        elif (started := _section_heading(line, following, current)) is not None:
            _take_heading_start(parts[-1], started, line)
            parts.append(started)
            position += started.heading_lines - 1
        elif (heading := _one_line_part(line, following, current)) is not None:
            part, after = heading
            parts += [part, Part(after or current)]
            position += len(part.lines) - 1
        elif current in _BEFORE_OFFICIALS and line.blank_before and starts_envelope(lines[position - 1:]):
            # An official's envelope set below the instructions with no "Write to:" of its own.
            parts.append(Part(Section.TARGETS, lines=[line], heading_line=line.number))
            _take_step_heading(parts[-2], parts[-1])
        elif (current in _NEAR_OFFICIALS and line.blank_before
              and (asking := _asking_paragraph(lines[position - 1:], parts))):
            parts += [asking[0], Part(current)]
            position += asking[1] - 1
        else:
            parts[-1].lines.append(line)
    return _copies_named_before(parts)


def _copies_named_before(parts: list[Part]) -> list[Part]:
    """Officials listed under one heading when a step of the instructions above them said which one gets a
    copy ("2. Send a copy of your message to the Ambassador of …"): the official whose envelope opens with
    that role is a copy. Only where the sheet has no copies of its own and another official stays a target."""
    if any(part.section is Section.COPIES for part in parts):
        return parts
    index = next((index for index, part in enumerate(parts) if part.section is Section.TARGETS), None)
    if index is None:
        return parts
    role, part = "", parts[index]
    for line in (line for before in parts[:index] for line in before.lines):
        if (step := _COPY_STEP.match(key(line.text))) and (has_role(step["role"])
                                                            or has_word(step["role"], ORGANISATION_WORDS)):
            role = step["role"]
    blocks = paragraphs(part.lines)
    named = [block for block in blocks if any(has_word(line.text, frozenset([role.casefold()])) for line in block[:2])]
    if not role or len(named) != 1 or len(blocks) < 2:
        return parts
    split = [Part(Section.TARGETS if block is not named[0] else Section.COPIES, lines=block,
                  heading_line=block[0].number) for block in blocks]
    split[0].heading, split[0].heading_line = part.heading, part.heading_line
    return parts[:index] + split + parts[index + 1:]


# A run of spaces wide enough to part two columns set side by side ("WRITE TO:      SEND A COPY TO:").
_COLUMN_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
# How far a line's right column may start from where the headings' right column does.
_COLUMN_SLACK = 2


def unfold_columns(lines: list[Line], spaced: list[str]) -> list[Line]:
    """Officials set side by side, as text pasted from a two-column page gives them, under two headings on one
    line ("WRITE TO:   SEND A COPY TO:" / "Governor …   Ambassador …" / …) or under one heading, a paragraph
    of lines parted by the same gap ("Prosecutor General      Minister of Internal Affairs" / …): the
    paragraph cut where its right column starts, its left column first and its right column after it, a
    paragraph of its own. Each piece keeps the number of its line in the sheet; `spaced` are the sheet's lines
    with their spacing (see spaced_lines)."""
    unfolded: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        starts = line.blank_before or index == 0
        column = _headings_side_by_side(spaced[line.number - 1])
        if column is not None or starts:  # the paragraph from here: the headings' line, or a whole paragraph
            paragraph = [line, *takewhile(lambda following: not following.blank_before, lines[index + 1:])]
            column = column if column is not None else _columns_side_by_side(
                [spaced[each.number - 1] for each in paragraph])
        if column is None:
            unfolded.append(line)
            index += 1
            continue
        unfolded += _unfolded(paragraph, spaced, column)
        index += len(paragraph)
    return unfolded


def _unfolded(paragraph: list[Line], spaced: list[str], column: int) -> list[Line]:
    """The paragraph's left column, then its right one as a paragraph of its own, then the lines after the
    first one that text runs across (no longer two columns), as a paragraph of their own."""
    left: list[Line] = []
    right: list[Line] = []
    rest: list[Line] = []
    for each in paragraph:
        cut = None if rest else _cut_at(spaced[each.number - 1], column)
        if cut is None:
            rest.append(each)
            continue
        if cut[0]:
            left.append(Line(cut[0], not left and paragraph[0].blank_before, each.number))
        if cut[1]:
            right.append(Line(cut[1], not right, each.number))
    return left + right + [Line(each.text, True, each.number) if at == 0 else each for at, each in enumerate(rest)]


# How many lines of a paragraph must be parted by the same gap for it to be two columns, and how far in from
# the left the right column starts at least (a label and its value lined up are no columns).
_MIN_COLUMN_LINES = 3
_MIN_COLUMN_START = 20


def _columns_side_by_side(spaced: list[str]) -> int | None:
    """Where the right column starts in a paragraph of two columns set side by side: most of its lines (three
    at least) have one gap, all ending at the same place, and every line is cut cleanly there."""
    if len(spaced) < _MIN_COLUMN_LINES or any(len(text) > MAX_HEADING for text in spaced):
        return None
    ends = [gaps[0].end() for text in spaced if len(gaps := list(_COLUMN_GAP.finditer(text))) == 1]
    if len(ends) < max(_MIN_COLUMN_LINES, len(spaced) // 2 + 1):
        return None
    column = Counter(ends).most_common(1)[0][0]
    if column < _MIN_COLUMN_START or sum(abs(end - column) <= _COLUMN_SLACK for end in ends) < len(ends):
        return None
    return column if all(_cut_at(text, column) is not None for text in spaced) else None


def _headings_side_by_side(spaced: str) -> int | None:
    """Where the right column starts on a line of two officials' headings ("WRITE TO:   SEND A COPY TO:")."""
    gaps = list(_COLUMN_GAP.finditer(spaced))
    if len(gaps) != 1 or len(spaced) > MAX_HEADING:
        return None
    halves = key(spaced[:gaps[0].start()]), key(spaced[gaps[0].end():])
    for half in halves:
        match = _WRITE_TO.match(half) or _COPIES.match(half)
        if not match or (match["value"] or "").strip():
            return None
    return gaps[0].end()


def _cut_at(spaced: str, column: int) -> tuple[str, str] | None:
    """A line of two columns cut where the right one starts (near `column`): its left and right text, either
    empty; None when text runs across the gap."""
    if len(spaced.rstrip()) <= column - _COLUMN_SLACK:
        return normalise_text(spaced), ""
    if not spaced[:column].strip():
        return "", normalise_text(spaced)
    for gap in _COLUMN_GAP.finditer(spaced):
        if abs(gap.end() - column) <= _COLUMN_SLACK:
            return normalise_text(spaced[:gap.start()]), normalise_text(spaced[gap.end():])
    return None


# A step of the instructions that asks to write and hands over to what follows: "1. Write a letter to the Minister
# of Public Security, using the sample letter below or your own words:", "Schreiben Sie an den Minister:".
_WRITE_STEP = re.compile(_NUMBERED + "(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.write_verbs) + r")(?!\w)[^:]{0,200}:$", re.I)


def _take_step_heading(previous: Part, started: Part) -> None:
    """An envelope with no heading of its own right under a step that asks to write (a paragraph of one line
    ending in a colon): that step is the envelope's heading."""
    above = previous.lines[-1] if previous.lines else None
    if (above is not None and (above.blank_before or len(previous.lines) == 1) and started.lines[0].blank_before
            and _WRITE_STEP.match(key(above.text))):
        previous.lines.pop()
        started.heading, started.heading_line = above.text, above.number


def _take_heading_start(previous: Part, started: Part, line: Line) -> None:
    """The demands' heading in capitals may run over two lines ("SCHREIBEN SIE BITTE" / "E-MAILS, FAXE ODER
    LUFTPOSTBRIEFE MIT FOLGENDEN FORDERUNGEN"): a capitals line of its own right above it is its start."""
    if started.section is not Section.DEMANDS or line.blank_before or not previous.lines:
        return
    if previous.section is Section.PREAMBLE and len(previous.lines) == 1:  # the title, not a heading
        return
    above = previous.lines[-1]
    if (is_capitals_line(above.text) and is_capitals_line(line.text) and above.text[-1:] not in ".:;!?"
            and (above.blank_before or len(previous.lines) == 1)):
        previous.lines.pop()
        started.heading, started.heading_line = f"{above.text} {started.heading}", above.number


def _prose_officials(lines: list[Line]) -> tuple[list[Part], int]:
    """A prose instruction that names its officials, as parts of targets (and copies), one line per clause,
    and how many lines of the sheet it took; nothing when the lines start no such sentence.

    The sentence may start with its copies ("Envoyez une copie à l'ambassadeur …, S. E. Monsieur …, …"), may
    name the languages to write in after its verb ("Écrivez, en français ou en anglais, au ministre …") and
    may wrap over the lines of its paragraph, up to the line that ends it. When it ends by introducing the
    demands ("…, Maroc (courriel : …), en lui demandant de :"), that last clause heads the demands that follow;
    a sentence after it that asks for them ("Demandez-lui de …, de … et de …") gives them (see asked_demands).
    """
    taken = _sentence_lines(lines)
    text = " ".join(line.text for line in taken)
    found = _prose_lead(key(text))
    if found is None:
        return [], 0
    lead_end, first = found
    end = _sentence_end(text, lead_end)
    rest, after = text[lead_end:end].strip().rstrip("."), text[end:].strip()
    if rest.count(",") < 2 or not any(char.isdigit() for char in rest):
        return [], 0
    demands = None
    head, comma, last = rest.rpartition(",")
    if comma and last.strip().endswith(":") and DEMANDS_INTRO.search(key(last.strip())):
        rest, demands = head, Part(Section.DEMANDS, last.strip(), heading_line=taken[-1].number)
    elif asking := _ASKING_CLAUSE.search(rest):  # "…, email: …, urging him to release …, to drop …"
        rest, after = rest[:asking.start()], f"{rest[asking.end():]}. {after}".strip()
    parts = [Part(first, text[:lead_end].strip(), heading_line=taken[0].number)]
    parts += _officials_clauses(parts[0], rest, _line_numbers(taken, text.index(rest) if rest else lead_end))
    # The last envelope ends at its last contact, number or country: a clause after it is to the readers ("…,
    # courriel : …, en reprenant les demandes ci-dessus.").
    envelope = parts[-1].lines if parts else []
    end = max((at + 1 for at, line in enumerate(envelope) if _ends_envelope(line.text)), default=len(envelope))
    trailing, envelope[end:] = envelope[end:], []
    # "… courriel : …. Formule d'appel : Monsieur le Procureur général,": the salutation of the official just named.
    salutation = after[:_sentence_end(after, 0)]
    if demands is None and parts and salutation and SALUTATION.match(key(salutation)):
        envelope.append(Line(salutation.strip(), False, taken[-1].number))
        after = after[len(salutation):].strip()
    # An address ends in a country or gives an email; a sentence that names neither is prose.
    if not any(country_code(clause.text) or EMAIL.search(clause.text) for part in parts for clause in part.lines):
        return [], 0
    return [*parts, *([Part(Section.NOTES, lines=trailing)] if trailing else []), *([demands] if demands else []),
            *_after_officials(after, taken[-1].number)], len(taken)


def _ends_envelope(clause: str) -> bool:
    """A clause that may end an official's envelope named in prose: a contact, a number, a country, the salutation
    ("(Formule d'appel : Monsieur le Ministre,)")."""
    return bool(EMAIL.search(clause) or any(char.isdigit() for char in clause) or country_code(clause)
                or SALUTATION.match(key(clause).lstrip("( ")))


def _officials_clauses(first: Part, text: str, numbers) -> list[Part]:
    """The officials' clauses of a prose instruction as lines of `first` (targets or copies), and each copy
    the text names after them ("…, avec copie à …") as a part of its own."""
    parts, position = [first], 0
    for copy in _PROSE_COPIES.finditer(text):
        parts[-1].lines = _clauses(text[position:copy.start()], position, numbers)
        parts.append(Part(Section.COPIES, copy.group(0).strip(" ,;"), heading_line=numbers(copy.start())))
        position = copy.end()
    parts[-1].lines = _clauses(text[position:], position, numbers)
    return parts[1:]


# "Écrivez, en français ou en anglais, au ministre …": the languages to write in set apart by commas between the
# verb that asks to write and the word that introduces the official.
_LANGUAGE_ASIDE = re.compile(r"^(?P<verb>(?:[^:]{0,40}:\s*)?(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.write_verbs) + r"))\s*,\s*(?P<aside>[^,:;()]{1,60}),\s+",
    re.I)


def _prose_lead(text: str) -> tuple[int, Section] | None:
    """Where the officials' clauses start in a prose instruction, and whether they are targets or copies first;
    None when the text is no such instruction."""
    plain, skipped = text, 0
    aside = _LANGUAGE_ASIDE.match(text)
    if aside and (values := sentence_values(f"{aside['verb']} {aside['aside']}")) and values.languages:
        plain = f"{aside['verb']} {text[aside.end():]}"
        skipped = len(text) - len(plain)
    match = _PROSE_OFFICIALS.match(plain) or _PROSE_COPIES_FIRST.match(plain)
    if not match or _WRITE_TO.match(plain) or _COPIES.match(plain):  # "And copies to: …" is a heading and its value
        return None
    # The article before the first official ("an den Innenminister") is the heading's, read with it.
    article = _ARTICLE.match(match["rest"])
    lead = len(match["lead"]) + (len(article.group(0)) if article else 0)
    return lead + skipped, Section.COPIES if match.re is _PROSE_COPIES_FIRST else Section.TARGETS


# A full stop, then the capital of the next sentence; and the abbreviations before a name whose dot ends none:
# "M.", "S.E.", "Mme.", "Dr.", "Av.".
_FULL_STOP = re.compile(r"[.!?]\s+(?=[^\W\d_])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:(?:[^\W\d_]{1,3}\.)+[^\W\d_]{0,3}|[^\W\d_]{1,2}|[^\W\d_][^\W\d_A-Z]{2})$")


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence that runs on at `start` ends: at a full stop outside parentheses, before a capital,
    not after an abbreviation ("S.E. M. Patrick …"); the end of the text when it has no other."""
    for stop in _FULL_STOP.finditer(text, start):
        before = text[:stop.start()]
        if (before.count("(") <= before.count(")") and text[stop.end()].isupper()
                and not (text[stop.start()] == "." and _ABBREVIATION.search(before))):
            return stop.start() + 1
    return len(text)


def _after_officials(text: str, number: int) -> list[Part]:
    """What follows the officials on their lines: the demands the next sentence asks for, one line each, and
    text that belongs to nothing known."""
    end = _sentence_end(text, 0)
    asked = asked_demands(text[:end]) if text else None
    parts = []
    if asked is not None:
        intro, joins, demands = asked
        # The heading is recognised as read: the words that ask, then the small words that joined the demands.
        heading = " … ".join([intro, *joins])
        parts.append(Part(Section.DEMANDS, heading, [Line(demand, True, number) for demand in demands], number))
        text = text[end:].strip()
    if text:
        parts.append(Part(Section.NOTES, lines=[Line(text, True, number)]))
    return parts


# Where a paragraph that asks for the demands may stand: below the officials, or where the sheet goes on after them.
_NEAR_OFFICIALS = (Section.PREAMBLE, Section.NOTES, Section.TARGETS, Section.COPIES)
# How many words such a paragraph's opening may have, up to its first demand: "Dans votre lettre, demandez-lui de".
_MAX_ASK_WORDS = 7


def _asking_paragraph(lines: list[Line], parts: list[Part]) -> tuple[Part, int] | None:
    """A paragraph of one sentence after the officials that asks for two demands or more ("Demandez-lui de
    libérer …, de …"): its demands, and how many lines it took; None for any other paragraph."""
    if not any(part.section in (Section.TARGETS, Section.COPIES) for part in parts):
        return None
    paragraph = lines[:1] + list(takewhile(lambda line: not line.blank_before, lines[1:]))
    text = " ".join(line.text for line in paragraph)
    asked = asked_demands(text) if text[-1:] in ".!" and _sentence_end(text, 0) == len(text) else None
    if asked is None or not asked[1] or len(asked[0].split()) > _MAX_ASK_WORDS:
        return None
    part = _after_officials(text, paragraph[0].number)[0]
    part.heading_line = paragraph[0].number
    return part, len(paragraph)


# Each sheet language's words that ask for every demand in one sentence, and the word that starts each next one.
_SENTENCE_ASKS = [(re.compile(r"(?<!\w)(?:" + "|".join(row.sheet_words.sentence_asks) + ")", re.I),
                   re.compile(r",\s+(?:" + "|".join(row.sheet_words.sentence_ask_joins) + ")", re.I))
                  for row in sheet_languages() if row.sheet_words.sentence_asks]
# The clause of a prose instruction that goes on from the officials to ask for the demands: "…, email: …,
# urging him to release …".
_ASKING_CLAUSE = re.compile(r",\s+(?=(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.sentence_asks) + "))", re.I)
# A demand has three words at least: a shorter piece is a comma inside one.
_MIN_DEMAND_WORDS = 3


def asked_demands(text: str) -> tuple[str, list[str], list[str]] | None:
    """'Dans votre lettre, demandez-lui de révéler …, de les libérer … et de veiller à …' → the words that ask
    ('Dans votre lettre, demandez-lui de'), the small words that join the next demands (', de', ', et de') and
    the demands, cut where such a word follows a comma; None when the sentence asks for nothing so."""
    if len(text) > MAX_SENTENCE:
        return None
    for ask, join in _SENTENCE_ASKS:
        if found := ask.search(text):
            body = text[found.end():].strip().rstrip(".!")
            joins = [match.group(0).strip(" ,") for match in join.finditer(body)]
            pieces = [piece.strip() for piece in join.split(body)]
            if any(len(piece.split()) < _MIN_DEMAND_WORDS for piece in pieces):
                joins, pieces = [], [body]
            return text[:found.end()].strip(), joins, pieces
    return None


# How many lines a sentence that names officials may wrap over.
_MAX_PROSE_LINES = 6


def _sentence_lines(lines: list[Line]) -> list[Line]:
    """The first line and those of its paragraph that carry its sentence on, up to the line that ends it (a
    line ending in a full stop or a colon, outside parentheses: "(fax : … ; courriel :" goes on)."""
    taken = lines[:1]
    for line in lines[1:_MAX_PROSE_LINES]:
        text = " ".join(line.text for line in taken)
        ended = text[-1:] in ".:!?" and text.count("(") <= text.count(")")
        if ended or line.blank_before or BULLET.match(line.text):
            break
        taken.append(line)
    return taken


def _line_numbers(lines: list[Line], offset: int):
    """Where a character of the lines joined by spaces stands in the sheet: the number of its line, for a
    position counted from `offset` in the joined text."""
    starts, position = [], 0
    for line in lines:
        starts.append((position, line.number))
        position += len(line.text) + 1
    return lambda at: max(number for start, number in starts if start <= offset + at)


def _clauses(text: str, start: int, numbers) -> list[Line]:
    """'l'ambassade de Guinée, Rue …, 1000 Bruxelles (courriel : … ; télécopie : …)' → one line per clause,
    the article dropped and the first letter raised, each line numbered as the line of the sheet it ends on
    (`numbers` gives it from the clause's position, `start` being where the text stands in the sentence)."""
    found = []
    for piece in re.finditer(r"[^,;()]+", text):
        clause = piece.group(0).strip()
        if not clause.strip(" ."):
            continue
        number = numbers(start + piece.start() + len(piece.group(0).rstrip()) - 1)
        if not found:
            clause = _ARTICLE.sub("", clause)
            clause = clause[:1].upper() + clause[1:]
        found.append(Line(clause.rstrip("."), False, number))
    return found


def _section_heading(line: Line, following: Line | None, current: Section) -> Part | None:
    text = key(line.text)
    for section, pattern in _SECTION_HEADINGS:
        # Only the start of a line is looked at: "Additional Information: <a long paragraph>" is a heading.
        match = pattern.match(text[:MAX_HEADING])
        value = match["value"] if match and "value" in pattern.groupindex else None
        if value:
            start = match.start("value")
            return Part(section, line.text[:start].strip(), [Line(line.text[start:].strip(), False, line.number)],
                        line.number)
        if match and len(text) <= MAX_HEADING:
            return Part(section, line.text, heading_line=line.number)
    if (current in (Section.TARGETS, Section.COPIES) and line.blank_before and _LETTER_SALUTATION.match(text)
            and (following is None or following.blank_before)):
        return Part(Section.LETTER, lines=[line], heading_line=line.number)
    if len(text) <= MAX_HEADING and _COPIES_TO_WHOM.match(text) and not DEMANDS_INTRO.search(text):
        return Part(Section.COPIES, line.text, heading_line=line.number)
    if current is not Section.LETTER and (section := _closing_heading(text)) is not None:
        return Part(section, line.text, heading_line=line.number)
    if len(text) > MAX_HEADING:
        return None
    # A follow-up's words alone on a line ("Complément d'information", "Further information") head the
    # background once the sheet's sections have begun; at the top they are the banner of a follow-up.
    if current not in (Section.PREAMBLE, Section.LETTER) and (banner := BANNER.match(text)) and banner["alone"]:
        return Part(Section.BACKGROUND, line.text, heading_line=line.number)
    # The instruction is a heading of its own unless it is read as a sentence that gives the deadline.
    if current is not Section.LETTER and _OFFICIALS_BELOW.match(text) and not _one_line_part(line, following, current):
        return Part(Section.TARGETS, line.text, heading_line=line.number)
    # Inside a model letter, "I urge you to:" belongs to the letter.
    if current is Section.LETTER:
        return None
    # Without its colon, an introduction is a line above a list item, not an item itself ("• demander …").
    # "Please write in English, French or your own language:" introduces the list below it.
    if wrapped := _wrapped_intro(line, following):
        return wrapped
    intro = DEMANDS_INTRO.search(text)
    above_list = following is not None and not BULLET.match(text) and BULLET.match(following.text)
    if (_WRITE_IMMEDIATELY.match(text) or intro and (intro["colon"] or above_list)
            or above_list and text.endswith(":") and WRITE_IN.search(text)):
        return Part(Section.DEMANDS, line.text, heading_line=line.number)
    # The demands may follow their introduction on its line: "Amnesty fordert: die Freilassung von …; …".
    head, colon, rest = line.text.partition(":")
    if rest.strip() and len(head) <= _MAX_INTRO and DEMANDS_INTRO.search(key(head) + colon):
        return Part(Section.DEMANDS, head + colon, [Line(rest.strip(), False, line.number)], line.number)
    return None


# The end of an introduction wrapped onto a line of its own: "to:", "the authorities to:", "que :".
_MAX_INTRO_END = 30


def _wrapped_intro(line: Line, following: Line | None) -> Part | None:
    """'Please write immediately in English or your own language urging the authorities' / 'to:': the demands'
    introduction wrapped over two lines, its short end and colon on the second."""
    if (following is None or following.blank_before or len(following.text) > _MAX_INTRO_END
            or not following.text.endswith(":") or BULLET.match(line.text)):
        return None
    text = f"{line.text} {following.text}"
    intro = DEMANDS_INTRO.search(key(text))
    if len(text) > MAX_HEADING or not (intro and intro["colon"] or _WRITE_IMMEDIATELY.match(key(text))):
        return None
    return Part(Section.DEMANDS, text, heading_line=line.number, heading_lines=2)


def _closing_heading(text: str) -> Section | None:
    """The officials' heading closing a paragraph of instructions: "Write a letter in your own words or use
    the sample below. Write to:" (the last sentence alone is the heading, its colon required)."""
    sentences = _SENTENCE_END.split(text)
    last = sentences[-1]
    if len(sentences) < 2 or not last.endswith(":") or len(last) > MAX_HEADING:
        return None
    for section, pattern in _SECTION_HEADINGS[:2]:
        match = pattern.match(last)
        if match and not (match["value"] or "").strip():
            return section
    return None


def one_line_heading(text: str) -> tuple[re.Pattern, re.Match] | None:
    """The banner, an instruction to readers, the header with the UA number, or a heading with its value."""
    if len(text) > MAX_HEADING:
        return None
    for pattern in (BANNER, *_BOILERPLATE, UA_HEADER, *ONE_LINE_HEADINGS, *SENTENCES):
        # "Please take action until April 13, 2023. Write in Spanish or English." is sentences, not a heading.
        if (match := pattern.match(text)) and not (pattern is DEADLINE and len(sentences(match["value"])) > 1):
            return pattern, match
    return None


def _one_line_part(line: Line, following: Line | None, current: Section) -> tuple[Part, Section | None] | None:
    """A one-line heading as a part of its own (with the next line when its value stands there), and the
    section after it: None to go on with the section it interrupted (a banner, a page's header line, a
    sentence that gives a value)."""
    if current not in (Section.TARGETS, Section.COPIES, Section.LETTER) and SALUTATION.match(key(line.text)):
        return Part(Section.LINE, lines=[line]), None
    found = one_line_heading(key(line.text))
    if found is None or found[0] in SENTENCES and sentence_values(key(line.text)) is None:
        return _wrapped_sentence(line, following, current)
    pattern, match = found
    # "Please send appeals before 14 July" / "2023.": a deadline sentence wrapped, not a heading with its value.
    if pattern is DEADLINE and wrapped_deadline(match) and (wrapped := _wrapped_sentence(line, following, current)):
        return wrapped
    if pattern in SENTENCES:
        # A model letter's sentences belong to the letter.
        if current is Section.LETTER:
            return None
        # "2. Send it to the officials listed below by July 15, 2025.", "Envía tus llamamientos antes del 2 de
        # mayo de 2025 a:": the deadline, then the officials.
        text = key(line.text)
        officials_next = _OFFICIALS_BELOW.match(text) or (
            _OFFICIALS_FOLLOW.search(text) and sentence_values(sentences(text)[-1]) is not None)
        return Part(Section.LINE, lines=[line, *_sentence_end_below(line, following)]), (
            Section.TARGETS if officials_next else None)
    if pattern not in ONE_LINE_HEADINGS:
        return Part(Section.LINE, lines=[line]), None
    value_below = not match["value"].strip() and following is not None and not _is_heading(following)
    value = following.text if value_below else match["value"]
    # "Please take action before it is too late" is a sentence, not a deadline.
    if pattern is DEADLINE and not any(char.isdigit() for char in value):
        return None
    # After "… BEFORE <date> TO:" the targets follow; after other headings, nothing known.
    after = Section.TARGETS if pattern is DEADLINE and match["to"] else Section.NOTES
    return Part(Section.LINE, lines=[line, following] if value_below else [line]), after


def _sentence_end_below(line: Line, following: Line | None) -> list[Line]:
    """'Escriban en español … Envíen sus llamamientos lo antes posible,' / 'antes del 17 de noviembre de 2025.',
    '… Schreib in gutem Belarussisch, Russisch, Englisch' / 'oder auf Deutsch. Bitte beachte: …': the next line,
    when the sentence the line leaves open ends on it, it ends a sentence too, and the two read together give a
    value the line alone does not (the date, another language)."""
    if (following is None or following.blank_before or line.text[-1:] in ".!?:" or _is_heading(following)
            or following.text[-1:] not in ".!?" or len(line.text) + len(following.text) > MAX_SENTENCE):
        return []
    alone, joined = sentence_values(key(line.text)), sentence_values(key(f"{line.text} {following.text}"))
    if alone is None or joined is None or (bool(joined.deadline) <= bool(alone.deadline)
                                           and len(joined.languages) <= len(alone.languages)):
        return []
    return [following]


def wrapped_deadline(match: re.Match) -> bool:
    """Whether a deadline heading's value on its own line holds no whole date ("Please send appeals before 14
    July"): then the next line may complete a sentence wrapped over the two."""
    return bool(match["value"].strip()) and not DATE.search(match["value"])


def _wrapped_sentence(line: Line, following: Line | None, current: Section) -> tuple[Part, None] | None:
    """A sentence that gives a value wrapped over two lines ("Please send appeals before 14 July" / "2023.",
    "ACTÚA LO ANTES POSIBLE, ANTES DEL:" / "23 de abril de 2024") as a part of both lines, when the first gives
    none alone (the second line's own sentences are read with it). The first line starts a sentence and the
    second ends one (or ends with the date), so that two lines out of the middle of a paragraph are not taken."""
    if (current is Section.LETTER or following is None or following.blank_before or _is_heading(following)
            or not line.text[:1].isupper() or line.text[-1] in ".!?;" or following.text[-1] not in ".!?0123456789"):
        return None
    joined = key(f"{line.text} {following.text}")
    if len(joined) > MAX_HEADING or not VALUE_SENTENCES.match(joined):
        return None
    values = sentence_values(joined)
    if values is None or values == sentence_values(key(following.text)):
        return None
    return Part(Section.LINE, lines=[line, following]), None


def _is_heading(line: Line) -> bool:
    text = key(line.text)
    return len(text) <= MAX_HEADING and any(
        pattern.match(text) for pattern in (*(p for _, p in _SECTION_HEADINGS), *ONE_LINE_HEADINGS, UA_HEADER))
