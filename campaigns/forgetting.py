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

import dataclasses
from datetime import date

from campaigns.submission import Submission, SupporterDetails
from letters.packet import action_pdf
from models import Action, Campaign, Channel, Letter


def details_to_keep(submission: Submission) -> SupporterDetails:
    """What is stored of the details typed in: all of it, unless the box is ticked.

    Ticked, the street, second line and postcode are never stored; for printed letters the
    town and region are not either. Email letters keep the town and region: they are written
    later and carry them.
    """
    details = submission.details
    if not submission.forget_address:
        return details
    is_printed = submission.channel is Channel.pdf
    return dataclasses.replace(details, address_line1="", address_line2="", postcode="",
                               city="" if is_printed else details.city,
                               region="" if is_printed else details.region)


def prints_now(submission: Submission) -> bool:
    """The box is ticked for printed letters: they are made in the request that carries the form."""
    return submission.forget_address and submission.channel is Channel.pdf


def printed_now(submission: Submission, campaign: Campaign, action: Action, letters: list[Letter], *,
                today: date) -> bytes | None:
    """The PDF, with the address typed in, when prints_now(); else None.

    Call before the commit: if the PDF cannot be made, nothing is recorded either. The route
    hands it to the browser inside the thank-you page, and no copy is kept anywhere.
    """
    if not prints_now(submission):
        return None
    return action_pdf(campaign, action, letters, today=today, supporter=_Writer.from_details(submission.details))


@dataclasses.dataclass(frozen=True)
class _Writer:
    """The supporter as the letters print them, from the form; never added to the database."""

    name: str
    address_line1: str
    address_line2: str
    city: str
    region: str
    postcode: str
    country: str

    @classmethod
    def from_details(cls, details: SupporterDetails) -> _Writer:
        return cls(name=details.name, address_line1=details.address_line1, address_line2=details.address_line2,
                   city=details.city, region=details.region, postcode=details.postcode, country=details.country)
