"""The print pack of a letter-writing event: one PDF for the evening, written out page by page.

In the order it is printed:
- a first page for the coordinator: what the pack holds, and which pages go on label sheets;
- envelope labels with the officials' addresses, one per letter, on a common label sheet (Avery
  L7160's 3 × 7 labels of 63.5 × 38.1 mm on A4, Avery 5160's 3 × 10 labels of 2⅝ × 1 in on US
  Letter, each named in the sheet's bottom margin), marked as a test print for a case not yet
  switched live for its officials;
- the tally sheet, to fill in during the evening: letters per case and official, cards, emails
  sent from phones;
- for each case, a one-page summary for the table (who, what happened, what to ask, where the
  letters go and what stamp they need, and a QR code when attendees may write from their phones),
  then N letters to each official, ready to sign, and, where the campaign says where messages of
  support can go, solidarity cards (four to a page, to cut) greeting the person in their language.

Two languages meet here, and each keeps to its part. The letters are wholly in the event case's
letter language (letters/compose.py). Everything else is for the people in the room, who read the
coordinator's language, not necessarily the officials': the coordinator's page, the summary's
headings, the tally sheet and the label notes are in the interface language of whoever prints the
pack. The summary's facts are the campaign's own fields, as the section wrote them.

The writer's name and address are lines to fill in by hand, or come from a list of attendees the
coordinator pastes for this one pack: that list lives only in the request that builds the PDF and
is never stored or logged. Letters are dated the day of the event.
"""
from __future__ import annotations

import dataclasses
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import segno
from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas

from formatting import country_name, language_name, long_date
from i18n import interface_language
from letters.addresses import recipient_lines
from letters.languages import LANGUAGES
from letters.compose import Writer, compose
from letters.packet import postage_advice
from letters.pdf.fonts import Style, embedded_faces, style_for
from letters.pdf.layout import Layout, Op, lay_out_letter
from letters.pdf.papers import PAPERS, Paper, paper_for_country
from letters.pdf.render import CANVAS_OPTIONS, draw_pages
from letters.pdf.shaping import balanced_wrap, clean, is_rtl_paragraph, set_line, wrap
from letters.pdf.stream import PageStream
from letters.pdf.subsets import claim_codes, start_personal_subsets
from models import MAX_WRITERS, Event
from subscriptions.links import external_url

# What a writer fills in by hand where a pasted attendee would be printed.
_BLANK = "_" * 28
# The empty lines between leave a handwriting's height for each.
_BLANK_WRITER = Writer(name=_BLANK, address=("", _BLANK, "", _BLANK), town="_" * 12, country_name="_" * 12)


# --- attendees ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Attendee:
    """A writer whose name and address the coordinator pasted: held for one pack, never stored."""

    name: str
    address: tuple[str, ...]


_PARTS = re.compile(r"\s*[,;\t]\s*")
MAX_ATTENDEE_PARTS = 8  # a name and up to seven address lines


def read_attendees(text: str) -> list[Attendee]:
    """One attendee a line: the name, then the address's parts, separated by commas (or semicolons,
    or tabs, as a spreadsheet's column copy gives them). Blank lines are skipped."""
    attendees = []
    for line in (text or "").splitlines():
        parts = [clean(part).strip() for part in _PARTS.split(line.strip())]
        parts = [part for part in parts if part]
        if parts:
            attendees.append(Attendee(name=parts[0], address=tuple(parts[1:MAX_ATTENDEE_PARTS])))
    return attendees


# --- what a pack holds -----------------------------------------------------------------------------

