"""Lays out composed letters, and the supporter's cover sheet, as one printable PDF."""
from __future__ import annotations

import functools
import importlib.util
import io
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from letters.document import ComposedLetter, CoverSheet

# ASCII85 only helps 7-bit transports; our PDFs are binary downloads and attachments, and the
# pure-Python encoder costs about a tenth of the time of a one-page letter.
rl_config.useA85 = 0

# Compressed page streams are both smaller (a 1,000-letter evening stays a few MB) and, once
# ASCII85 is off, no slower. invariant=1 keeps the print time out of the file and makes the
# output reproducible. Starting in Times keeps an unused Helvetica out of letter-only files.
_CANVAS_OPTIONS = {"pageCompression": 1, "invariant": 1, "initialFontName": "Times-Roman"}

# Countries where US Letter, not A4, is the paper people have at home.
_LETTER_PAPER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "PH", "PR", "CL", "CO", "VE", "CR", "GT", "PA", "DO", "SV", "NI"}
)

_COVER_HEADING = "Instructions for you. Do not post this page."


@dataclass(frozen=True)
class _Paper:
    """Page size, margins and the envelope window; distances are from the page's top-left."""

    size: tuple[float, float]
    left: float
    right: float
    top: float                  # continuation pages and the cover start here
    bottom: float
    footer: float               # baseline of the page number, from the bottom edge
    window_left: float
    window_top: float
    window_width: float
    window_height: float
    address_inset: float        # text starts this far inside the window
    address_top: float          # where a short address starts; longer ones move up
    body_top: float             # the subject line
    fold_marks: tuple[float, ...]
    envelope_hint: str

    @property
    def width(self) -> float:
        return self.size[0]

    @property
    def height(self) -> float:
        return self.size[1]


_PAPERS = {
    # DIN 5008 form B: the address field is 85 x 45 mm, 20 mm from the left edge and 45 mm from the
    # top; its top 17.7 mm are the note zone, the address proper starts at 62.7 mm, text keeps a
    # 5 mm inner margin. Folded at 105 and 210 mm it shows through DL and C5/6 window envelopes.
    "A4": _Paper(
        size=A4, left=25 * mm, right=20 * mm, top=20 * mm, bottom=20 * mm, footer=10 * mm,
        window_left=20 * mm, window_top=45 * mm, window_width=85 * mm, window_height=45 * mm,
        address_inset=5 * mm, address_top=62.7 * mm, body_top=98.46 * mm,
        fold_marks=(105 * mm, 210 * mm),
        envelope_hint="a DL or C5/6 window envelope",
    ),
    # A #10 window envelope (9.5 x 4.125 in) has a 4.5 x 1.125 in window, 7/8 in from the left and
    # 1/2 in from the bottom. A letter-folded page (11/3 in panels) resting in it shows 2.04 to
    # 3.17 in from its top edge, and can slide 1 in sideways: 1 to 4.25 in across stays visible.
    "LETTER": _Paper(
        size=LETTER, left=1 * inch, right=1 * inch, top=0.75 * inch, bottom=0.75 * inch,
        footer=0.4 * inch,
        window_left=1 * inch, window_top=2.125 * inch, window_width=3.25 * inch,
        window_height=1 * inch,
        address_inset=0, address_top=2.125 * inch, body_top=3.5 * inch,
        fold_marks=(),
        envelope_hint="a #10 window envelope",
    ),
}


def paper_for_country(country_code: str) -> str:
    """The paper size supporters in this country print on: "LETTER" or "A4"."""
    return "LETTER" if country_code.strip().upper() in _LETTER_PAPER_COUNTRIES else "A4"


# --- fonts -------------------------------------------------------------------------------------

_WIDTH_CACHE_LIMIT = 50_000  # words and lines; bounds memory in a long-running worker


