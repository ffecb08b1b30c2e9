"""One sending of the action form as plain values: what the form (or an API) hands the take-action service."""
from __future__ import annotations

from dataclasses import dataclass

from models import Channel


@dataclass(frozen=True)
class SupporterDetails:
    name: str
    email: str
    address_line1: str
    address_line2: str
    city: str
    postcode: str
    country: str
    region: str = ""   # state, province, prefecture… as letters/postal.py keys it; "" where unused


@dataclass(frozen=True)
class Submission:
    details: SupporterDetails
    target_ids: list[int]
    channel: Channel
    language: str
    form_nonce: str
    personal_message: str = ""
    wants_copy: bool = False          # email channel: a copy of the letters to the supporter
    wants_updates: bool = False       # follow the case (confirmed by email, like any subscription)
    forget_address: bool = False      # "Don't keep my address" (campaigns/forgetting.py)
    locale: str = "en"                # the interface language it was written in: its emails speak it
    event_code: str = ""              # the letter-writing event whose QR link it came through, if any
    widget_site: str | None = None    # through the embedded widget: the listed site's origin ("" unknown)