@dataclass(frozen=True)
class LabelSheet:
    """A sheet of self-adhesive labels: columns × rows labels of width × height, from the top-left."""

    product: str         # the common product of this layout, which many brands copy
    layout: str
    columns: int
    rows: int
    width: float
    height: float
    left: float          # from the sheet's left edge to the first column
    top: float           # from the sheet's top edge to the first row
    column_pitch: float  # from one column's left edge to the next one's
    row_pitch: float
    inset_x: float       # text keeps this far from a label's sides: die cuts are not exact
    inset_y: float

    @property
    def name(self) -> str:
        """What the coordinator buys: "Avery L7160 / 3 × 7, 63.5 × 38.1 mm"."""
        return f"{self.product} / {self.layout}"

    def bottom_margin(self, page_height: float) -> float:
        """From the last row's bottom edge to the sheet's, on a page of this height."""
        return page_height - self.top - (self.rows - 1) * self.row_pitch - self.height

    @property
    def unbroken_name(self) -> str:
        """The name with no-break spaces, for a page: a line is ordered for its direction on its own, so a
        name broken across two lines of Arabic would read "mm 38.1 × 63.5" on the second."""
        return self.name.replace(" ", "\u00a0")

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def cell(self, index: int, page_height: float) -> tuple[float, float, float, float]:
        """The label's box (left, bottom, right, top) in PDF points from the page's bottom-left."""
        row, column = divmod(index % self.per_sheet, self.columns)
        left = self.left + column * self.column_pitch
        top = page_height - self.top - row * self.row_pitch
        return left, top - self.height, left + self.width, top


LABEL_SHEETS = {
    # 21 labels of 63.5 × 38.1 mm in 3 columns and 7 rows, 2.5 mm apart across, touching down the page:
    # the margins and pitches of Avery L7160 (and its many copies: J8160, Herma 4677, own brands).
    "A4": LabelSheet("Avery L7160", "3 × 7, 63.5 × 38.1 mm", 3, 7, 63.5 * mm, 38.1 * mm, left=7.21 * mm, top=15.15 * mm,
                     column_pitch=66.04 * mm, row_pitch=38.1 * mm, inset_x=4 * mm, inset_y=3 * mm),
    # 30 address labels of 2⅝ × 1 in in 3 columns and 10 rows, ⅛ in apart across: Avery 5160's layout
    # (also sold as 8160, 5260, 18160 and by most office brands).
    "LETTER": LabelSheet("Avery 5160", "3 × 10, 2⅝ × 1 in", 3, 10, 2.625 * inch, 1 * inch, left=0.1875 * inch,
                         top=0.5 * inch, column_pitch=2.75 * inch, row_pitch=1 * inch, inset_x=0.15 * inch,
                         inset_y=0.07 * inch),
}


def default_paper(event: Event) -> str:
    """The paper the group prints on, from its country (A4 for an event of no group)."""
    return paper_for_country(event.group.country) if event.group and event.group.country else "A4"


def letters_per_official(event: Event, attendees: int = 0) -> int:
    """Every expected writer writes to every official; a longer pasted list gets its letters too."""
    return max(event.expected_writers, min(attendees, MAX_WRITERS))


@dataclass(frozen=True)
class PackSize:
    letters: int
    labels: int
    label_pages: int
    pages: int          # about: a letter longer than a page adds one


def pack_size(event: Event, *, paper: str = "A4", attendees: int = 0) -> PackSize:
    writers = letters_per_official(event, attendees)
    letters = sum(len(case.campaign.ordered_targets) for case in event.cases) * writers
    label_pages = max(1, math.ceil(letters / LABEL_SHEETS[paper].per_sheet))
    card_pages = sum(1 for case in event.cases if case.campaign.solidarity_address) * card_pages_for(writers)
    return PackSize(letters=letters, labels=letters, label_pages=label_pages,
                    pages=1 + label_pages + 1 + len(event.cases) + letters + card_pages)


# Solidarity cards: four to a page, a card for each writer.
CARDS_PER_PAGE = 4


def card_pages_for(writers: int) -> int:
    return math.ceil(writers / CARDS_PER_PAGE)


def card_language(campaign) -> str:
    """The person's language as the organiser gave it, else the campaign's first letter language."""
    return campaign.solidarity_language or (campaign.letter_languages or ["en"])[0]


# --- drawing helpers -------------------------------------------------------------------------------

def _sheet_style(text: str) -> Style:
    """The coordinator's pages are set in a sans face of the interface language."""
    return style_for(text, interface_language().code, serif=False)


