"""Where a UA sheet comes from, turned into the plain text the importer reads: a PDF as sections publish
it, a text file, or text pasted from a web page with the site's menus and buttons still in it.

Nothing here knows how a sheet is structured: that is the importer's job (`parse_ua_text`). This
module only gives it lines in reading order, free of what is not the sheet (running headers,
footers and page numbers; navigation, share buttons, cookie banners, newsletter sign-ups).
Every refusal is a `SheetUnreadable` whose message can be shown as it is beside the form field
or on the command line.
"""
from __future__ import annotations

import re
import statistics
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from flask_babel import gettext as _
from flask_babel import ngettext

from campaigns.importer.contacts import is_contact
from campaigns.importer.text import mend_broken_word
from letters.languages import sheet_languages

MAX_FILE_BYTES = 10 * 1024 * 1024  # a UA sheet is a few hundred kilobytes, even with photographs
MAX_PDF_PAGES = 30  # a sheet is one to six pages; a report or a book is not a sheet
MAX_TEXT_CHARACTERS = 200_000  # as much as the import form takes when pasted

PDF_MAGIC = b"%PDF-"

# PDFium keeps global state and is not safe to call from two threads at once (pypdfium2's own
# documentation says so); a threaded server may import two sheets at the same time.
_PDFIUM = threading.Lock()


class SheetUnreadable(ValueError):
    """A file that cannot be read as a UA sheet; `message` says why, in the organiser's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- files -----------------------------------------------------------------------------------------

def refuse_too_large(data: bytes) -> None:
    """Refuses more than MAX_FILE_BYTES; callers read one byte more than that, never a whole large file."""
    if len(data) > MAX_FILE_BYTES:
        raise SheetUnreadable(_("That file is larger than %(size)d MB, which no UA sheet is. Please upload "
                                "the sheet alone.", size=MAX_FILE_BYTES // (1024 * 1024)))


def text_from_file(data: bytes) -> str:
    """The text of an uploaded sheet: a PDF (known by its first bytes, whatever its name) or UTF-8 text."""
    refuse_too_large(data)
    if not data.strip():
        raise SheetUnreadable(_("That file is empty: there is no UA text to import."))
    if PDF_MAGIC in data[:1024]:
        return text_from_pdf(data)
    return text_from_text_file(data)


# Text files whose text is buried in markup the importer would read as the sheet: RTF, a saved web page.
_MARKED_UP = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:\{\\rtf|<!doctype\s+html|<html|<\?xml)", re.IGNORECASE)


def text_from_text_file(data: bytes) -> str:
    """UTF-8 text (a byte order mark is allowed); anything else, a word processor's file or a saved web
    page say, is refused."""
    if b"\x00" in data[:4096] or _MARKED_UP.match(data[:512]):
        raise SheetUnreadable(_("That file is neither a PDF nor plain text. Please upload the sheet as a PDF "
                                "or a .txt file, or paste its text."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetUnreadable(_("That file is not UTF-8 text. Please save it as UTF-8, upload the PDF, or "
                                "paste its text.")) from None
    return _checked_length(text)


def _checked_length(text: str) -> str:
    if not text.strip():
        raise SheetUnreadable(_("That file is empty: there is no UA text to import."))
    if len(text) > MAX_TEXT_CHARACTERS:
        raise SheetUnreadable(_("That is longer than any UA sheet: please import one sheet at a time."))
    return text


# --- PDF -------------------------------------------------------------------------------------------

def text_from_pdf(data: bytes) -> str:
    """The text of a PDF in reading order: columns one after the other, page furniture left out.

    Refuses, with a message for the organiser, what is not a PDF, is locked with a password, is
    damaged, has too many pages or holds no text at all (a scan).
    """
    refuse_too_large(data)
    if PDF_MAGIC not in data[:1024]:
        raise SheetUnreadable(_("That file is not a PDF."))
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            if getattr(error, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
                raise SheetUnreadable(_("That PDF is locked with a password. Please upload an unlocked copy, "
                                        "or paste its text.")) from None
            raise _damaged() from None
        try:
            count = len(document)
            if count == 0:
                raise _damaged()
            if count > MAX_PDF_PAGES:
                raise SheetUnreadable(ngettext(
                    "That PDF has %(num)d pages, more than the %(most)d of the longest UA sheet. Please upload "
                    "the sheet alone.",
                    "That PDF has %(num)d pages, more than the %(most)d of the longest UA sheet. Please upload "
                    "the sheet alone.", count, most=MAX_PDF_PAGES))
            pages = []
            budget = MAX_TEXT_CHARACTERS  # checked before each page is read, so no file keeps us long
            for index in range(count):
                pages.append(_page_fragments(document[index], budget))
                budget -= pages[-1].characters
        except pdfium.PdfiumError:
            raise _damaged() from None
        finally:
            document.close()
    text = "\n".join(reading_order(pages))
    if not text.strip():
        raise SheetUnreadable(_("That PDF holds no text, only pictures of it (a scan, perhaps). Please paste "
                                "the text of the sheet instead."))
    return _checked_length(text)


def _damaged() -> SheetUnreadable:
    return SheetUnreadable(_("That PDF is damaged and cannot be read. Please upload it again, or paste its text."))


@dataclass(frozen=True)
class Fragment:
    """A piece of text on one line of a page, in PDF points from the bottom left corner."""

    left: float
    bottom: float
    right: float
    top: float
    text: str
    first_character: int = -1  # its first character's index on the page, which tells its font size

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Page:
    height: float
    lines: list[_Line]
    sizes: dict[int, float]  # font size of the edge lines (by index) that could be furniture
    body_size: float  # the usual font size of the page's text
    characters: int


def _page_fragments(page, budget: int) -> _Page:
    """A page's text as fragments, each a run of characters on one line with no wide gap, in lines.

    Most files draw a line (or a run in one font) at a time, and PDFium's text rectangles are those
    runs: the quick way. Some draw a word or a glyph at a time, or fill a page with small print;
    their rectangles are so many that asking each for its text would take seconds, so their
    characters are read one by one instead, in time proportional to the text. Font sizes, which
    tell a footer's small print, are read for the lines at the top and the bottom and for a sample
    of the others.
    """
    textpage = page.get_textpage()
    try:
        characters = pdfium_c.FPDFText_CountChars(textpage)
        if characters > budget:
            raise SheetUnreadable(_("That is longer than any UA sheet: please import one sheet at a time."))
        rectangles = textpage.count_rects()
        if rectangles * _CHARACTERS_PER_RUN > characters or rectangles > _MOST_RECTANGLES:
            fragments = _fragments(textpage, characters)
        else:
            fragments = _runs_of_text(textpage, rectangles)
        lines = _lines(fragments)

        def size(fragment: Fragment) -> float:
            index = fragment.first_character
            if index < 0:
                index = pdfium_c.FPDFText_GetCharIndexAtPos(textpage, fragment.left + 0.5, fragment.middle, 2.0, 2.0)
            return float(pdfium_c.FPDFText_GetFontSize(textpage, index)) if index >= 0 else 0.0

        edges = set(range(min(_EDGE_LINES, len(lines)))) | set(range(max(len(lines) - _EDGE_LINES, 0), len(lines)))
        sizes = {index: min(size(f) for f in lines[index].fragments) for index in edges}
        step = max(1, len(fragments) // 15)
        sample = [size(fragment) for fragment in fragments[::step]]
        return _Page(page.get_size()[1], lines, sizes, statistics.median(sample) if sample else 0.0, characters)
    finally:
        textpage.close()
        page.close()


# Under this many characters per text rectangle on average, a page is drawn a word or a glyph at a time.
_CHARACTERS_PER_RUN = 12
# PDFium looks through the whole page for each rectangle's text: past this many, reading the characters
# one by one is quicker (a dense page of small print, say).
_MOST_RECTANGLES = 200


def _runs_of_text(textpage, rectangles: int) -> list[Fragment]:
    """PDFium's text rectangles, each with its text."""
    fragments = []
    for index in range(rectangles):
        left, bottom, right, top = textpage.get_rect(index)
        text = _normal_characters(textpage.get_text_bounded(left, bottom, right, top))
        if text.strip():
            fragments.append(Fragment(left, bottom, right, top, " ".join(text.split())))
    return fragments


