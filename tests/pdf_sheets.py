"""UA sheets as PDFs, drawn with reportlab from an invented case, in the layouts sections publish.

The case (UA 207/26, a blogger in Tunisia) and every name, address and date in it are made up for
the tests. The layouts are the real ones: one column, or two columns, each page with a running header,
a footer and a page number. The two-column pages are drawn row by row (a line of the left column,
then the line beside it), and the header and footer last, as some publishing tools write them: a
reader that follows the order of the file instead of the page gets the columns interleaved.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from letters.pdf.fonts import font_path

HEADER = "Amnesty Network Section · Urgent Action Service"
FOOTER = "Urgent Action Service · 12 Example Lane · London EC1A 1AA · uaservice@section.example"

SHEET = """URGENT ACTION

First UA: 207/26 Index: MDE 30/5521/2026 Tunisia Date: 2 November 2026

TUNISIA: BLOGGER DETAINED OVER A POST ABOUT BREAD PRICES
Salma Ben Youssef, a blogger from Sfax, was arrested at her home on 27 October 2026, the day after she \
wrote that bakeries in her neighbourhood had run out of subsidised bread. She is held at the women's \
prison of Manouba on a charge of "spreading false news", which carries up to five years in prison.

TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USE THIS MODEL LETTER

Minister of Justice Hédi KSOURI
Ministry of Justice
31 Boulevard Bab Benat
1006 Tunis
Tunisia
Email: cabinet@justice.example
Fax: +216 71 568 000

Dear Minister,

I am writing to you about Salma Ben Youssef, a blogger from Sfax who has been detained since 27 October \
2026 because of a post about the price of bread.

Writing about the cost of food is not a crime. I am concerned that the charge against her is being used \
to punish her and to warn other bloggers.

I urge you to:
- release Salma Ben Youssef immediately and unconditionally, and drop the charge against her;
- pending her release, ensure that she can see her lawyer and her family regularly;
- ensure that people in Tunisia can write about living costs without fear of arrest.

Yours sincerely,
[Your name]

And copies to:

Ambassador Nadia HAMMAMI
Embassy of the Republic of Tunisia
29 Prince's Gate
London SW7 1QG
United Kingdom
Email: embassy.london@tunisia.example
Salutation: Your Excellency,

ADDITIONAL INFORMATION

Salma Ben Youssef has written a blog about daily life in Sfax since 2021. Her post of 26 October quoted \
three bakers who said their flour quota had been cut by half, and it was shared several thousand times \
before it was taken down. Police officers searched her flat on the morning of her arrest and took her \
laptop and her telephone. Her lawyer was allowed to see her only once, for ten minutes, in the presence \
of a guard.

PREFERRED LANGUAGE TO ADDRESS TARGET: Arabic, French, English
You can also write in your own language.

PLEASE TAKE ACTION AS SOON AS POSSIBLE UNTIL: 14 December 2026
Please check with the Urgent Action office in your country if you wish to send appeals after the deadline.

