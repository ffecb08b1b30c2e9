"""Finding the sheet's headings and cutting it into parts: a section per heading, one-line headings alone.

A section heading ("Write to:", "And copy", "Additional Information:", "MODEL LETTER", the line that
introduces the demands) starts a part that runs to the next heading. A one-line heading carries its value
on its own line or the next ("PREFERRED LANGUAGE TO ADDRESS TARGET: English", the UA number's header
line) and is a part of its own. An official's envelope set below the instructions with no heading of its
own (an honorific and a name, then contact lines) starts the targets. The headings themselves are in
headings.py; instructions written as prose are read by prose.py.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from itertools import takewhile

from campaigns.importer.headings import (ASKS_TO_WRITE, BANNER, BOILERPLATE, CALL_TO_ACT, COPIES, COPIES_TO_WHOM,
                                         DEADLINE, DEMANDS_INTRO, LETTER_SALUTATION, MAX_INTRO, NUMBERED,
                                         OFFICIALS_BELOW, OFFICIALS_FOLLOW, ONE_LINE_HEADINGS, PEOPLE, SALUTATION,
                                         SECTION_HEADINGS, SECTION_WORDS, SENDER, SENTENCE_END, SENTENCES,
                                         WRITE_IMMEDIATELY, WRITE_IN, WRITE_TO, Part, Section)
from campaigns.importer.documents import is_page_footer
from campaigns.importer.letter import asks, is_closing, signature_lines
from campaigns.importer.names import ORGANISATION_WORDS, has_role
from campaigns.importer.contacts import is_contact
from campaigns.importer.envelopes import is_honorific_and_name, is_role_and_name, read_city_line
from campaigns.importer.officials import envelope_below_closing, interleaved, starts_envelope
from campaigns.importer.prose import (NEAR_OFFICIALS, asking_instruction, asking_paragraph, opens_with_ask,
                                     prose_lead, prose_officials)
from campaigns.importer.text import (BULLET, MAX_HEADING, MAX_SENTENCE, Line, has_word, is_capitals_line, key,
                                     normalise_text, paragraphs, without_bullet)
from campaigns.importer.values import (DATE, EMAIL, UA_HEADER, UA_MENTION, VALUE_SENTENCES, country_code,
                                       sentence_values, sentences, ua_number)
from letters.languages import sheet_languages


# Where an official's envelope may stand without a heading: among the instructions, after a one-line
# heading, below the demands.
_BEFORE_OFFICIALS = (Section.PREAMBLE, Section.NOTES, Section.DEMANDS)


# --- cutting the sheet ---------------------------------------------------------------------------


def split_into_parts(lines: list[Line]) -> list[Part]:
    """The lines split at headings. A one-line heading ("PREFERRED LANGUAGE …: …") is a part of its own."""
    parts = [Part(Section.PREAMBLE)]
    position = 0
    lines = list(lines)
    while position < len(lines):
        line = lines[position]
        if parts[-1].section is not Section.LETTER and (cut := _prose_after_sentences(line)):
            lines[position:position + 1] = cut
            line = cut[0]
        following = lines[position + 1] if position + 1 < len(lines) else None
        position += 1
        current = parts[-1].section
        if (current is not Section.LETTER or line.blank_before and _letter_closed(parts[-1])) and (
                prose := prose_officials(lines[position - 1:], _officials_above(parts)))[0]:
            # Below a model letter's closing ("Atentamente," / "[NOMBRE]"), a paragraph may name further officials
            # in prose ("Pueden dirigirse igualmente a la Ministra …, …, Managua, Nicaragua, …").
            found, taken = prose
            last = found[-1]
            if last.section in (Section.TARGETS, Section.COPIES) and len(last.lines) == 1 and len(found) > 1 and (
                    last.lines[0].text.endswith(":")):
                # "…, E-Mail: … (Anrede: …) sowie an die Botschaft in Wien:": a further official named only by what
                # it is, before a colon, heads the envelope below, of the same section.
                last.heading, last.lines = f"{last.heading} {last.lines[0].text}", []
            # A heading of demands with none of its own ("…, en lui demandant de :") heads the lines below it, and
            # so does such a further official. The letter is over once officials were named below its closing.
            after = Section.NOTES if current is Section.LETTER else current
            parts += found if last.section is not Section.NOTES and not last.lines else [*found, Part(after)]
            position += taken - 1
        elif current in (Section.TARGETS, Section.COPIES) and SENDER.match(line.text) and (
                line.blank_before or _banner_above(parts[-1].lines)):
            # The section's letterhead or footer after the officials: they are over. A banner in capitals right
            # above it ("PLEASE WRITE IMMEDIATELY" / "Amnesty International, Sektion …") is the footer's too.
            banner = _banner_above(parts[-1].lines) if not line.blank_before else []
            parts[-1].lines = parts[-1].lines[:len(parts[-1].lines) - len(banner)]
            parts.append(Part(Section.NOTES, lines=[*banner, line]))
        elif current is not Section.LETTER and (listed := _list_after_comma(lines[position - 1:])) is not None:
            parts += [listed, Part(current)]
            position += len(listed.lines)
        elif (current is Section.PREAMBLE and (parts[-1].lines or len(parts) > 1)
              and (letter := _letter_without_heading(lines[position - 1:]))):
            # The letter ends at its closing and signature: what follows is read as before it. The envelope set
            # right above its salutation is the letter's addressee (read as a target with the letter).
            above = _envelope_above(parts[-1].lines)
            addressee, parts[-1].lines = parts[-1].lines[len(parts[-1].lines) - above:], parts[-1].lines[:len(
                parts[-1].lines) - above]
            parts += [Part(Section.LETTER, lines=[*addressee, *lines[position - 1:position - 1 + letter]],
                           heading_line=line.number), Part(current)]
            position += letter - 1
        elif current in (Section.TARGETS, Section.COPIES) and line.blank_before and _opens_letter(line, following):
            # "Dear Honourable Minister," / "I am deeply alarmed by …": below the officials, a model letter with no
            # heading of its own starts at its salutation.
            parts.append(Part(Section.LETTER, lines=[line], heading_line=line.number))
        elif (current not in (Section.LETTER, Section.TARGETS, Section.COPIES, Section.DEMANDS)
              and (line.blank_before or not parts[-1].lines)
              and (asking := asking_instruction(lines[position - 1:])) is not None):
            parts += [asking[0], Part(current)]
            position += asking[1] - 1
        elif current is Section.DEMANDS and _item_goes_on(parts[-1].lines, line):
            parts[-1].lines.append(line)
        elif (started := _section_heading(line, following, current, lines[position:],
                                          closed=current is Section.LETTER and _letter_closed(parts[-1]))) is not None:
            _take_heading_start(parts[-1], started, line)
            parts.append(started)
            position += started.heading_lines - 1
        elif (heading := _one_line_part(line, following, current, lines[position:],
                                        closed=current is Section.LETTER and _letter_closed(parts[-1]))) is not None:
            part, after = heading
            parts += [part, Part(after or current)]
            position += len(part.lines) - 1
        elif ((line.blank_before and current in _BEFORE_OFFICIALS and starts_envelope(lines[position - 1:]))
              or ((line.blank_before or _right_below_closing(parts[-1].lines))
                  and current in (Section.LETTER, Section.DEMANDS) and _letter_closed(parts[-1])
                  and envelope_below_closing(lines[position - 1:]))
              or _after_one_line_part(parts) and current in _BEFORE_OFFICIALS
              and _may_head_envelope(lines[position - 1:position + 3])
              and starts_envelope(lines[position - 1:position - 1 + _MOST_ENVELOPE_LINES])):
            # An official's envelope set below the instructions, or below a model letter's closing ("Yours
            # sincerely,"), with no "Write to:" of its own. A page pasted with no blank line has its envelope
            # right below a sentence read on its own ("Letters may be written in …"): that sentence sets it apart.
            parts.append(Part(Section.TARGETS, lines=[line], heading_line=line.number))
            _take_step_heading(parts[-2], parts[-1])
        elif (current in NEAR_OFFICIALS and (line.blank_before or _right_after_officials(parts))
              and (asking := asking_paragraph(lines[position - 1:], parts))):
            parts += [asking[0], Part(current)]
            position += asking[1] - 1
        else:
            parts[-1].lines.append(line)
    return _copies_named_before(_columns_under_stacked_headings(parts))


# How many lines two columns interleaved under their stacked headings have at least: a line of each, twice.
_MIN_INTERLEAVED = 4


def _columns_under_stacked_headings(parts: list[Part]) -> list[Part]:
    """'WRITE TO:' / 'AND COPY:' / 'Prosecutor General' / 'Ambassador …' / 'Mr. …' / 'Permanent Mission …' / …: two
    officials' headings one right under the other, nothing under the first, then a paragraph straight below them,
    are a PDF's two columns taken line by line, headings and all. The paragraph's lines are shared out between the
    two headings, one line each in turn (see interleaved), when each share names a person at its head."""
    officials = (Section.TARGETS, Section.COPIES)
    for first, second in zip(parts, parts[1:], strict=False):
        paragraph = list(takewhile(lambda line: not line.blank_before, second.lines))
        if not (first.section in officials and second.section in officials and not first.lines
                and second.heading_line == first.heading_line + first.heading_lines
                and len(paragraph) >= _MIN_INTERLEAVED and paragraph[0].number == second.heading_line + 1):
            continue
        left, right = interleaved(paragraph)
        if not all(any(is_honorific_and_name(line.text) or is_role_and_name(line.text) for line in column[:2])
                   for column in (left, right)):
            continue  # each column names its official at its head, or the lines are not shared out so
        first.lines = [replace(left[0], blank_before=True), *left[1:]]
        second.lines = [replace(right[0], blank_before=True), *right[1:], *second.lines[len(paragraph):]]
    return parts


# How many lines a demand wrapped in its list item runs over at most.
_MAX_ITEM_LINES = 4


def _item_goes_on(lines: list[Line], line: Line) -> bool:
    """'- eine … Untersuchung der Foltervorwürfe von …' / 'verlangen und fordern, die Verantwortlichen … zu ziehen;':
    a line in small letters right below a list item whose sentence is still open carries the item on, though its
    words would introduce demands; it ends in no colon."""
    if line.blank_before or not line.text[:1].islower() or BULLET.match(line.text) or line.text.rstrip()[-1:] == ":":
        return False
    item = next((at for at in range(len(lines) - 1, max(len(lines) - _MAX_ITEM_LINES, 0) - 1, -1)
                 if BULLET.match(lines[at].text)), None)
    return item is not None and not any(
        other.blank_before and at or other.text.rstrip()[-1:] in ".;:!?" for at, other in enumerate(lines[item:]))


# How many lines with no blank one between them are read to tell an envelope below a one-line part: two envelopes
# interleaved line by line and their contacts, never the whole of a page pasted with no blank line.
_MOST_ENVELOPE_LINES = 40


def _may_head_envelope(lines: list[Line]) -> bool:
    """Whether a role, or an honorific or a rank and a name, stands on one of the lines, where the head of an envelope
    (or of the first of two interleaved line by line) would stand: a quick look before reading them as an envelope."""
    return any(has_role(line.text) or is_honorific_and_name(line.text) or is_role_and_name(line.text)
               for line in lines)


def _after_one_line_part(parts: list[Part]) -> bool:
    """Whether the line comes right after a one-line part (a value sentence, a label and its value), with nothing
    read since: it starts a paragraph of its own as surely as after a blank line."""
    return len(parts) > 1 and not parts[-1].lines and parts[-2].section is Section.LINE


def _letter_closed(part: Part) -> bool:
    """Whether a model letter has come to its closing line ("Yours sincerely,"): an envelope below it is not the
    letter's own."""
    return any(is_closing(line.text) for line in part.lines)


