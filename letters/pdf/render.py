"""Draws laid-out pages with reportlab, and writes the whole PDF."""
from __future__ import annotations

import functools
import io
from collections.abc import Iterable
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from letters.document import ComposedLetter, CoverSheet
from letters.pdf.cover import lay_out_cover
from letters.pdf.fonts import embedded_faces
from letters.pdf.layout import Op, lay_out_letter
from letters.pdf.papers import PAPERS, Paper
from letters.pdf.shaping import Piece, clean
from letters.pdf.subsets import claim_codes, start_personal_subsets

# ASCII85 only helps 7-bit transports; our PDFs are binary downloads and attachments, and the
# pure-Python encoder costs about a tenth of the time of a one-page letter.
rl_config.useA85 = 0

# Compressed page streams are both smaller (a 1,000-letter evening stays a few MB) and, once
# ASCII85 is off, no slower. invariant=1 keeps the print time out of the file and makes the
# output reproducible. Starting in Times keeps an unused Helvetica out of letter-only files.
CANVAS_OPTIONS = {"pageCompression": 1, "invariant": 1, "initialFontName": "Times-Roman"}

_BOLD_STROKE_WIDTH = 0.4  # pt; outlining the glyphs this much reads as bold at 9-16 pt


def _shaped_code(text: PDFTextObject, piece: Piece, size: float, leading: float) -> str:
    """The operators that draw a shaped piece: a TJ array per subset and baseline shift.

    reportlab's own drawing of shaped text closes a TJ at every cluster and formats each glyph's
    adjustments one by one, which made it most of the time of an Arabic letter. Here a glyph
    drawn where its font puts it adds no number; only offsets (marks, kerning) do.
    """
    font = piece.face.ttf
    doc = text._canvas._doc
    out: list[str] = []
    start = 0
    for subset, codes in font.splitString(piece.text, doc):
        # Subset names are looked up every time: that is what puts the subset in this document.
        if subset != text._curSubset:
            out.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf {fp_str(leading)} TL")
            text._curSubset = subset
        key = (piece.face.name, piece.text, start, codes, size)
        body = _run_codes.get(key)
        if body is None:
            if len(_run_codes) >= _RUN_CACHE_LIMIT:
                _run_codes.clear()
            body = _run_codes[key] = _run_code(piece.text.__shapeData__[start:start + len(codes)], codes, size,
                                               text._canvas._escape)
        out.append(body)
        start += len(codes)
    return " ".join(out)


# Lines repeat within a batch of letters and across a campaign's letters: the operators of a
# glyph run, once its codes in the document are known, are kept.
_RUN_CACHE_LIMIT = 20_000
_run_codes: dict[tuple, str] = {}


def _run_code(data: list, codes: bytes, size: float, escape) -> str:
    out: list[str] = []
    items: list[str] = []
    run = bytearray()
    rise = 0.0
    for code, shape in zip(codes, data, strict=True):
        glyph_rise = shape.y_offset * size / 1000
        if glyph_rise != rise:
            if run:
                items.append(f"({escape(bytes(run))})")
                run.clear()
            if items:
                out.append(f"[{' '.join(items)}] TJ")
                items = []
            out.append(f"{fp_str(glyph_rise)} Ts")
            rise = glyph_rise
        before = -shape.x_offset
        after = shape.width - shape.x_advance + shape.x_offset
        if before:
            if run:
                items.append(f"({escape(bytes(run))})")
                run.clear()
            items.append(fp_str(before))
        run.append(code)
        if after:
            items.append(f"({escape(bytes(run))})")
            run.clear()
            items.append(fp_str(after))
    if run:
        items.append(f"({escape(bytes(run))})")
    if items:
        out.append(f"[{' '.join(items)}] TJ")
    if rise:
        out.append("0 Ts")
    return " ".join(out)


@functools.lru_cache(maxsize=8192)  # lines repeat across a campaign's letters
def _actual_text(text: str) -> str:
    """A marked-content span whose ActualText is text, as a UTF-16 hex string."""
    return f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC"


def draw_pages(canvas: Canvas, pages: list[list[Op]], paper: Paper, *, is_posted: bool) -> None:
    for page_number, ops in enumerate(pages):
        if is_posted and page_number == 0 and paper.fold_marks:
            canvas.setLineWidth(0.3)
            canvas.lines([(5 * mm, paper.height - y, 9 * mm, paper.height - y) for y in paper.fold_marks])
        text = canvas.beginText()
        canvas.setLineWidth(_BOLD_STROKE_WIDTH)
        font_style = None
        is_stroking = False
        code = text._code
        for x, y, size, leading, line, _ in ops:
            text.setTextOrigin(x, y)
            if line.actual_text is not None:
                code.append(_actual_text(line.actual_text))
            last = len(line.pieces) - 1
            for index, piece in enumerate(line.pieces):
                if (piece.face.name, size, leading) != font_style:
                    text.setFont(piece.face.name, size, leading)
                    font_style = (piece.face.name, size, leading)
                if piece.is_stroked != is_stroking:
                    text.setTextRenderMode(2 if piece.is_stroked else 0)  # 2: fill, then stroke
                    is_stroking = piece.is_stroked
                # Ending each line with T* (textLine) tells extractors where lines end.
                if isinstance(piece.text, ShapedStr):
                    code.append(_shaped_code(text, piece, size, leading) + (" T*" if index == last else ""))
                elif index == last:
                    text.textLine(piece.text)
                else:
                    text.textOut(piece.text)
            if line.actual_text is not None:
                code.append("EMC")
        canvas.drawText(text)
        canvas.showPage()


def write_letters_pdf(out: BinaryIO, letters: Iterable[ComposedLetter], *, paper: str = "A4",
                      cover: CoverSheet | None = None, title: str | None = None) -> None:
    """Writes one PDF: the cover sheet if given, then each letter from a new page.

    letters is consumed one at a time and each letter is laid out and drawn before the next is
    read, so a group's 1,000 letters never sit in memory as objects or layouts. reportlab keeps
    each finished page's content and assembles the file in memory at the end: about 12 KB per
    letter at peak. Embedded fonts carry only the glyphs the document uses. The title defaults
    to "Letters for <UA number>"; no supporter's name or address goes into the metadata.
    """
    layout_paper = PAPERS.get(paper.upper())
    if layout_paper is None:
        raise ValueError(f"unknown paper size {paper!r}: use one of {sorted(PAPERS)}")
    canvas = Canvas(out, pagesize=layout_paper.size, **CANVAS_OPTIONS)
    canvas.setTitle(title or (f"Letters for {clean(cover.ua_number)}" if cover else "Letters"))
    canvas.setCreator("UA Desk")
    if cover is not None:
        draw_pages(canvas, lay_out_cover(cover, layout_paper), layout_paper, is_posted=False)
    count = 0
    for letter in letters:
        pages = lay_out_letter(letter, layout_paper)
        # The campaign's characters take their codes before the supporter's, which start subsets
        # of their own: the campaign's subsets are then the same for every supporter (subsets.py).
        claim_codes(canvas._doc, (piece for ops in pages for op in ops if not op.is_personal
                                  for piece in op.line.pieces))
        if count == 0:
            start_personal_subsets(canvas._doc, (face.ttf for face in embedded_faces()))
        draw_pages(canvas, pages, layout_paper, is_posted=True)
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