def _fragments(textpage, count: int) -> list[Fragment]:
    """Characters joined into fragments while they follow each other on one line; a gap wider than a
    word space (a column's gutter), a step back or a line change starts the next fragment."""
    fragments: list[Fragment] = []
    box = pdfium_c.FS_RECTF()
    characters: list[str] = []
    left = bottom = right = top = 0.0
    first = -1
    space = False

    def close() -> None:
        text = _normal_characters("".join(characters)).strip()
        if text:
            fragments.append(Fragment(left, bottom, right, top, text, first))
        characters.clear()

    page_text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(page_text) != count:  # characters beyond 16 bits take two places in PDFium's count
        page_text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, index)) for index in range(count))
    char_box = pdfium_c.FPDFText_GetLooseCharBox  # looked up once: this loop runs for every character
    for index, character in enumerate(page_text):
        if character.isspace() or character in "\x00\ufffe\uffff":
            # Spaces in the file and PDFium's own between words and lines.
            if character in "\r\n" and characters:
                close()
            space = bool(characters)
            continue
        if not char_box(textpage, index, box):
            continue
        box_left, box_bottom, box_right, box_top = box.left, box.bottom, box.right, box.top
        height = box_top - box_bottom
        if characters:
            height_now = top - bottom
            same_line = abs((box_top + box_bottom - top - bottom) / 2) < 0.5 * min(height, height_now) + 0.5
            gap = box_left - right
            if same_line and -0.5 * height_now < gap < 0.8 * max(height, height_now):
                if space or gap > 0.2 * height_now:
                    characters.append(" ")
                characters.append(character)
                right, bottom, top = max(right, box_right), min(bottom, box_bottom), max(top, box_top)
                space = False
                continue
            close()
        characters.append(character)
        left, bottom, right, top, first = box_left, box_bottom, box_right, box_top, index
        space = False
    close()
    return fragments