def _right_below_closing(lines: list[Line]) -> bool:
    """Whether the lines end in a letter's closing line and the signature under it ("Yours sincerely," / "[Your
    name]"): the letter is over, and the next line starts a paragraph of its own, as a PDF's text sets its next
    paragraph with no blank line."""
    closing = next((at for at in range(len(lines) - 1, -1, -1) if is_closing(lines[at].text)), None)
    return closing is not None and signature_lines(lines[closing + 1:]) == len(lines) - closing - 1


# How many lines a banner above the footer may have.
_MAX_BANNER_LINES = 2


def _banner_above(lines: list[Line]) -> list[Line]:
    """The paragraph the lines end with when it is a banner in capitals ("PLEASE WRITE IMMEDIATELY"): a line or two,
    no digit, no contact; or a rule that sets the footer apart ("-----"); nothing otherwise."""
    start = max((at for at, line in enumerate(lines) if line.blank_before), default=0)
    paragraph = lines[start:]
    if len(paragraph) == 1 and paragraph[0].blank_before and _is_rule(paragraph[0].text):
        return paragraph
    if (not paragraph or len(paragraph) > _MAX_BANNER_LINES or not paragraph[0].blank_before
            or not all(is_capitals_line(line.text) and not any(char.isdigit() for char in line.text)
                       and not is_contact(line.text) for line in paragraph)):
        return []
    return paragraph


