"""Reading a sheet part after part: each section's reader places its lines, then the parse is finished
(the UA number and country chosen, the person inferred, the model letter turned into a template)."""
from __future__ import annotations

import re
from collections import Counter
from itertools import takewhile

from flask_babel import gettext as _

from campaigns.importer.documents import is_web_furniture
from campaigns.importer.letter import (LIST_GOES_ON, LetterBlocks, demand_text, is_closing, is_salutation,
                                       letter_blocks, letter_body, letter_language, prose_demands, signature_lines)
from campaigns.importer.envelopes import read_city_line
from campaigns.importer.officials import is_to_readers, read_targets
from campaigns.importer.names import recased_headline
from campaigns.importer.people import (infer_people, is_case_header, pronouns_of_gender, read_case_header,
                                      read_name_line, read_people, spelled_as_written)
from campaigns.importer.result import ImportedCampaign, ImportedPerson, ImportedTarget, ImportedTemplate, as_note
from campaigns.importer.salutations import gives_salutations, salutations_by_role, salutations_by_title
from campaigns.importer.headings import (BANNER, DEADLINE, GENDER, LANGUAGES, ONE_LINE_HEADINGS, PEOPLE, PREVIOUS,
                                         SALUTATION, SENDER, SENTENCES, WRITE_IN, Part, Section)
from campaigns.importer.sections import (leave_out_page_breaks, one_line_heading, split_into_parts, unfold_columns,
                                        wrapped_deadline)
from campaigns.importer.text import (BULLET, MAX_HEADING, MAX_SENTENCE, Line, Span, column_length, is_capitals_line,
                                     key, list_items, paragraphs, sheet_lines, spaced_lines, span_of, unwrap, words,
                                     wrap_width)
from campaigns.importer.values import (DATE, EMAIL, INDEX, UA_HEADER, UA_MENTION, UA_NUMBER, UPDATES, URL, country_code,
                                       countries_named, is_dateline, ordinal_number, read_date, read_languages,
                                       sentence_values, sentences, sheet_count, sheet_label, ua_number,
                                       update_count, follow_up_sheet)
from letters.languages import sheet_languages
from models import Campaign


# The section that sends the sheet, named with its country: "Amnesty International Belgique francophone",
# "AMNESTY INTERNATIONAL IRELAND", "Amnistía Internacional España".
_SECTION_NAME = re.compile(r"\b(?:amnesty|amnist[ií]a)\s+interna(?:c|t)ional\s+(?P<first>[^\W\d_]+)"
                           r"(?:\s+(?P<second>[^\W\d_]+))?", re.I)


def _section_countries(text: str) -> Counter:
    """The countries of the sections the text names: the sender's country is not the case's."""
    found: Counter = Counter()
    for match in _SECTION_NAME.finditer(text):
        two_words = country_code(f"{match['first']} {match['second']}") if match["second"] else None
        if code := two_words or country_code(match["first"]):
            found[code] += 1
    return found


def parse_ua_text(text: str) -> ImportedCampaign:
    """Read a UA sheet. Pure: no database, no Flask; any text at all gives a result, never an exception."""
    return SheetReader(unfold_columns(sheet_lines(text), spaced_lines(text))).read()


# What sets the parts of a header line apart: "UA 91/26 – Index : … · Bénin".
_HEADER_SEPARATORS = " -–—|,;:·•"


