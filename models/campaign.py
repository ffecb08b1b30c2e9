"""The campaign aggregate: a UA case sheet with its people, demands, targets and letter versions."""
from __future__ import annotations

import enum
import re
import secrets
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import pgettext
from sqlalchemy import (JSON, Boolean, CheckConstraint, Date, Enum, ForeignKey, Integer, String,
                        Text, UniqueConstraint, event)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from extensions import db
from letters.languages import LANGUAGES
from models._types import UTCDateTime, utcnow

# ASCII digits only: "UA 118/٢١" must not be a second number for UA 118/21, nor make another slug.
UA_NUMBER_RE = re.compile(r"^\s*UA\s*(\d{1,4})\s*/\s*(\d{2})\s*$", re.IGNORECASE | re.ASCII)


def normalise_ua_number(text: str) -> str:
    """'ua118/21', 'UA 118 / 21' → 'UA 118/21'; raises ValueError for anything else."""
    match = UA_NUMBER_RE.match(text or "")
    if not match:
        raise ValueError("A UA number looks like “UA 118/21”: the case number, a slash, the year’s last two digits.")
    return f"UA {int(match.group(1))}/{match.group(2)}"


def slug_for_ua_number(ua_number: str) -> str:
    """'UA 118/21' → 'ua-118-21'."""
    number, year = normalise_ua_number(ua_number)[3:].split("/")
    return f"ua-{number}-{year}"


def new_revision() -> str:
    return secrets.token_hex(8)


class CampaignStatus(str, enum.Enum):
    draft = "draft"
    live = "live"
    closed = "closed"


class TargetKind(str, enum.Enum):
    primary = "primary"
    copy = "copy"


class CaseOutcome(str, enum.Enum):
    """What became of the person at risk, as far as the organisers know."""

    released = "released"
    charges_dropped = "charges_dropped"
    sentence_reduced = "sentence_reduced"
    whereabouts_known = "whereabouts_known"
    access_granted = "access_granted"
    no_change = "no_change"
    worsened = "worsened"
    other = "other"

    @property
    def label(self) -> str:
        # In the language of the page that shows it (gettext at call time, never at import).
        return {
            "released": _("Released"),
            "charges_dropped": _("Charges dropped"),
            "sentence_reduced": _("Sentence reduced or commuted"),
            "whereabouts_known": _("Whereabouts disclosed"),
            "access_granted": _("Access to family, lawyer or medical care granted"),
            "no_change": _("No change"),
            "worsened": _("Situation worsened"),
            "other": pgettext("outcome of a case", "Other"),
        }[self.value]