class _SheetLayout(Layout):
    """The coordinator's pages. In a right-to-left interface every line starts at the right margin, a
    case's title or summary in a left-to-right script too, as a web page in that language sets them;
    each line keeps its own direction for the order of its characters ("members." is not ".members")."""

    def place(self, line, left: float, width: float, y: float, size: float, leading: float, *,
              page: int = -1) -> Op:
        if not self.is_rtl or line.is_rtl:
            return super().place(line, left, width, y, size, leading, page=page)
        op = Op(left + width - line.width * size, y, size, leading, line, self.is_personal)
        self.pages[page].append(op)
        return op

    def paragraph(self, text: str, *, indent: float = 0.0, bold: bool = False,
                  size: float | None = None, leading: float | None = None) -> None:
        if not self.is_rtl:
            return super().paragraph(text, indent=indent, bold=bold, size=size, leading=leading)
        # The indent is on the right, where every line starts.
        rtl = self.direction(text)
        size = size or self.style.size
        width = self.text_width - indent
        for wrapped in wrap(text, self.style, size, width, bold, rtl):
            self.line(wrapped, self.paper.left, width, rtl=rtl, bold=bold, size=size, leading=leading)
        return None

    def item(self, marker: str, text: str, *, indent: float, hang: float, bold: bool = False) -> None:
        if not self.is_rtl:
            return super().item(marker, text, indent=indent, hang=hang, bold=bold)
        # The marker on the right, the text hanging to its left, whatever the text's script.
        rtl = self.direction(text)
        width = self.text_width - indent - hang
        lines = wrap(text, self.style, self.style.size, width, bold, rtl)
        first = self.line(lines[0], self.paper.left, width, rtl=rtl, bold=bold)
        marker_line = set_line(marker, self.style, False, True)
        marker_x = self.paper.left + self.text_width - indent - marker_line.width * self.style.size
        self.pages[-1].insert(-1, first._replace(x=marker_x, line=marker_line))
        for wrapped in lines[1:]:
            self.line(wrapped, self.paper.left, width, rtl=rtl, bold=bold)
        return None


def _layout(paper: Paper, text: str) -> Layout:
    return _SheetLayout(paper, _sheet_style(text), is_rtl=interface_language().is_rtl)


def _draw(canvas: Canvas, ops: list[Op], paper: Paper) -> None:
    """Draws one page of set lines and ends the page (any shapes were drawn on it before)."""
    draw_pages(canvas, [ops], paper, is_posted=False)


def _qr_code(canvas: Canvas, url: str, left: float, bottom: float, side: float) -> None:
    """The QR code of url as filled squares, `side` points wide including its quiet zone."""
    code = segno.make(url, error="m", micro=False)
    modules = code.symbol_size(border=4)[0]
    unit = side / modules
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for row_number, row in enumerate(code.matrix):
        y = bottom + side - (row_number + 5) * unit  # 4 modules of quiet zone above
        column = 0
        while column < len(row):
            if row[column]:
                start = column
                while column < len(row) and row[column]:
                    column += 1
                path.rect(left + (start + 4) * unit, y, (column - start) * unit, unit)
            else:
                column += 1
    canvas.drawPath(path, stroke=0, fill=1)


# --- the pages -------------------------------------------------------------------------------------

@dataclass
class _Case:
    """What the pages of one case need, read once from the campaign."""

    event_case: object
    campaign: object
    targets: list
    language: str
    form_url: str


def _cases(event: Event) -> list[_Case]:
    cases = []
    for event_case in event.cases:
        campaign = event_case.campaign
        cases.append(_Case(event_case, campaign, list(campaign.ordered_targets), event_case.language,
                           external_url("campaigns.write", slug=campaign.slug, event=event.code)))
    return cases


def _from_country(event: Event) -> str | None:
    return event.group.country if event.group and event.group.country else None


