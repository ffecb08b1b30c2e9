"""Plain, model-free descriptions of a letter and its cover sheet, ready to be laid out.

compose.py builds these from a campaign, a target and a supporter; pdf.py and the email
builders turn them into bytes. Keeping them free of models and of the request means the same
letter can be downloaded, attached, previewed or benchmarked.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ComposedLetter:
    """One letter from one supporter to one target, every line already final text."""

    language: str                       # BCP 47-ish code of the letter text: "en", "ru", "es"
    sender_name: str
    sender_address: tuple[str, ...]     # the supporter's postal lines (may be empty: "don't keep my address")
    recipient_address: tuple[str, ...]  # what shows through the envelope window, country last
    date_text: str                      # already written the way the language writes dates
    subject: str                        # e.g. "Azat Isakov (UA 118/21)"
    salutation: str                     # from the target: "Dear President,"
    paragraphs: tuple[str, ...]         # body; a paragraph whose lines start with "• " is a list
    personal_message: str               # may be ""
    closing: str                        # from the language: "Yours sincerely,"
    signature_name: str


@dataclass(frozen=True)
class Envelope:
    """What the supporter writes on one envelope, for the cover sheet."""

    label: str                          # who: "President of Turkmenistan"
    address: tuple[str, ...]
    is_copy: bool = False               # a copy to an official who is not the campaign's target


@dataclass(frozen=True)
class CoverSheet:
    """The first page of a PDF: instructions for the supporter, never posted."""

    campaign_title: str
    ua_number: str
    deadline_text: str                  # "" when the campaign has no deadline
    envelopes: tuple[Envelope, ...]
    postage_advice: str
    posted_url: str                     # opening it marks these letters as posted
    posted_code: str                    # short code to type instead of following the link
    posted_code_url: str = ""           # the page where the code is typed
    notes: tuple[str, ...] = field(default_factory=tuple)