class SheetReader:
    """Reads one sheet into an ImportedCampaign, part after part in the sheet's order; one instance per sheet."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.wrap_width = wrap_width(lines)
        self.line_positions: dict[int, int] | None = None  # where each line of the sheet stands in `lines`, by number
        self.result = ImportedCampaign()
        self.notes: list[str] = []
        self.header_numbers: list[str] = []
        self.other_numbers: list[str] = []
        self.header_countries: list[str] = []
        self.furniture_countries: list[str] = []
        self.furniture_source: Span | None = None
        # The concern the UA number's line gives after it ("UA 52/26   Fear of flogging"), the title when the sheet
        # has no headline of its own.
        self.header_concern: tuple[str, Span] | None = None
        self.title_country: str | None = None
        self.write_in_languages: list[str] = []
        self.gender: tuple[str, str, Span] | None = None   # (the line, the pronouns it means, where it stands)
        self.letter_salutation = ""
        # A salutation on a line of its own outside the officials ("Formule d'appel : …") and where it stands.
        self.sheet_salutation: tuple[str, Span] | None = None
        # Sentences among the demands that give each official's salutation, read once the officials are.
        self.salutation_sentences: list[tuple[str, Span]] = []
        self.letter_language = ""
        # Where each UA number, the header's countries, the title and the write-in languages were read.
        self.number_sources: dict[str, Span] = {}
        self.header_country_source: Span | None = None
        self.title_source: Span | None = None
        self.write_in_source: Span | None = None
        self.letter_source: Span | None = None
        # A banner or a line of its own that says the sheet is a follow-up ("URGENT ACTION UPDATE"), and
        # whether the header said which sheet of the case this is ("Segunda AU 60/16").
        self.follow_up_label = ""
        self.ordinal_given = False
        self.banner_ordinal = ""  # "SEGUNDA ACCIÓN URGENTE": the banner says which sheet of the case this is
        # The headline the header line gives between the UA number and the date, and where it stands.
        self.header_headline: tuple[str, Span] | None = None
        # The model letter as text paragraphs and lists of items; rendered at the end, when it is known
        # whether its list is the sheet's only list of demands (then it becomes {demands}).
        self.letter_blocks: LetterBlocks = []
        # The preamble's parts, held until it ends: the headline is chosen among all their lines.
        self.preamble: list[list[Line]] = []
        # The people a case header above the story names ("OMAR AL-ZOUBI (m), 46 Jahre alt"), and where.
        self.header_people: list[tuple[ImportedPerson, Span]] = []
        # Whether the demands read so far were a bulleted list, and whether the demands part being read has a
        # heading of its own (or goes on after a line that interrupted the list).
        self.bulleted_demands = False
        self.demands_heading = ""

    def read(self) -> ImportedCampaign:
        readers = {Section.PREAMBLE: self._read_preamble, Section.LINE: self._read_one_line,
                   Section.DEMANDS: self._read_demands, Section.LETTER: self._read_letter,
                   Section.TARGETS: lambda lines: read_targets(self.result, lines, self.result.targets),
                   Section.COPIES: lambda lines: read_targets(self.result, lines, self.result.copies),
                   Section.BACKGROUND: self._read_background, Section.NOTES: self._read_notes}
        lines, page_furniture = leave_out_page_breaks(self.lines)
        self.result.recognised += [line.text for line in page_furniture]
        # "AMNESTY INTERNATIONAL · URGENT ACTION · UA-152/2026 · ÄGYPTEN": the header printed on further pages may
        # name the case's country after its number, as the sheet's own header would.
        for line in page_furniture:
            if number := UA_MENTION.search(line.text):
                self.furniture_countries += countries_named(line.text[number.end():])
                self.furniture_source = self.furniture_source or (line.number, line.number)
        for part in split_into_parts(lines):
            if part.heading:
                self.result.recognised.append(part.heading)
            if self.preamble and part.section not in (Section.PREAMBLE, Section.LINE):
                self._close_preamble()
            if part.section in (Section.DEMANDS, Section.TARGETS):  # "Écrivez, en français ou en anglais, au …"
                self._read_write_in(part)
            if part.section is Section.DEMANDS:
                self.demands_heading = part.heading
            readers[part.section](part.lines)
        self._close_preamble()
        self._finish()
        self.result.unplaced[:0] = [as_note(note) for note in self.notes]
        return self.result

    # One-line headings -----------------------------------------------------------------------

    def _read_one_line(self, lines: list[Line]) -> None:
        text = "\n".join(line.text for line in lines)
        if salutation := SALUTATION.match(key(text)):
            self._read_sheet_salutation(text, lines[0].text[salutation.start("value"):].strip(), span_of(lines))
            return
        found = one_line_heading(key(lines[0].text))
        # Sentences that give values, perhaps wrapped over two lines ("… before 14 July" / "2023.").
        if (found is None or found[0] in SENTENCES
                or found[0] is DEADLINE and len(lines) > 1 and wrapped_deadline(found[1])):
            self._read_value_sentences(text, span_of(lines))
            return
        pattern, match = found
        if pattern is UA_HEADER:
            self._read_header(lines[0], match)
        elif pattern in ONE_LINE_HEADINGS:
            # The value on the next line, or wrapped over it ("…; José Alfredo Portillo" / "Ramos (masculino)").
            value = " ".join(part for part in (lines[0].text[match.start("value"):match.end("value")].strip(),
                                               *(line.text.strip() for line in lines[1:2])) if part)
            {DEADLINE: self._read_deadline, LANGUAGES: self._read_language_line, PEOPLE: self._read_people_line,
             PREVIOUS: self._read_previous, GENDER: self._read_gender}[pattern](text, value.strip(), span_of(lines))
        else:  # the banner, or an instruction to the sheet's readers
            if pattern is BANNER and (words := match["further"] or match["alone"]):
                self.follow_up_label = self.follow_up_label or words
            if pattern is BANNER and match["ordinal"]:
                self.banner_ordinal = self.banner_ordinal or match["ordinal"]
            self.result.recognised.append(text)

    def _read_sheet_salutation(self, text: str, value: str, span: Span) -> None:
        if self.sheet_salutation is None:
            self.sheet_salutation = (value, span)
            self.result.recognised.append(text)
        else:
            self.result.add_unplaced(text)

    def _read_header(self, line: Line, match: re.Match) -> None:
        text = line.text
        self.result.recognised.append(text[:match.end()])
        number = ua_number(match)
        if not self.header_numbers:
            if match["ordinal"]:
                self.result.ordinal = ordinal_number(match["ordinal"])
                self.result.ordinal_label = sheet_label(match["ordinal"])
                # "First UA: 48/26" heading an update names the number of the case's first sheet: a first in the
                # header says no more than the default, and a banner or sentence that makes the sheet a
                # follow-up still does.
                self.ordinal_given = self.result.ordinal != 1
            elif words := match["further"] or match["after"]:
                self.result.ordinal, self.result.ordinal_label = follow_up_sheet(words)
                self.ordinal_given = self.result.ordinal is not None
        self.header_numbers.append(number)
        self.number_sources.setdefault(number, (line.number, line.number))
        rest = text[match.end():].strip(_HEADER_SEPARATORS)
        if index := INDEX.search(rest):
            self.result.recognised.append(index.group(0).strip(_HEADER_SEPARATORS))
            rest = (rest[:index.start()] + " " + rest[index.end():]).strip(_HEADER_SEPARATORS)
        if (countries := countries_named(rest)) and not self.header_countries:
            self.header_country_source = (line.number, line.number)
        self.header_countries.extend(countries)
        if _is_country_and_date(rest):
            self.result.recognised.append(rest)
        elif (beside := _headline_beside_number(rest)) and self.header_headline is None:
            # "UA 121/25            Fear of imminent execution              5 August 2025": the older layout's
            # headline between the number and the date, the title unless the sheet gives one elsewhere.
            self.header_headline = (beside, (line.number, line.number))
            self.result.recognised.append(rest)
        else:
            self.result.add_unplaced(rest)
            if (self.header_concern is None and not countries and _may_be_title(rest)
                    and not any(char.isdigit() for char in rest)):
                self.header_concern = (rest.strip(), (line.number, line.number))

    def _read_deadline(self, text: str, value: str, span: Span, *, day_first: bool = False) -> None:
        """The deadline, and its line placed (`text`: "" when it is placed already, as a heading)."""
        when, problem = read_date(value, day_first=day_first)
        if when is None:
            self.notes.append(_("the deadline could not be read: %(problem)s. Please set it in the editor.",
                                problem=problem))
            self.result.add_unplaced(text)
        elif self.result.deadline not in (None, when):
            self.notes.append(_("the sheet gives two deadlines; the draft keeps %(date)s.",
                                date=self.result.deadline.isoformat()))
            self.result.add_unplaced(text)
        else:
            self.result.deadline = when
            self.result.add_source("deadline", span)
            if text:
                self.result.recognised.append(text)

    def _read_language_line(self, text: str, value: str, span: Span) -> None:
        codes, unknown = read_languages(value)
        if codes:
            self.result.add_source("preferred_languages", span)
        self.result.preferred_languages += [code for code in codes if code not in self.result.preferred_languages]
        if unknown or not codes:
            self.result.add_unplaced(text)
        else:
            self.result.recognised.append(text)

    def _read_value_sentences(self, text: str, span: Span) -> None:
        """"Bitte schreibe bis zum 26. Juni 2024. Schreibe auf Arabisch, Französisch oder Deutsch.": the
        deadline, and the languages to write in unless the sheet has a line that lists them."""
        values = sentence_values(key(" ".join(text.split("\n"))))
        if values is None:  # a part made of such sentences always gives a value; kept should it not
            self.result.add_unplaced(text)
            return
        if values.languages and not self.write_in_languages:
            self.write_in_languages, self.write_in_source = list(values.languages), span
        if values.deadline:
            self._read_deadline(text, values.deadline, span, day_first=values.day_first)
        else:
            self.result.recognised.append(text)

    def _read_people_line(self, text: str, value: str, span: Span) -> None:
        people, leftovers = read_people(value)
        for person in people:
            # The line said again further down the sheet (below the model letter) names the same person: the one
            # already read keeps its place and its source, the line is recognised.
            if any(key(other.name).casefold() == key(person.name).casefold() for other in self.result.people):
                continue
            self.result.people.append(person)
            self.result.add_source(f"people.{len(self.result.people) - 1}", span)
        if people and not leftovers:
            self.result.recognised.append(text)
        else:
            self.result.add_unplaced(text)

    def _read_previous(self, text: str, value: str, span: Span) -> None:
        if URL.match(value) and self.result.previous_ua_link is None:
            self.result.previous_ua_link = value
            self.result.add_source("previous_ua_link", span)
            self.result.recognised.append(text)
        else:
            self.result.add_unplaced(text)

    def _read_gender(self, text: str, value: str, span: Span) -> None:
        self.gender = (text, pronouns_of_gender(value), span)

    # Preamble: title and summary --------------------------------------------------------------

    def _read_preamble(self, lines: list[Line]) -> None:
        """Holds the lines until the preamble ends: the headline may stand after a web page's furniture."""
        self.preamble.append(lines)

    def _close_preamble(self) -> None:
        """The preamble read: the headline, what stood before it (furniture, left unplaced), then the summary."""
        parts, self.preamble = self.preamble, []
        found = headline(parts) if not self.result.title else None
        for number, lines in enumerate(parts):
            if found is not None and number < found[0]:
                self._read_before_title(lines)
                continue
            if found is not None and number == found[0]:
                index = found[1]
                self._read_before_title(lines[:index])
                story = "\n".join(line.text for part in parts[number:] for line in part)
                wrapped = _wrapped_headline(lines[index:], story)
                self._read_title(" ".join(line.text for line in wrapped))
                self.title_source = span_of(wrapped)
                self.result.add_source("title", self.title_source)
                lines = lines[index + len(wrapped):]
                while lines and not lines[0].blank_before and read_date(lines[0].text)[0]:  # the sheet's date
                    self.result.recognised.append(lines[0].text)
                    lines = lines[1:]
                if lines and not self.header_people:  # "SERAP YILDIRIM" below the headline, as the story spells it
                    self.header_people = [(person, (lines[0].number, lines[0].number))
                                          for person in read_name_line(lines[0].text, story)]
            self._read_summary(lines)

    def _read_before_title(self, lines: list[Line]) -> None:
        """Lines above the headline: a country named alone ("JORDANIEN") is the case's, and the person's line
        under it ("AIGERIM TOKTOSUNOVA (w)") names the people; the rest is not the summary (a web page's menus,
        the section's name). The case header may give a line to each person ("PALAU  Rezaul … (m), aged 33" /
        "Joycelyn … (f), aged 41"): the lines right below the first go on with it."""
        header_above = False
        for line in lines:
            continues = header_above and not line.blank_before
            header_above = False
            if (code := country_code(line.text)) and self.title_country is None:
                self.title_country = code
                self.title_source = (line.number, line.number)
                self.result.recognised.append(line.text)
            elif (not self.header_people or continues) and (people := read_case_header(line.text)):
                self.header_people += [(person, (line.number, line.number)) for person in people]
                self.result.recognised.append(line.text)
                header_above = True
            else:
                self.result.add_unplaced(line.text)

    def _read_summary(self, lines: list[Line]) -> None:
        # "CHEA SOVANN" / "MEAS RATHANA": lines in capitals above the story that each only name a person, as
        # the story below spells them, are the case's people.
        story = "\n".join(line.text for line in lines)
        named = [] if self.header_people else list(takewhile(lambda line: read_name_line(line.text, story), lines))
        if named and len(named) < len(lines):
            self.header_people = [(person, (line.number, line.number))
                                  for line in named for person in read_name_line(line.text, story)]
            self.result.recognised.extend(line.text for line in named)
            lines = lines[len(named):]
        for paragraph in paragraphs(lines):
            # "DESHAWN ALLEYNE (m), aged 19" / "MARCIA ALLEYNE (f), aged 46, his mother": a case header a line to
            # each person.
            if not self.header_people and (len(paragraph) == 1
                                           or all(read_case_header(line.text) for line in paragraph)):
                self.header_people = [(person, (line.number, line.number))
                                      for line in paragraph for person in read_case_header(line.text)]
        found = [(text, p) for p in paragraphs(lines) if (text := self._paragraph_text(p))]
        self.result.summary = "\n\n".join(filter(None, [self.result.summary, *(text for text, _ in found)]))
        for _text, paragraph in found:
            self.result.add_source("summary", span_of(paragraph))

    def _read_title(self, text: str) -> None:
        if found := title_country(text):
            self.title_country, prefix, separator, rest = found
            # The country in a column of its own beside the headline is no part of it.
            text = rest if not separator.strip() else f"{prefix}{separator} {rest}"
        # The sheet's own case, unless the whole title shouts.
        self.result.title = recased_headline(text, "\n".join(line.text for line in self.lines)) \
            if is_capitals_line(text) else text

    def _paragraph_text(self, paragraph: list[Line]) -> str:
        """The paragraph's text, or "" when it was the request for updates (read here) or a sentence that quotes
        each official's salutation (read once the officials are)."""
        text = unwrap(paragraph)
        if self._kept_salutation_sentence(text, span_of(paragraph)):
            return ""
        return "" if self._read_updates(text, span_of(paragraph)) else text

    def _kept_salutation_sentence(self, text: str, span: Span) -> bool:
        """Keeps a short paragraph that quotes each official's salutation, to be read once the officials are."""
        if gives_salutations(text) and len(text) <= MAX_HEADING:
            self.salutation_sentences.append((text, span))
            return True
        return False

    def _read_updates(self, text: str, span: Span) -> bool:
        if len(text) > MAX_SENTENCE or not UPDATES.search(text) or not (email := EMAIL.search(text)):
            return False
        address = email.group(0)
        too_long = len(address) > column_length(Campaign, "updates_address")
        if too_long or self.result.updates_address not in (None, address):
            return False
        self.result.updates_address = address
        self.result.add_source("updates_address", span)
        for number in (ua_number(match) for match in UA_NUMBER.finditer(text)):
            self.other_numbers.append(number)
            self.number_sources.setdefault(number, span)
        self.result.recognised.append(text)
        return True

    # Demands -----------------------------------------------------------------------------------

    def _read_write_in(self, part: Part) -> None:
        """The demands' introduction may name the languages to write in ("Please write in Spanish or …",
        "Please write, in English or Amharic, to the Minister …, calling on them to:"), and its sentences the
        deadline too ("Schreib bis 25. April 2025 einen Brief auf Russisch oder Deutsch an den
        Generalstaatsanwalt. Fordere ihn darin auf,")."""
        span = (part.heading_line, part.heading_line)
        if names := WRITE_IN.search(part.heading):
            self.write_in_languages = read_languages(names["names"])[0]
            self.write_in_source = span
        elif values := sentence_values(key(part.heading)):
            if values.languages and not self.write_in_languages:
                self.write_in_languages, self.write_in_source = list(values.languages), span
            if values.deadline:  # the heading itself is recognised already
                self._read_deadline("", values.deadline, span, day_first=values.day_first)
        elif (above := self._sentence_above(part)) and (values := sentence_values(key(above[0]))):
            # The line above, read alone, may have given the languages it names before the wrap ("… auf
            # Rumänisch," / "Englisch oder Deutsch an die …"): the whole sentence names them all.
            read_above = self.write_in_source == (above[1][0], above[1][0])
            if values.languages and (not self.write_in_languages or read_above):
                self.write_in_languages, self.write_in_source = list(values.languages), above[1]

    def _sentence_above(self, part: Part) -> tuple[str, Span] | None:
        """'Schreiben Sie bitte bis 28. Jänner 2026 Briefe, Faxe oder' / 'E-Mails auf Albanisch oder Deutsch.
        Appellieren Sie an die Behörden,': the heading's first sentence begun on the line right above it (read
        already for its own values), whole, and the lines it stands on; None when the line above ends its
        sentence, or a blank line parts the two."""
        if self.line_positions is None:
            self.line_positions = {line.number: index for index, line in enumerate(self.lines)}
        at = self.line_positions.get(part.heading_line)
        if not at or not part.heading or self.lines[at].blank_before or self.lines[at - 1].text[-1:] in ".!?:":
            return None
        first = sentences(part.heading)[0]
        return f"{self.lines[at - 1].text} {first}", (self.lines[at - 1].number, part.heading_line)

    def _read_demands(self, lines: list[Line]) -> None:
        if lines and is_salutation(lines[0].text) and any(is_closing(line.text) for line in lines[1:]):
            # "Write a letter in your own words or use this model letter:" / "Dear Prime Minister," / … /
            # "Yours sincerely,": below the words that introduce the demands, a model letter.
            self._read_letter(lines)
            return
        bulleted = any(BULLET.match(line.text) for line in lines)
        if self.bulleted_demands and not bulleted and not self.demands_heading:
            # A bulleted list goes on only with bullets: after a line that interrupted it ("Envía tus llamamientos
            # antes del 2 de mayo de 2025 a:"), lines without them are no demands (the officials' address, say).
            for paragraph in paragraphs(lines):
                self.result.add_unplaced(unwrap(paragraph))
            return
        self.bulleted_demands = self.bulleted_demands or bulleted
        # "Merci de votre mobilisation !" / "Amnesty International Belgique …": thanks and the section's footer in a
        # paragraph of their own after the demands are none of them.
        # A paragraph there that quotes each official's salutation speaks to the readers too, and is read once the
        # officials are.
        kept = paragraphs(lines)
        while len(kept) > 1:
            if self._kept_salutation_sentence(unwrap(kept[-1]), span_of(kept[-1])):
                kept.pop()
            elif all(SENDER.match(line.text) or is_to_readers([line]) for line in kept[-1]):
                for line in kept.pop():
                    self.result.add_unplaced(line.text)
            else:
                break
        lines = [line for paragraph in kept for line in paragraph]
        # A model letter with no heading of its own asks for the demands and ends right below the last one: its
        # closing and the signature under it ("Atentamente," / "[Nombre]") go on no demand.
        closing = next((at for at, line in enumerate(lines) if at and is_closing(line.text)), None)
        if closing is not None:
            signed = 1 + signature_lines(lines[closing + 1:])
            self.result.recognised += [line.text for line in lines[closing:closing + signed]]
            for paragraph in paragraphs(lines[closing + signed:]):
                self.result.add_unplaced(unwrap(paragraph))
            lines = lines[:closing]
        items, leftovers = list_items(lines, cut=True, width=self.wrap_width)
        # "… immediately;" / "… a lawyer;" / "… her family.": a list whose items end with a semicolon or a comma ends
        # with a full stop, which the last demand does not keep, so that all of them read alike.
        listed = [item.text for item in items]
        if len(listed) > 1 and all(LIST_GOES_ON.search(text) for text in listed[:-1]):
            listed[-1] = re.sub(r"(?<![.])\.\s*$", "", listed[-1])
        if len(listed) > 1 and all(_ITEM_ASK.match(text) for text in listed):
            # "– en demandant aux autorités de suspendre …" / "– en les priant de garantir …": the words each item
            # asks with are no part of its demand.
            self.result.recognised += [_ITEM_ASK.match(text).group(0).strip() for text in listed]
            listed = [text[_ITEM_ASK.match(text).end():] for text in listed]
        for item, text in zip(items, listed, strict=True):
            if gives_salutations(item.text):  # 'Please address your appeals to the Premier beginning "…", and …'
                self.salutation_sentences.append((item.text, item.span))
            elif len(item.text) <= MAX_SENTENCE:
                self.result.demands.append(demand_text(text))
                self.result.add_source(f"demands.{len(self.result.demands) - 1}", item.span)
            else:
                self.result.add_unplaced(item.text)
        for paragraph in leftovers:
            self.result.add_unplaced(paragraph)

    # Background and what follows one-line headings ----------------------------------------------

    def _read_background(self, lines: list[Line]) -> None:
        found = [(text, p) for p in paragraphs(lines) if (text := self._paragraph_text(p))]
        self.result.background = "\n\n".join(filter(None, [self.result.background, *(text for text, _ in found)]))
        for _text, paragraph in found:
            self.result.add_source("background", span_of(paragraph))

    def _read_notes(self, lines: list[Line]) -> None:
        for paragraph in paragraphs(lines):
            self.result.add_unplaced(self._paragraph_text(paragraph))

    # The model letter --------------------------------------------------------------------------

    def _read_letter(self, lines: list[Line]) -> None:
        if self.letter_blocks or self.letter_salutation:  # a second model letter: the first is the template
            for paragraph in paragraphs(lines):
                self.result.add_unplaced(unwrap(paragraph))
            return
        start = next((i for i, line in enumerate(lines) if is_salutation(line.text)), None)
        salutation = [lines[start]] if start is not None else []
        if start is not None:
            read_targets(self.result, lines[:start], self.result.targets)
            self.letter_salutation = lines[start].text
            self.result.recognised.append(self.letter_salutation)
            lines = lines[start + 1:]
        end = next((i for i, line in enumerate(lines) if is_closing(line.text)), len(lines))
        body, after = lines[:end], lines[end:]
        self.letter_language = letter_language(self.letter_salutation or (after[0].text if after else ""))
        self.letter_blocks = letter_blocks(body, self.notes, self.wrap_width)
        closing: list[Line] = []  # the closing line and the signature
        if after:
            self.result.recognised.append(after[0].text)
            signed = signature_lines(after[1:])
            self.result.recognised += [line.text for line in after[1:1 + signed]]
            closing, after = after[:1 + signed], after[1 + signed:]
        if template := [*salutation, *body, *closing]:
            self.letter_source = span_of(template)
        # After the closing and the signature the letter is over: "You may write in English or Persian."
        rest = [line for line in after if not self._read_sentence_line(line)]
        for paragraph in paragraphs(rest):
            self.result.add_unplaced(self._paragraph_text(paragraph))

    def _read_sentence_line(self, line: Line) -> bool:
        """Reads a line whose sentences give the deadline or the languages to write in; False for any other."""
        found = one_line_heading(key(line.text))
        if found is None or found[0] not in SENTENCES or sentence_values(key(line.text)) is None:
            return False
        self._read_value_sentences(line.text, (line.number, line.number))
        return True

    # Putting it together -----------------------------------------------------------------------

    def _finish(self) -> None:
        result = self.result
        self._apply_follow_up()
        self._choose_ua_number()
        if not result.title and self.header_concern and self.header_concern[0] in result.unplaced:
            # "UA 52/26   Fear of flogging / Prisoner of conscience" and no headline: the concern is the title.
            result.unplaced.remove(self.header_concern[0])
            result.title = self.header_concern[0]
            result.add_source("title", self.header_concern[1])
        if not result.title and self.header_headline is not None:
            result.title, span = self.header_headline
            result.add_source("title", span)
        if not result.title:
            self.notes.append(_("no title was found; please give the campaign one."))
        _countries_of_shared_towns(result.targets + result.copies)
        self._choose_country()
        if not result.preferred_languages:
            result.preferred_languages = self.write_in_languages
            if self.write_in_languages and self.write_in_source:
                result.add_source("preferred_languages", self.write_in_source)
        body, result.demands, demand_sources = letter_body(self.letter_blocks, result.demands, self.notes)
        if not result.demands:
            result.demands = prose_demands(body)
            demand_sources = [self.letter_source] * len(result.demands) if self.letter_source else None
        for index, span in enumerate(demand_sources or []):
            result.add_source(f"demands.{index}", span)
        self._read_people(body)
        self._apply_gender()
        for target in result.targets + result.copies:
            target.language = target.language or (result.preferred_languages[:1] or [""])[0]
        for text, span in self.salutation_sentences:
            if given := salutations_by_role(text, result.targets):
                for official, salutation in given:
                    official.salutation = salutation
                    result.add_source(f"targets.{result.targets.index(official)}", span)
                result.recognised.append(text)
            else:
                result.add_unplaced(text)
        # "Formule d'appel : Monsieur le Ministre, / Monsieur le Procureur général,": one for each target.
        if self.sheet_salutation and not any(target.salutation for target in result.targets):
            for target, salutation in salutations_by_title(self.sheet_salutation[0], result.targets):
                target.salutation = salutation
                result.add_source(f"targets.{result.targets.index(target)}", self.sheet_salutation[1])
        for index, target in enumerate(result.targets):
            if not target.salutation and self.sheet_salutation:
                target.salutation = self.sheet_salutation[0]
                result.add_source(f"targets.{index}", self.sheet_salutation[1])
            target.salutation = target.salutation or self.letter_salutation
        if body:
            result.template = ImportedTemplate(
                language=self.letter_language or (result.preferred_languages[:1] or ["en"])[0],
                subject="{person} ({ua_number})" if result.people else "{campaign_title} ({ua_number})",
                body=body)
            if self.letter_source:
                result.add_source("template", self.letter_source)
        if result.is_follow_up and result.ua_number:
            self.notes.append(_("this sheet is a follow-up (“%(label)s”) on %(number)s. If a campaign for it exists, "
                                "add the news there as a case update instead of publishing a second campaign.",
                                label=result.ordinal_label, number=result.ua_number))

    def _read_people(self, letter: str) -> None:
        """Without a NAME AND PRONOUN line, the people of the case header, else the names the text gives."""
        result = self.result
        if result.people:
            return
        written = "\n".join([result.summary, *result.demands, letter])
        for person, span in self.header_people:
            person.name = spelled_as_written(person.name, written)  # "SERAP YILDIRIM" is "Serap Yıldırım"
            result.people.append(person)
            result.add_source(f"people.{len(result.people) - 1}", span)
        if not result.people and (note := infer_people(result, letter, "\n".join(line.text for line in self.lines))):
            self.notes.append(note)

    def _apply_follow_up(self) -> None:
        """A sheet headed "UA update" or "Actualización" is a follow-up, unless its header, its banner
        ("SEGUNDA ACCIÓN URGENTE") or a sentence that counts the updates ("This is the second update of UA
        12/25": the third sheet) says which sheet."""
        if self.banner_ordinal and not self.ordinal_given:
            self.result.ordinal = ordinal_number(self.banner_ordinal)
            self.result.ordinal_label = sheet_label(self.banner_ordinal)
            self.ordinal_given = True
        if not self.ordinal_given and (counted := update_count("\n".join(line.text for line in self.lines),
                                                                self.header_numbers)):
            self.result.ordinal, self.result.ordinal_label = counted
            self.ordinal_given = True
        if self.follow_up_label and not self.ordinal_given and (counted := sheet_count(
                "\n".join(line.text for line in self.lines))):
            # "This is the third Urgent Action issued on the case of …".
            self.result.ordinal, self.result.ordinal_label = counted
            self.ordinal_given = True
        if self.follow_up_label and not self.ordinal_given and self.result.ordinal == 1:
            self.result.ordinal, self.result.ordinal_label = follow_up_sheet(self.follow_up_label)

    def _choose_ua_number(self) -> None:
        numbers = list(dict.fromkeys(self.header_numbers + self.other_numbers))
        # No header gives the number: the first one the sheet names anywhere ("Bangladesh (UA 58.25)").
        for line in self.lines if not numbers else ():
            if match := UA_MENTION.search(line.text):
                numbers = [ua_number(match)]
                self.number_sources[numbers[0]] = (line.number, line.number)
                break
        if not numbers:
            self.notes.append(_("no UA number was found: the draft gets a placeholder. Please enter the real one."))
            return
        self.result.ua_number = numbers[0]
        if numbers[0] in self.number_sources:
            self.result.add_source("ua_number", self.number_sources[numbers[0]])
        if len(numbers) > 1:
            self.notes.append(_("the sheet names %(numbers)s; the draft uses %(number)s.", numbers=", ".join(numbers),
                                number=numbers[0]))

    def _choose_country(self) -> None:
        # The title's country, the header's, else the one the text names most, its background included, but
        # not a country only named in the sending section's name.
        text = "\n".join([self.result.title, self.result.summary, self.result.background])
        named = Counter(countries_named(text)) - _section_countries(text)
        # Failing all of them, the country every target's address is in: a sheet writes to the case's authorities.
        addressed = {target.country for target in self.result.targets}
        shared = (addressed.pop() or None) if len(addressed) == 1 else None
        if not self.header_countries and self.furniture_countries:
            self.header_countries, self.header_country_source = self.furniture_countries, self.furniture_source
        self.result.country = (self.title_country or next(iter(self.header_countries), None)
                               or (named.most_common(1)[0][0] if named else None) or shared)
        if self.title_country and self.title_source:
            self.result.add_source("country", self.title_source)
        elif self.header_countries and self.header_country_source:
            self.result.add_source("country", self.header_country_source)
        if self.result.country is None:
            self.notes.append(_("the country of the case was not found; please choose it."))
        elif not self.title_country and not self.header_countries and not named:
            self.notes.append(_("the country of the case (%(country)s) was taken from the targets' addresses; "
                                "please check it.", country=self.result.country))
        elif not self.title_country and not self.header_countries:
            self.notes.append(_("the country of the case (%(country)s) was guessed from the countries the text "
                                "names most; please check it.", country=self.result.country))

    def _apply_gender(self) -> None:
        if self.gender is None:
            return
        text, pronouns, span = self.gender
        if len(self.result.people) == 1 and not self.result.people[0].pronouns:
            self.result.people[0].pronouns = pronouns
            self.result.add_source("people.0", span)
            self.result.recognised.append(text)
        else:
            self.result.add_unplaced(text)