_LIGATURES = re.compile("[\ufb00-\ufb06]")


def _normal_characters(text: str) -> str:
    # Typeset PDFs draw "fi", "ffl"… as one glyph; the importer looks for the letters.
    return _LIGATURES.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)


# --- reading order ---------------------------------------------------------------------------------

@dataclass
class _Line:
    """Fragments side by side on one line of a page, left to right."""

    fragments: list[Fragment]
    # Which column of the document the line is in: its block's left edge and the gutter to its right.
    column: tuple[int, int] = (0, 0)

    @property
    def left(self) -> float:
        return min(f.left for f in self.fragments)

    @property
    def right(self) -> float:
        return max(f.right for f in self.fragments)

    @property
    def top(self) -> float:
        return max(f.top for f in self.fragments)

    @property
    def bottom(self) -> float:
        return min(f.bottom for f in self.fragments)

    @property
    def text(self) -> str:
        return _joined(self.fragments)


def _joined(fragments: Sequence[Fragment]) -> str:
    parts: list[str] = []
    previous = None
    for fragment in sorted(fragments, key=lambda f: f.left):
        # Runs that touch (a bold label and its value, a change of font) are one word apart at most.
        if previous is not None and fragment.left - previous.right > 0.15 * max(fragment.height, 1):
            parts.append(" ")
        parts.append(fragment.text)
        previous = fragment
    return "".join(parts).strip()


def _lines(fragments: Iterable[Fragment]) -> list[_Line]:
    """Fragments grouped into lines (same height on the page), top of the page first."""
    lines: list[_Line] = []
    middle = shortest = 0.0
    for fragment in sorted(fragments, key=lambda f: -f.middle):
        # Same line when the middles are closer than half a line: superscripts and mixed sizes stay on it.
        if lines and abs(middle - fragment.middle) < 0.5 * min(fragment.height, shortest) + 0.5:
            line = lines[-1]
            line.fragments.append(fragment)
            middle += (fragment.middle - middle) / len(line.fragments)
            shortest = min(shortest, fragment.height)
            continue
        lines.append(_Line([fragment]))
        middle, shortest = fragment.middle, fragment.height
    return lines


def _runs(line: _Line) -> list[Fragment]:
    """The line's fragments merged where only a word space separates them: what is left apart is a column gap.

    Some files draw every word on its own; merged, a line of one column is one run again.
    """
    merged: list[Fragment] = []
    for fragment in sorted(line.fragments, key=lambda f: f.left):
        if merged and fragment.left - merged[-1].right < 0.9 * max(fragment.height, merged[-1].height):
            last = merged[-1]
            merged[-1] = Fragment(last.left, min(last.bottom, fragment.bottom), max(last.right, fragment.right),
                                  max(last.top, fragment.top), _joined([last, fragment]))
        else:
            merged.append(fragment)
    return merged


# Page numbers, alone on the first or last lines of a page: "3", "- 3 -", "3/6", "Page 3 of 6",
# "Seite 3 von 6", "Página 3 de 6", "Page 3 sur 6", "p. 3".
_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?(?:(?:page|p\.|pg\.|seite|s\.|página|pagina|pág\.|pag\.)\s*)?\d{1,3}"
    r"(?:\s*(?:/|of|von|de|sur)\s*\d{1,3})?(?:\s*[-–—])?", re.IGNORECASE)
# "UA 118/21", "UA-Nr. 118/2021", "AU 60/16", "EUA 27.19": worth keeping even from a running header.
_UA_NUMBER = re.compile(r"\b(?:E?UA|AU)\b\W{0,6}(?:nr\.?|no\.?|n°|núm\.?)?\s*\d{1,4}\s*[/.\-]\s*\d{2,4}",
                        re.IGNORECASE)
_EDGE_LINES = 2  # how many lines at the top and at the bottom of a page may be running headers or footers


