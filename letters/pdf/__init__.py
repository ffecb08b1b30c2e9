"""Letters and the supporter's cover sheet as one printable PDF, in any script a supporter types.

Where each part lives:
- papers.py: paper sizes, margins, envelope windows (DIN 5008, US #10);
- fonts.py: the font files, which faces print which script, what no font can print;
- shaping.py: cleaning typed text, font fallback per run, bidi order, HarfBuzz shaping, wrapping;
- layout.py: placing lines on pages, and the letter's layout;
- cover.py: the supporter's instruction page;
- render.py: drawing with reportlab and writing the file.
"""
from letters.pdf.fonts import unprintable
from letters.pdf.papers import paper_for_country
from letters.pdf.render import render_letters_pdf, write_letters_pdf

__all__ = ["paper_for_country", "render_letters_pdf", "unprintable", "write_letters_pdf"]