def _first_page(canvas: Canvas, event: Event, paper: Paper, sheet: LabelSheet, size: PackSize,
                writers: int, cases: list[_Case], has_attendees: bool) -> None:
    language = interface_language().code
    meta = " · ".join(part for part in (long_date(event.held_on, language), clean(event.place),
                                        clean(event.group.name) if event.group else "") if part)
    last_label_page = 1 + size.label_pages
    items = [
        _("Pages %(first)s to %(last)s: envelope labels, one for each letter. Print these pages on label sheets "
          "of %(sheet)s.", first=2, last=last_label_page, sheet=sheet.unbroken_name)
        if size.label_pages > 1 else
        _("Page 2: envelope labels, one for each letter. Print this page on a label sheet of %(sheet)s.",
          sheet=sheet.unbroken_name),
        _("Page %(page)s: the tally sheet. Fill it in during the evening and enter the numbers on the event’s "
          "page afterwards.", page=last_label_page + 1),
        ngettext("Then, for each case: a summary for the table, and %(num)s letter to each official, ready to sign.",
                 "Then, for each case: a summary for the table, and %(num)s letters to each official, ready to sign.",
                 writers),
    ]
    how = [
        _("Writers print their name and address on the lines at the top of each letter and below the signature, "
          "then sign.") if not has_attendees else
        _("The letters carry the names and addresses you pasted; any further letters have lines to fill in by "
          "hand. Writers sign above their name."),
        _("Fold each letter so the address shows through a window envelope, or stick a label on a plain "
          "envelope. One letter to an envelope."),
        _("Letters are dated the day of the event. Please post them the next day."),
    ]
    if any(case.campaign.is_test_mode for case in cases):
        how.append(_("A case still in test mode has its labels marked as a test print: do not post its letters "
                     "until the organisers switch the case live."))
    layout = _layout(paper, "\n".join((event.title, meta, *items, *how)))
    style = layout.style
    heading = style.size + 6
    layout.paragraph(_("Print pack: %(title)s", title=clean(event.title)), bold=True, size=heading,
                     leading=heading * 1.25)
    if meta:
        layout.paragraph(meta)
    layout.space(style.leading)
    layout.paragraph(_("What this pack holds"), bold=True, size=style.size + 2, leading=style.leading * 1.2)
    layout.space(style.leading / 3)
    for item in items:
        layout.item("•", item, indent=0, hang=5 * mm)
        layout.space(style.leading / 3)
    layout.space(style.leading)
    layout.paragraph(_("On the evening"), bold=True, size=style.size + 2, leading=style.leading * 1.2)
    layout.space(style.leading / 3)
    for number, item in enumerate(how, 1):
        layout.item(f"{number}.", item, indent=0, hang=6 * mm)
        layout.space(style.leading / 3)
    for ops in layout.pages:
        _draw(canvas, ops, paper)


def _label_pages(canvas: Canvas, paper: Paper, sheet: LabelSheet, cases: list[_Case], writers: int,
                 from_country: str | None) -> Iterator[None]:
    """The labels, one per letter in the order the letters come; yields after each sheet."""
    test_note = _("TEST PRINT – DO NOT POST")
    sheet_note = _("Print on label sheets %(sheet)s, or any sheet of the same layout.", sheet=sheet.unbroken_name)
    addresses = []
    for case in cases:
        for target in case.targets:
            lines = tuple(clean(line) for line in recipient_lines(target, from_country=from_country))
            addresses.append((lines, case.campaign.is_test_mode, writers))
    all_text = "\n".join([test_note, sheet_note, *(line for lines, _test, _count in addresses for line in lines)])
    style = style_for(all_text, interface_language().code, serif=False)
    layout = Layout(paper, style, is_rtl=interface_language().is_rtl)
    fitted = {}
    index = 0
    any_test = False
    for lines, is_test, count in addresses:
        key = (lines, is_test)
        if key not in fitted:
            fitted[key] = _fit_label(lines, is_test, test_note, style, sheet)
        any_test = any_test or is_test
        for _copy in range(count):
            left, bottom, right, top = sheet.cell(index, paper.height)
            for drop, size, line in fitted[key]:
                layout.place(line, left + sheet.inset_x, right - left - 2 * sheet.inset_x, top - sheet.inset_y - drop,
                             size, size * 1.15)
            index += 1
            if index % sheet.per_sheet == 0:
                yield from _end_label_sheet(canvas, layout, paper, sheet, any_test, (test_note, sheet_note))
                any_test = False
    if index % sheet.per_sheet or index == 0:
        yield from _end_label_sheet(canvas, layout, paper, sheet, any_test, (test_note, sheet_note))


def _end_label_sheet(canvas: Canvas, layout: Layout, paper: Paper, sheet: LabelSheet, is_test: bool,
                     notes: tuple[str, str]) -> Iterator[None]:
    test_note, sheet_note = notes
    # In the sheet's bottom margin, outside every label: the sheet to print on, for whoever stands at
    # the printer with the page in hand. Aligned where the interface language starts a line.
    size = 8.0
    line = set_line(sheet_note, layout.style, False, layout.direction(sheet_note))
    layout.place(line, sheet.left, paper.width - 2 * sheet.left, sheet.bottom_margin(paper.height) / 2 - size / 3,
                 size, size * 1.2)
    if is_test:
        # In the sheet's top margin, outside every label.
        note = test_note + " · " + _("Some cases on this sheet are in test mode.")
        line = set_line(note, layout.style, True, layout.direction(note))
        layout.place(line, sheet.left, paper.width - 2 * sheet.left, paper.height - sheet.top / 2 - size / 3,
                     size, size * 1.2)
    _draw(canvas, layout.pages[-1], paper)
    layout.pages[-1] = []
    yield


