"""Places set lines on pages: the flow of paragraphs, lists, page breaks, and the letter itself.

Positions are PDF points from the page's bottom-left. A paragraph runs in the direction of its
first strong character (a letter in Arabic is right-to-left, a Latin name typed into it still
reads left to right), with the letter's own direction for text that has none; right-to-left
lines sit flush right in their box.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from reportlab.lib.units import mm

from letters.document import ComposedLetter
from letters.languages import letter_language
from letters.pdf.fonts import Style, style_for
from letters.pdf.papers import Paper
from letters.pdf.shaping import SetLine, balanced_wrap, clean, is_rtl_paragraph, set_line, wrap


class Op(NamedTuple):
    """One set line at an absolute baseline position: x is where its first piece starts."""

    x: float
    y: float
    size: float
    leading: float
    line: SetLine
    is_personal: bool = False  # the supporter's words (name, address, message), not the campaign's


class Layout:
    """Flows lines down the page, starting a new page when the bottom margin is reached."""

    def __init__(self, paper: Paper, style: Style, *, is_rtl: bool = False) -> None:
        self.paper = paper
        self.style = style
        self.is_rtl = is_rtl  # the document's direction, for text with no strong character
        self.pages: list[list[Op]] = [[]]
        self.cursor = paper.height - paper.top  # baseline of the line above the next one
        self.text_width = paper.width - paper.left - paper.right
        self.is_personal = False  # lines placed while set are the supporter's (subsets.py)

    def new_page(self) -> None:
        self.pages.append([])
        self.cursor = self.paper.height - self.paper.top

    def keep(self, height: float) -> None:
        """Starts a new page unless height fits below the cursor."""
        if self.cursor - height < self.paper.bottom:
            self.new_page()

    def space(self, height: float) -> None:
        self.cursor -= height

    def direction(self, text: str) -> bool:
        return is_rtl_paragraph(text, self.is_rtl)

    def line(self, text: str, left: float, width: float, *, rtl: bool, bold: bool = False,
             size: float | None = None, leading: float | None = None) -> Op:
        """A line in the box [left, left + width]: flush left, or flush right when rtl."""
        size = size or self.style.size
        leading = leading or self.style.leading
        if self.cursor - leading < self.paper.bottom:
            self.new_page()
        self.cursor -= leading
        return self.place(set_line(text, self.style, bold, rtl), left, width, self.cursor, size, leading)

    def place(self, line: SetLine, left: float, width: float, y: float, size: float,
              leading: float, *, page: int = -1) -> Op:
        x = left + width - line.width * size if line.is_rtl else left
        op = Op(x, y, size, leading, line, self.is_personal)
        self.pages[page].append(op)
        return op

    def paragraph(self, text: str, *, indent: float = 0.0, bold: bool = False,
                  size: float | None = None, leading: float | None = None) -> None:
        """Wrapped text across the text width, less indent on the side the paragraph starts."""
        rtl = self.direction(text)
        size = size or self.style.size
        width = self.text_width - indent
        left = self.paper.left if rtl else self.paper.left + indent
        for wrapped in wrap(text, self.style, size, width, bold, rtl):
            self.line(wrapped, left, width, rtl=rtl, bold=bold, size=size, leading=leading)

    def item(self, marker: str, text: str, *, indent: float, hang: float, bold: bool = False) -> None:
        """A list item: marker at indent, text wrapped with a hanging indent beside it."""
        rtl = self.direction(text)
        width = self.text_width - indent - hang
        text_left = self.paper.left if rtl else self.paper.left + indent + hang
        lines = wrap(text, self.style, self.style.size, width, bold, rtl)
        first = self.line(lines[0], text_left, width, rtl=rtl, bold=bold)
        # The marker shares the first line's baseline, even if that line opened a new page, and
        # comes first in the content so that text extraction and screen readers meet it first.
        marker_line = set_line(marker, self.style, False, rtl)
        if rtl:
            marker_x = self.paper.left + self.text_width - indent - marker_line.width * self.style.size
        else:
            marker_x = self.paper.left + indent
        self.pages[-1].insert(-1, first._replace(x=marker_x, line=marker_line))
        for wrapped in lines[1:]:
            self.line(wrapped, text_left, width, rtl=rtl, bold=bold)

    def block(self, text: str) -> None:
        """Body text: "\n" breaks a line, a blank line separates paragraphs, "•" starts an item."""
        gap = self.style.leading / 2
        for raw in text.split("\n"):
            if not raw.strip():
                self.space(gap)
            elif raw.lstrip().startswith("•"):
                self.item("•", raw.lstrip()[1:].strip(), indent=3 * mm, hang=5 * mm)
            else:
                self.paragraph(raw.strip())

    def flush_right(self, lines: Iterable[str], right: float, top_y: float, max_width: float) -> float:
        """Lines flush right on the first page from top_y down; returns the last baseline."""
        style, y = self.style, top_y
        for text in lines:
            rtl = self.direction(text)
            for wrapped in wrap(text, style, style.size, max_width, False, rtl):
                y -= style.leading
                line = set_line(wrapped, style, False, rtl)
                self.pages[0].append(Op(right - line.width * style.size, y, style.size, style.leading, line,
                                        self.is_personal))
        return y

    def add_page_numbers(self) -> None:
        if len(self.pages) < 2:
            return
        total = len(self.pages)
        size = self.style.size - 2
        for number, ops in enumerate(self.pages, 1):
            line = set_line(f"{number}/{total}", self.style)
            x = (self.paper.width - line.width * size) / 2
            ops.append(Op(x, self.paper.footer, size, size * 1.2, line))


# The address in the envelope window is set at the letter's own size when it fits, never below
# this: postal sorting and the official's mailroom read it at arm's length.
_ADDRESS_MIN_SIZE = 9.0
_ADDRESS_LEADING = 1.12


def address_ops(lines: tuple[str, ...], paper: Paper, layout: Layout) -> list[Op]:
    """The recipient block inside the envelope window.

    A line too long for the window (an organisation's full name) is wrapped into even lines
    rather than shrunk; the size only comes down, by half points, when the block would be taller
    than the window, so nothing hides behind the envelope.
    """
    style = layout.style
    width = paper.window_width - 2 * paper.address_inset
    height = paper.window_height
    size = style.size
    while True:
        leading = size * _ADDRESS_LEADING
        wrapped = [(piece, rtl) for line in lines for rtl in (layout.direction(line),)
                   for piece in balanced_wrap(line, style, size, width, rtl)]
        # From the first baseline (one size below the top) to the last line's descenders.
        block_height = size + (len(wrapped) - 1) * leading + 0.3 * size
        if block_height <= height or size <= _ADDRESS_MIN_SIZE:
            break
        size -= 0.5
    top = max(paper.window_top, min(paper.address_top, paper.window_top + height - block_height))
    left = paper.window_left + paper.address_inset
    y = paper.height - top - size
    ops = []
    for text, rtl in wrapped:
        line = set_line(text, style, False, rtl)
        x = left + width - line.width * size if rtl else left
        ops.append(Op(x, y, size, leading, line))
        y -= leading
    return ops


def _cleaned_letter(letter: ComposedLetter) -> ComposedLetter:
    def block(text: str) -> str:
        return clean(text, keep_newlines=True)

    return ComposedLetter(
        language=letter.language,
        sender_name=clean(letter.sender_name),
        sender_address=tuple(map(clean, letter.sender_address)),
        recipient_address=tuple(map(clean, letter.recipient_address)),
        date_text=clean(letter.date_text),
        subject=clean(letter.subject),
        salutation=clean(letter.salutation),
        paragraphs=tuple(map(block, letter.paragraphs)),
        personal_message=block(letter.personal_message),
        closing=clean(letter.closing),
        signature_name=clean(letter.signature_name),
    )


def letter_text(letter: ComposedLetter) -> str:
    return "\n".join((
        letter.sender_name, *letter.sender_address, *letter.recipient_address, letter.date_text,
        letter.subject, letter.salutation, *letter.paragraphs, letter.personal_message,
        letter.closing, letter.signature_name,
    ))


def lay_out_letter(letter: ComposedLetter, paper: Paper) -> list[list[Op]]:
    letter = _cleaned_letter(letter)
    style = style_for(letter_text(letter), letter.language)
    layout = Layout(paper, style, is_rtl=letter_language(letter.language).is_rtl)

    right = paper.width - paper.right
    # The sender block stays clear of the window so it never shows through the envelope. It sits
    # top right in either direction: where a right-to-left letter starts, and out of the window.
    sender_width = right - (paper.window_left + paper.window_width + 10 * mm)
    sender_lines = (letter.sender_name, *letter.sender_address)
    layout.is_personal = True
    last = layout.flush_right(sender_lines, right, paper.height - paper.top, sender_width)
    layout.is_personal = False
    last = layout.flush_right((letter.date_text,), right, last - style.leading / 2, sender_width)
    layout.pages[0].extend(address_ops(letter.recipient_address, paper, layout))

    first_baseline = min(paper.height - paper.body_top - style.size, last - 1.5 * style.leading)
    layout.cursor = first_baseline + style.leading
    layout.paragraph(letter.subject, bold=True)
    layout.space(style.leading)
    layout.paragraph(letter.salutation)
    layout.space(style.leading / 2)
    for paragraph in letter.paragraphs:
        layout.block(paragraph)
        layout.space(style.leading / 2)
    if letter.personal_message.strip():
        layout.is_personal = True
        layout.block(letter.personal_message)
        layout.is_personal = False
        layout.space(style.leading / 2)

    # Closing, room to sign and the printed name stay together on one page.
    signature_room = 3 * style.leading
    layout.keep(2 * style.leading + signature_room)
    layout.paragraph(letter.closing)
    layout.space(signature_room)
    layout.is_personal = True
    layout.paragraph(letter.signature_name)
    layout.is_personal = False
    layout.add_page_numbers()
    return layout.pages
