"""An official (a target or a copy) as plain data: the one shape the importer fills and the editor hands over.

Both then write it onto a `models.Target` with `apply_official`, so a field added to the envelope is
added here once and reaches the parse, the editor and the draft alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Official:
    """An official to write to or to copy, with the parts of the envelope and the contacts a sheet gives."""

    title: str = ""
    honorific: str = ""
    name: str = ""
    organisation: str = ""
    address_lines: list[str] = field(default_factory=list)
    city: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, or "" when not known
    emails: list[str] = field(default_factory=list)
    fax: str = ""
    phone: str = ""
    salutation: str = ""  # "Dear President,", comma kept
    language: str = ""  # ISO 639-1 code to write to this official in, or "" for the campaign's

    def is_empty(self) -> bool:
        return not any((self.title, self.honorific, self.name, self.organisation, self.address_lines, self.city,
                        self.postcode, self.country, self.emails, self.fax, self.phone, self.salutation))


# The fields of Official, in order: exactly the columns of a target that describe the official.
OFFICIAL_FIELDS = tuple(item.name for item in fields(Official))


def apply_official(target: Any, official: Official) -> None:
    """Writes the official's fields onto a target (a `models.Target`), lists copied so neither shares them."""
    for name in OFFICIAL_FIELDS:
        value = getattr(official, name)
        setattr(target, name, list(value) if isinstance(value, list) else value)