def _fit_label(lines: tuple[str, ...], is_test: bool, test_note: str, style: Style,
               sheet: LabelSheet) -> list[tuple[float, float, object]]:
    """The label's lines: (drop from the label's top to the baseline, size, set line).

    The address is wrapped to the label's width and set as large as fits its height, from 10 pt
    down; the size never goes below 5 pt, and lines that still do not fit are left out rather than
    printed across the next label.
    """
    width = sheet.width - 2 * sheet.inset_x
    height = sheet.height - 2 * sheet.inset_y
    size = 10.0
    while True:
        leading = size * 1.15
        wrapped = []
        if is_test:
            wrapped.extend((piece, True) for piece in wrap(test_note, style, size * 0.8, width, True))
        for line in lines:
            rtl = is_rtl_paragraph(line, False)
            wrapped.extend((piece, False) for piece in balanced_wrap(line, style, size, width, rtl))
        block = size + (len(wrapped) - 1) * leading + 0.3 * size
        if block <= height or size <= 5:
            break
        size -= 0.5
    placed = []
    drop = size
    for text, bold in wrapped:
        if drop + 0.3 * size > height:
            break
        line_size = size * 0.8 if bold else size
        line = set_line(text, style, bold, is_rtl_paragraph(text, False))
        while line.width * line_size > width and line_size > 4:  # a word wrap could not cut
            line_size -= 0.5
        placed.append((drop, line_size, line))
        drop += leading
    return placed


def _tally_page(canvas: Canvas, event: Event, paper: Paper, cases: list[_Case]) -> None:
    language = interface_language().code
    words = {
        "title": _("Tally sheet: %(title)s", title=clean(event.title)),
        "meta": long_date(event.held_on, language),
        "how": _("Count as you go: a stroke for each letter written, card made or email sent from a phone. "
                 "Afterwards, enter the totals on the event’s page:"),
        "url": external_url("organisers.event", event_id=event.id),
        "official": _("Official"),
        "letters": _("Letters written"),
        "total": _("Total"),
        "cards": _("Solidarity cards"),
        "phones": _("Emails sent from phones"),
    }
    labels = [clean(target.label) for case in cases for target in case.targets]
    cases_text = [f"{clean(case.campaign.ua_number)}: {clean(case.campaign.title)}" for case in cases]
    layout = _layout(paper, "\n".join((*words.values(), *labels, *cases_text)))
    style = layout.style
    layout.paragraph(words["title"], bold=True, size=style.size + 6, leading=(style.size + 6) * 1.25)
    layout.paragraph(words["meta"])
    layout.space(style.leading / 2)
    layout.paragraph(words["how"])
    layout.paragraph(words["url"], size=style.size - 1)
    layout.space(style.leading)

    left = paper.left
    width = paper.width - paper.left - paper.right
    name_width = width * 0.45
    strokes_width = width * 0.38
    total_width = width - name_width - strokes_width
    row = 10 * mm
    size = style.size - 1
    canvas.setLineWidth(0.5)

    def new_page_if(height: float) -> None:
        if layout.cursor - height < paper.bottom:
            _draw(canvas, layout.pages[-1], paper)
            layout.pages[-1] = []
            layout.cursor = paper.height - paper.top
            canvas.setLineWidth(0.5)

    def cell_left(offset: float, cell_width: float) -> float:
        # Columns run from the page's start: the official's name on the right in a right-to-left page.
        return left + width - offset - cell_width if layout.is_rtl else left + offset

    def table_row(label: str, *, is_header: bool = False) -> None:
        top = layout.cursor
        cells = ((label, cell_left(0, name_width), name_width),
                 (words["letters"] if is_header else "", cell_left(name_width, strokes_width), strokes_width),
                 (words["total"] if is_header else "", cell_left(name_width + strokes_width, total_width),
                  total_width))
        if not is_header:
            canvas.rect(left, top - row, width, row)
            for edge in sorted(cell for _text, cell, _width in cells)[1:]:
                canvas.line(edge, top - row, edge, top)
        for text, cell, cell_width in cells:
            lines = wrap(text, style, size, cell_width - 4 * mm, False, layout.direction(text))[:2] if text else ()
            y = top - row / 2 + (len(lines) - 1) * size * 0.6 - size * 0.35
            for line in lines:
                layout.place(set_line(line, style, False, layout.direction(line)), cell + 2 * mm,
                             cell_width - 4 * mm, y, size, size * 1.2)
                y -= size * 1.2
        layout.cursor -= row

    for case, case_text in zip(cases, cases_text, strict=True):
        new_page_if(row * (len(case.targets) + 3) + 3 * style.leading)
        layout.paragraph(case_text, bold=True)
        table_row(words["official"], is_header=True)
        for target in case.targets:
            table_row(clean(target.label))
        table_row(words["cards"])
        table_row(words["phones"])
        layout.space(style.leading)
    _draw(canvas, layout.pages[-1], paper)