def _is_rule(text: str) -> bool:
    """A line drawn to set paragraphs apart ("-----", "* * *"): no letter or digit in it."""
    return not any(char.isalnum() for char in text)


def _officials_above(parts: list[Part]) -> Section | None:
    """The section of the officials that a prose instruction named right above the line, in its paragraph or the
    one before, with nothing read since ("… Formule d'appel : Monsieur le Ministre," / "ainsi qu'au procureur …");
    None when other lines stand between."""
    return parts[-2].section if _right_after_officials(parts) else None


def _right_after_officials(parts: list[Part]) -> bool:
    """Whether the officials were read up to the line before, as a sheet pasted one paragraph to a line has its
    next sentence on the next line, with no blank line between."""
    return len(parts) > 1 and not parts[-1].lines and parts[-2].section in (Section.TARGETS, Section.COPIES)


# How far below its salutation a model letter's closing line may stand.
_LETTER_LINES = 60


def _letter_without_heading(lines: list[Line]) -> int:
    """'Señora Fiscal de la Nación:' alone in its paragraph below the summary, then paragraphs that ask something
    of the official ("Le pido que:") and a closing line ("Atentamente,"), with no heading, contact or envelope
    between: a model letter with no heading of its own starts at its salutation and ends at its closing and the
    signature under it. How many lines it runs over; 0 for any other lines."""
    following = lines[1] if len(lines) > 1 else None
    if not (lines[0].blank_before and following is not None and following.blank_before
            and LETTER_SALUTATION.match(key(lines[0].text))):
        return 0
    asked = False
    for position, line in enumerate(lines[1:_LETTER_LINES], start=1):
        text = key(line.text)
        if is_closing(line.text):
            return position + 1 + signature_lines(lines[position + 1:]) if asked else 0
        if (any(pattern.match(text[:MAX_HEADING]) for _, pattern in SECTION_HEADINGS) or is_contact(text)
                or line.blank_before and starts_envelope(lines[position:])):
            return 0
        asked = asked or asks(line.text)
    return 0


# How many words the line right below a letter's salutation has at least, to be the letter's prose.
_MIN_LETTER_WORDS = 6


def _opens_letter(line: Line, following: Line | None) -> bool:
    """'Dear Honourable Minister,' then, in the same paragraph, a line of prose ('I am deeply alarmed by …'): a
    letter's salutation (ending in its comma or colon) and its first words, never an official's envelope, whose
    lines below a salutation are contacts, names and addresses."""
    return (following is not None and not following.blank_before and bool(LETTER_SALUTATION.match(key(line.text)))
            and len(following.text.split()) >= _MIN_LETTER_WORDS and not is_contact(following.text)
            and not any(char.isdigit() for char in following.text)
            and not is_honorific_and_name(following.text) and not is_role_and_name(following.text))


def _envelope_above(lines: list[Line]) -> int:
    """How many of the last lines are an envelope in a paragraph of its own (a rule of dashes above it may open
    the paragraph): an honorific and a name, or a role and a name, on one of its first two lines, its country or
    its city line on its last ("Excmo. Sr. D. Teodoro …" / "Presidente de la República" / … / "Malabo" / "Guinea
    Ecuatorial"); 0 for any other."""
    start = max((at for at, line in enumerate(lines) if line.blank_before), default=0)
    paragraph = lines[start:]
    rule = 1 if paragraph and _is_rule(paragraph[0].text) else 0
    envelope = paragraph[rule:]
    if not (_MIN_ADDRESSEE <= len(envelope) <= _MAX_ADDRESSEE) or not (rule or envelope[0].blank_before):
        return 0
    named = any(is_honorific_and_name(line.text) or is_role_and_name(line.text) for line in envelope[:2])
    if not named or not (country_code(envelope[-1].text) or read_city_line(envelope[-1].text)):
        return 0
    return len(envelope)


def _prose_after_sentences(line: Line) -> list[Line] | None:
    """'Schreib bis … einen Brief an …. Du kannst … auf Persisch oder Deutsch schreiben. Sende eine Kopie deines
    Schreibens an die Botschaft …, Jaurèsgasse 9, 1030 Wien, E-Mail: ….': a paragraph on one line whose later
    sentence names an official in prose is cut before that sentence, the sentences before it a line of their own
    (read for the values they give); None for any other line."""
    if len(line.text) > MAX_SENTENCE or not (EMAIL.search(line.text) or any(char.isdigit() for char in line.text)):
        return None
    found = sentences(line.text)
    for at in range(1, len(found)):
        rest = " ".join(found[at:])
        if prose_lead(key(rest)) and prose_officials([Line(rest, False, line.number)])[0]:
            return [replace(line, text=" ".join(found[:at])), Line(rest, False, line.number)]
    return None


# How many lines an envelope above a letter's salutation has: a name and a country at least.
_MIN_ADDRESSEE, _MAX_ADDRESSEE = 3, 9


# How many lines open a sheet: its page header (the banner, the headline, the UA number) is among them.
_OPENING_LINES = 6