# The headline ------------------------------------------------------------------------------------

# What a headline never holds: a cookie banner, an index number ("MDE 16/6802/2023"), a breadcrumb, a link.
_NOT_IN_TITLE = re.compile(r"\bcookies?\b|\b[A-Z]{3}\s*\d{1,3}/\d{3,5}/\d{4}|\s[>|]\s|(?:\s/\s.*){2}|@|https?:|www\.",
                           re.I)
# A short line that is the banner ("URGENT ACTION", "SEGUNDA ACCIÓN URGENTE") or the sender ("Amnesty International
# Ireland") is no headline; "Urgent Action: Free the Students" may be one.
_SENDER_OR_BANNER = re.compile("|".join([*(p for row in sheet_languages() for p in row.sheet_words.banners),
                                         r"^amn[ie]st(?:y|[ií]a)\b"]), re.I)
_SHORT_LINE = 5
# The sender's name with the banner or the name of its network on one line, however long: "AMNESTY INTERNATIONAL
# USA  URGENT ACTION NETWORK", "Amnesty International Österreich – Eilaktion".
_SENDER_AND_BANNER = re.compile(r"^amn[ie]st(?:y|[ií]a)\b.*(?<!\w)(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.banners)
                                + r")(?:\s+(?:network|netzwerk|r[ée]seau|red))?\s*$", re.I)