def _summary_page(canvas: Canvas, event: Event, paper: Paper, case: _Case, writers: int,
                  from_country: str | None) -> None:
    """The case on one page, for the table; the summary text is cut at a sentence to keep it so."""
    language = interface_language().code
    campaign = case.campaign
    qr_side = 38 * mm
    with_qr = event.phones_welcome
    text_paper = dataclasses.replace(paper, bottom=paper.bottom + qr_side + 4 * mm) if with_qr else paper
    sentences = re.split(r"(?<=[.!?])\s+", clean(campaign.summary or "").strip())
    for keep in range(len(sentences), -1, -1):
        summary = " ".join(sentences[:keep]) + (" …" if keep < len(sentences) else "")
        layout = _summary_layout(text_paper, campaign, case, summary, writers, language, from_country)
        if len(layout.pages) == 1:
            break
    ops = layout.pages[0]
    if with_qr:
        # The code where a line starts (the right in a right-to-left page), its words beside it.
        bottom = paper.bottom
        style = layout.style
        text_width = paper.width - paper.left - paper.right - qr_side - 4 * mm
        if layout.is_rtl:
            qr_left, text_left = paper.width - paper.right - qr_side, paper.left
        else:
            qr_left, text_left = paper.left, paper.left + qr_side + 4 * mm
        _qr_code(canvas, case.form_url, qr_left, bottom, qr_side)
        y = bottom + qr_side - style.leading
        for text, size, bold in ((_("Writing from your phone?"), style.size, True),
                                 (_("Scan this code to open the case’s form, or type this address:"), style.size,
                                  False),
                                 (case.form_url, style.size - 1, False)):
            for piece in wrap(text, style, size, text_width, bold, layout.direction(text)):
                line = set_line(piece, style, bold, layout.direction(piece))
                x = text_left + text_width - line.width * size if layout.is_rtl or line.is_rtl else text_left
                ops.append(Op(x, y, size, size * 1.2, line))
                y -= size * 1.3
    _draw(canvas, ops, paper)