class Campaign(db.Model):
    __tablename__ = "campaigns"
    __table_args__ = (CheckConstraint("goal >= 0", name="goal_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ua_number: Mapped[str] = mapped_column(String(20), unique=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    summary: Mapped[str] = mapped_column(Text, default="")
    background: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CampaignStatus] = mapped_column(
        Enum(CampaignStatus, name="campaign_status", native_enum=False, length=10),
        default=CampaignStatus.draft)
    closed_reason: Mapped[str | None] = mapped_column(String(200))
    deadline: Mapped[date | None] = mapped_column(Date)
    # Languages in which to address the targets, most preferred first ("en", "ru").
    preferred_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    goal: Mapped[int] = mapped_column(Integer, default=1000)
    # Safety: while on, no email reaches a target; it goes to test_recipient instead.
    is_test_mode: Mapped[bool] = mapped_column(Boolean, default=True)
    test_recipient: Mapped[str | None] = mapped_column(String(254))
    # Where people ask for updates ("Keep me updated on UA 118/21" in the subject).
    updates_address: Mapped[str | None] = mapped_column(String(254))
    # A steady drip, not a flood: at most this many emails per hour to one target address.
    hourly_email_cap: Mapped[int] = mapped_column(Integer, default=30)
    # Where messages of support to the person at risk or their family can go (a postal address, an
    # email, a page), and the language to greet them in: event packs print solidarity cards from it.
    solidarity_address: Mapped[str | None] = mapped_column(Text)
    solidarity_language: Mapped[str | None] = mapped_column(String(8))
    # The sites (origins such as "https://www.example.org") allowed to embed this campaign's action
    # widget: its pages send them as `frame-ancestors`, and no other site can frame them (widget/).
    widget_sites: Mapped[list[str] | None] = mapped_column(JSON)
    source_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Renewed, at random, with every change to the campaign or its people, demands, targets or
    # letter versions made through the ORM (see _renew_revisions): whoever holds a copy of the campaign
    # can tell by this one column whether it still holds. Rows from before it existed have "0".
    revision: Mapped[str] = mapped_column(String(16), default=new_revision, server_default="0")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The case outcome, recorded by organisers; shown on their dashboard.
    outcome: Mapped[CaseOutcome | None] = mapped_column(
        Enum(CaseOutcome, name="case_outcome", native_enum=False, length=20))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    outcome_on: Mapped[date | None] = mapped_column(Date)
    # Fragments of an imported UA sheet the importer could not place: the editor shows them
    # until an organiser has dealt with them, so nothing of the sheet is silently dropped.
    import_unplaced: Mapped[list[str] | None] = mapped_column(JSON)
    # Where the importer read each value it placed, as [first line, last line] of the source text
    # (numbered as the importer reads it), by field ("title", "deadline") or by row ("demand:12",
    # "target:7", "person:3", "version:es"): the editor shows it beside each value while it is reviewed.
    import_sources: Mapped[dict[str, list[int]] | None] = mapped_column(JSON)
    # When an organiser marked those fragments as reviewed: they stay on record (the editor folds
    # them away), and publishing no longer asks about them.
    import_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    people: Mapped[list[PersonAtRisk]] = relationship(
        back_populates="campaign", order_by="PersonAtRisk.position", cascade="all, delete-orphan")
    demands: Mapped[list[Demand]] = relationship(
        back_populates="campaign", order_by="Demand.position", cascade="all, delete-orphan")
    targets: Mapped[list[Target]] = relationship(
        back_populates="campaign", order_by="Target.position", cascade="all, delete-orphan")
    versions: Mapped[list[LetterVersion]] = relationship(
        back_populates="campaign", order_by="LetterVersion.language", cascade="all, delete-orphan")
    # Themes organisers tag the case with ("death-penalty", "torture"): people follow new cases by them.
    themes: Mapped[list[CampaignTheme]] = relationship(
        back_populates="campaign", order_by="CampaignTheme.theme", cascade="all, delete-orphan")
    # Replies an organiser chose to publish, newest first (the rows live in models/reply.py).
    public_replies: Mapped[list[Reply]] = relationship(  # noqa: F821
        primaryjoin="and_(Campaign.id == foreign(Reply.campaign_id), Reply.is_public == true())",
        order_by="(Reply.received_on.desc(), Reply.id.desc())", viewonly=True)

    def __repr__(self) -> str:
        return f"<Campaign {self.ua_number}>"

    @property
    def primary_targets(self) -> list[Target]:
        return [t for t in self.targets if t.kind is TargetKind.primary]

    @property
    def copy_targets(self) -> list[Target]:
        return [t for t in self.targets if t.kind is TargetKind.copy]

    @property
    def ordered_targets(self) -> list[Target]:
        """Targets first, then copies, each in the organiser's order."""
        return self.primary_targets + self.copy_targets

    @property
    def people_names(self) -> str:
        names = [p.name for p in self.people]
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def has_unreviewed_import_notes(self) -> bool:
        return bool(self.import_unplaced) and self.import_reviewed_at is None

    def is_past_deadline(self, today: date) -> bool:
        return self.deadline is not None and today > self.deadline

    def is_open(self, today: date) -> bool:
        """Supporters can act: live and not past the deadline."""
        return self.status is CampaignStatus.live and not self.is_past_deadline(today)

    def version_for(self, language: str) -> LetterVersion | None:
        return next((v for v in self.versions if v.language == language), None)

    @property
    def letter_language(self) -> str:
        """The language the campaign's own texts (its demands, its officials' salutations) are
        taken to be in when nothing says otherwise: its first preferred language, else English."""
        return (self.preferred_languages or ["en"])[0]

    def language_order(self, languages) -> list[str]:
        """The officials' preferred languages first, in the campaign's order; then the languages
        officials are written to in; then the rest by code."""
        first = [*(self.preferred_languages or []), *(t.language for t in self.ordered_targets if t.language)]
        rank = {code: position for position, code in reversed(list(enumerate(first)))}
        return sorted(languages, key=lambda code: (rank.get(code, len(rank)), code))

    @property
    def complete_versions(self) -> list[LetterVersion]:
        """The versions a supporter may choose, the officials' preferred language first."""
        complete = {v.language: v for v in self.versions if v.is_complete}
        return [complete[code] for code in self.language_order(complete)]

    @property
    def letter_languages(self) -> list[str]:
        """Languages a supporter may write in: those of complete versions only."""
        return [v.language for v in self.complete_versions]


class CampaignTheme(db.Model):
    """One theme a campaign is tagged with, normalised (campaigns/themes.py): the vocabulary is
    the themes organisers use, kept small by the editor offering those already in use."""

    __tablename__ = "campaign_themes"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    theme: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)

    campaign: Mapped[Campaign] = relationship(back_populates="themes")


