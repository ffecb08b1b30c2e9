"""Paper sizes, margins and envelope windows: where on the page each part of a letter goes."""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch, mm

# Countries where US Letter, not A4, is the paper people have at home.
_LETTER_PAPER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "PH", "PR", "CL", "CO", "VE", "CR", "GT", "PA", "DO", "SV", "NI"}
)


@dataclass(frozen=True)
class Paper:
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
    envelope: str               # which envelope has that window, for the cover sheet

    @property
    def width(self) -> float:
        return self.size[0]

    @property
    def height(self) -> float:
        return self.size[1]


PAPERS = {
    # DIN 5008 form B: the address field is 85 x 45 mm, 20 mm from the left edge and 45 mm from the
    # top; its top 17.7 mm are the note zone, the address proper starts at 62.7 mm, text keeps a
    # 5 mm inner margin. Folded at 105 and 210 mm it shows through DL and C5/6 window envelopes.
    "A4": Paper(
        size=A4, left=25 * mm, right=20 * mm, top=20 * mm, bottom=20 * mm, footer=10 * mm,
        window_left=20 * mm, window_top=45 * mm, window_width=85 * mm, window_height=45 * mm,
        address_inset=5 * mm, address_top=62.7 * mm, body_top=98.46 * mm,
        fold_marks=(105 * mm, 210 * mm),
        envelope="DL",
    ),
    # A #10 window envelope (9.5 x 4.125 in) has a 4.5 x 1.125 in window, 7/8 in from the left and
    # 1/2 in from the bottom. A letter-folded page (11/3 in panels) resting in it shows 2.04 to
    # 3.17 in from its top edge, and can slide 1 in sideways: 1 to 4.25 in across stays visible.
    "LETTER": Paper(
        size=LETTER, left=1 * inch, right=1 * inch, top=0.75 * inch, bottom=0.75 * inch,
        footer=0.4 * inch,
        window_left=1 * inch, window_top=2.08 * inch, window_width=3.25 * inch,
        window_height=1.07 * inch,
        address_inset=0, address_top=2.08 * inch, body_top=3.5 * inch,
        fold_marks=(),
        envelope="#10",
    ),
}


def paper_for_country(country_code: str) -> str:
    """The paper size supporters in this country print on: "LETTER" or "A4"."""
    return "LETTER" if country_code.strip().upper() in _LETTER_PAPER_COUNTRIES else "A4"