_COOKIES = re.compile(r"\bcookies?\b", re.I)
# The words each item of a list of demands may open with to ask for it, in any sheet language (see reading the
# demands).
_ITEM_ASK = re.compile("^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.item_asks) + ")",
                       re.I)
# A paragraph that reads as running text: the summary, before which the headline stands.
_RUNNING_WORDS = 20


def _is_country_and_date(text: str) -> bool:
    """The rest of a header line, "Kazakhstan Date: 14 October 2026", "China (Macao SAR) Date: 2 May 2027",
    "Perú Fecha: 9 de febrero de 2027", "Bénin": the case's country, read as the header's, and the date the sheet
    was published, which no field keeps."""
    def is_country(part: str) -> bool:  # or nothing: "Date: 2 May 2021" alone
        name = re.sub(r"\(.*?\)", "", part).strip(_HEADER_SEPARATORS)
        return not name or country_code(name) is not None
    dated = [start for start in (match.start() for match in re.finditer(r"(?<!\S)\S", text))
             if is_dateline(text[start:])]
    return bool(text) and is_country(text[:dated[0]] if dated else text)


# How many words a country's name in capitals may have before the column beside it ("UNITED STATES OF AMERICA").
_COUNTRY_WORDS = 5


def _country_column(text: str) -> tuple[str, str, str, str] | None:
    """'BARBADOS          Fear for safety / Ill-treatment in police custody': the country in capitals in a column
    of its own, the headline in small letters beside it, its spaces run together. The separator is a space: the
    country is no part of the headline. None for a person's line ("MALAWI Chikondi BANDA (m), aged 38")."""
    found = text.split()
    capitals = list(takewhile(lambda word: word.isupper() and any(char.isalpha() for char in word),
                              found[:_COUNTRY_WORDS + 1]))
    rest = found[len(capitals):]
    if not capitals or len(rest) < 2 or rest[0].isupper() or not rest[0][:1].isupper():
        return None
    country, headline_text = " ".join(capitals), " ".join(rest)
    if not (code := country_code(country)) or read_case_header(headline_text):
        return None
    return code, country, " ", headline_text