class PersonAtRisk(db.Model):
    __tablename__ = "people_at_risk"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    pronouns: Mapped[str] = mapped_column(String(40), default="")  # "he/him"
    description: Mapped[str] = mapped_column(String(300), default="")  # "opposition activist"

    campaign: Mapped[Campaign] = relationship(back_populates="people")


class Demand(db.Model):
    """One demand as the campaign states it (on its page, in the sheet's words); each letter
    version words it in its own language (DemandWording)."""

    __tablename__ = "demands"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)

    campaign: Mapped[Campaign] = relationship(back_populates="demands")
    # Removing a demand removes its wording in every version: a slot that is gone is not missing.
    wordings: Mapped[list[DemandWording]] = relationship(
        back_populates="demand", cascade="all, delete-orphan", passive_deletes=True)


class Target(db.Model):
    """An official to write to (primary) or to copy (copy), with everything an envelope needs."""

    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    kind: Mapped[TargetKind] = mapped_column(
        Enum(TargetKind, name="target_kind", native_enum=False, length=10), default=TargetKind.primary)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200), default="")         # "President of Turkmenistan"
    honorific: Mapped[str] = mapped_column(String(100), default="")     # "His Excellency"
    name: Mapped[str] = mapped_column(String(200), default="")          # "Meret Orazov"
    organisation: Mapped[str] = mapped_column(String(300), default="")  # "Embassy of …"
    address_lines: Mapped[list[str]] = mapped_column(JSON, default=list)
    city: Mapped[str] = mapped_column(String(120), default="")
    region: Mapped[str] = mapped_column(String(120), default="")        # state or province: "NY"
    postcode: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    fax: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    # The salutation as the sheet gives it, in the official's language ("Dear President,"). The
    # letters take theirs from each version's greeting; this one seeds the greeting of the version
    # in the official's language.
    salutation: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(10), default="")
    # Overrides the campaign's hourly cap for this target's addresses when set.
    hourly_email_cap: Mapped[int | None] = mapped_column(Integer)

    campaign: Mapped[Campaign] = relationship(back_populates="targets")
    greetings: Mapped[list[Greeting]] = relationship(
        back_populates="target", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def letter_language(self) -> str:
        """The language this official is written to in: their own, else the campaign's."""
        return self.language or (self.campaign.letter_language if self.campaign else "en")

    @property
    def display_name(self) -> str:
        """'His Excellency Meret Orazov', or the title when the name is unknown."""
        named = " ".join(part for part in (self.honorific, self.name) if part)
        return named or self.title

    @property
    def label(self) -> str:
        if self.name and self.title:
            return f"{self.display_name}, {self.title}"
        return self.display_name or self.organisation

    @property
    def effective_salutation(self) -> str:
        """For the campaign page: the sheet's salutation, else the standard one in the official's language."""
        return self.salutation or LANGUAGES.get(self.letter_language, LANGUAGES["en"]).salutation


class LetterVersion(db.Model):
    """Everything a letter says in one language: subject, body, the demands worded in that
    language and each official's salutation and closing. Placeholders like {salutation} are
    filled by plain substitution (letters/compose.py).

    Only a complete version is offered to supporters, so a letter never mixes languages: one
    that lacks the wording of a demand, or an official's salutation, stays with the organisers.
    """

    __tablename__ = "letter_versions"
    __table_args__ = (UniqueConstraint("campaign_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    campaign: Mapped[Campaign] = relationship(back_populates="versions")
    wordings: Mapped[list[DemandWording]] = relationship(
        back_populates="version", cascade="all, delete-orphan", passive_deletes=True)
    greetings: Mapped[list[Greeting]] = relationship(
        back_populates="version", cascade="all, delete-orphan", passive_deletes=True)

    def __repr__(self) -> str:
        return f"<LetterVersion {self.language}>"

    def wording_of(self, demand: Demand) -> str:
        """The demand as this version words it; "" while it has no wording."""
        found = next((w for w in self.wordings if _same(w, "demand", demand)), None)
        return found.text.strip() if found else ""

    def greeting_for(self, target: Target) -> Greeting | None:
        return next((g for g in self.greetings if _same(g, "target", target)), None)

    def salutation_for(self, target: Target) -> str:
        greeting = self.greeting_for(target)
        return greeting.salutation.strip() if greeting else ""

    def closing_for(self, target: Target) -> str:
        """The closing the organiser gave this official, else the language's standard closing
        (letters/languages.py), which is written in this language by construction; "" for a
        language the table does not know."""
        greeting = self.greeting_for(target)
        if greeting and greeting.closing.strip():
            return greeting.closing.strip()
        row = LANGUAGES.get(self.language)
        return row.closing if row else ""

    @property
    def gaps(self) -> list[tuple[str, Demand | Target | None]]:
        """What this version still lacks, in page order: ("subject", None), ("body", None),
        ("demand", demand), ("salutation", official), ("closing", official). Every demand and
        every official of the campaign counts, so adding either leaves a gap to fill."""
        missing: list[tuple[str, Demand | Target | None]] = []
        if not (self.subject or "").strip():
            missing.append(("subject", None))
        if not (self.body or "").strip():
            missing.append(("body", None))
        campaign = self.campaign
        if campaign is None:
            return missing
        missing += [("demand", d) for d in campaign.demands if not self.wording_of(d)]
        for target in campaign.ordered_targets:
            if not self.salutation_for(target):
                missing.append(("salutation", target))
            if not self.closing_for(target):
                missing.append(("closing", target))
        return missing

    @property
    def is_complete(self) -> bool:
        return not self.gaps


def _same(child, name: str, parent) -> bool:
    """Is `child.<name>` this parent? By key when both are saved (no load), else by object."""
    key = getattr(child, name + "_id")
    if key is not None and parent.id is not None:
        return key == parent.id
    return getattr(child, name) is parent


class DemandWording(db.Model):
    """One demand as one letter version words it."""

    __tablename__ = "letter_demand_wordings"
    __table_args__ = (UniqueConstraint("version_id", "demand_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("letter_versions.id", ondelete="CASCADE"))
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[LetterVersion] = relationship(back_populates="wordings")
    demand: Mapped[Demand] = relationship(back_populates="wordings")


class Greeting(db.Model):
    """How one letter version opens and closes to one official."""

    __tablename__ = "letter_greetings"
    __table_args__ = (UniqueConstraint("version_id", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("letter_versions.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    salutation: Mapped[str] = mapped_column(String(200), default="")  # "Уважаемый господин Президент!"
    closing: Mapped[str] = mapped_column(String(200), default="")     # "" → the language's own closing

    version: Mapped[LetterVersion] = relationship(back_populates="greetings")
    target: Mapped[Target] = relationship(back_populates="greetings")


# What a campaign is made of: a change to any of these is a new revision of it.
_PARTS = (PersonAtRisk, Demand, Target, LetterVersion, DemandWording, Greeting)


@event.listens_for(Session, "before_flush")
def _renew_revisions(session: Session, _context, _instances) -> None:
    """Every campaign this flush changes, itself or through one of its parts, gets a new revision.

    Only changes made through the ORM are seen: an UPDATE or DELETE statement on these tables
    would leave the revision as it was, and copies of the campaign would go on being used.
    """
    changed = set()
    for instance in session.dirty:
        if isinstance(instance, (Campaign, *_PARTS)) and session.is_modified(instance):
            changed.add(instance if isinstance(instance, Campaign) else _campaign_of(session, instance))
    for instance in (*session.new, *session.deleted):
        if isinstance(instance, _PARTS):
            changed.add(_campaign_of(session, instance))
    for campaign in changed - {None} - set(session.deleted):
        campaign.revision = new_revision()


def _campaign_of(session: Session, part) -> Campaign | None:
    if isinstance(part, (DemandWording, Greeting)):
        # A version's wording or greeting: its version's campaign.
        version = part.version if part.version is not None else (
            session.get(LetterVersion, part.version_id) if part.version_id is not None else None)
        return _campaign_of(session, version) if version is not None else None
    # A part taken out of its campaign's list has lost the relationship but keeps the key until the flush.
    if part.campaign is not None:
        return part.campaign
    return session.get(Campaign, part.campaign_id) if part.campaign_id is not None else None