NAME AND PRONOUN: Salma Ben Youssef (she/her)
"""

# Words the chronology below is made of, so that six pages of background need no pasted prose.
_PLACES = ("Sfax", "Gabès", "Sousse", "Kairouan", "Bizerte", "Monastir", "Gafsa", "Nabeul")
_EVENTS = (
    "a court in {place} postponed the hearing of a blogger who had written about the closure of a bakery, "
    "and the judge refused to release her on bail while the investigation continued",
    "police officers in {place} questioned two students for several hours about a video they had posted "
    "showing a queue outside a shop that sold flour at the subsidised price",
    "a journalist from {place} was told by the prosecutor that a comment she had shared about fuel prices "
    "could be treated as an attack on public order under the decree on false news",
    "local organisations in {place} published a statement asking the authorities to stop arresting people "
    "for what they write online about the cost of living and the shortage of basic goods",
    "the family of a detained blogger in {place} said that they had not been allowed to bring him warm "
    "clothes or medicine, and that his lawyer had been turned away at the prison gate twice",
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def chronology(entries: int) -> str:
    """Dated paragraphs of invented background, as long as asked (about 45 words each)."""
    paragraphs = []
    for number in range(entries):
        day, month, year = 1 + (number * 7) % 28, _MONTHS[number % 12], 2024 + number // 12
        event = _EVENTS[number % len(_EVENTS)].format(place=_PLACES[number % len(_PLACES)])
        paragraphs.append(f"On {day} {month} {year}, {event}.")
    return "\n\n".join(paragraphs)


def long_sheet(entries: int = 60) -> str:
    """The sheet with a chronology under its additional information: six two-column pages at 60."""
    head, tail = SHEET.split("PREFERRED LANGUAGE TO ADDRESS TARGET:")
    return f"{head}{chronology(entries)}\n\nPREFERRED LANGUAGE TO ADDRESS TARGET:{tail}"


@dataclass(frozen=True)
class Layout:
    columns: int = 1
    font_size: float = 10.0
    margin: float = 56.0
    gutter: float = 24.0
    header: str | None = HEADER
    footer: str | None = FOOTER
    page_numbers: bool = True
    interleave_rows: bool = True  # two columns drawn row by row, header and footer after the body
    # The body's face: a PDF core font (Latin-1 only), or one of the letters' embedded faces ("NotoSans"),
    # which draws every script of the sheets as a section's PDF would.
    font: str = "Helvetica"


def _registered(font: str) -> str:
    """The font's name, its file embedded first when it is one of the letters' faces."""
    if font not in pdfmetrics.getRegisteredFontNames() and font not in pdfmetrics.standardFonts:
        pdfmetrics.registerFont(TTFont(font, str(font_path(font))))
    return font


def _wrapped(text: str, width: float, size: float, font: str = "Helvetica") -> list[str]:
    """The text as lines that fit `width`; its own line breaks kept, an empty line between paragraphs."""
    lines: list[str] = []
    for source_line in text.split("\n"):
        lines.extend(simpleSplit(source_line, font, size, width) if source_line.strip() else [""])
    return lines


def _furniture(canvas: Canvas, layout: Layout, number: int, pages: int) -> None:
    """The running header, the footer and the page number, in small print in the margins."""
    page_width, page_height = A4
    canvas.setFont("Helvetica", 8)
    if layout.header:
        canvas.drawString(layout.margin, page_height - layout.margin + 8, layout.header)
    if layout.footer:  # "{page}" and "{pages}" in it are numbered, as a browser's printed footer is
        canvas.drawString(layout.margin, layout.margin - 16, layout.footer.format(page=number, pages=pages))
    if layout.page_numbers:
        canvas.drawRightString(page_width - layout.margin, layout.margin - 30, f"Page {number} of {pages}")


def sheet_pdf(text: str = SHEET, layout: Layout = Layout()) -> bytes:
    """`text` laid out on A4 pages as `layout` says, as the bytes of a PDF."""
    page_width, page_height = A4
    leading = layout.font_size * 1.3
    column_width = (page_width - 2 * layout.margin - (layout.columns - 1) * layout.gutter) / layout.columns
    top, bottom = page_height - layout.margin - 20, layout.margin + 20
    rows_per_column = int((top - bottom) / leading)
    lines = _wrapped(text, column_width, layout.font_size, _registered(layout.font))
    per_page = rows_per_column * layout.columns
    pages = [lines[start:start + per_page] for start in range(0, len(lines), per_page)]

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle("Urgent Action")
    for number, page_lines in enumerate(pages, start=1):
        columns = [page_lines[c * rows_per_column:(c + 1) * rows_per_column] for c in range(layout.columns)]

        if not layout.interleave_rows:
            _furniture(canvas, layout, number, len(pages))
        canvas.setFont(layout.font, layout.font_size)
        if layout.interleave_rows:
            for row in range(rows_per_column):
                for index, column in enumerate(columns):
                    if row < len(column) and column[row]:
                        x = layout.margin + index * (column_width + layout.gutter)
                        canvas.drawString(x, top - row * leading, column[row])
        else:
            for index, column in enumerate(columns):
                for row, line in enumerate(column):
                    if line:
                        canvas.drawString(layout.margin + index * (column_width + layout.gutter),
                                          top - row * leading, line)
        if layout.interleave_rows:
            _furniture(canvas, layout, number, len(pages))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def expected_lines(text: str, layout: Layout = Layout()) -> list[str]:
    """The non-empty lines of `text` as `sheet_pdf` wraps them: what a reader should get back, in order."""
    column_width = (A4[0] - 2 * layout.margin - (layout.columns - 1) * layout.gutter) / layout.columns
    return [line for line in _wrapped(text, column_width, layout.font_size, _registered(layout.font))
            if line.strip()]