def title_country(text: str) -> tuple[str, str, str, str] | None:
    """'TURKMENISTAN: Opposition …' → ('TM', 'TURKMENISTAN', ':', 'Opposition …'); 'Russie. Un objecteur …' and
    'Guinée : deux …' name their country so too; 'CHINA (MACAO SAR): …' names the territory in parentheses."""
    if found := _country_column(text):
        return found
    for mark in (":", "."):
        prefix, found, rest = text.partition(mark)
        if not found or not rest.strip() or len(prefix) > 60 or (mark == "." and not rest.startswith(" ")):
            continue
        for name in re.split(r"\s*(?:/|&|,|\band\b)\s*", prefix):
            if code := country_code(re.sub(r"\(.*?\)", "", name)):
                code = next(iter(countries_named(name)), code)
                return code, prefix.strip(), prefix[len(prefix.rstrip()):] + mark, rest.strip()
    return None


def headline(parts: list[list[Line]]) -> tuple[int, int] | None:
    """Where the headline stands among the preamble's parts (part, line), or None.

    It is the first line before the summary that a country introduces: a prefix ("Tunesien: …",
    "Russie. …") or the line above naming the country alone ("JORDANIEN" / "Lehrergewerkschafter in
    Haft"), or under the person's line below the country ("KIRGISISTAN" / "AIGERIM TOKTOSUNOVA (w)" /
    "Journalistin in Haft"); failing that, the first line in capitals or standing alone as a paragraph. Site
    furniture, the banner, the sender's name, the person's line, dates and numbers are never the headline.
    """
    weak = None
    width = wrap_width([line for lines in parts for line in lines])
    for number, lines in enumerate(parts):
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else None
            starts = index == 0 or line.blank_before
            # "JORDANIEN" / "Lehrergewerkschafter in Haft"; on a web page a blank line may part them.
            below_country = _below_country(lines, index) and (
                not line.blank_before or _stands_alone(line, following, width))
            if _may_be_title(line.text):
                if title_country(line.text) or below_country:
                    return number, index
                # A line alone in its part stands between headings: the banner above, the UA number below.
                under_banner = index > 0 and _is_banner(lines[index - 1].text)
                alone = ((starts or below_country or under_banner) and (following is not None or len(lines) == 1)
                         and (following is None or following.blank_before or _stands_alone(line, following, width)
                              or (under_banner and _is_date_or_number(following.text)))
                         and len(line.text.split()) >= 3)
                if weak is None and (is_capitals_line(line.text) or alone):
                    weak = (number, index)
            # A sheet that parts nothing by blank lines runs on from its letterhead: the sender's name, the banner
            # or the country named alone opening a paragraph starts no running text; nor does a cover note to the
            # section's members above the sheet ("Dear UA Network member," / "Thank you for …"), nor a short line that
            # dates or indexes the sheet ("9. Dezember 2025", "Índice: AMR 29/9627/2025").
            if (starts and not _is_header_line(line.text) and not _is_banner(line.text)
                    and not SENDER.match(line.text) and not _dates_or_indexes(line.text)
                    and country_code(line.text) is None and not is_salutation(line.text)
                    and _is_running_text(lines[index:])):
                return weak
    return weak


