"""Embedded font subsets: built once, reused by every letter that draws the same characters.

reportlab embeds a TrueType font as subsets of at most 256 glyphs each, numbered in the order
the document first draws each character. Building a subset (cutting the glyphs out of the font,
compressing them, writing the widths and the ToUnicode map) was most of the time of a letter in
Chinese, whose letters draw hundreds of distinct characters.

Most of those characters are the campaign's: the body, the demands, the official's address,
the date. Only the supporter's name, address and message differ from one letter to the next.
So the document draws in two steps (render.py): it first assigns codes to every character of
the campaign's text (`claim_codes`), then starts a fresh subset (`start_personal_subsets`), and
only then draws. The campaign's subsets come out identical, code for code, for every supporter
of the campaign, and `SubsetFont` reuses what it built for them; the supporter's characters
land in a small subset of their own, the only one built per letter. A document is the same PDF
as before, subset for subset: only the order of the codes inside differs.
"""
from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from typing import NamedTuple

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap

# Every built subset is kept until this many bytes are held, then the least recently used go:
# a campaign's subsets in a few scripts take a few hundred KB.
CACHE_BYTES = 32 * 1024 * 1024


class _Built(NamedTuple):
    font_file: bytes     # the subset font, compressed
    length1: int         # its length before compression, which the PDF states
    widths: tuple[int, ...]
    to_unicode: bytes    # the ToUnicode CMap, compressed


class _Cache:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.items: OrderedDict[tuple, _Built] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> _Built | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: tuple, built: _Built) -> None:
        cost = len(built.font_file) + len(built.to_unicode)
        with self.lock:
            if key in self.items:
                return
            self.items[key] = built
            self.size += cost
            while self.size > self.limit and self.items:
                _, old = self.items.popitem(last=False)
                self.size -= len(old.font_file) + len(old.to_unicode)


_built = _Cache(CACHE_BYTES)

_FLATE = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])


def _compressed_stream(data: bytes, **entries) -> pdfdoc.PDFStream:
    """A stream whose content is already compressed: reportlab sees the filter and leaves it."""
    stream = pdfdoc.PDFStream(content=data)
    stream.dictionary["Filter"] = _FLATE
    for name, value in entries.items():
        stream.dictionary[name] = value
    return stream


class SubsetFont(TTFont):
    """reportlab's TTFont, with each subset built once per process rather than once per document.

    The PDF objects are those TTFont.addObjects writes (a TrueType font per subset, its widths,
    ToUnicode map, descriptor and font file), with streams always compressed.
    """

    def _subset_key(self, subset: list[int]) -> tuple:
        return (self.fontName, tuple(subset))

    def _build(self, subset: list[int], base_font_name: str) -> _Built:
        key = self._subset_key(subset)
        found = _built.get(key)
        if found is None:
            data = self.face.makeSubset(subset)
            # The name inside the ToUnicode map is the subset's, which only depends on its number:
            # its place in the key (the codes) fixes that too.
            found = _Built(zlib.compress(data), len(data), tuple(map(self.face.getCharWidth, subset)),
                           zlib.compress(makeToUnicodeCMap(base_font_name, subset).encode("latin-1")))
            _built.put(key, found)
        return found

    def addObjects(self, doc) -> None:  # reportlab calls it by this name
        state = self.state.get(doc) or self._assignState(doc)
        state.frozen = 1
        face = self.face
        fonts = doc.idToObject["BasicFonts"].dict
        for number, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(number, doc)[1:]
            base_font_name = b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            built = self._build(subset, base_font_name)

            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {number}"
            font.Name = internal_name
            font.BaseFont = base_font_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = pdfdoc.PDFArray(list(built.widths))
            font.ToUnicode = doc.Reference(_compressed_stream(built.to_unicode),
                                           "toUnicodeCMap:" + base_font_name)
            font_file = doc.Reference(_compressed_stream(built.font_file, Length1=built.length1),
                                      f"fontFile:{face.filename}({base_font_name})")
            descriptor = pdfdoc.PDFDictionary({
                "Type": "/FontDescriptor", "Ascent": face.ascent, "CapHeight": face.capHeight,
                "Descent": face.descent, "Flags": (face.flags & ~(1 << 5)) | (1 << 2),  # symbolic
                "FontBBox": pdfdoc.PDFArray(face.bbox), "FontName": pdfdoc.PDFName(base_font_name),
                "ItalicAngle": face.italicAngle, "StemV": face.stemV, "FontFile2": font_file,
                "MissingWidth": face.defaultWidth})
            font.FontDescriptor = doc.Reference(descriptor, "fontDescriptor:" + base_font_name)
            doc.Reference(font, internal_name)
            fonts[internal_name] = font
        del self.state[doc]


def claim_codes(doc, pieces: Iterable) -> None:
    """Gives every character of these pieces its code in the document, in order, drawing nothing."""
    for piece in pieces:
        ttf = piece.face.ttf
        if ttf is not None:
            ttf.splitString(piece.text, doc)


def start_personal_subsets(doc, fonts: Iterable[TTFont]) -> None:
    """Characters met from now on start a new subset of each font, rather than fill the last one.

    reportlab opens subset n when it reaches code 256 * n; moving its next code there leaves the
    rest of the current subset unused, which costs nothing in the file.
    """
    for ttf in fonts:
        state = ttf.state.get(doc)
        if state is not None and state.nextCode & 0xFF:
            state.nextCode = (state.nextCode | 0xFF) + 1
