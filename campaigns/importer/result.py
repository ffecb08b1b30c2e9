"""What the parser returns: an ImportedCampaign and its parts, plain data with no database behind them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from campaigns.importer.text import Span
from campaigns.officials import Official


@dataclass
class ImportedPerson:
    name: str
    pronouns: str = ""  # "she/her", as the sheet writes it


# An official as the parser reads it: the same shape the editor hands over (campaigns.officials).
ImportedTarget = Official


@dataclass
class ImportedTemplate:
    language: str
    subject: str
    body: str


@dataclass
class ImportedCampaign:
    """Everything read from one sheet. `unplaced` starts with the importer's notes ("Note: …") on what
    to check, then lists, in the sheet's order, every fragment the parser could not place."""

    ua_number: str | None = None        # "UA 118/21"
    # 1 = the first sheet; 3 for "THIRD UA 60/16"; None for a follow-up that does not say which.
    ordinal: int | None = 1
    ordinal_label: str = ""             # the words as written: "", "First", "Third", "Further information"
    title: str = ""
    country: str | None = None          # ISO 3166-1 alpha-2
    people: list[ImportedPerson] = field(default_factory=list)
    summary: str = ""
    background: str = ""
    demands: list[str] = field(default_factory=list)
    targets: list[ImportedTarget] = field(default_factory=list)
    copies: list[ImportedTarget] = field(default_factory=list)
    preferred_languages: list[str] = field(default_factory=list)  # ["en", "ru"], most preferred first
    deadline: date | None = None
    updates_address: str | None = None
    previous_ua_link: str | None = None
    template: ImportedTemplate | None = None
    # Lines used without being kept word for word: headings ("Write to:"), instructions to the sheet's readers
    # ("You can also write in your own language."), values read as codes or dates ("Kazakhstan", a deadline).
    # Kept so an import can be audited.
    recognised: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    # Where each placed value was read: the first and last line of the sheet (numbered as in
    # normalise_text), by field: "title", "deadline", "demands.0", "targets.1", "copies.0", "people.0",
    # "template"… A value the importer guessed rather than read (a country from the names the text
    # mentions most, a person inferred from the text) has none.
    sources: dict[str, Span] = field(default_factory=dict)

    @property
    def is_follow_up(self) -> bool:
        return self.ordinal != 1

    def add_source(self, name: str, span: Span) -> None:
        """Notes that a field was read from these lines (a field read from several places spans them all)."""
        first, last = self.sources.get(name, span)
        self.sources[name] = (min(first, span[0]), max(last, span[1]))

    def add_unplaced(self, text: str) -> None:
        """Keeps a fragment the parser could not place (blank ones carry nothing)."""
        if text.strip():
            self.unplaced.append(text.strip())


def as_note(text: str) -> str:
    """The importer's remark as the organiser reads it beside the draft, in the language of the page the sheet was
    imported from (English outside a request). It is stored as text with the fragments the importer could not place,
    so a remark is written once, in the importing organiser's language."""
    return _("Note: %(note)s", note=text)


def untitled() -> str:
    """The title a draft gets when its sheet has none, in the importing organiser's language (the publish checklist
    keeps it from going live until an organiser writes one)."""
    return _("Untitled UA sheet")
