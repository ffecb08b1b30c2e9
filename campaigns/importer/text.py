"""The sheet as the parser reads it: normalised text, its lines and paragraphs, list items and words."""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

# Every way of ending a line (CRLF, CR, vertical tab, form feed, NEL, Unicode line/paragraph separators).
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Characters that carry no words: controls other than tab and newline, bidi embeddings/overrides/isolates
# and marks, zero-width space, word joiner, byte-order mark.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060"
                        r"\u2066-\u2069\ufeff]")
# Tabs and the other spaces (no-break, thin, ideographic…) become plain spaces, runs of them one space.
_SPACES = re.compile(r"[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_PLAIN_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "：": ":"})

# Headings and labels are short: longer lines are never tested against them (and regexes stay linear).
MAX_HEADING = 300
# A paragraph longer than this is never an updates sentence or a demand.
MAX_SENTENCE = 2000

# A list item's marker: "•", "-", "*", "–", "▪", "■", "►", "➢", "✓", "1.", "1)", "(1)", "a)"; glued ("•Ensure")
# or not. Word and PDF symbol-font bullets come through as private-use characters (U+F0A7, U+F0B7…). A day written
# with its dot before its month and year ("17. November 2025 im Hungerstreik …", a wrapped sentence's line) is none,
# nor is a floor with its ordinal sign ("1.º B", "3.ª planta").
BULLET = re.compile(r"^(?:[•●▪◦‣∙·*\-–—■□▫◾◼○◆◇♦►▶▸➢➤➔→✓✔\uf020-\uf0ff]+"
                    r"|\(?\d{1,2}[.)](?![\dºª°])(?!\s*[^\W\d_]+\.?\s+\d{4}\b)|\(?[a-z]\))"
                    r"\s*(?P<text>.*)$")
# A word of a name: letters, with inner hyphens or apostrophes ("Kassym-Jomart", "O'Neill").
NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def normalise_text(text: str) -> str:
    """The sheet as the parser reads it: "\\n" line ends, no invisible characters, single plain spaces."""
    text = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text or ""))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def spaced_lines(text: str) -> list[str]:
    """The sheet's lines as normalise_text numbers them, with their spacing kept (tabs expanded, other spaces
    made plain): where two columns set side by side part, as in text pasted from a two-column page."""
    text = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text or ""))
    return [re.sub(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " ", line.expandtabs(8))
            for line in text.split("\n")]


@dataclass(frozen=True)
class Line:
    text: str
    blank_before: bool  # an empty line separates it from the line before
    # Where the line stands in the sheet: 1 for the first line of normalise_text(sheet), blank lines counted.
    number: int = 0


# The first and the last line a value was read from, as numbered in normalise_text(sheet).
Span = tuple[int, int]


def sheet_lines(text: str) -> list[Line]:
    """The sheet's non-empty lines, each knowing its number and whether a blank line came before it."""
    lines, blank = [], False
    for number, raw in enumerate(normalise_text(text).split("\n"), start=1):
        if raw:
            lines.append(Line(raw, blank, number))
        blank = not raw
    return lines


def span_of(lines: list[Line]) -> Span:
    return min(line.number for line in lines), max(line.number for line in lines)


def sources_in(given: str, read: str, sources: dict[str, Span]) -> dict[str, Span]:
    """Sources numbered in `read`, a sheet with whole lines left out (a web page's menus), renumbered
    as the lines stand in `given`, the sheet as the organiser gave it and as the draft keeps it."""
    if given == read:
        return dict(sources)
    given_lines, read_lines = normalise_text(given).split("\n"), normalise_text(read).split("\n")
    numbers, position = {}, 0
    for number, line in enumerate(read_lines, start=1):
        while position < len(given_lines) and given_lines[position] != line:
            position += 1
        if position == len(given_lines):
            break  # not the same sheet with lines left out: what is left has no place to point at
        numbers[number] = position = position + 1
    return {name: (numbers[first], numbers[last]) for name, (first, last) in sources.items()
            if first in numbers and last in numbers}