def _countries_of_shared_towns(officials: list[ImportedTarget]) -> None:
    """An envelope with no country whose town and postcode another envelope of the sheet gives with its country
    ("1000 Skopje" / "North Macedonia" for the minister, "1000 Skopje" alone for the ombudsman below): the same
    country, when only one fits."""
    known: dict[tuple[str, str], set[str]] = {}
    for official in officials:
        if official.country and official.city:
            known.setdefault((official.city.casefold(), official.postcode), set()).add(official.country)
    for official in officials:
        if not official.country and official.city and len(
                countries := known.get((official.city.casefold(), official.postcode), set())) == 1:
            official.country = next(iter(countries))


def _dates_or_indexes(text: str) -> bool:
    """'9. Dezember 2025', 'Índice: AMR 29/9627/2025', 'Fecha: 10 de julio de 2025': a short line with a number that
    ends no sentence, as a sheet's header dates or indexes it."""
    return (len(text.split()) <= _SHORT_LINE and any(char.isdigit() for char in text)
            and text.rstrip()[-1:] not in ".!?")


def _headline_beside_number(rest: str) -> str:
    """'Fear of imminent execution 5 August 2025' (what follows the UA number on its line) → 'Fear of imminent
    execution': words that may be a title, then the date alone; '' for any other."""
    for start in (match.start() for match in re.finditer(r"(?<!\S)\S", rest)):
        if start and is_dateline(rest[start:]):
            before = rest[:start].strip(_HEADER_SEPARATORS)
            return before if _may_be_title(before) and not any(char.isdigit() for char in before) else ""
    return ""