def _summary_layout(paper: Paper, campaign, case: _Case, summary: str, writers: int, language: str,
                    from_country: str | None) -> Layout:
    people = [clean(person.name) + (f" ({clean(person.description)})" if person.description else "")
              for person in campaign.people]
    demands = [clean(demand.text) for demand in campaign.demands]
    officials = [clean(target.label) for target in case.targets]
    letters_note = ngettext("%(num)s letter in %(language)s to each official:",
                            "%(num)s letters in %(language)s to each official:", writers,
                            language=language_name(case.language, language))
    destinations: dict[str, list[str]] = {}
    for target in case.targets:
        destinations.setdefault(target.country, []).append(clean(target.label))
    postage = [_postage(country, from_country, language) for country in destinations]
    deadline = (_("Post the letters before %(date)s.", date=long_date(campaign.deadline, language))
                if campaign.deadline else "")
    title = f"{clean(campaign.ua_number)}: {clean(campaign.title)}"
    words = [title, _("For the table: do not post this page."), _("Who"), _("What happened"),
             _("What to ask"), _("Where the letters go"), letters_note, deadline, *people, *demands,
             *officials, *postage, summary, campaign.solidarity_address or ""]
    layout = _layout(paper, "\n".join(words))
    style = layout.style
    subheading = style.size + 1.5

    def heading(text: str) -> None:
        layout.space(style.leading * 0.6)
        layout.paragraph(text, bold=True, size=subheading, leading=subheading * 1.3)

    layout.paragraph(_("For the table: do not post this page."), size=style.size - 1)
    layout.paragraph(title, bold=True, size=style.size + 5, leading=(style.size + 5) * 1.25)
    heading(_("Who"))
    for person in people or [clean(campaign.people_names or campaign.title)]:
        layout.paragraph(person)
    country = country_name(campaign.country, language)
    if country:
        layout.paragraph(country)
    if summary.strip():
        heading(_("What happened"))
        layout.paragraph(summary)
    if demands:
        heading(_("What to ask"))
        for demand in demands:
            layout.item("•", demand, indent=0, hang=5 * mm)
    heading(_("Where the letters go"))
    layout.paragraph(letters_note)
    for official in officials:
        layout.item("•", official, indent=0, hang=5 * mm)
    layout.space(style.leading / 3)
    for advice in postage:
        layout.paragraph(advice)
    if deadline:
        layout.paragraph(deadline, bold=True)
    if campaign.solidarity_address:
        heading(_("Solidarity cards"))
        layout.paragraph(_("Cards of support go to %(person)s, not to the officials. Send them to:",
                           person=campaign.people_names or _("the person at risk")))
        for line in clean(campaign.solidarity_address, keep_newlines=True).splitlines():
            if line.strip():
                layout.paragraph(line.strip())
    return layout


def _card_pages(canvas: Canvas, paper: Paper, case: _Case, writers: int) -> Iterator[None]:
    """Solidarity cards to cut out, four to a page: the greeting in the person's language alone (the
    language table's; where it has none, the card is left for the writer's own words), then room to
    write. Nothing of another language is printed on a card."""
    language = card_language(case.campaign)
    row = LANGUAGES.get(language)
    greeting = row.solidarity if row else ""
    style = style_for(greeting or "A", language, serif=True)
    width, height = paper.size
    margin = 12 * mm
    size = style.size + 5
    for _page in range(card_pages_for(writers)):
        canvas.saveState()
        canvas.setDash(3, 3)
        canvas.setLineWidth(0.4)
        canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
        canvas.line(width / 2, 0, width / 2, height)
        canvas.line(0, height / 2, width, height / 2)
        canvas.restoreState()
        ops: list[Op] = []
        for column in (0, 1):
            for row_number in (0, 1):
                card = dataclasses.replace(paper, left=column * width / 2 + margin,
                                           right=(1 - column) * width / 2 + margin,
                                           top=row_number * height / 2 + margin)
                layout = Layout(card, style, is_rtl=bool(row and row.is_rtl))
                if greeting:
                    layout.paragraph(greeting, size=size, leading=size * 1.35)
                ops += layout.pages[0]
        _draw(canvas, ops, paper)
        yield


def _postage(country: str, from_country: str | None, language: str) -> str:
    """Postage advice for letters to one destination, from the group's country when it is known."""
    name = country_name(country, language) or country
    if from_country:
        return _("To %(country)s: %(advice)s", country=name,
                 advice=postage_advice(from_country, {country}, language))
    return _("To %(country)s: a stamp for a standard letter up to 20 g; from outside %(country)s, international "
             "(airmail) postage.", country=name)


# --- the document ----------------------------------------------------------------------------------