def excerpt(text: str, span: Span) -> str:
    """The lines of a sheet a value was read from, as the parser numbered them."""
    first, last = span
    return "\n".join(normalise_text(text).split("\n")[max(first, 1) - 1:last]).strip("\n")


def key(text: str) -> str:
    """A line as headings are compared: typographic quotes and dashes made plain."""
    return text.translate(_PLAIN_PUNCTUATION).strip()


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    found: list[list[Line]] = []
    for line in lines:
        if line.blank_before or not found:
            found.append([])
        found[-1].append(line)
    return found


# --- words broken over two lines ------------------------------------------------------------------

_SOFT_HYPHENS = "\u00ad\x02"  # PDFium marks a hyphen the typesetter added with \x02
_HYPHENS = "-\u2010" + _SOFT_HYPHENS
_BROKEN_WORD = re.compile(rf"(?P<start>[^\W\d_]{{2,}})(?P<hyphen>[{_HYPHENS}])$")
# No word the wrapping broke is longer than this.
_LONGEST_WORD = 80
_WORD_START = re.compile(r"(?P<word>[^\W\d_][^\s]*)(?P<rest>.*)$", re.DOTALL)
# English prefixes whose hyphen belongs to the word ("self-imposed", "non-violent"); German, French and
# Spanish join such prefixes without one, or write a capital after the hyphen, which keeps it anyway.
_HYPHENATED_PREFIXES = frozenset({"self", "ex", "non", "anti", "co", "pre", "post", "well", "long", "short",
                                  "half", "cross", "all", "semi", "quasi", "vice", "pro", "multi", "ill"})


def mend_broken_word(line: str, following: str) -> tuple[str, str] | None:
    """`line` and `following` with a word broken over them ("deten-" / "tion") made whole on `line`,
    or None when they do not end and start a broken word."""
    # Only the line's end can hold the broken word: searched there alone, a paragraph of thousands of letters
    # costs no more than a short one.
    broken = _BROKEN_WORD.search(line, max(0, len(line) - _LONGEST_WORD)) if line[-1:] in _HYPHENS else None
    continuation = _WORD_START.match(following) if following else None
    if not broken or not continuation:
        return None
    start, hyphen, word = broken["start"], broken["hyphen"], continuation["word"]
    keeps_hyphen = hyphen not in _SOFT_HYPHENS and (word[0].isupper() or start.casefold() in _HYPHENATED_PREFIXES)
    return line[:broken.start("hyphen")] + ("-" if keeps_hyphen else "") + word, continuation["rest"].strip()


def unwrap(lines: list[Line]) -> str:
    """A paragraph's lines as text: hard-wrapped lines joined by spaces, real line ends and list items kept.

    A line longer than a typical wrap width that ends a sentence was not wrapped: the break after it stays. A
    word the wrapping broke ("protec-" / "tion") is made whole (see mend_broken_word).
    """
    text = lines[0].text if lines else ""
    for previous, line in pairwise(lines):
        if BULLET.match(line.text) or (len(previous.text) > 120 and previous.text[-1] in ".!?\"”»"):
            text += "\n" + line.text
        elif mended := mend_broken_word(text, line.text):
            text = f"{mended[0]} {mended[1]}".rstrip()
        else:
            text += " " + line.text
    return text


def without_bullet(text: str) -> tuple[str, bool]:
    match = BULLET.match(text)
    return (match["text"], True) if match and match["text"] else (text, False)


@dataclass(frozen=True)
class Item:
    """A list item's text, and the lines of the sheet it was read from."""

    text: str
    span: Span


def wrap_width(lines: list[Line]) -> int | None:
    """How wide the sheet's hard-wrapped lines run, in characters: the longest line that a sentence carries
    on from (the next line, in the same paragraph, starts with a small letter) and that two other such lines
    come close to. None when no two lines of the sheet were wrapped so (a web page, whose lines break only where its
    text does)."""
    wrapped = sorted((len(line.text) for line, following in pairwise(lines)
                      if not following.blank_before and following.text[:1].islower() and line.text[-1:].isalnum()),
                     reverse=True)
    if len(wrapped) < 2:
        return None
    # The longest such line that two others come close to: a line or two the sheet never wrapped (list items
    # pasted whole, far longer) are no measure of its wrapping.
    return next((length for index, length in enumerate(wrapped)
                 if index + 2 < len(wrapped) and wrapped[index + 2] >= 0.9 * length), wrapped[0])


