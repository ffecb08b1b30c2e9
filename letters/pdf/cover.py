"""The cover sheet: the supporter's own page of instructions, in the interface language.

Its words go through gettext (the letters themselves are in the letter's language only). They
are looked up when the sheet is laid out, so they follow the language of the request that asks
for the PDF; outside a request they stay in English.
"""
from __future__ import annotations

from flask_babel import gettext as _
from reportlab.lib.units import mm

from letters.document import CoverSheet, Envelope
from letters.pdf.fonts import style_for
from letters.pdf.layout import Layout, Op
from letters.pdf.papers import Paper
from letters.pdf.shaping import clean


def _envelope_hint(paper: Paper) -> str:
    if paper.envelope == "#10":
        return _("a #10 window envelope")
    return _("a DL or C5/6 window envelope")


def _envelope_heading(envelope: Envelope) -> str:
    if envelope.is_copy:
        return _("Send a copy to %(name)s:", name=clean(envelope.label))
    return _("Post this letter to %(name)s:", name=clean(envelope.label))


def _lines(cover: CoverSheet, paper: Paper) -> dict[str, object]:
    """Every sentence of the sheet, so that the style can be chosen for all of them at once."""
    steps = [
        _("Print every page of this document."),
        _("Sign each letter in the space above your printed name."),
        _("Fold each letter in three so that the address shows through the window of %(envelope)s, "
          "or copy the address onto a plain envelope.", envelope=_envelope_hint(paper)),
        _("Use one envelope per letter. The address for each envelope:"),
    ]
    code_line = ""
    if cover.posted_code:
        if cover.posted_code_url:
            code_line = _("or type this code at %(url)s: %(code)s", url=clean(cover.posted_code_url),
                          code=clean(cover.posted_code))
        else:
            code_line = _("or type this code: %(code)s", code=clean(cover.posted_code))
    return {
        "heading": _("Instructions for you. Do not post this page."),
        "title": f"{clean(cover.ua_number)}: {clean(cover.campaign_title)}",
        "how": _("How to send these letters"),
        "steps": steps,
        "envelopes": [(_envelope_heading(envelope), tuple(map(clean, envelope.address)))
                      for envelope in cover.envelopes],
        "postage": _("Postage: %(advice)s", advice=clean(cover.postage_advice))
        if cover.postage_advice.strip() else "",
        "deadline": _("Please post them before: %(date)s", date=clean(cover.deadline_text))
        if cover.deadline_text.strip() else "",
        "posted": _("When they are in the post, tell us, so we can follow up the case. Open this link:"),
        "url": clean(cover.posted_url),
        "code": code_line,
        "notes": [clean(note) for note in cover.notes],
    }


def _all_text(lines: dict[str, object]) -> str:
    parts: list[str] = []
    for value in lines.values():
        if isinstance(value, str):
            parts.append(value)
        else:
            for entry in value:  # type: ignore[union-attr]
                if isinstance(entry, tuple):
                    parts.append(entry[0])
                    parts.extend(entry[1])
                else:
                    parts.append(entry)
    return "\n".join(parts)


def lay_out_cover(cover: CoverSheet, paper: Paper) -> list[list[Op]]:
    lines = _lines(cover, paper)
    style = style_for(_all_text(lines), "en", serif=False)
    layout = Layout(paper, style)
    heading_size = style.size + 6
    layout.paragraph(lines["heading"], bold=True, size=heading_size, leading=heading_size * 1.25)
    layout.space(style.leading / 2)
    layout.paragraph(lines["title"], bold=True, size=style.size + 2, leading=style.leading * 1.2)
    layout.space(style.leading)
    layout.paragraph(lines["how"], bold=True, size=style.size + 2, leading=style.leading * 1.2)
    layout.space(style.leading / 3)
    number = 0

    def step(text: str, *, bold: bool = False) -> None:
        nonlocal number
        number += 1
        layout.item(f"{number}.", text, indent=0, hang=6 * mm, bold=bold)
        layout.space(style.leading / 3)

    for text in lines["steps"]:
        step(text)
    for heading, address in lines["envelopes"]:
        layout.keep(style.leading * (2 + len(address)))
        layout.paragraph(heading, indent=10 * mm, bold=True)
        for address_line in address:
            layout.paragraph(address_line, indent=14 * mm)
        layout.space(style.leading / 2)
    if lines["postage"]:
        step(lines["postage"])
    if lines["deadline"]:
        step(lines["deadline"], bold=True)
    step(lines["posted"])
    layout.paragraph(lines["url"], indent=6 * mm)
    if lines["code"]:
        layout.paragraph(lines["code"], indent=6 * mm)
    if lines["notes"]:
        layout.space(style.leading)
        for note in lines["notes"]:
            layout.paragraph(note)
            layout.space(style.leading / 3)
    layout.add_page_numbers()
    return layout.pages