def pack_chunks(event: Event, *, paper: str | None = None, attendees: list[Attendee] | None = None) -> Iterator[bytes]:
    """The pack's PDF in pieces, a page or a label sheet at a time, for a streamed download.

    Needs an application context (and a request's, for the interface language). Letters are
    composed one at a time and dropped once drawn, so memory does not grow with their number.
    """
    paper = (paper or default_paper(event)).upper()
    layout_paper = PAPERS.get(paper)
    if layout_paper is None:
        raise ValueError(f"unknown paper size {paper!r}: use one of {sorted(PAPERS)}")
    sheet = LABEL_SHEETS[paper]
    attendees = list(attendees or [])[:MAX_WRITERS]
    writers = letters_per_official(event, len(attendees))
    cases = _cases(event)
    from_country = _from_country(event)
    size = pack_size(event, paper=paper, attendees=len(attendees))

    canvas = Canvas(io.BytesIO(), pagesize=layout_paper.size, **CANVAS_OPTIONS)
    # The title names the event, never a writer.
    canvas.setTitle(_("Print pack: %(title)s", title=clean(event.title)))
    canvas.setCreator("UA Desk")
    stream = PageStream(canvas)

    _first_page(canvas, event, layout_paper, sheet, size, writers, cases, bool(attendees))
    yield stream.take()
    for _sheet in _label_pages(canvas, layout_paper, sheet, cases, writers, from_country):
        yield stream.take()
    _tally_page(canvas, event, layout_paper, cases)
    yield stream.take()

    is_first_letter = True
    for case in cases:
        _summary_page(canvas, event, layout_paper, case, writers, from_country)
        for target in case.targets:
            blank = None
            for number in range(writers):
                if number < len(attendees):
                    attendee = attendees[number]
                    writer = Writer(name=attendee.name, address=attendee.address,
                                    town=attendee.address[-1] if attendee.address else "", country_name="")
                    letter = compose(case.campaign, target, writer, language=case.language, today=event.held_on)
                else:
                    # Every blank letter to an official is the same: composed once.
                    blank = blank or compose(case.campaign, target, _BLANK_WRITER, language=case.language,
                                             today=event.held_on)
                    letter = blank
                pages = lay_out_letter(letter, layout_paper)
                claim_codes(canvas._doc, (piece for ops in pages for op in ops if not op.is_personal
                                          for piece in op.line.pieces))
                if is_first_letter:
                    start_personal_subsets(canvas._doc, (face.ttf for face in embedded_faces()))
                    is_first_letter = False
                draw_pages(canvas, pages, layout_paper, is_posted=True)
                yield stream.take()
        if case.campaign.solidarity_address:
            for _card_page in _card_pages(canvas, layout_paper, case, writers):
                yield stream.take()
    yield stream.finish()


def write_pack(out: BinaryIO, event: Event, *, paper: str | None = None,
               attendees: list[Attendee] | None = None) -> None:
    """Writes the pack's PDF to out as it is drawn."""
    for chunk in pack_chunks(event, paper=paper, attendees=attendees):
        out.write(chunk)


def render_poster(event: Event, *, paper: str | None = None) -> bytes:
    """A poster for the room, one page per case: whom the letters are for, the case's title and a large
    QR code that opens its form tagged with the event, with the address spelt out for those who type it.
    In the interface language, like the rest of the pack that is not a letter."""
    layout_paper = PAPERS[(paper or default_paper(event)).upper()]
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=layout_paper.size, **CANVAS_OPTIONS)
    canvas.setTitle(_("Poster: %(title)s", title=clean(event.title)))
    canvas.setCreator("UA Desk")
    width = layout_paper.width - layout_paper.left - layout_paper.right
    side = min(width, 120 * mm)
    for case in _cases(event):
        campaign = case.campaign
        call = _("Write a letter for %(person)s", person=clean(campaign.people_names or campaign.title))
        steps = [_("Scan the code with your phone's camera, or type this address:"), case.form_url,
                 _("Your letters count towards %(event)s.", event=clean(event.title))]
        title = f"{clean(campaign.ua_number)}: {clean(campaign.title)}"
        layout = _layout(layout_paper, "\n".join((call, title, *steps)))
        size = layout.style.size
        layout.paragraph(call, bold=True, size=size + 14, leading=(size + 14) * 1.2)
        layout.space(size)
        layout.paragraph(title, size=size + 4, leading=(size + 4) * 1.3)
        bottom = max(layout_paper.bottom + 30 * mm, layout.cursor - 12 * mm - side)  # just below the title
        _qr_code(canvas, case.form_url, layout_paper.left + (width - side) / 2, bottom, side)
        below = dataclasses.replace(layout_paper, top=layout_paper.height - bottom + 4 * mm)
        steps_layout = _layout(below, "\n".join(steps))
        for step in steps:
            steps_layout.paragraph(step, size=size + 1, leading=(size + 1) * 1.35)
        _draw(canvas, layout.pages[0] + steps_layout.pages[0], layout_paper)
    canvas.save()
    return out.getvalue()


def pack_filename(event: Event, what: str = "pack") -> str:
    return f"{what}-event-{event.id}-{event.held_on.isoformat()}.pdf"