# How much longer than the sheet's wrapped lines a line must be to be one the sheet never wrapped.
_UNWRAPPED = 1.2


def breaks_after(line: Line, following: Line, width: int | None) -> bool:
    """Whether the text itself ends a list item after `line`, rather than the sheet's wrapping: the line ends
    in a semicolon, is far longer than the lines the sheet wrapped, or the next line starts with a capital and
    its first word would have fit on this line (with room to spare, as proportional type fits more or fewer
    letters on a line)."""
    if line.text.endswith(";"):
        return True
    if width is not None and len(line.text) > _UNWRAPPED * width:
        # A line far longer than those the sheet wrapped was never wrapped: it ends where its text does
        # ("raising the following points:" / "expressing concern that …" / "urging the authorities to …").
        return True
    if not following.text[:1].isupper():
        return False
    first_word = following.text.split(" ", 1)[0]
    return width is None or len(line.text) + 1 + len(first_word) <= 0.9 * width


def text_items(lines: list[Line], width: int | None) -> list[list[Line]]:
    """Unbulleted lines cut into items where the text breaks (see breaks_after), each item its lines."""
    items: list[list[Line]] = []
    for index, line in enumerate(lines):
        if not items or breaks_after(lines[index - 1], line, width):
            items.append([])
        items[-1].append(line)
    return items


def semicolon_items(text: str) -> list[str]:
    """Demands written as one sentence, joined by semicolons ("release him; drop the charges; …"), one by one;
    the text whole when a piece is too short to be a demand of its own (three words at least)."""
    pieces = [piece.strip() for piece in re.split(r";\s+", text) if piece.strip()]
    return pieces if all(len(piece.split()) >= 3 for piece in pieces) else [text]


def list_items(lines: list[Line], *, cut: bool = False, width: int | None = None) -> tuple[list[Item], list[str]]:
    """Bulleted items (continuation lines joined), or one item per paragraph when nothing is bulleted. With
    `cut`, an unbulleted paragraph is cut further where its text breaks (see breaks_after, with the sheet's
    wrap width): a list whose bullets were lost (a PDF's), or that never had any ("…;" ending each line).

    Returns (items, paragraphs that follow a bulleted list and belong to none of its items).
    """
    if not any(BULLET.match(line.text) for line in lines):
        if not cut:
            return [Item(unwrap(paragraph), span_of(paragraph)) for paragraph in paragraphs(lines)], []
        found = [item for paragraph in paragraphs(lines) for item in text_items(paragraph, width)]
        return [Item(text, span_of(item)) for item in found for text in semicolon_items(unwrap(item))], []
    items: list[tuple[list[str], list[Line]]] = []
    leftovers: list[list[Line]] = []
    for line in lines:
        bullet = BULLET.match(line.text)
        if bullet:
            items.append(([bullet["text"]] if bullet["text"] else [], [line]))
        elif items and not leftovers and (not line.blank_before or not items[-1][0]):
            items[-1][0].append(line.text)
            items[-1][1].append(line)
        elif line.blank_before or not leftovers:
            leftovers.append([line])
        else:
            leftovers[-1].append(line)
    return ([Item(" ".join(texts), span_of(read)) for texts, read in items if texts],
            [unwrap(paragraph) for paragraph in leftovers])


def is_capitals_line(text: str) -> bool:
    """Every letter that has a case is a capital, and there is one at least: what str.isupper says, in one pass."""
    return text.isupper()


def words(text: str) -> list[str]:
    return [word.casefold() for word in NAME_WORD.findall(text)]


def has_word(text: str, vocabulary: frozenset[str]) -> bool:
    return any(word in vocabulary for word in words(text))


def column_length(model, name: str) -> int:
    """How long a value may be to fit its column: longer ones stay unplaced rather than fail the draft."""
    return model.__table__.c[name].type.length
