""""Don't keep my address": printed letters made at once, from an address that is never stored.

A printed letter needs the supporter's return address, and the download link of the thank-you
page builds the PDF from stored data. When the box is ticked, the address is used only inside
the request that carries the form: the PDF is built there, before the commit, and handed to the
browser inside the thank-you page itself (a `data:` link with the `download` attribute; no
script is needed). The database receives the supporter with empty address columns (only the
country stays, for the counts), and the page is sent with `no-store` so no cache keeps it.
Nothing else holds the address: not the session cookie, not a hidden field, not a log.
A later visit to the thank-you page still lets the supporter report the letters posted (the
counts move as usual) and download them again without a return address, to write it by hand.
"""
from __future__ import annotations

import base64
import dataclasses
from datetime import date

from flask import Response, render_template

from campaigns.actions import SupporterDetails, action_letters
from models import Action, Campaign, Channel


def details_to_keep(form, details: SupporterDetails) -> SupporterDetails:
    """What is stored of the details typed in: all of it, unless the box is ticked.

    Ticked, the street, second line and postcode are never stored; for printed letters the
    town is not either. Email letters keep the town: they are written later and carry it.
    """
    if not form.forget_address.data:
        return details
    is_printed = form.channel.data == Channel.pdf.value
    return dataclasses.replace(details, address_line1="", address_line2="", postcode="",
                               city="" if is_printed else details.city)


def printed_now(form, campaign: Campaign, action: Action, details: SupporterDetails, *,
                today: date) -> Response | None:
    """The thank-you page with the PDF inside, when the box is ticked for printed letters.

    Call before the commit: if the PDF cannot be made, nothing is recorded either.
    """
    if not form.forget_address.data:
        return None
    action.keeps_address = False
    if action.channel is not Channel.pdf:
        return None
    from letters.packet import action_pdf

    letters = action_letters(action)
    pdf = action_pdf(campaign, action, letters, today=today, supporter=_Writer.from_details(details))
    download = {"url": "data:application/pdf;base64," + base64.b64encode(pdf).decode("ascii"),
                "filename": f"letters-{campaign.slug}.pdf"}
    response = Response(render_template("campaigns/action.html", action=action, campaign=campaign,
                                        letters=letters, mail_links=[], is_expired=False,
                                        pdf_download=download))
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@dataclasses.dataclass(frozen=True)
class _Writer:
    """The supporter as the letters print them, from the form; never added to the database."""

    name: str
    address_line1: str
    address_line2: str
    city: str
    postcode: str
    country: str

    @classmethod
    def from_details(cls, details: SupporterDetails) -> _Writer:
        return cls(name=details.name, address_line1=details.address_line1, address_line2=details.address_line2,
                   city=details.city, postcode=details.postcode, country=details.country)
