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

# A list item's marker: "•", "-", "*", "–", "▪", "1.", "1)", "(1)", "a)"; glued ("•Ensure") or not.
BULLET = re.compile(r"^(?:[•●▪◦‣∙·*\-–—]+|\(?\d{1,2}[.)](?!\d)|\(?[a-z]\))\s*(?P<text>.*)$")
# A word of a name: letters, with inner hyphens or apostrophes ("Kassym-Jomart", "O'Neill").
NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def normalise_text(text: str) -> str:
    """The sheet as the parser reads it: "\\n" line ends, no invisible characters, single plain spaces."""
    text = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text or ""))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


@dataclass(frozen=True)
class Line:
    text: str
    blank_before: bool  # an empty line separates it from the line before


def sheet_lines(text: str) -> list[Line]:
    """The sheet's non-empty lines, each knowing whether a blank line came before it."""
    lines, blank = [], False
    for raw in normalise_text(text).split("\n"):
        if raw:
            lines.append(Line(raw, blank))
        blank = not raw
    return lines


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


def unwrap(lines: list[Line]) -> str:
    """A paragraph's lines as text: hard-wrapped lines joined by spaces, real line ends and list items kept.

    A line longer than a typical wrap width that ends a sentence was not wrapped: the break after it stays.
    """
    text = lines[0].text if lines else ""
    for previous, line in pairwise(lines):
        if BULLET.match(line.text) or (len(previous.text) > 120 and previous.text[-1] in ".!?\"”»"):
            text += "\n" + line.text
        else:
            text += " " + line.text
    return text


def without_bullet(text: str) -> tuple[str, bool]:
    match = BULLET.match(text)
    return (match["text"], True) if match and match["text"] else (text, False)


def list_items(lines: list[Line]) -> tuple[list[str], list[str]]:
    """Bulleted items (continuation lines joined), or one item per paragraph when nothing is bulleted.

    Returns (items, paragraphs that follow a bulleted list and belong to none of its items).
    """
    if not any(BULLET.match(line.text) for line in lines):
        return [unwrap(paragraph) for paragraph in paragraphs(lines)], []
    items: list[list[str]] = []
    leftovers: list[list[Line]] = []
    for line in lines:
        bullet = BULLET.match(line.text)
        if bullet:
            items.append([bullet["text"]] if bullet["text"] else [])
        elif items and not leftovers and (not line.blank_before or not items[-1]):
            items[-1].append(line.text)
        elif line.blank_before or not leftovers:
            leftovers.append([line])
        else:
            leftovers[-1].append(line)
    return ([" ".join(item) for item in items if item],
            [unwrap(paragraph) for paragraph in leftovers])


def is_capitals_line(text: str) -> bool:
    cased = [char for char in text if char.isupper() or char.islower()]
    return bool(cased) and all(char.isupper() for char in cased)


def words(text: str) -> list[str]:
    return [word.casefold() for word in NAME_WORD.findall(text)]


def has_word(text: str, vocabulary: frozenset[str]) -> bool:
    return any(word in vocabulary for word in words(text))


def column_length(model, name: str) -> int:
    """How long a value may be to fit its column: longer ones stay unplaced rather than fail the draft."""
    return model.__table__.c[name].type.length