class _Font:
    """A registered font with a cache of string widths at size 1, since letters repeat words."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._widths: dict[str, float] = {}

    def measure(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) >= _WIDTH_CACHE_LIMIT:
                self._widths.clear()
            width = self._widths[text] = pdfmetrics.stringWidth(text, self.name, 1)
        return width


@dataclass(frozen=True)
class _Family:
    regular: _Font
    bold: _Font
    size: float
    leading: float
    glyphs: frozenset[int] | None  # code points an embedded font can draw; None: the WinAnsi set
    is_bold_stroked: bool = False  # bold drawn as the regular face filled and outlined


_BUILTIN_SERIF = _Family(_Font("Times-Roman"), _Font("Times-Bold"), 11, 14, None)
_BUILTIN_SANS = _Family(_Font("Helvetica"), _Font("Helvetica-Bold"), 10, 13.5, None)

# DejaVu is wider than Times at the same size, hence the smaller sizes. Only the regular face is
# embedded: each embedded face costs about 2 ms per document to subset and compress, which would
# cost a third of the speed of a one-letter PDF for a bold subject line.
_DEJAVU = {
    "DejaVuSerif": ("DejaVuSerif.ttf", 10, 13.5),
    "DejaVuSans": ("DejaVuSans.ttf", 9.5, 13),
}
_BOLD_STROKE_WIDTH = 0.4  # pt; outlining the glyphs this much reads as bold at 9-16 pt
_dejavu_families: dict[str, _Family] = {}
_dejavu_lock = threading.Lock()


def _font_dirs() -> Iterator[Path]:
    # find_spec locates matplotlib's bundled fonts without importing matplotlib (~0.25 s).
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            yield Path(location) / "mpl-data" / "fonts" / "ttf"
    yield Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core


def _font_file(filename: str) -> Path:
    for directory in _font_dirs():
        if (directory / filename).is_file():
            return directory / filename
    raise FileNotFoundError(f"{filename} not found: install matplotlib or fonts-dejavu-core")


def _dejavu(name: str) -> _Family:
    """Registers a DejaVu family once per process, on first use."""
    family = _dejavu_families.get(name)
    if family is not None:
        return family
    with _dejavu_lock:
        if name not in _dejavu_families:
            filename, size, leading = _DEJAVU[name]
            face = TTFont(name, str(_font_file(filename)))
            pdfmetrics.registerFont(face)
            font = _Font(name)
            _dejavu_families[name] = _Family(
                font, font, size, leading, frozenset(face.face.charToGlyph), is_bold_stroked=True
            )
        return _dejavu_families[name]


def _choose_family(text: str, builtin: _Family,
                   unicode_names: tuple[str, ...]) -> tuple[_Family, dict[int, str]]:
    """The fastest family that draws every character of text, and replacements for any it can't.

    Standard PDF fonts cover WinAnsi (cp1252) and need no embedding; anything else gets an
    embedded DejaVu subset. Characters no DejaVu face has become "?" rather than empty boxes.
    """
    try:
        text.encode("cp1252")
        return builtin, {}
    except UnicodeEncodeError:
        pass
    best: tuple[_Family, set[str]] | None = None
    used = set(text)
    used.discard("\n")
    for name in unicode_names:
        family = _dejavu(name)
        missing = {char for char in used if ord(char) not in family.glyphs}
        if not missing:
            return family, {}
        if best is None or len(missing) < len(best[1]):
            best = (family, missing)
    assert best is not None
    return best[0], {ord(char): "?" for char in best[1]}


# --- text cleaning -----------------------------------------------------------------------------

_LINE_BREAKS = {"\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"}


def _clean(text: str, *, keep_newlines: bool = False) -> str:
    """Drops control, format and unassigned characters, which have no glyph or crash encoders."""
    if text.isprintable() or (keep_newlines and all(map(str.isprintable, text.split("\n")))):
        return text
    text = text.replace("\r\n", "\n")
    kept = []
    for char in text:
        if char.isprintable() or char == "\xa0":
            kept.append(char)
        elif char in _LINE_BREAKS:
            kept.append("\n" if keep_newlines else " ")
        elif char == "\t" or unicodedata.category(char) == "Zs":
            kept.append(" ")
    return "".join(kept)


def _cleaned_letter(letter: ComposedLetter, replacements: dict[int, str] | None = None) -> ComposedLetter:
    def line(text: str) -> str:
        text = _clean(text)
        return text.translate(replacements) if replacements else text

    def block(text: str) -> str:
        text = _clean(text, keep_newlines=True)
        return text.translate(replacements) if replacements else text

    return ComposedLetter(
        language=letter.language,
        sender_name=line(letter.sender_name),
        sender_address=tuple(map(line, letter.sender_address)),
        recipient_address=tuple(map(line, letter.recipient_address)),
        date_text=line(letter.date_text),
        subject=line(letter.subject),
        salutation=line(letter.salutation),
        paragraphs=tuple(map(block, letter.paragraphs)),
        personal_message=block(letter.personal_message),
        closing=line(letter.closing),
        signature_name=line(letter.signature_name),
    )


def _letter_text(letter: ComposedLetter) -> str:
    return "\n".join((
        letter.sender_name, *letter.sender_address, *letter.recipient_address, letter.date_text,
        letter.subject, letter.salutation, *letter.paragraphs, letter.personal_message,
        letter.closing, letter.signature_name,
    ))


# --- layout ------------------------------------------------------------------------------------

class _Op(NamedTuple):
    """One line of text at an absolute baseline position (PDF coordinates, origin bottom-left)."""

    font: str
    size: float
    leading: float
    x: float
    y: float
    text: str
    is_stroked: bool = False


@functools.lru_cache(maxsize=4096)
def _wrap(text: str, font: _Font, size: float, width: float) -> tuple[str, ...]:
    """Greedy word wrap; a word longer than a line (a URL) is cut where it overflows.

    Cached because a campaign's letters share their template paragraphs.
    """
    limit = width / size
    space = font.measure(" ")
    lines: list[str] = []
    words: list[str] = []
    used = 0.0
    for word in text.split(" "):
        if not word:
            continue
        word_width = font.measure(word)
        if words and used + space + word_width <= limit:
            words.append(word)
            used += space + word_width
            continue
        if words:
            lines.append(" ".join(words))
        if word_width > limit:
            *full, word = _cut(word, font, limit)
            lines.extend(full)
            word_width = font.measure(word)
        words, used = [word], word_width
    if words:
        lines.append(" ".join(words))
    return tuple(lines) or ("",)


def _cut(word: str, font: _Font, limit: float) -> list[str]:
    pieces, start, used = [], 0, 0.0
    for index, char in enumerate(word):
        char_width = pdfmetrics.stringWidth(char, font.name, 1)
        if used + char_width > limit and index > start:
            pieces.append(word[start:index])
            start, used = index, 0.0
        used += char_width
    pieces.append(word[start:])
    return pieces


class _Layout:
    """Flows lines down the page, starting a new page when the bottom margin is reached."""

    def __init__(self, paper: _Paper, family: _Family, cursor: float) -> None:
        self.paper = paper
        self.family = family
        self.pages: list[list[_Op]] = [[]]
        self.cursor = cursor  # baseline of the line above the next one
        self.text_width = paper.width - paper.left - paper.right

    def new_page(self) -> None:
        self.pages.append([])
        self.cursor = self.paper.height - self.paper.top

    def keep(self, height: float) -> None:
        """Starts a new page unless height fits below the cursor."""
        if self.cursor - height < self.paper.bottom:
            self.new_page()

    def space(self, height: float) -> None:
        self.cursor -= height

    def line(self, text: str, x: float, *, bold: bool = False, size: float | None = None,
             leading: float | None = None) -> None:
        family = self.family
        size = size or family.size
        leading = leading or family.leading
        if self.cursor - leading < self.paper.bottom:
            self.new_page()
        self.cursor -= leading
        font = family.bold if bold else family.regular
        is_stroked = bold and family.is_bold_stroked
        self.pages[-1].append(_Op(font.name, size, leading, x, self.cursor, text, is_stroked))

    def paragraph(self, text: str, *, x: float | None = None, width: float | None = None,
                  bold: bool = False, size: float | None = None, leading: float | None = None) -> None:
        x = self.paper.left if x is None else x
        width = self.text_width - (x - self.paper.left) if width is None else width
        size = size or self.family.size
        font = self.family.bold if bold else self.family.regular
        for wrapped in _wrap(text, font, size, width):
            self.line(wrapped, x, bold=bold, size=size, leading=leading)

    def item(self, marker: str, text: str, *, indent: float, hang: float, bold: bool = False) -> None:
        """A list item: marker at indent, text wrapped with a hanging indent beside it."""
        x = self.paper.left + indent
        text_x = x + hang
        lines = _wrap(text, self.family.bold if bold else self.family.regular, self.family.size,
                      self.text_width - indent - hang)
        self.line(lines[0], text_x, bold=bold)
        # The marker shares the first line's baseline, even if that line opened a new page, and
        # comes first in the content so that text extraction and screen readers meet it first.
        first = self.pages[-1][-1]
        marker_op = first._replace(font=self.family.regular.name, x=x, text=marker, is_stroked=False)
        self.pages[-1].insert(-1, marker_op)
        for wrapped in lines[1:]:
            self.line(wrapped, text_x, bold=bold)

    def block(self, text: str) -> None:
        """Body text: "\n" breaks a line, a blank line separates paragraphs, "•" starts an item."""
        gap = self.family.leading / 2
        for raw in text.split("\n"):
            if not raw.strip():
                self.space(gap)
            elif raw.lstrip().startswith("•"):
                self.item("•", raw.lstrip()[1:].strip(), indent=3 * mm, hang=5 * mm)
            else:
                self.paragraph(raw.strip())

    def right_aligned(self, lines: Iterable[str], right: float, top_y: float, max_width: float) -> float:
        """Lines flush right on the first page from top_y down; returns the last baseline."""
        family, y = self.family, top_y
        font = family.regular
        for text in lines:
            for wrapped in _wrap(text, font, family.size, max_width):
                y -= family.leading
                x = right - font.measure(wrapped) * family.size
                self.pages[0].append(_Op(font.name, family.size, family.leading, x, y, wrapped))
        return y

    def add_page_numbers(self) -> None:
        if len(self.pages) < 2:
            return
        total = len(self.pages)
        font = self.family.regular
        size = self.family.size - 2
        for number, ops in enumerate(self.pages, 1):
            label = f"{number}/{total}"
            x = (self.paper.width - font.measure(label) * size) / 2
            ops.append(_Op(font.name, size, size * 1.2, x, self.paper.footer, label))


def _address_ops(lines: tuple[str, ...], paper: _Paper, family: _Family) -> list[_Op]:
    """The recipient block, shrunk until it fits the window, so nothing hides behind the envelope."""
    font = family.regular
    width = paper.window_width - 2 * paper.address_inset
    height = paper.window_height
    widest = max((font.measure(line) for line in lines), default=0.0)
    # Shrinking keeps an address line whole, as postal services read it, by up to 2 pt; below
    # that, wrapping is more legible.
    size = family.size
    while size > family.size - 2 and (widest * size > width or len(lines) * size * 1.15 > height):
        size -= 0.5
    wrapped = [piece for line in lines for piece in _wrap(line, font, size, width)]
    while size > 6 and len(wrapped) * size * 1.15 > height:
        size -= 0.5
        wrapped = [piece for line in lines for piece in _wrap(line, font, size, width)]
    leading = size * 1.15
    block_height = len(wrapped) * leading
    top = max(paper.window_top, min(paper.address_top, paper.window_top + height - block_height))
    x = paper.window_left + paper.address_inset
    y = paper.height - top - size  # first baseline: one font size below the block's top
    ops = []
    for text in wrapped:
        ops.append(_Op(font.name, size, leading, x, y, text))
        y -= leading
    return ops


def _lay_out_letter(letter: ComposedLetter, paper: _Paper) -> list[list[_Op]]:
    letter = _cleaned_letter(letter)
    family, replacements = _choose_family(_letter_text(letter), _BUILTIN_SERIF, ("DejaVuSerif", "DejaVuSans"))
    if replacements:
        letter = _cleaned_letter(letter, replacements)
    layout = _Layout(paper, family, paper.height - paper.top)

    right = paper.width - paper.right
    # The sender block stays clear of the window so it never shows through the envelope.
    sender_width = right - (paper.window_left + paper.window_width + 10 * mm)
    sender_lines = (letter.sender_name, *letter.sender_address)
    last = layout.right_aligned(sender_lines, right, paper.height - paper.top, sender_width)
    last = layout.right_aligned((letter.date_text,), right, last - family.leading / 2, sender_width)
    layout.pages[0].extend(_address_ops(letter.recipient_address, paper, family))

    first_baseline = min(paper.height - paper.body_top - family.size, last - 1.5 * family.leading)
    layout.cursor = first_baseline + family.leading
    layout.paragraph(letter.subject, bold=True)
    layout.space(family.leading)
    layout.paragraph(letter.salutation)
    layout.space(family.leading / 2)
    for paragraph in letter.paragraphs:
        layout.block(paragraph)
        layout.space(family.leading / 2)
    if letter.personal_message.strip():
        layout.block(letter.personal_message)
        layout.space(family.leading / 2)

    # Closing, room to sign and the printed name stay together on one page.
    signature_room = 3 * family.leading
    layout.keep(2 * family.leading + signature_room)
    layout.paragraph(letter.closing)
    layout.space(signature_room)
    layout.paragraph(letter.signature_name)
    layout.add_page_numbers()
    return layout.pages


def _cover_text(cover: CoverSheet) -> str:
    return "\n".join((
        cover.campaign_title, cover.ua_number, cover.deadline_text, cover.postage_advice,
        cover.posted_url, cover.posted_code, *cover.notes,
        *(part for envelope in cover.envelopes for part in (envelope.label, *envelope.address)),
    ))


def _lay_out_cover(cover: CoverSheet, paper: _Paper) -> list[list[_Op]]:
    family, replacements = _choose_family(_clean(_cover_text(cover), keep_newlines=True),
                                          _BUILTIN_SANS, ("DejaVuSans",))

    def clean(text: str) -> str:
        text = _clean(text)
        return text.translate(replacements) if replacements else text

    layout = _Layout(paper, family, paper.height - paper.top)
    heading_size = family.size + 6
    layout.paragraph(_COVER_HEADING, bold=True, size=heading_size, leading=heading_size * 1.25)
    layout.space(family.leading / 2)
    layout.paragraph(f"{clean(cover.ua_number)}: {clean(cover.campaign_title)}", bold=True,
                     size=family.size + 2, leading=family.leading * 1.2)
    layout.space(family.leading)
    layout.paragraph("How to send these letters", bold=True, size=family.size + 2,
                     leading=family.leading * 1.2)
    layout.space(family.leading / 3)

    steps = [
        "Print every page of this document.",
        "Sign each letter in the space above your printed name.",
        f"Fold each letter in three so that the address shows through the window of "
        f"{paper.envelope_hint}, or copy the address onto a plain envelope.",
        "Use one envelope per letter. The address for each envelope:",
    ]
    number = 0

    def step(text: str, *, bold: bool = False) -> None:
        nonlocal number
        number += 1
        layout.item(f"{number}.", text, indent=0, hang=6 * mm, bold=bold)
        layout.space(family.leading / 3)

    for text in steps:
        step(text)
    for envelope in cover.envelopes:
        layout.keep(family.leading * (2 + len(envelope.address)))
        layout.paragraph(clean(envelope.label), x=paper.left + 10 * mm, bold=True)
        for address_line in envelope.address:
            layout.paragraph(clean(address_line), x=paper.left + 14 * mm)
        layout.space(family.leading / 2)
    if cover.postage_advice.strip():
        step(f"Postage: {clean(cover.postage_advice)}")
    if cover.deadline_text.strip():
        step(f"Please post them before: {clean(cover.deadline_text)}", bold=True)
    step("When they are in the post, tell us, so we can follow up the case. Open this link:")
    layout.paragraph(clean(cover.posted_url), x=paper.left + 6 * mm)
    if cover.posted_code:
        where = f" at {clean(cover.posted_code_url)}" if cover.posted_code_url else ""
        layout.paragraph(f"or type this code{where}: {clean(cover.posted_code)}", x=paper.left + 6 * mm)
    if cover.notes:
        layout.space(family.leading)
        for note in cover.notes:
            layout.paragraph(clean(note))
            layout.space(family.leading / 3)
    layout.add_page_numbers()
    return layout.pages


# --- drawing -----------------------------------------------------------------------------------

def _draw_pages(canvas: Canvas, pages: list[list[_Op]], paper: _Paper, *, is_posted: bool) -> None:
    for page_number, ops in enumerate(pages):
        if is_posted and page_number == 0 and paper.fold_marks:
            canvas.setLineWidth(0.3)
            canvas.lines([(5 * mm, paper.height - y, 9 * mm, paper.height - y) for y in paper.fold_marks])
        text = canvas.beginText()
        canvas.setLineWidth(_BOLD_STROKE_WIDTH)
        font_style = None
        is_stroking = False
        for font, size, leading, x, y, line, is_stroked in ops:
            if (font, size, leading) != font_style:
                text.setFont(font, size, leading)
                font_style = (font, size, leading)
            if is_stroked != is_stroking:
                text.setTextRenderMode(2 if is_stroked else 0)  # 2: fill, then stroke
                is_stroking = is_stroked
            # textLine moves down by the leading; a new origin is only needed when the layout
            # did something else, which saves formatting most coordinates.
            if abs(text.getX() - x) > 0.001 or abs(text.getY() - y) > 0.001:
                text.setTextOrigin(x, y)
            text.textLine(line)
        canvas.drawText(text)
        canvas.showPage()


def write_letters_pdf(out: BinaryIO, letters: Iterable[ComposedLetter], *, paper: str = "A4",
                      cover: CoverSheet | None = None, title: str | None = None) -> None:
    """Writes one PDF: the cover sheet if given, then each letter from a new page.

    letters is consumed one at a time and each letter is laid out and drawn before the next is
    read, so a group's 1,000 letters never sit in memory as objects or layouts. reportlab keeps
    each finished page's content and assembles the file in memory at the end: about 12 KB per
    letter at peak. The title defaults to "Letters for <UA number>"; no supporter's name or
    address goes into the metadata.
    """
    layout_paper = _PAPERS.get(paper.upper())
    if layout_paper is None:
        raise ValueError(f"unknown paper size {paper!r}: use one of {sorted(_PAPERS)}")
    canvas = Canvas(out, pagesize=layout_paper.size, **_CANVAS_OPTIONS)
    canvas.setTitle(title or (f"Letters for {_clean(cover.ua_number)}" if cover else "Letters"))
    canvas.setCreator("UA Desk")
    if cover is not None:
        _draw_pages(canvas, _lay_out_cover(cover, layout_paper), layout_paper, is_posted=False)
    count = 0
    for letter in letters:
        _draw_pages(canvas, _lay_out_letter(letter, layout_paper), layout_paper, is_posted=True)
        count += 1
    if count == 0:
        raise ValueError("no letters to render")
    canvas.save()


def render_letters_pdf(letters: Iterable[ComposedLetter], *, paper: str = "A4",
                       cover: CoverSheet | None = None, title: str | None = None) -> bytes:
    """The PDF of write_letters_pdf as bytes, for a download or an email attachment."""
    buffer = io.BytesIO()
    write_letters_pdf(buffer, letters, paper=paper, cover=cover, title=title)
    return buffer.getvalue()