def leave_out_page_breaks(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The lines without the page breaks of text pasted from a PDF, and the lines left out: each page's footer
    ("… | UA 19/25 | PAGE 1 OF 2") and the page header printed again under it (lines that open the sheet: the
    banner, the headline). A sentence cut by the break goes on across it: the line after the break joins the
    paragraph before when that paragraph ends no sentence and the line starts with a small letter; else it starts
    a paragraph."""
    opening = {key(line.text).casefold() for line in lines[:_OPENING_LINES]}
    numbers = {ua_number(found) for line in lines[:_OPENING_LINES] for found in UA_MENTION.finditer(line.text)}
    kept: list[Line] = []
    left_out: list[Line] = []
    position = 0
    while position < len(lines):
        line = lines[position]
        if not kept or not (is_page_footer(line.text) or _page_number_above_header(lines, position, opening)):
            kept.append(line)
            position += 1
            continue
        after = position + 1
        while after < len(lines) and (key(lines[after].text).casefold() in opening
                                      or _running_header(lines[after].text, numbers)):
            after += 1
        if len(kept) > 1 and SENDER.match(kept[-1].text) and not line.blank_before:
            # "Amnesty International USA | 311 West 43rd Street, … | …" / "Page 1 of 2": the section's letterhead
            # right above the page's number is the footer's first line.
            left_out.append(kept.pop())
        left_out += lines[position:after]
        if after < len(lines):
            following = lines[after]
            goes_on = kept[-1].text[-1:] not in ".!?:;" and following.text[:1].islower()
            kept.append(replace(following, blank_before=not goes_on))
            after += 1
        position = after
    return kept, left_out


# How long a page's running header is at most.
_RUNNING_HEADER = 80


def _running_header(text: str, numbers: set[str]) -> bool:
    """'Urgent Action UA 52/25 – Uganda' right below a page's footer: a short line that names the sheet's UA number
    (as its opening gives it) and ends no sentence is the header printed on each further page."""
    return (len(text) <= _RUNNING_HEADER and text.rstrip()[-1:] not in ".!?:"
            and any(ua_number(found) in numbers for found in UA_MENTION.finditer(text)))


# How many digits a page's number has at most.
_PAGE_NUMBER_DIGITS = 2


def _page_number_above_header(lines: list[Line], position: int, opening: set[str]) -> bool:
    """'1' / 'AMNESTY INTERNATIONAL USA': a line of nothing but a page's number, right above a line that opens the
    sheet (the page header printed again on the next page), is the page's footer."""
    text = lines[position].text.strip()
    return (text.isdigit() and len(text) <= _PAGE_NUMBER_DIGITS and position + 1 < len(lines)
            and key(lines[position + 1].text).casefold() in opening)


# "2. Send a copy of your message to the Ambassador of Nicaragua in the United States.": a step of the
# instructions that says which of the officials listed further down gets a copy, by the role it names.
_COPY_STEP = re.compile(rf"{NUMBERED}(?:{SECTION_WORDS['copies_to']})\s+(?:the\s+|{SECTION_WORDS['articles']})?"
                        r"(?P<role>[^\W\d_]+)\b[^:]*[.!]$", re.I)


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
# How far past where the right column starts a long line of the left column may run, pushing the right
# column's text on that line further right ("Supreme Court House, 1 Abdel Khalek St.   14 Salah Salem Road").
_COLUMN_OVERRUN = 12


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
            if column is None and len(paragraph) > 1 and not _COLUMN_GAP.search(spaced[line.number - 1]):
                # A heading over the columns, on the paragraph's first line ("PLEASE SEND APPEALS … TO:"), may
                # run across where the right column starts: the columns are the lines below it.
                column = _columns_side_by_side([spaced[each.number - 1] for each in paragraph[1:]])
                if column is not None:
                    unfolded.append(line)
                    index, paragraph = index + 1, paragraph[1:]
        if column is None and not _COLUMN_GAP.search(spaced[line.number - 1]):
            # Columns that start inside a paragraph, with no blank line around them, as a PDF's text may set
            # two envelopes between the instructions and the letter: the run of lines parted at one place.
            run = _column_run(lines[index + 1:], spaced)
            if run:
                unfolded.append(line)
                paragraph, column = run
                # The columns stand apart from the line above them, as after a blank line: an envelope opens them,
                # and a closing line above them ("Yours sincerely,") ends what they are not part of.
                paragraph = [replace(paragraph[0], blank_before=True), *paragraph[1:]]
                index += 1
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
    # A line a column leaves empty, between lines of its own, parts two of its paragraphs ("tweet them:" / "" /
    # "Commissioner of Police …" beside an envelope running on in the other column).
    gap = [False, False]
    for each in paragraph:
        cut = None if rest else _cut_at(spaced[each.number - 1], column)
        if cut is not None and (left or right) and not cut[1] and _heads_section(cut[0]):
            cut = None  # a section's heading below the columns: the columns are over
        if cut is None:
            rest.append(each)
            continue
        if cut[0]:
            left.append(Line(cut[0], not left and paragraph[0].blank_before or bool(left) and gap[0], each.number))
        if cut[1]:
            right.append(Line(cut[1], not right or gap[1], each.number))
        gap = [not cut[0], not cut[1]]
    return left + right + [Line(each.text, True, each.number) if at == 0 else each for at, each in enumerate(rest)]


# How many lines of a paragraph must be parted by the same gap for it to be two columns, and how far in from
# the left the right column starts at least (a label and its value lined up are no columns).
_MIN_COLUMN_LINES = 3
_MIN_COLUMN_START = 20


def _column_run(lines: list[Line], spaced: list[str]) -> tuple[list[Line], int] | None:
    """The lines that open `lines` (within their paragraph) when they are two columns set side by side: three
    lines at least parted by one gap at the same place, and the lines after them that still cut cleanly there
    (one column running on alone, its text on either side). None when they do not open with such a run."""
    paragraph = lines[:1] + list(takewhile(lambda following: not following.blank_before, lines[1:]))
    if not paragraph or paragraph[0].blank_before:
        return None
    gaps = list(_COLUMN_GAP.finditer(spaced[paragraph[0].number - 1]))
    if len(gaps) != 1 or gaps[0].end() < _MIN_COLUMN_START:
        return None
    column = gaps[0].end()
    run: list[Line] = []
    ended = [False, False]  # a column that has had a line with nothing in it is over
    for each in paragraph:
        text = spaced[each.number - 1]
        cut = None if len(text) > MAX_HEADING else _cut_at(text, column)
        if cut is None or any(half and over for half, over in zip(cut, ended, strict=True)) or (
                run and not cut[1] and _heads_section(cut[0])):
            # A section's heading right below the columns ("ADDITIONAL INFORMATION") is no line of the left one.
            break
        ended = [over or not half for half, over in zip(cut, ended, strict=True)]
        run.append(each)
    parted = [each for each in run if _COLUMN_GAP.search(spaced[each.number - 1])]
    if len(parted) < _MIN_COLUMN_LINES or _columns_side_by_side([spaced[each.number - 1] for each in parted]) is None:
        return None
    return run, column


def _heads_section(text: str) -> bool:
    """A section's heading, or a one-line heading with its value ("PREFERRED LANGUAGE …: Arabic")."""
    text = key(text)
    return any(pattern.match(text) for _, pattern in SECTION_HEADINGS) or any(
        pattern.match(text) for pattern in ONE_LINE_HEADINGS)


def _columns_side_by_side(spaced: list[str]) -> int | None:
    """Where the right column starts in a paragraph of two columns set side by side: most of its lines (three
    at least) have one gap, ending at the same place, and every line is cut cleanly there (or at its one gap
    when that gap spans the place, or the left column's text runs a little past it)."""
    if len(spaced) < _MIN_COLUMN_LINES or any(len(text) > MAX_HEADING for text in spaced):
        return None
    ends = [gaps[0].end() for text in spaced if len(gaps := list(_COLUMN_GAP.finditer(text))) == 1]
    least = max(_MIN_COLUMN_LINES, len(spaced) // 2 + 1)
    if len(ends) < least:
        return None
    column = Counter(ends).most_common(1)[0][0]
    if column < _MIN_COLUMN_START or sum(abs(end - column) <= _COLUMN_SLACK for end in ends) < least:
        return None
    return column if all(_cut_at(text, column) is not None for text in spaced) else None


def _headings_side_by_side(spaced: str) -> int | None:
    """Where the right column starts on a line of two officials' headings ("WRITE TO:   SEND A COPY TO:")."""
    gaps = list(_COLUMN_GAP.finditer(spaced))
    if len(gaps) != 1 or len(spaced) > MAX_HEADING:
        return None
    halves = key(spaced[:gaps[0].start()]), key(spaced[gaps[0].end():])
    for half in halves:
        match = WRITE_TO.match(half) or COPIES.match(half)
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
    gaps = list(_COLUMN_GAP.finditer(spaced))
    for gap in gaps:
        if abs(gap.end() - column) <= _COLUMN_SLACK:
            return normalise_text(spaced[:gap.start()]), normalise_text(spaced[gap.end():])
    # The line's one gap spans where the right column starts (its text set further right), or starts a little
    # past it (the left column's text ran on into the room of the right one).
    if len(gaps) == 1 and gaps[0].start() <= column + _COLUMN_OVERRUN and gaps[0].end() > column:
        return normalise_text(spaced[:gaps[0].start()]), normalise_text(spaced[gaps[0].end():])
    # "Email: ambassador@…example  Phnom Penh 120408, Cambodia": the left column's text filled its room, and only
    # two spaces are left before the right one, which starts where it does on the other lines.
    if not gaps and (narrow := _NARROW_GAP.search(spaced[column - _COLUMN_SLACK - 2:column + _COLUMN_SLACK])):
        start = column - _COLUMN_SLACK - 2 + narrow.start()
        return normalise_text(spaced[:start]), normalise_text(spaced[start + 2:])
    return None


# Two spaces between words, as the left column's text leaves when it fills its room.
_NARROW_GAP = re.compile(r"(?<=\S)  (?=\S)")


# A step of the instructions that asks to write and hands over to what follows: "1. Write a letter to the Minister
# of Public Security, using the sample letter below or your own words:", "Schreiben Sie an den Minister:".
_WRITE_STEP = re.compile(NUMBERED + "(?:" + "|".join(
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
    LUFTPOSTBRIEFE MIT FOLGENDEN FORDERUNGEN"): a capitals line of its own right above it is its start. So is a
    banner in capitals right above the model letter's heading ("PLEASE WRITE IMMEDIATELY" / "BRIEFVORSCHLAG"),
    never an official of the part before it."""
    if line.blank_before or not previous.lines:
        return
    if started.section is Section.LETTER:
        above = previous.lines[-1]
        if (above.blank_before and is_capitals_line(above.text) and is_capitals_line(line.text)
                and not any(char.isdigit() for char in above.text) and not is_contact(above.text)
                and not country_code(above.text)):
            previous.lines.pop()
            started.heading, started.heading_line = f"{above.text} {started.heading}", above.number
        return
    if started.section is not Section.DEMANDS:
        return
    if previous.section is Section.PREAMBLE and len(previous.lines) == 1:  # the title, not a heading
        return
    above = previous.lines[-1]
    if (is_capitals_line(above.text) and is_capitals_line(line.text) and above.text[-1:] not in ".:;!?"
            and (above.blank_before or len(previous.lines) == 1)):
        previous.lines.pop()
        started.heading, started.heading_line = f"{above.text} {started.heading}", above.number


def _section_heading(line: Line, following: Line | None, current: Section, below: list[Line] = (), *,
                     closed: bool = False) -> Part | None:
    text = key(line.text)
    for section, pattern in SECTION_HEADINGS:
        # Only the start of a line is looked at: "Additional Information: <a long paragraph>" is a heading.
        match = pattern.match(text[:MAX_HEADING])
        value = match["value"] if match and "value" in pattern.groupindex else None
        if value:
            start = match.start("value")
            return Part(section, line.text[:start].strip(), [Line(line.text[start:].strip(), False, line.number)],
                        line.number)
        if match and len(text) <= MAX_HEADING:
            return Part(section, line.text, heading_line=line.number)
    if (current in (Section.TARGETS, Section.COPIES) and line.blank_before and LETTER_SALUTATION.match(text)
            and (following is None or following.blank_before)):
        return Part(Section.LETTER, lines=[line], heading_line=line.number)
    if len(text) <= MAX_HEADING and COPIES_TO_WHOM.match(text) and not DEMANDS_INTRO.search(text):
        return Part(Section.COPIES, line.text, heading_line=line.number)
    if current is not Section.LETTER and (section := _closing_heading(text)) is not None:
        return Part(section, line.text, heading_line=line.number)
    if len(text) > MAX_HEADING:
        return None
    # A follow-up's words alone on a line ("Complément d'information", "Further information") head the
    # background once the sheet's sections have begun, below a model letter's closing too ("Atentamente," /
    # "INFORMACIÓN COMPLEMENTARIA"); at the top they are the banner of a follow-up.
    if ((current not in (Section.PREAMBLE, Section.LETTER) or closed) and (banner := BANNER.match(text))
            and banner["alone"]):
        return Part(Section.BACKGROUND, line.text, heading_line=line.number)
    # The instruction is a heading of its own unless it is read as a sentence that gives the deadline, or it ends
    # by introducing the demands listed under it ("Write a letter … to the officials listed, calling on them to:"):
    # then the officials come later, under their own heading.
    if (current is not Section.LETTER and OFFICIALS_BELOW.match(text) and not _one_line_part(line, following, current)
            and not _introduces_list(text, following)):
        return Part(Section.TARGETS, line.text, heading_line=line.number)
    # Inside a model letter, "I urge you to:" belongs to the letter.
    if current is Section.LETTER:
        return None
    # Without its colon, an introduction is a line above a list item, not an item itself ("• demander …").
    # "Please write in English, French or your own language:" introduces the list below it.
    if wrapped := _wrapped_intro(line, following, list(below[1:2])):
        return wrapped
    intro = DEMANDS_INTRO.search(text)
    above_list = following is not None and not BULLET.match(text) and BULLET.match(following.text)
    # "Schreiben Sie …, in denen Sie" / "- die Behörden auffordern, …": a request to write whose sentence the list
    # below it ends (not one wrapped before its date: "Bitte schreiben Sie bis zum" / "12. März 2027.").
    if (WRITE_IMMEDIATELY.match(text) or intro and (intro["colon"] or above_list or _heads_sentences(line, following))
            or above_list and text.endswith(":") and (WRITE_IN.search(text) or _asks_to_write_in(text))
            or above_list and ASKS_TO_WRITE.match(_after_label(text)) and text[-1:] not in ".!?;:"
            and not DATE.match(following.text)
            or above_list and text.endswith(":") and _items_ask(below)):
        return Part(Section.DEMANDS, line.text, heading_line=line.number)
    # The demands may follow their introduction on its line: "Amnesty fordert: die Freilassung von …; …".
    head, colon, rest = line.text.partition(":")
    if rest.strip() and len(head) <= MAX_INTRO and DEMANDS_INTRO.search(key(head) + colon):
        return Part(Section.DEMANDS, head + colon, [Line(rest.strip(), False, line.number)], line.number)
    return None


# A short label before a colon that opens a heading ("EMPFOHLENE AKTIONEN: SCHREIBEN SIE …", "What to do: write").
_LABEL = re.compile(r"^[^\W\d_][^\W\d]*(?:\s+[^\W\d]+){0,2}\s*:\s+(?=\S)")


def _after_label(text: str) -> str:
    """The heading without a short label before its colon: "RECOMMENDED ACTION: WRITE …" → "WRITE …"."""
    return text[label.end():] if (label := _LABEL.match(text)) else text


# How many words a heading set alone above its lines has at most ("Ihre Forderungen", "The following points").
_HEADING_WORDS = 5


def _items_ask(below: list[Line]) -> bool:
    """'… or the model letter below, and:' / '* call on the Minister to release …' / '* urge him to ensure …' / '* ask
    him to …': a list whose items, most of them, open with the words that ask for a demand ("urge him to") is the
    demands, whatever the line above it says."""
    items = [without_bullet(line.text)[0] for line in takewhile(lambda line: BULLET.match(line.text), below)]
    return len(items) >= 2 and 2 * sum(opens_with_ask(item) for item in items) > len(items)


def _asks_to_write_in(text: str) -> bool:
    """'ESCRIBAN INMEDIATAMENTE en árabe, francés o español, o en su propio idioma:': a request to write in the
    languages it names, in any sheet language, handing over (with its colon) to the list below it; not one that
    hands over to the officials ("Envía tus llamamientos antes del 2 de mayo a:") nor a sentence that ends before
    the colon ("Escribid … en español o en francés. Podéis usar esta carta modelo:"). A short label may stand before
    it ("ACTION RECOMMANDÉE : écrivez une lettre, en anglais ou dans votre propre langue, dans laquelle vous :")."""
    values = sentence_values(text)
    return (ASKS_TO_WRITE.match(_after_label(text)) is not None and values is not None and bool(values.languages)
            and not OFFICIALS_FOLLOW.search(text) and len(sentences(text)) == 1)


def _heads_sentences(line: Line, following: Line | None) -> bool:
    """'Ihre Forderungen' / 'Geben Sie … bekannt.': a heading of a few words alone after a blank line, with no
    colon or stop of its own, right above a line that ends a sentence: it heads the lines below it."""
    text = key(line.text)
    return (line.blank_before and len(text.split()) <= _HEADING_WORDS and text[-1:].isalnum()
            and following is not None and not following.blank_before and following.text[-1:] in ".!?")


def _introduces_list(text: str, following: Line | None) -> bool:
    """'…, calling on them to:' above '1. Release …': a line that ends by introducing the demands, with its colon,
    right above the first of them."""
    intro = DEMANDS_INTRO.search(text)
    return bool(intro and intro["colon"] and following is not None and BULLET.match(following.text))


# How many demands a list without bullets under an introduction that ends in a comma may have.
_MAX_LIST_LINES = 10


def _list_after_comma(lines: list[Line]) -> Part | None:
    """'Amnesty International fordert die Behörden auf,' / '… freizulassen;' / '… zu untersuchen;' / '…
    durchzusetzen.': an introduction of the demands ending in its comma, and the lines of its paragraph below it,
    no bullets, each a demand ending in a semicolon (or a comma) and the last in a full stop. The introduction is
    the heading, each line a demand of its own; None for any other lines."""
    intro = lines[0]
    text = key(intro.text)
    if len(text) > MAX_INTRO or not text.endswith(",") or not DEMANDS_INTRO.search(text.rstrip(",")):
        return None
    below = list(takewhile(lambda line: not line.blank_before, lines[1:_MAX_LIST_LINES + 2]))
    if (len(below) < 2 or len(below) > _MAX_LIST_LINES or any(BULLET.match(line.text) for line in below)
            or any(line.text[-1:] not in ";," for line in below[:-1]) or below[-1].text[-1:] != "."):
        return None
    return Part(Section.DEMANDS, intro.text, [Line(line.text, True, line.number) for line in below], intro.number)


# The end of an introduction wrapped onto a line of its own: "to:", "the authorities to:", "que :".
_MAX_INTRO_END = 30


def _wrapped_intro(line: Line, following: Line | None, after: list[Line]) -> Part | None:
    """'Please write immediately in English or your own language urging the authorities' / 'to:': the demands'
    introduction wrapped over two lines, its short end and colon on the second (or a longer end that carries
    its sentence on in small letters right above the list it introduces, the line `after` it a list item). A
    request to write wrapped before the words that hand over to the list ("BITTE SCHREIBEN SIE BIS ZUM … E-MAILS,
    FAXE ODER LUFTPOSTBRIEFE," / "IN DENEN SIE" / "- die Freilassung … fordern"), no colon, is one too."""
    if (following is not None and not following.blank_before and after and BULLET.match(after[0].text)
            and not BULLET.match(line.text) and not BULLET.match(following.text)
            and ASKS_TO_WRITE.match(_after_label(key(line.text))) and len(following.text) <= _MAX_INTRO_END
            and following.text[-1:] not in ".!?;" and len(line.text) + len(following.text) < MAX_HEADING):
        return Part(Section.DEMANDS, f"{line.text} {following.text}", heading_line=line.number, heading_lines=2)
    if (following is None or following.blank_before
            or len(following.text) > _MAX_INTRO_END and not (following.text[:1].islower() and after
                                                             and BULLET.match(after[0].text))
            or not following.text.endswith(":") or BULLET.match(line.text) or line.text[-1:] in ".!?"):
        return None
    text = f"{line.text} {following.text}"
    intro = DEMANDS_INTRO.search(key(text))
    if len(text) > MAX_HEADING or not (intro and intro["colon"] or WRITE_IMMEDIATELY.match(key(text))):
        return None
    return Part(Section.DEMANDS, text, heading_line=line.number, heading_lines=2)


def _closing_heading(text: str) -> Section | None:
    """The officials' heading closing a paragraph of instructions: "Write a letter in your own words or use
    the sample below. Write to:" (the last sentence alone is the heading, its colon required)."""
    sentences = SENTENCE_END.split(text)
    last = sentences[-1]
    if len(sentences) < 2 or not last.endswith(":") or len(last) > MAX_HEADING:
        return None
    for section, pattern in SECTION_HEADINGS[:2]:
        match = pattern.match(last)
        if match and not (match["value"] or "").strip():
            return section
    return None


# How long a paragraph of sentences to the readers on one line may be.
_MAX_VALUE_PARAGRAPH = 600


def one_line_heading(text: str) -> tuple[re.Pattern, re.Match] | None:
    """The banner, an instruction to readers, the header with the UA number, or a heading with its value. A
    longer line is a paragraph of sentences to the readers only when it opens by asking them to write ("Bitte
    schreiben Sie Ihre Appelle möglichst sofort. Schreiben Sie in gutem Russisch, … bis spätestens 3. Oktober
    2023. …", pasted as one line)."""
    if len(text) > MAX_HEADING:
        if len(text) <= _MAX_VALUE_PARAGRAPH and ASKS_TO_WRITE.match(text) and (match := VALUE_SENTENCES.match(text)):
            return VALUE_SENTENCES, match
        return None
    for pattern in (BANNER, *BOILERPLATE, UA_HEADER, *ONE_LINE_HEADINGS, *SENTENCES):
        # "Please take action until April 13, 2023. Write in Spanish or English." is sentences, not a heading.
        if (match := pattern.match(text)) and not (pattern is DEADLINE and len(sentences(match["value"])) > 1):
            return pattern, match
    return None


def _one_line_part(line: Line, following: Line | None, current: Section, below: list[Line] | None = None, *,
                   closed: bool = False) -> tuple[Part, Section | None] | None:
    """A one-line heading as a part of its own (with the next line when its value stands there, or the lines
    of its paragraph `below` it that end the sentence it leaves open), and the section after it: None to go on
    with the section it interrupted (a banner, a page's header line, a sentence that gives a value). `closed`:
    the model letter being read has come to its closing line."""
    if current not in (Section.TARGETS, Section.COPIES, Section.LETTER) and SALUTATION.match(key(line.text)):
        return Part(Section.LINE, lines=[line]), None
    found = one_line_heading(key(line.text))
    if found is None or found[0] in SENTENCES and sentence_values(key(line.text)) is None:
        return _wrapped_sentence(line, following, current, below or [])
    pattern, match = found
    # "Please send appeals before 14 July" / "2023.": a deadline sentence wrapped, not a heading with its value.
    if pattern is DEADLINE and wrapped_deadline(match) and (
            wrapped := _wrapped_sentence(line, following, current, below or [])):
        return wrapped
    if pattern in SENTENCES:
        # "2. Send it to the officials listed below by July 15, 2025.", "Envía tus llamamientos antes del 2 de
        # mayo de 2025 a:": the deadline, then the officials.
        # The sentence may hand over to them at the end of the lines that carry it on ("… Envía los llamamientos
        # antes del 3 de" / "febrero de 2027 a:").
        ending = _sentence_end_below(line, below or [])
        text = key(" ".join(other.text for other in [line, *ending]))
        officials_next = OFFICIALS_BELOW.match(text) or (
            OFFICIALS_FOLLOW.search(text) and sentence_values(sentences(text)[-1]) is not None)
        # A model letter's sentences belong to the letter; one that opens a paragraph and hands over to the
        # officials below it speaks to the sheet's readers, so the letter is over ("Atentamente," / "[Nombre]" /
        # "" / "Envíen sus llamamientos … antes del 16 de abril de 2026 a:"); so does one below the letter's closing
        # and signature with no blank line between, as text taken from a PDF runs on ("Yours sincerely," / "[Name]" /
        # "Contact these two officials by 17 June 2025:").
        if current is Section.LETTER and not (officials_next and (line.blank_before or closed)):
            return None
        # The lines that carry its last sentence on are the part's too, when they add a value, or, among officials
        # (where they would be read as one), when they start with a small letter ("… Check with the office if
        # sending" / "appeals after the deadline.").
        goes_on = _instruction_goes_on(line, below or []) if current in (Section.TARGETS, Section.COPIES) else []
        return Part(Section.LINE, lines=[line, *(ending or goes_on)]), (
            Section.TARGETS if officials_next else None)
    if pattern not in ONE_LINE_HEADINGS:
        # "ADDITIONAL INFORMATION" / … / "TAKE ACTION" / "1. Write a letter …": the call to act ends the background,
        # the instructions (and any envelope set below them without a heading) follow.
        return Part(Section.LINE, lines=[line, *_instruction_goes_on(line, below or [])]
                    if pattern in BOILERPLATE and pattern is not CALL_TO_ACT else [line]), (
            Section.NOTES if pattern is CALL_TO_ACT and current is Section.BACKGROUND else None)
    value_below = not match["value"].strip() and following is not None and not _is_heading(following)
    if pattern is PEOPLE and _people_wrapped(match["value"], following):
        # "Nombre y género gramatical preferido: Teresa … (femenino); José Alfredo Portillo" / "Ramos (masculino)".
        return Part(Section.LINE, lines=[line, following]), Section.NOTES
    value = following.text if value_below else match["value"]
    # "Please take action before it is too late" is a sentence, not a deadline.
    if pattern is DEADLINE and not any(char.isdigit() for char in value):
        return None
    # After "… BEFORE <date> TO:" the targets follow; after other headings, nothing known.
    after = Section.TARGETS if pattern is DEADLINE and match["to"] else Section.NOTES
    return Part(Section.LINE, lines=[line, following] if value_below else [line]), after


# How many words the end of a line of names wrapped onto the next line has at most: "Ramos (masculino)".
_MAX_PEOPLE_END = 6


def _people_wrapped(value: str, following: Line | None) -> bool:
    """'NAME AND PRONOUN: Ana … (she/her); Juan Carlos' / 'Pérez (he/him)': the names' line wrapped, its last name
    going on over the next line, which ends in that person's pronouns or gender in parentheses; the line ends
    without one."""
    return (bool(value.strip()) and following is not None and not following.blank_before
            and not value.rstrip().endswith(")") and ":" not in following.text
            and bool(re.fullmatch(r"[^\W\d_][^():]*\([^()]{1,30}\)\.?", following.text.strip()))
            and len(following.text.split()) <= _MAX_PEOPLE_END)


# How many lines below a sentence's first may carry it on to the line that ends it.
_MAX_WRAPPED_LINES = 3


def _instruction_goes_on(line: Line, below: list[Line]) -> list[Line]:
    """'Also send copies to diplomatic representatives accredited to your country. Please insert local' /
    'diplomatic addresses below:': the lines of the paragraph below an instruction to the sheet's readers that
    carry on the sentence it leaves open, each starting with a small letter, up to the one that ends it."""
    taken: list[Line] = []
    last = line
    for following in below[:_MAX_WRAPPED_LINES]:
        if (last.text[-1:] in ".!?:" or following.blank_before or not following.text[:1].islower()
                or _is_heading(following)):
            break
        taken.append(last := following)
    return taken


def _paragraph_to_sentence_end(below: list[Line]) -> list[Line]:
    """The lines below that go on in the same paragraph, up to the first that ends with a sentence (at most
    `_MAX_WRAPPED_LINES`; a heading or a bullet ends the paragraph)."""
    taken: list[Line] = []
    for following in below[:_MAX_WRAPPED_LINES]:
        if following.blank_before or _is_heading(following) or BULLET.match(following.text):
            break
        taken.append(following)
        if following.text[-1:] in ".!?":
            break
    return taken


def _sentence_end_below(line: Line, below: list[Line]) -> list[Line]:
    """'Escriban en español … Envíen sus llamamientos lo antes posible,' / 'antes del 17 de noviembre de 2025.',
    '… Schreiben Sie in gutem Ukrainisch, Englisch oder' / 'auf Deutsch. Da …, senden Sie bitte nach dem 31. März
    2026 keine' / 'Appelle mehr ab.': the next lines of the paragraph, up to the first that ends a sentence, when
    the sentence the line leaves open goes on over them and, read together, they give a value the line alone does
    not (the date, another language)."""
    taken = _paragraph_to_sentence_end(below)
    joined = " ".join(other.text for other in [line, *taken])
    # A colon ends it where it hands over to the officials below ("… antes del 3 de" / "febrero de 2027 a:").
    ended = taken and (taken[-1].text[-1:] in ".!?" or bool(OFFICIALS_FOLLOW.search(key(joined))))
    if line.text[-1:] in ".!?:" or not ended or len(joined) > MAX_SENTENCE:
        return []
    alone, together = sentence_values(key(line.text)), sentence_values(key(joined))
    if alone is None or together is None or (bool(together.deadline) <= bool(alone.deadline)
                                             and len(together.languages) <= len(alone.languages)):
        return []
    return taken


def wrapped_deadline(match: re.Match) -> bool:
    """Whether a deadline heading's value on its own line holds no whole date ("Please send appeals before 14
    July"): then the next line may complete a sentence wrapped over the two."""
    return bool(match["value"].strip()) and not DATE.search(match["value"])


def _wrapped_sentence(line: Line, following: Line | None, current: Section,
                      below: list[Line]) -> tuple[Part, None] | None:
    """A sentence that gives a value wrapped over two lines ("Please send appeals before 14 July" / "2023.",
    "ACTÚA LO ANTES POSIBLE, ANTES DEL:" / "23 de abril de 2024") as a part of both lines, when the first gives
    none alone (the second line's own sentences are read with it). The first line starts a sentence and the
    second ends one (or ends with the date), so that two lines out of the middle of a paragraph are not taken; a
    step's number may stand before the first ("2. Click here … Please take action before" / "January 22, 2027.").
    The lines below that carry the last sentence on to its end are the part's too, when they add a value ("… Da
    Appelle nach dem 20. Januar 2027" / "… nach diesem Datum" / "keine Appelle mehr zu verschicken."); so are they
    when the second line's sentence ends within it and the next one goes on ("… et en tout cas" / "jusqu'au 29
    janvier 2027. Après cette date, vérifiez …" / "avant d'envoyer un appel.")."""
    if (current is Section.LETTER or following is None or following.blank_before or _is_heading(following)
            or not without_bullet(line.text)[0][:1].isupper() or line.text[-1] in ".!?;"):
        return None
    if following.text[-1] not in ".!?0123456789":
        return _sentence_through_paragraph(line, below)
    joined = key(f"{line.text} {following.text}")
    if len(joined) > MAX_HEADING or not VALUE_SENTENCES.match(joined):
        return None
    values, alone = sentence_values(joined), sentence_values(key(following.text))
    # Read together they must give more than the second line alone: "ACTION RECOMMANDÉE" above "Envoyez un appel,
    # en portugais …, jusqu'au 14 janvier 2027." would only hide the languages from the verb that names them.
    if values is None or alone is not None and not (values.deadline and not alone.deadline
                                                    or set(values.languages) - set(alone.languages)):
        return None
    both = replace(line, text=f"{line.text} {following.text}")
    return Part(Section.LINE, lines=[line, following, *_sentence_end_below(both, below[1:])]), None


def _sentence_through_paragraph(line: Line, below: list[Line]) -> tuple[Part, None] | None:
    """The line and those below it in its paragraph up to the first that ends with a sentence, when the next line
    ends the sentence the line opens within it and, read together, they give the deadline the line alone does
    not."""
    taken = _paragraph_to_sentence_end(below)
    joined = key(" ".join(other.text for other in [line, *taken]))
    if (len(taken) < 2 or taken[-1].text[-1:] not in ".!?" or len(joined) > MAX_SENTENCE
            or not SENTENCE_END.search(taken[0].text) or not VALUE_SENTENCES.match(joined)):
        return None
    values, alone = sentence_values(joined), sentence_values(key(line.text))
    if values is None or not values.deadline or alone is not None and alone.deadline:
        return None
    return Part(Section.LINE, lines=[line, *taken]), None


def _is_heading(line: Line) -> bool:
    text = key(line.text)
    return len(text) <= MAX_HEADING and any(
        pattern.match(text) for pattern in (*(p for _, p in SECTION_HEADINGS), *ONE_LINE_HEADINGS, UA_HEADER))