def _is_header_line(text: str) -> bool:
    """'Action urgente – AU 131/18 – Burkina Faso': a short line that numbers the sheet and ends no sentence; the
    headline may follow it in the same paragraph, which is then no running text."""
    return bool(UA_NUMBER.search(text)) and len(text.split()) <= _HEADER_WORDS and text[-1:] not in ".!?"


# How many words a header line that numbers the sheet may have.
_HEADER_WORDS = 12


def _is_banner(text: str) -> bool:
    """'URGENT ACTIONS', 'Eilaktion', 'Amnesty International USA': the banner or the sender alone on a short line."""
    return bool(_SENDER_OR_BANNER.search(text)) and len(text.split()) <= _SHORT_LINE


def _is_date_or_number(text: str) -> bool:
    """'September 4, 2019 | Indonesia | UA 97/19', 'UA 12/24': a line that dates or numbers the sheet."""
    return bool(UA_NUMBER.search(text) or DATE.search(text)) and len(text) <= MAX_HEADING


# Words that speak to the sheet's readers ("PLEASE WRITE", "SCHREIBEN SIE BITTE"): an instruction, no headline's.
_TO_READERS = re.compile(r"(?<!\w)(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.courtesies)
                         + r")(?!\w)", re.I)
_READER_WORDS = frozenset(word for row in sheet_languages() for word in row.sheet_words.reader_words)


