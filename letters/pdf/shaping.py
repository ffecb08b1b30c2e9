"""Turns a line of typed text into what the PDF draws: runs of glyphs in visual order, each in a
face that has them, with the width the layout needs.

A line goes through four steps: each character gets the first face of the document's style
that draws it (spaces and punctuation stay with their neighbours); the Unicode bidirectional
algorithm (python-bidi) gives each character its embedding level; runs of one face and one
level are put in visual order (rule L2); and runs that need it are shaped by HarfBuzz (Arabic
joining, Devanagari conjuncts and vowel signs, Thai marks, mirrored brackets in right-to-left
text). A line whose drawn order or glyphs differ from the typed text carries that text as its
ActualText, so copying from the PDF, search and screen readers get what the supporter typed.
"""
from __future__ import annotations

import functools
import threading
import unicodedata
from typing import NamedTuple

import uharfbuzz as hb
from bidi import algorithm as bidi_algorithm
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from letters.pdf.fonts import JOINER_CONTROLS, Face, Style

# --- cleaning ----------------------------------------------------------------------------------

_LINE_BREAKS = {"\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"}


def clean(text: str, *, keep_newlines: bool = False) -> str:
    """Drops control, format and unassigned characters, which have no glyph or crash encoders.

    Text is composed (NFC) first, so that a letter and a combining accent typed apart print as
    the one glyph fonts have for them. The joiners that Persian and Indic words need stay.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if text.isprintable() or (keep_newlines and all(map(str.isprintable, text.split("\n")))):
        return text
    text = text.replace("\r\n", "\n")
    kept = []
    for char in text:
        if char.isprintable() or char == "\xa0" or char in JOINER_CONTROLS:
            kept.append(char)
        elif char in _LINE_BREAKS:
            kept.append("\n" if keep_newlines else " ")
        elif char == "\t" or unicodedata.category(char) == "Zs":
            kept.append(" ")
    return "".join(kept)


# --- set lines ---------------------------------------------------------------------------------

class Piece(NamedTuple):
    """Glyphs in one face, drawn left to right from where the previous piece ended."""

    face: Face
    text: str           # a ShapedStr when HarfBuzz positioned the glyphs
    width: float        # at size 1
    is_stroked: bool    # bold drawn as the regular face filled and outlined


class SetLine(NamedTuple):
    pieces: tuple[Piece, ...]
    width: float                # at size 1
    actual_text: str | None     # the typed text, when the drawing does not spell it in order
    is_rtl: bool                # the paragraph direction: right-to-left lines align right


_RTL_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})
_STRONG = {"L": False, "R": True, "AL": True}


def has_rtl(text: str) -> bool:
    return not text.isascii() and any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def is_rtl_paragraph(text: str, default: bool) -> bool:
    """The direction of a paragraph: that of its first strong character (rules P2, P3)."""
    if text.isascii():
        return default if not any(char.isalpha() for char in text) else False
    for char in text:
        direction = _STRONG.get(unicodedata.bidirectional(char))
        if direction is not None:
            return direction
    return default


@functools.lru_cache(maxsize=8192)
def set_line(text: str, style: Style, bold: bool = False, rtl: bool = False) -> SetLine:
    """One line of logical text, ready to draw. Cached: a campaign's letters share most lines."""
    regular = style.bold if bold else style.regular
    is_stroked = bold and regular.is_embedded
    if not rtl and _is_plain(text, regular, style):
        return SetLine((Piece(regular, text, regular.measure(text), is_stroked),), regular.measure(text),
                       None, False)
    faces = _faces_of(text, style, regular)
    levels = _levels(text, rtl) if rtl or has_rtl(text) else [0] * len(text)
    runs = _runs(text, faces, levels)
    pieces: list[Piece] = []
    is_rearranged = False
    for run_text, run_face, level in _visual_order(runs):
        if run_face is None:
            continue  # no font draws these: dropped rather than printed as "?" or boxes
        stroked = bold and run_face.is_embedded
        if level % 2 or run_face.is_complex or _has_marks(run_text):
            shaped, width = _shape(run_text, run_face, level % 2 == 1)
            pieces.append(Piece(run_face, shaped, width, stroked))
            is_rearranged = True
        else:
            run_text = _drop_invisible(run_text, run_face)
            if run_text:
                pieces.append(Piece(run_face, run_text, run_face.measure(run_text), stroked))
    is_rearranged = is_rearranged or any(level % 2 for level in levels) or any(f is None for f in faces)
    width = sum(piece.width for piece in pieces)
    return SetLine(tuple(pieces), width, text if is_rearranged else None, rtl)


def measure(text: str, style: Style, bold: bool = False, rtl: bool = False) -> float:
    """Width of text at size 1."""
    return set_line(text, style, bold, rtl).width


