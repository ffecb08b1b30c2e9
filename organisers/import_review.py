"""Where each value of an imported draft came from, as the editor shows it beside the value.

The importer records, for every value it placed, the lines of the pasted UA text it read
(campaigns.import_sources); this turns them into the line numbers and the excerpt an organiser
compares with the field in one look. Only drafts show them, until the organiser marks the import
reviewed: once that is done, or the campaign is published, the review is over.
"""
from __future__ import annotations

from dataclasses import dataclass

from campaigns.importer.text import excerpt
from models import Campaign, CampaignStatus


@dataclass(frozen=True)
class Source:
    first: int  # line numbers in the UA text, from 1
    last: int
    excerpt: str  # those lines of the UA text


def import_sources(campaign: Campaign | None) -> dict[str, Source]:
    """By field ("title") or row ("demand:12", "target:7", "person:3", "version:es"): where it was read."""
    if (campaign is None or campaign.status is not CampaignStatus.draft or campaign.import_reviewed_at is not None
            or not campaign.source_text):
        return {}
    found = {}
    for name, span in (campaign.import_sources or {}).items():
        if not (isinstance(span, list) and len(span) == 2 and all(type(n) is int and n > 0 for n in span)):
            continue  # not written by the importer: nothing to point at
        first, last = sorted(span)
        if text := excerpt(campaign.source_text, (first, last)):
            found[name] = Source(first, last, text)
    return found