def _wrapped_headline(lines: list[Line], story: str) -> list[Line]:
    """The headline's lines: a headline in capitals goes on over the capitals lines right below it ("LAND
    DEFENDER FACES" / "BASELESS CHARGES"), unless such a line names the people, is the case header, speaks to the
    readers ("SCHREIBEN SIE BITTE") or is no title of its own kind (a date, a number, the banner)."""
    taken = lines[:1]
    if not is_capitals_line(taken[0].text):
        return taken
    for line in lines[1:]:
        joined = " ".join(line.text for line in [*taken, line])
        if (line.blank_before or not is_capitals_line(line.text) or not _may_be_title(line.text)
                or read_name_line(line.text, story) or len(joined) > column_length(Campaign, "title")
                or title_country(line.text) or _TO_READERS.search(line.text)
                or set(words(line.text)) & _READER_WORDS):
            break
        taken.append(line)
    return taken


def _below_country(lines: list[Line], index: int) -> bool:
    """The line stands right under the country named alone, or under the person's line right under it."""
    above = index - 1
    if above > 0 and not lines[above].blank_before and is_case_header(lines[above].text):
        above -= 1
    return above >= 0 and _names_country(lines[above].text)


def _names_country(text: str) -> bool:
    """'RUSSIAN FEDERATION', 'RUSSISCHE FÖDERATION (NORDKAUKASUS)': a country named alone, maybe with its region in
    parentheses after it."""
    return (country_code(text) or country_code(_REGION_AFTER.sub("", text))) is not None


# A region in parentheses after the country's name: "(Nordkaukasus)", "(Xinjiang)".
_REGION_AFTER = re.compile(r"\s*\([^()\d]{2,40}\)$")


def _stands_alone(line: Line, following: Line | None, width: int | None) -> bool:
    """The line is a heading of its own even with no blank line after it, as a web page pasted with its
    headings set straight above their text: nothing follows, or a blank line, or a new sentence the
    sheet's wrapping did not carry over (the line is well short of the width its wrapped lines run to)."""
    if following is None or following.blank_before:
        return True
    return (following.text[:1].isupper() and line.text[-1:] not in ",;:-"
            and (width is None or len(line.text) < 0.6 * width))


def _may_be_title(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return (2 <= len(text.split()) and len(text) <= min(200, column_length(Campaign, "title"))
            and bool(letters) and letters[0].isupper() and text[-1] not in ".,;:"
            and not _NOT_IN_TITLE.search(text) and not UA_NUMBER.search(text) and not _names_country(text)
            and not (_SENDER_OR_BANNER.search(text) and len(text.split()) <= _SHORT_LINE)
            and not _SENDER_AND_BANNER.search(text)
            and read_date(text)[0] is None and not is_dateline(text) and not is_case_header(text)
            and not is_web_furniture(text) and not _is_postal_address(text)
            and len(_LABEL.findall(text)) < _LABELS_IN_HEADER)


# "Land: Afghanistan   Datum: 03.10.2017": a header's line of labelled values, each a word and its colon.
_LABEL = re.compile(r"(?:^|\s)[^\W\d_]+:\s")
_LABELS_IN_HEADER = 2


def _is_postal_address(text: str) -> bool:
    """'14 Temple Quay, Dublin 2', '3 Rue Lepic, 75018 Paris', 'Zinnienweg 14 · 10969 Berlin': the sender's address
    under its name, no headline: a house number starts or ends its street, and its last part after a comma (or a
    dot or bar between the parts) is a city line with a postcode or district."""
    if (parts := re.split(r"\s+[·|]\s+", text)) and len(parts) == 2 and re.search(r"\s\d+[a-z]?$", parts[0]):
        place = read_city_line(parts[1].strip())
        return place is not None and any(char.isdigit() for char in place[3] + place[1])
    head, comma, tail = text.rpartition(",")
    place = read_city_line(tail.strip()) if comma else None
    if place is None and comma and "," in head:  # "312 Laurier Avenue East, Ottawa, Ontario K1N 1H9"
        street, _comma, town = head.rpartition(",")
        head, place = street, read_city_line(f"{town.strip()}, {tail.strip()}")
    # The street may follow the sender's name and its house's ("Amnesty International Ireland, Seán MacBride House,
    # 48 Fleet Street, Dublin 2"): some part before the city line starts with its number.
    return ((re.match(r"\d", head.strip()) or any(re.match(r"\d+[a-z]?\s+[^\W\d_]", part.strip())
                                                   for part in head.split(",")[1:]))
            and place is not None and any(char.isdigit() for char in place[3] + place[1]))


def _is_running_text(lines: list[Line]) -> bool:
    """The paragraph that starts the lines is prose (not a cookie banner): some sentence ends in it, not only the
    dots inside an e-mail address, as in a forwarded e-mail's header ("From: … <ua@section.example>")."""
    paragraph = paragraphs(lines)[0]
    text = " ".join(line.text for line in paragraph)
    return len(text.split()) >= _RUNNING_WORDS and bool(re.search(r"[.!?](?!\w)", text)) and not _COOKIES.search(text)