def _is_plain(text: str, face: Face, style: Style) -> bool:
    """True when one face draws the whole line left to right, glyph for character."""
    if text.isascii():
        return face.code_points is None or all(face.has(char) for char in text)
    if face.is_complex or has_rtl(text):
        return False
    return all(face.has(char) and not unicodedata.combining(char) for char in text)


def _faces_of(text: str, style: Style, first: Face) -> list[Face | None]:
    faces: list[Face | None] = []
    current: Face | None = first
    for char in text:
        category = unicodedata.category(char)
        # Marks, joiners, spaces, digits and punctuation stay in the face of the run they are
        # in when it has them, so a run is not split at every comma.
        if current is not None and category[0] not in "L" and (
                current.has(char) or char in JOINER_CONTROLS or category[0] == "M"):
            faces.append(current)
            continue
        chosen = first if first.has(char) else style.face_for(char)
        if chosen is None and category[0] == "M" and current is not None:
            chosen = current
        faces.append(chosen)
        if chosen is not None:
            current = chosen
    return faces


def _levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character (rules P to I, then L1)."""
    base = 1 if rtl else 0
    storage = bidi_algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "R" if rtl else "L"
    bidi_algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    bidi_algorithm.explicit_embed_and_overrides(storage, False)
    bidi_algorithm.resolve_weak_types(storage, False)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    levels: list[int | None] = [None] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    resolved: list[int] = []
    previous = base
    for level in levels:
        # Characters the algorithm sets aside (joiners, controls) keep to their neighbour's
        # run, so a non-joiner stays inside the word it shapes.
        previous = level if level is not None else previous
        resolved.append(previous)
    # L1: white space at the end of a line takes the paragraph's level.
    for index in range(len(text) - 1, -1, -1):
        if not text[index].isspace():
            break
        resolved[index] = base
    return resolved


def _runs(text: str, faces: list[Face | None], levels: list[int]) -> list[tuple[str, Face | None, int]]:
    runs: list[tuple[str, Face | None, int]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or faces[index] is not faces[start] or levels[index] != levels[start]:
            runs.append((text[start:index], faces[start], levels[start]))
            start = index
    return runs


def _visual_order(runs: list[tuple[str, Face | None, int]]) -> list[tuple[str, Face | None, int]]:
    """Rule L2 on whole runs: from the highest level down to the lowest odd one, reverse every
    sequence of runs at that level or higher. Glyphs inside a right-to-left run are put in
    visual order by HarfBuzz."""
    levels = [level for _, _, level in runs]
    odd = [level for level in levels if level % 2]
    if not odd:
        return runs
    order = list(runs)
    for level in range(max(levels), min(odd) - 1, -1):
        index = 0
        while index < len(order):
            if order[index][2] >= level:
                end = index
                while end < len(order) and order[end][2] >= level:
                    end += 1
                order[index:end] = order[index:end][::-1]
                index = end
            else:
                index += 1
    return order


def _has_marks(text: str) -> bool:
    return not text.isascii() and any(unicodedata.combining(char) for char in text)


def _drop_invisible(text: str, face: Face) -> str:
    if text.isascii() or all(face.has(char) for char in text):
        return text
    return "".join(char for char in text if face.has(char))


_shape_lock = threading.Lock()  # shaping may give a glyph a private code in the shared font
_FEATURES = {"kern": True, "liga": True}


@functools.lru_cache(maxsize=16384)
def _shape(text: str, face: Face, is_rtl: bool) -> tuple[ShapedStr, float]:
    """HarfBuzz glyphs of text, as a ShapedStr reportlab's text objects draw with their offsets.

    Each glyph is drawn through a character that maps to it in the font; a glyph no character
    maps to (a ligature, a joined form) gets a private-use code, as reportlab's own shaping does.
    Widths are in thousandths of the size.
    """
    ttf = face.ttf
    assert ttf is not None
    with _shape_lock:
        font = _hb_font(face)
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        buffer.direction = "rtl" if is_rtl else "ltr"
        buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
        hb.shape(font, buffer, _FEATURES)
        glyph_chars = ttf.face.glyphToChar
        widths = ttf.face.charWidths
        chars: list[str] = []
        data: list[ShapeData] = []
        total = 0.0
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            gid = info.codepoint
            advance = ttf.pdfScale(position.x_advance)
            codes = glyph_chars.get(gid)
            if codes:
                code = codes[0]
            else:
                # The width the PDF records for the code must be the glyph's own advance.
                own_width = ttf.pdfScale(ttf.face.hmetrics[gid][0])
                code = ttf.hbAddPrivate(font.glyph_to_string(gid), gid, own_width)
            chars.append(chr(code))
            data.append(ShapeData(info.cluster, advance, ttf.pdfScale(position.y_advance),
                                  ttf.pdfScale(position.x_offset), ttf.pdfScale(position.y_offset),
                                  widths[code]))
            total += advance
    return ShapedStr("".join(chars), shapeData=data), total / 1000


_hb_fonts: dict[str, hb.Font] = {}


def _hb_font(face: Face) -> hb.Font:
    font = _hb_fonts.get(face.name)
    if font is None:
        # hbFont also gives the reportlab font the method that hands out private-use codes.
        font = _hb_fonts[face.name] = face.ttf.hbFont(10)
    return font


# --- wrapping ----------------------------------------------------------------------------------

def _breaks_anywhere(char: str) -> bool:
    """Scripts written without spaces between words (Chinese, Japanese, Thai...) may break
    between any two characters."""
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF
            or 0x20000 <= code <= 0x3FFFF or 0x0E00 <= code <= 0x0EFF or 0x1000 <= code <= 0x109F
            or 0x1780 <= code <= 0x17FF)


# Punctuation that must not start a line (it belongs to the character before it), and the Thai
# and Lao vowels written after their consonant.
_NO_LINE_START = frozenset("、。，．・：；？！）」』】〕〉》”’，。．！？）］｝〜ー…‥ゝゞヽヾ々"
                           "\u0e30\u0e32\u0e33\u0e45\u0eb0\u0eb2\u0eb3")
# Thai and Lao vowels written before their consonant: a line never ends on one.
_NO_LINE_END = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")


def _may_break_before(text: str, index: int) -> bool:
    char, previous = text[index], text[index - 1]
    if unicodedata.category(char)[0] == "M" or char in JOINER_CONTROLS or previous in JOINER_CONTROLS:
        return False
    if previous == "\u094d" or char in _NO_LINE_START or previous in _NO_LINE_END:  # a virama joins on
        return False
    return _breaks_anywhere(char) or _breaks_anywhere(previous)


def _tokens(word: str) -> list[str]:
    """A space-separated word split where a line may break inside it."""
    if word.isascii():
        return [word]
    tokens, start = [], 0
    for index in range(1, len(word)):
        if _may_break_before(word, index):
            tokens.append(word[start:index])
            start = index
    tokens.append(word[start:])
    return tokens


@functools.lru_cache(maxsize=4096)
def wrap(text: str, style: Style, size: float, width: float, bold: bool = False,
         rtl: bool = False) -> tuple[str, ...]:
    """Greedy wrap in logical order; a word longer than a line (a URL) is cut where it overflows.

    Cached because a campaign's letters share their template paragraphs.
    """
    limit = width / size
    space = measure(" ", style, bold, rtl)
    lines: list[str] = []
    current = ""
    used = 0.0
    for word in text.split(" "):
        if not word:
            continue
        for position, token in enumerate(_tokens(word)):
            gap = " " if position == 0 and current else ""
            token_width = measure(token, style, bold, rtl)
            gap_width = space if gap else 0.0
            if current and used + gap_width + token_width <= limit:
                current += gap + token
                used += gap_width + token_width
                continue
            if current:
                lines.append(current)
            if token_width > limit:
                *full, token = _cut(token, style, limit, bold, rtl)
                lines.extend(full)
                token_width = measure(token, style, bold, rtl)
            current, used = token, token_width
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def _cut(word: str, style: Style, limit: float, bold: bool, rtl: bool) -> list[str]:
    pieces, start = [], 0
    for index in range(1, len(word) + 1):
        if index < len(word) and (unicodedata.category(word[index])[0] == "M" or word[index - 1] == "\u094d"):
            continue  # never between a letter and its marks
        if measure(word[start:index], style, bold, rtl) > limit and index - 1 > start:
            back = index - 1
            while back > start + 1 and unicodedata.category(word[back])[0] == "M":
                back -= 1
            pieces.append(word[start:back])
            start = back
    pieces.append(word[start:])
    return pieces


def balanced_wrap(text: str, style: Style, size: float, width: float, rtl: bool = False) -> tuple[str, ...]:
    """Wraps into as few lines as the greedy wrap needs, but as even as they can be, so a long
    organisation name does not leave one word alone on its last line."""
    lines = wrap(text, style, size, width, False, rtl)
    if len(lines) < 2:
        return lines
    low, high = 0.0, width
    best = lines
    for _ in range(12):
        middle = (low + high) / 2
        candidate = wrap(text, style, size, middle, False, rtl)
        if len(candidate) <= len(lines) and max(measure(line, style) for line in candidate) * size <= middle + 0.01:
            best, high = candidate, middle
        else:
            low = middle
    return best