def _furniture_key(text: str) -> str:
    # "Page 2 of 6" and "Page 3 of 6" are the same footer; so are dates and issue numbers that count up.
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def _without_furniture(pages: Sequence[_Page]) -> list[list[_Line]]:
    """Pages without page numbers, footers and running headers.

    A header or footer is a line among the first or last two of a page whose text (numbers aside)
    comes back at the same place on other pages, or, on a page of its own, that is in small print
    in the top or bottom tenth of the page. Sections often print the UA number in the running
    header, and some nowhere else: a header that carries one is kept once, where it first appears.
    """
    def edges(lines: list[_Line]) -> list[tuple[str, int]]:
        top = [("top", index) for index in range(min(_EDGE_LINES, len(lines)))]
        bottom = [("bottom", index) for index in range(max(len(lines) - _EDGE_LINES, 0), len(lines))]
        return list(dict.fromkeys(top + bottom))

    seen: Counter[tuple[str, str, int]] = Counter()
    for page in pages:
        seen.update({(place, _furniture_key(page.lines[index].text), round(page.lines[index].top / 6))
                     for place, index in edges(page.lines)})
    repeats = max(2, -(-len(pages) // 3))  # on two pages at least, and on a third of them

    kept_pages = []
    kept_headers: set[str] = set()
    for page in pages:
        dropped: set[int] = set()
        for place, index in edges(page.lines):
            line = page.lines[index]
            text = line.text.strip()
            in_margin = line.top < 0.1 * page.height if place == "bottom" else line.bottom > 0.9 * page.height
            small_print = in_margin and 0 < page.sizes.get(index, 0.0) < 0.9 * page.body_size
            if _PAGE_NUMBER.fullmatch(text):
                dropped.add(index)
            elif small_print or seen[(place, _furniture_key(text), round(line.top / 6))] >= repeats:
                key = _furniture_key(text)
                if place == "top" and _UA_NUMBER.search(text) and key not in kept_headers:
                    kept_headers.add(key)
                    continue
                dropped.add(index)
        kept_pages.append([line for index, line in enumerate(page.lines) if index not in dropped])
    return kept_pages


# How many lines of a left column must fill it to the gutter for short lines beside them to be a column.
_FILLED_LINES = 4


def _gutter(lines: Sequence[_Line]) -> float | None:
    """Where two columns part on these lines, or None when the text is one column.

    A gutter is an upright strip that few runs of text cross, with text on both sides of it at the
    same height at least three times (within a line's height: columns whose paragraphs are spaced
    differently do not share baselines), and with many of the left column's lines reaching close to
    it, as the lines of a column of prose do (the labels of a one-column table of "Email:  value"
    do not). With no text crossing the strip, a left column some of whose lines fill it is a column
    beside whatever stands to its right: the line or two a sheet's last column may hold, or blocks of
    short address lines.
    """
    every = [run for line in lines for run in _runs(line)]
    if len(lines) < 3 or not every:
        return None
    left_edge, right_edge = min(r.left for r in every), max(r.right for r in every)
    span = right_edge - left_edge
    candidates = sorted({round(r.left) for r in every if left_edge + 0.15 * span < r.left < left_edge + 0.85 * span})
    best: tuple[int, int, float] | None = None
    for x in candidates:
        # The right end of the left column's text, by height on the page in steps of 4 points.
        reach_at: dict[int, float] = {}
        left_ends = []
        on_right = []
        crossing = 0
        for run in every:
            if run.right <= x - 2:
                step = int(run.middle // 4)
                reach_at[step] = max(reach_at.get(step, 0.0), run.right)
                left_ends.append(run.right)
            elif run.left >= x - 1:
                on_right.append(run)
            else:
                crossing += 1
        reaches = []
        for run in on_right:
            near = int(run.height // 4) + 1
            beside = [reach_at[step] for step in range(int(run.middle // 4) - near, int(run.middle // 4) + near + 1)
                      if step in reach_at]
            if beside:
                reaches.append(x - max(beside))
        side_by_side = len(reaches)
        column = x - left_edge
        filled = sum(x - end <= 0.2 * column for end in left_ends)
        # With nothing across the strip, a column some of whose lines fill it to the strip is a column beside
        # whatever stands to its right: a line or two ending the sheet, a block of short address lines.
        filled_column = (crossing == 0 and side_by_side >= 1 and filled >= _FILLED_LINES
                         and filled >= 0.25 * len(left_ends))
        if not filled_column and (side_by_side < 3 or side_by_side < crossing or sum(
                reach <= 0.3 * column for reach in reaches) < 0.3 * len(reaches)) or min(reaches, default=0) < 4:
            continue
        if best is None or (side_by_side, -crossing) > (best[0], best[1]):
            best = (side_by_side, -crossing, x)
    return None if best is None else best[2] - 1


def _page_text(lines: list[_Line], depth: int = 0, limit: float | None = None) -> list[_Line]:
    """The lines of a page (or a part of it) in reading order, each told which column it is in.

    With two columns: left column top to bottom, then the right one; a line that runs across the
    gutter (a title over both columns, say) ends the columns above it and is read in its place.
    """
    gutter = _gutter(lines) if depth < 2 else None
    if gutter is None:
        if lines:
            column = (round(min(line.left for line in lines) / 8), -1 if limit is None else round(limit / 8))
            for line in lines:
                line.column = column
        return lines
    ordered: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []

    def flush() -> None:
        ordered.extend(_page_text(left, depth + 1, gutter))
        ordered.extend(_page_text(right, depth + 1, limit))
        left.clear()
        right.clear()

    for line in lines:
        runs = _runs(line)
        if any(r.left < gutter and r.right > gutter - 1 for r in runs):
            flush()
            ordered.extend(_page_text([line], depth + 1, limit))
            continue
        on_left = [f for f in line.fragments if f.right <= gutter]
        on_right = [f for f in line.fragments if f.right > gutter]
        if on_left:
            left.append(_Line(on_left))
        if on_right:
            right.append(_Line(on_right))
    flush()
    return ordered


def _usual_gap(pages: Sequence[Sequence[_Line]]) -> float:
    """The space between two lines of a paragraph, over the whole document (a page may hold three lines)."""
    gaps = [above.bottom - below.top for lines in pages for above, below in zip(lines, lines[1:], strict=False)
            if above.bottom - below.top >= 0]
    return statistics.median(gaps) if gaps else 0.0


def _texts_with_paragraphs(lines: Sequence[_Line], usual: float) -> list[str]:
    """Line texts with an empty line where the page leaves a paragraph's space between them."""
    texts: list[str] = []
    for index, line in enumerate(lines):
        if index:
            gap = lines[index - 1].bottom - line.top
            if gap > max(1.8 * usual, usual + 0.6 * (line.top - line.bottom)):
                texts.append("")
        texts.append(line.text)
    return texts


_LABEL = re.compile(r"[^\W\d_][\w .'/-]{0,30}:(?:\s|$)")
_LIST_MARKER = re.compile(r"(?:[-–—•·▪*]|\(?\d{1,2}[.)]|[a-z][.)])\s")


def _wrapped_lines(lines: Sequence[_Line], following: Sequence[str]) -> list[bool]:
    """Whether each line was broken only because the column was full: the next line's first word would
    have fitted in the room left at its end. Measured against the widest line of the same column over
    the whole document, so a page of short address lines is not taken for a full column."""
    widest: dict[tuple[int, int], float] = {}
    for line in lines:
        widest[line.column] = max(widest.get(line.column, 0.0), line.right)
    wrapped = []
    for index, (line, after) in enumerate(zip(lines, following, strict=True)):
        text = line.text
        word = after.split(maxsplit=1)[0] if after.strip() else ""
        character = (line.right - line.left) / max(len(text), 1)
        # "Email: …" then "Salutation: …" are two values, however long the first; a sheet's header line
        # ("First UA: 207/26 Index: … Tunisia" / "Date: …") runs on.
        label = _LABEL.match(text)
        is_list = bool(_LIST_MARKER.match(after)) or is_contact(after) or bool(
            label and _LABEL.match(after) and len(text[label.end():].split()) <= 4)
        room = widest[line.column] - line.right
        wrapped.append(bool(word) and not is_list and room < character * (1.15 * len(word) + 2)
                       and not (index + 1 < len(lines)
                                and _ended_by_choice(text, lines[index + 1], following[index + 1], widest)))
    return wrapped


def _ended_by_choice(above: str, line: _Line, after: str, widest: dict[tuple[int, int], float]) -> bool:
    """Whether the line above `line` ended where it did by choice, however full it was: both are lines of a block
    each set on its own (an address). `line` ends well short of its column without ending a sentence or a clause,
    starts with no small letter and holds no label, and the line `after` it follows without a paragraph's space
    and is no item of a list; `above` ends in a word with a capital or a digit, as an address's lines do (prose
    broken at "of" or "de la" does not, nor at an initial, "… avec copie à S." / "E. Mme …"). Headings in capitals
    wrapped over two lines are left to be joined."""
    last = above.split()[-1] if above.strip() else ""
    text = line.text
    short = widest[line.column] - line.right > 0.3 * (widest[line.column] - line.left)
    return (short and (last[:1].isupper() or last[:1].isdigit()) and not last.endswith(".")
            and bool(after.strip()) and text[-1:] not in ".,;:!?)" and ":" not in text
            and not text[:1].islower() and not _LIST_MARKER.match(after) and not (text.isupper() and above.isupper()))


def reading_order(pages: Sequence[_Page]) -> list[str]:
    """The text of a whole document in reading order, one paragraph per line as text pasted from a web
    page reads: lines broken only by a full column joined, hyphenated words put back together where safe."""
    ordered = [_page_text(lines) for lines in _without_furniture(pages)]
    usual = _usual_gap(ordered)
    texts: list[str] = []
    every: list[_Line] = []
    for lines in ordered:
        for text in _texts_with_paragraphs(lines, usual):
            texts.append(text)
        every.extend(lines)
    # The line that follows each text line (an empty one when a paragraph ends there).
    following = [texts[index + 1] if index + 1 < len(texts) else "" for index, text in enumerate(texts) if text]
    return reflowed(texts, _wrapped_lines(every, following))


# --- hyphenation -----------------------------------------------------------------------------------

def reflowed(lines: Sequence[str], wrapped: Sequence[bool] | None = None) -> list[str]:
    """Lines with words broken at a line's end made whole, and wrapped lines (`wrapped`, one flag per
    non-empty line) joined to the next.

    A broken word is safe to mend when letters come before the hyphen and a letter starts the next
    line. A lower-case continuation loses the hyphen (a typesetter's break), unless the first part is
    a prefix that keeps it; a capital keeps it ("Jean-" / "Pierre" is Jean-Pierre). A soft hyphen
    always goes. Numbers, dashes after a space and list markers are left as they are.
    """
    flags = iter(wrapped) if wrapped is not None else None
    result: list[str] = []
    joining = False
    for source in lines:
        line = source.strip()
        is_wrapped = bool(next(flags)) if flags is not None and line else False
        if result and result[-1] and line:
            mended = mend_broken_word(result[-1], line)
            if mended:
                result[-1], line = mended
                if not line:  # the whole line was the end of the word
                    joining = is_wrapped
                    continue
            if joining:
                result[-1] = f"{result[-1]} {line}"
                joining = is_wrapped
                continue
        elif not line and source.strip() == "" and result and not result[-1]:
            continue  # one empty line between paragraphs is enough
        result.append(line)
        joining = is_wrapped
    return result


def join_hyphenated(lines: Sequence[str]) -> list[str]:
    """Words broken over two lines made whole, every line otherwise as it was."""
    return reflowed(lines)


# --- text pasted from a web page -------------------------------------------------------------------

def _phrases(*groups: str) -> frozenset[str]:
    return frozenset(phrase.strip() for group in groups for phrase in group.split("|"))


# Lines that are a web site's furniture and never part of a sheet, in the network's languages, as
# they read once lower-cased, without bullets and arrows, their spaces folded. A line must be
# exactly one of these: "Contact:" (a heading before an address) is not "Contact", and "Home
# Office, 2 Marsham Street" is not "Home".
BOILERPLATE = {
    "en": _phrases(
        "skip to content|skip to main content|skip to navigation|jump to content|main menu|menu|open menu|"
        "close menu|toggle navigation|search|search this site|share|share this|share this:|share this page|"
        "share on facebook|share on twitter|share on x|share via email|share by email|tweet|copy link|"
        "print|print this page|back to top|read more|related content|related articles|you may also like|"
        "donate|donate now|join us|get involved|sign up|subscribe|sign up to our newsletter|"
        "sign up for our newsletter|subscribe to our newsletter|your email address|enter your email|"
        "accept|accept all|accept all cookies|accept cookies|reject all|decline|cookie settings|"
        "manage cookies|manage preferences|got it|i agree|privacy policy|cookie policy|terms of use|"
        "terms and conditions|terms & conditions|accessibility|sitemap|site map|contact us|about us|"
        "press center|press centre|follow us|follow us on|you are here:|breadcrumb|enter your email address|"
        "sign up for our emails|sign up for emails|stay connected|stay informed|"
        "get the latest urgent actions in your inbox|you may also be interested in|you might also be interested in|"
        "you might also like|related actions|more urgent actions|email address|your email"),
    "de": _phrases(
        "zum inhalt springen|direkt zum inhalt|zur navigation|zum hauptinhalt|hauptmenü|menü|menü öffnen|"
        "menü schließen|suche|suchen|teilen|diesen artikel teilen|seite teilen|auf facebook teilen|"
        "link kopieren|drucken|seite drucken|nach oben|zurück nach oben|weiterlesen|mehr erfahren|"
        "ähnliche artikel|ähnliche aktionen|weitere aktionen|das könnte dich auch interessieren|jetzt spenden|"
        "newsletter abonnieren|zum newsletter anmelden|jetzt anmelden|anmelden|deine e-mail-adresse|"
        "ihre e-mail-adresse|alle akzeptieren|akzeptieren|alle ablehnen|ablehnen|cookie-einstellungen|"
        "einstellungen verwalten|datenschutz|datenschutzerklärung|impressum|nutzungsbedingungen|"
        "barrierefreiheit|über uns|folge uns|sie sind hier:|du bist hier:"),
    "fr": _phrases(
        "aller au contenu|aller au contenu principal|passer au contenu|accéder au contenu|menu principal|"
        "ouvrir le menu|fermer le menu|rechercher|recherche|partager|partager cet article|partager cette page|"
        "partager sur facebook|copier le lien|imprimer|imprimer cette page|haut de page|retour en haut|"
        "lire la suite|en savoir plus|articles liés|actions similaires|à lire aussi|faire un don|je fais un don|"
        "s'inscrire|je m'inscris|abonnez-vous à notre newsletter|inscrivez-vous à notre newsletter|"
        "votre adresse e-mail|votre adresse email|tout accepter|accepter|tout refuser|refuser|"
        "paramètres des cookies|gérer les cookies|personnaliser|politique de confidentialité|"
        "mentions légales|conditions d'utilisation|accessibilité|plan du site|nous contacter|"
        "qui sommes-nous|suivez-nous|vous êtes ici :|vous êtes ici:"),
    "es": _phrases(
        "ir al contenido|saltar al contenido|ir al contenido principal|menú principal|menú|abrir menú|"
        "cerrar menú|buscar|búsqueda|compartir|compartir en facebook|compartir en twitter|copiar enlace|"
        "imprimir|volver arriba|ir arriba|leer más|seguir leyendo|contenido relacionado|acciones relacionadas|"
        "también te puede interesar|dona ahora|haz un donativo|hazte socio|hazte socia|hazte socio/a|"
        "suscríbete|suscríbete a nuestro boletín|suscríbete a nuestra newsletter|tu correo electrónico|"
        "tu email|aceptar|aceptar todo|aceptar todas|rechazar|rechazar todo|configuración de cookies|"
        "configurar cookies|política de privacidad|política de cookies|aviso legal|términos de uso|"
        "accesibilidad|mapa del sitio|quiénes somos|síguenos|estás aquí:"),
}
# Single words that are furniture only among other furniture: a menu of them, a row of share buttons.
# Alone they may be a label whose value follows on the next line ("Twitter" / "@minister").
WEAK_BOILERPLATE = _phrases(
    "home|startseite|accueil|inicio|facebook|twitter|x|instagram|linkedin|youtube|whatsapp|telegram|"
    "bluesky|mastodon|tiktok|email|e-mail|mail|courriel|correo|news|aktuelles|actualités|noticias|"
    "shop|blog|campaigns|kampagnen|campagnes|campañas|close|schließen|fermer|cerrar|ok|english|deutsch|"
    "français|español|en|de|fr|es|contact|kontakt|contacto|contacta|press|presse|prensa|newsroom|jobs|"
    "careers|karriere|emplois|empleo|spenden|mitmachen|agir|actúa|dona|what we do|where we work|our work|"
    "issues|countries|join|education|take action|urgent action network|newsletter|submit|send|learn more|"
    "privacy|terms|cookies|about|resources|events|amnesty international|amnesty international usa|"
    "themen|länder|thèmes|pays|temas|países")
# Menu items that are also a sheet's headings: furniture only with furniture above and below them.
_ALSO_HEADINGS = frozenset({"take action"})
_HOME_WORDS = frozenset({"home", "startseite", "accueil", "inicio"})

_ALL_BOILERPLATE = frozenset().union(*BOILERPLATE.values())
_DECORATION = re.compile(r"^[\s•·▪►▸›»>|*\-–—]+|[\s•·▪►▸›»>|*]+$")
# Between the items of a breadcrumb or a row of footer links; two spaces are what a pasted row of links keeps.
_CRUMB_SEPARATOR = re.compile(r"\s+[>›»|/·•]\s+|\s*[›»]\s*|\s{2,}")
_DIGIT = re.compile(r"\d")
_COOKIE_WORDS = re.compile(r"\bcookies?\b", re.IGNORECASE)
_CONSENT_WORDS = re.compile(
    r"\b(?:we use|this (?:site|website) uses|by (?:continuing|clicking|using)|accept|consent|"
    r"wir verwenden|diese (?:website|seite) verwendet|akzeptier|einwillig|zustimm|"
    r"nous utilisons|ce site utilise|accept|consentement|en poursuivant|"
    r"utilizamos|este sitio (?:web )?utiliza|acept|consentimiento|al continuar)", re.IGNORECASE)
_NEWSLETTER = re.compile(r"\b(?:newsletter|boletín|lettre d'information|infolettre|mailing list)\b",
                         re.IGNORECASE)
_NEWSLETTER_VERBS = re.compile(
    r"\b(?:sign up|subscribe|join|get|receive|abonnier|anmelden|bestell|erhalte|abonne|inscri|recevez|"
    r"suscr|apúnt|recibe)", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)


def _phrase(line: str) -> str:
    return " ".join(_DECORATION.sub("", line).casefold().split())


def _is_breadcrumb(phrase: str) -> bool:
    """"Home > Get involved > Urgent actions": short parts, a separator between each, starting at home
    or made only of menu words."""
    parts = [" ".join(part.split()) for part in _CRUMB_SEPARATOR.split(phrase) if part.strip()]
    # A number ("UA 207/26", a date) or a label is content, whatever separates it from its neighbours.
    if len(parts) < 2 or any(len(part.split()) > 5 or ":" in part or _DIGIT.search(part) for part in parts):
        return False
    known = [part in _ALL_BOILERPLATE or part in WEAK_BOILERPLATE for part in parts]
    # A site's menu or footer names links of its own beside the usual ones ("Get Involved | Our Stories | Careers |
    # Contact Us | Privacy Policy"): a long row of short links, half of them furniture and one furniture on its own.
    return parts[0] in _HOME_WORDS or all(known) or (
        len(parts) >= _MENU_LINKS and 2 * sum(known) >= len(parts)
        and all(len(part.split()) <= _MENU_LINK_WORDS for part in parts)
        and any(part in _ALL_BOILERPLATE for part in parts))


# How many links a menu's row has at least to be known by half of them, and how many words each has at most.
_MENU_LINKS = 4
_MENU_LINK_WORDS = 3


_SOCIAL_NETWORKS = frozenset({"facebook", "twitter", "x", "instagram", "linkedin", "youtube", "whatsapp", "telegram",
                              "bluesky", "mastodon", "tiktok", "threads", "reddit", "pinterest"})
_SHARE_WORDS = _SOCIAL_NETWORKS | frozenset({"share", "teilen", "partager", "compartir", "email", "e-mail", "mail",
                                            "courriel", "correo", "print", "drucken", "imprimer", "imprimir", "copy",
                                            "link", "on", "via", "this", "sur", "en", "auf"})


def _is_share_bar(phrase: str) -> bool:
    """"Share: Facebook X WhatsApp Email" on one line: only share words, and social networks among them; after a
    furniture phrase and its colon too ("Follow us: Facebook | Instagram | X")."""
    lead, colon, rest = phrase.partition(":")
    if colon and lead.strip() in _ALL_BOILERPLATE:
        phrase = rest
    words = [word.strip(":,") for word in re.split(r"[\s|·•/]+", phrase) if word.strip(":,")]
    return (len(words) >= 2 and all(word in _SHARE_WORDS for word in words)
            and any(word in _SOCIAL_NETWORKS for word in words))


def _is_furniture_sentences(phrase: str) -> bool:
    """"Stay informed. Sign up for our emails": a sign-up box's heading and its button run together, each part
    furniture on its own once its stop is off."""
    parts = [part.rstrip(".!?:") for part in re.split(r"(?<=[.!?:])\s+", phrase)]
    return len(parts) > 1 and all(part in _ALL_BOILERPLATE for part in parts)


_LONGEST_PHRASE = max(len(phrase.split()) for phrase in _ALL_BOILERPLATE | WEAK_BOILERPLATE)


def _is_row_of_links(phrase: str) -> bool:
    """"Privacy policy Terms of use Contact us", "Our work Countries Get involved Donate": a row of links
    copied with single spaces between them. Every word must belong to a furniture phrase, there must be two
    phrases at least, and one of them furniture on its own (not merely a word such as "Countries")."""
    words = phrase.split()
    # best[i]: the first i words as furniture phrases (None: they are not), as (how many, any strong one).
    best: list[tuple[int, bool] | None] = [(0, False)] + [None] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(max(0, end - _LONGEST_PHRASE), end):
            before = best[start]
            candidate = " ".join(words[start:end])
            if before is None or not (candidate in _ALL_BOILERPLATE or candidate in WEAK_BOILERPLATE):
                continue
            found = (before[0] + 1, before[1] or candidate in _ALL_BOILERPLATE)
            if best[end] is None or found[1] > best[end][1]:
                best[end] = found
    return best[-1] is not None and best[-1][0] >= 2 and best[-1][1]


# A page's footer in text pasted from a PDF: a line that ends with its page number given with its words
# ("AMNESTY INTERNATIONAL USA | URGENT ACTION NETWORK | UA 19/25 | PAGE 1 OF 2", "… Seite 2 von 3").
_PAGE_FOOTER = re.compile(r"(?:^|[\s|·•–—-])(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.page_numbers) + ")$", re.IGNORECASE)


# The same with the page's number alone after the footer's separator: "Amnesty International USA | 1 of 2".
_PAGE_COUNT = re.compile(r"\S\s*\|\s*(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.page_counts) + ")$", re.IGNORECASE)


def is_page_footer(line: str) -> bool:
    """The line is a page's footer with its number ("… | Page 1 of 2", "… | 1 of 2"), as text pasted from a PDF
    keeps it."""
    line = line.strip()
    return len(line) <= 200 and (_PAGE_FOOTER.search(line) is not None or _PAGE_COUNT.search(line) is not None)


def is_web_furniture(line: str) -> bool:
    """The line is a web page's furniture wherever it stands ("Skip to main content", a cookie banner, a
    breadcrumb, a row of share buttons or footer links): never a sheet's headline or any of its values.
    Single words that could be a label ("Email", "Home") are not: they are furniture only beside it."""
    phrase = _phrase(line)
    if not phrase:
        return False
    crumbs = _DECORATION.sub("", line).casefold().strip()  # its runs of spaces kept: they part footer links
    if (phrase in _ALL_BOILERPLATE or _COPYRIGHT.match(phrase) or _is_breadcrumb(crumbs) or _is_share_bar(phrase)
            or _is_row_of_links(phrase) or _is_furniture_sentences(phrase)):
        return True
    words = len(phrase.split())
    if _COOKIE_WORDS.search(phrase) and (_CONSENT_WORDS.search(phrase) or words <= 4):
        return True
    return bool(words <= 15 and _NEWSLETTER.search(phrase) and _NEWSLETTER_VERBS.search(phrase))


def without_web_furniture(text: str) -> str:
    """The text without the lines a web page adds around a sheet pasted from it.

    Dropped: "Skip to content", menus, breadcrumbs, share and social buttons, cookie banners,
    newsletter sign-ups, footer links and copyright lines, in English, German, French and Spanish.
    Single words that could be a label (Home, Twitter, Email…) go only beside other furniture, and
    a menu item that could be a heading ("Take action") only between furniture.
    A sheet without any of these comes back unchanged, character for character.
    """
    lines = text.split("\n")
    dropped = {index for index, line in enumerate(lines) if is_web_furniture(line)}
    if not dropped:
        return text
    weak = {index for index, line in enumerate(lines) if _phrase(line) in WEAK_BOILERPLATE}
    changed = True
    while changed:  # a menu of weak words next to one strong line goes as a whole
        changed = False
        for index in sorted(weak - dropped):
            neighbours = [_neighbour(lines, index, step) for step in (-1, 1)]
            beside = [n is not None and n in dropped for n in neighbours]
            if all(beside) if _phrase(lines[index]) in _ALSO_HEADINGS else any(beside):
                dropped.add(index)
                changed = True
    return "\n".join(line for index, line in enumerate(lines) if index not in dropped)


def _neighbour(lines: Sequence[str], index: int, step: int) -> int | None:
    """The nearest non-empty line above (step -1) or below (step 1)."""
    index += step
    while 0 <= index < len(lines):
        if lines[index].strip():
            return index
        index += step
    return None
