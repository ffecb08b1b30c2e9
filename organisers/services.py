"""What organisers do to campaigns, one function per use case.

Each takes plain values and models plus the Actor doing it, flushes but never commits, writes
its audit entry in the same transaction, and raises a CampaignError the route shows.

Error messages speak the organiser's language; audit summaries stay in the source language:
they are a stored record, read by every admin alike and searched as written.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from campaigns.officials import OFFICIAL_FIELDS, Official
from campaigns.importer.documents import without_web_furniture
from campaigns.themes import set_themes
from extensions import db
from letters.counting import move_letter
from letters.recipients import address_in_test_mode
from models import (BouncingAddress, Campaign, CampaignStatus, CaseOutcome, Demand, DemandWording, Greeting,
                    Letter, LetterState, LetterVersion, OutboxMessage, OutboxStatus, PersonAtRisk, Reply,
                    ReplyChannel, Target, TargetKind, slug_for_ua_number)
from models._types import utcnow
from organisers.audit import Actor, record
from organisers.checklist import CheckItem, publish_checklist
from outbox.bounces import clear_bounce
from subscriptions.alerts import queue_new_case_alert

# Reasons for closing an action, as the campaign page shows them ("This action is closed: …").
# These words are stored with the campaign (closed_reason), so they stay in the source language.
CLOSE_REASONS = {"released": "released", "no_longer_needed": "action no longer needed"}
# The same reasons as the organiser's close form offers them, in the page's language.
CLOSE_REASON_LABELS = {"released": _l("Released"), "no_longer_needed": _l("Action no longer needed")}


class CampaignError(Exception):
    """A domain error the route shows to the organiser, in the language of their page.

    Messages are gettext'd where raised (a request or a command is running then); the class
    default is lazy and read at that moment too.
    """

    message = _l("That did not work.")

    def __init__(self, message: str | None = None) -> None:
        text = str(message or self.message)
        super().__init__(text)
        self.message = text


class UANumberTaken(CampaignError):
    def __init__(self, ua_number: str) -> None:
        super().__init__(_("%(ua_number)s is already used by another campaign.", ua_number=ua_number))


class TargetHasLetters(CampaignError):
    def __init__(self, labels: list[str]) -> None:
        super().__init__(_("Supporters have already written to %(officials)s, so they cannot be removed. "
                           "Their letters and counts depend on them.", officials="; ".join(labels)))


class CannotPublish(CampaignError):
    """Something on the publish checklist stops publishing; `items` are the blocking ones."""

    def __init__(self, items: list[CheckItem]) -> None:
        super().__init__(_("Not ready to publish: %(problems)s", problems=" ".join(item.message for item in items)))
        self.items = items


class WarningsNotConfirmed(CampaignError):
    """Warnings on the publish checklist that were not ticked; `items` are those."""

    def __init__(self, items: list[CheckItem]) -> None:
        super().__init__(ngettext("Please confirm the warning below, or fix what it says, before publishing.",
                                  "Please confirm each of the %(num)d warnings below, or fix what they say, before "
                                  "publishing.", len(items)))
        self.items = items


class WrongStatus(CampaignError):
    pass


class ConfirmationMismatch(CampaignError):
    message = _l("The confirmation did not match the UA number: test mode stays on.")


class VersionExists(CampaignError):
    def __init__(self, language: str) -> None:
        super().__init__(_("There is already a letter in this language (%(language)s): edit that one instead.",
                           language=language))


class NotFound(CampaignError):
    message = _l("Not found in this campaign.")


class ImportFailed(CampaignError):
    pass


# --- what the editor hands over ------------------------------------------------------------------

@dataclass
class PersonData:
    id: int | None
    name: str
    pronouns: str = ""
    description: str = ""


@dataclass
class DemandData:
    id: int | None
    text: str


@dataclass(kw_only=True)
class TargetData(Official):
    """An official as the editor hands it over: the shape the importer fills too, plus what only a
    campaign's target has (which row it is, whether it is written to or copied, its own email cap)."""

    id: int | None
    kind: TargetKind
    hourly_email_cap: int | None = None


@dataclass
class CampaignData:
    ua_number: str
    title: str
    country: str
    summary: str = ""
    background: str = ""
    deadline: date | None = None
    preferred_languages: list[str] = field(default_factory=list)
    goal: int = 1000
    hourly_email_cap: int = 30
    test_recipient: str | None = None
    updates_address: str | None = None
    solidarity_address: str | None = None
    solidarity_language: str | None = None
    themes: list[str] = field(default_factory=list)  # normalised (campaigns/themes.py)
    widget_sites: list[str] = field(default_factory=list)  # origins that may embed the widget (widget/sites.py)
    people: list[PersonData] = field(default_factory=list)
    demands: list[DemandData] = field(default_factory=list)
    targets: list[TargetData] = field(default_factory=list)  # primary and copies, each in order


@dataclass
class VersionData:
    """A letter version as the editor hands it over: wordings by demand id, greetings by official id."""

    language: str
    subject: str
    body: str
    # None: not sent at all, so left as it was (or seeded, see carry_over); "" empties it.
    demands: dict[int, str | None] = field(default_factory=dict)
    salutations: dict[int, str | None] = field(default_factory=dict)
    closings: dict[int, str | None] = field(default_factory=dict)


@dataclass
class ReplyData:
    target_id: int | None
    sender: str
    received_on: date
    channel: ReplyChannel
    summary: str
    is_public: bool = False


_SCALARS = ("ua_number", "title", "country", "summary", "background", "deadline", "preferred_languages", "goal",
            "hourly_email_cap", "test_recipient", "updates_address", "solidarity_address", "solidarity_language",
            "widget_sites")
_TARGET_FIELDS = ("kind", *OFFICIAL_FIELDS, "hourly_email_cap")


# --- the editor ----------------------------------------------------------------------------------

def _check_ua_number_free(ua_number: str, campaign: Campaign | None) -> None:
    slug = slug_for_ua_number(ua_number)
    other = db.session.scalar(select(Campaign.id).where(
        (Campaign.ua_number == ua_number) | (Campaign.slug == slug)))
    if other is not None and (campaign is None or other != campaign.id):
        raise UANumberTaken(ua_number)


def _flush_unique(ua_number: str) -> None:
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        # Another organiser saved the same UA number a moment ago.
        raise UANumberTaken(ua_number) from None


def _apply_scalars(campaign: Campaign, data: CampaignData) -> None:
    campaign.ua_number = data.ua_number
    campaign.slug = slug_for_ua_number(data.ua_number)
    campaign.title = data.title
    campaign.country = data.country
    campaign.summary = data.summary
    campaign.background = data.background
    campaign.deadline = data.deadline
    campaign.preferred_languages = list(data.preferred_languages)
    campaign.goal = data.goal
    campaign.hourly_email_cap = data.hourly_email_cap
    campaign.test_recipient = data.test_recipient
    campaign.updates_address = data.updates_address
    campaign.solidarity_address = data.solidarity_address
    campaign.solidarity_language = data.solidarity_language
    campaign.widget_sites = list(data.widget_sites) or None
    set_themes(campaign, data.themes)


def _sync(existing: list, rows: list, make, apply) -> tuple[list, list]:
    """Rows become objects in order: an id of this campaign updates that object, anything else is
    new. Ids from other campaigns are never trusted. Returns (objects, objects left over)."""
    by_id = {obj.id: obj for obj in existing}
    result = []
    for position, row in enumerate(rows):
        obj = by_id.pop(row.id, None) if row.id is not None else None
        if obj is None:
            obj = make()
        apply(obj, row)
        obj.position = position
        result.append(obj)
    return result, list(by_id.values())


def _apply_person(person: PersonAtRisk, row: PersonData) -> None:
    person.name, person.pronouns, person.description = row.name, row.pronouns, row.description


def _apply_demand(demand: Demand, row: DemandData) -> None:
    demand.text = row.text


def _apply_target(target: Target, row: TargetData) -> None:
    for name in _TARGET_FIELDS:
        value = getattr(row, name)
        setattr(target, name, list(value) if isinstance(value, list) else value)


def _apply_children(campaign: Campaign, data: CampaignData) -> None:
    old_demands = {d.id: d.text for d in campaign.demands}
    old_salutations = {t.id: t.salutation for t in campaign.targets}
    _apply_parts(campaign, data)
    carry_over(campaign, old_demands, old_salutations)


def carry_over(campaign: Campaign, old_demands: dict[int, str] | None = None,
               old_salutations: dict[int, str] | None = None) -> None:
    """Keep the versions' copies of the campaign's own words in step with them.

    The campaign's demands and its officials' salutations are written in the campaign's language
    (its first preferred one) and in each official's, so a new demand gets a wording in the
    version of the campaign's language, and a salutation goes into the version of its official's
    language, where either is still empty. A wording or salutation that was a copy of the old
    text follows the edit, in any version; one an organiser wrote differently stays as written.
    Versions in other languages get no copy: the gap shows, and they are not offered until an
    organiser fills it in their language.
    """
    old_demands, old_salutations = old_demands or {}, old_salutations or {}
    own = campaign.version_for(campaign.letter_language)
    for demand in campaign.demands:
        old = old_demands.get(demand.id)
        for version in campaign.versions:
            wording = next((w for w in version.wordings if w.demand is demand), None)
            is_copy = wording is not None and bool(old) and wording.text == old
            if wording is None and version is own:
                version.wordings.append(DemandWording(demand=demand, text=demand.text))
            elif wording is not None and (is_copy or (version is own and not wording.text.strip())):
                wording.text = demand.text
    for target in campaign.targets:
        old = old_salutations.get(target.id)
        for version in campaign.versions:
            greeting = next((g for g in version.greetings if g.target is target), None)
            is_own = version.language == target.letter_language
            if greeting is None:
                if is_own and target.salutation:
                    version.greetings.append(Greeting(target=target, salutation=target.salutation, closing=""))
            elif old and greeting.salutation == old:
                # A copy follows, even when emptied; an empty greeting is nobody's copy, so an
                # English salutation typed later never fills a Russian letter's gap.
                greeting.salutation = target.salutation
            elif is_own and not greeting.salutation.strip() and target.salutation:
                greeting.salutation = target.salutation


def _apply_parts(campaign: Campaign, data: CampaignData) -> None:
    campaign.people, _ = _sync(campaign.people, data.people, PersonAtRisk, _apply_person)
    campaign.demands, _ = _sync(campaign.demands, data.demands, lambda: Demand(text=""), _apply_demand)
    # Positions count within each kind, as the pages order them.
    primary = [row for row in data.targets if row.kind is TargetKind.primary]
    copies = [row for row in data.targets if row.kind is TargetKind.copy]
    pool = list(campaign.targets)
    primaries, left = _sync(pool, primary, Target, _apply_target)
    copy_objects, removed = _sync(left, copies, Target, _apply_target)
    if removed:
        ids = [t.id for t in removed if t.id is not None]
        written = set(db.session.scalars(select(Letter.target_id).where(Letter.target_id.in_(ids)).distinct())) \
            if ids else set()
        if written:
            raise TargetHasLetters([t.label for t in removed if t.id in written])
    campaign.targets = primaries + copy_objects


def _emails(targets) -> set[str]:
    return {email.strip().lower() for target in targets for email in target.emails}


def _snapshot(campaign: Campaign) -> dict:
    return {
        **{name: getattr(campaign, name) for name in _SCALARS},
        "themes": [row.theme for row in campaign.themes],
        "people": [(p.name, p.pronouns, p.description) for p in campaign.people],
        "demands": [d.text for d in campaign.demands],
        "targets": [tuple(str(getattr(t, n)) for n in _TARGET_FIELDS) for t in campaign.ordered_targets],
        "complete letters": [v.language for v in campaign.complete_versions],
    }


def create_campaign(data: CampaignData, actor: Actor) -> Campaign:
    """A new draft, in test mode: nothing is public and no official can be mailed."""
    _check_ua_number_free(data.ua_number, None)
    campaign = Campaign(status=CampaignStatus.draft, is_test_mode=True)
    _apply_scalars(campaign, data)
    db.session.add(campaign)
    _apply_children(campaign, data)
    _flush_unique(data.ua_number)
    record(actor, "campaign.created", campaign, f"created {campaign.ua_number} as a draft")
    return campaign


def update_campaign(campaign: Campaign, data: CampaignData, actor: Actor) -> bool:
    """Save the editor. True when test mode came back on: a campaign out of test mode that gains
    an official's address goes back to test mode until an organiser confirms the new address."""
    if campaign.status is not CampaignStatus.draft and data.ua_number != campaign.ua_number:
        raise WrongStatus(_("A published campaign keeps its UA number (%(ua_number)s).",
                            ua_number=campaign.ua_number))
    _check_ua_number_free(data.ua_number, campaign)
    before = _snapshot(campaign)
    emails_before = _emails(campaign.targets)
    _apply_scalars(campaign, data)
    _apply_children(campaign, data)
    new_addresses = sorted(_emails(campaign.targets) - emails_before)
    test_mode_restored = not campaign.is_test_mode and bool(new_addresses)
    if test_mode_restored:
        campaign.is_test_mode = True
    _flush_unique(data.ua_number)
    after = _snapshot(campaign)
    changed = [name.replace("_", " ") for name in after if after[name] != before[name]]
    summary = f"edited {campaign.ua_number}: " + (", ".join(changed) if changed else "no changes")
    if test_mode_restored:
        summary += f"; back in test mode for new address(es) {', '.join(new_addresses)}"
    record(actor, "campaign.edited", campaign, summary)
    return test_mode_restored


def mark_import_notes_reviewed(campaign: Campaign, actor: Actor) -> None:
    """The organiser has gone through what the importer could not place. The notes stay on record
    (the editor folds them away); publishing no longer asks about them."""
    if not campaign.import_unplaced or campaign.import_reviewed_at is not None:
        return
    campaign.import_reviewed_at = utcnow()
    db.session.flush()
    record(actor, "campaign.import_reviewed", campaign,
           f"reviewed {len(campaign.import_unplaced)} unplaced fragment(s) of the import of {campaign.ua_number}")


def import_campaign(text: str, actor: Actor, *, file_name: str | None = None) -> Campaign:
    """A draft from a UA sheet's text (pasted, or read from an uploaded file), for review: never
    published, always in test mode.

    What a web page puts around a sheet pasted from it (menus, share buttons, cookie banners) is
    left out before the importer reads it; the text is kept with the campaign as it was given.
    What the importer could not place (and its own notes, such as a UA number already taken,
    for which it gives the draft a placeholder number) stays on the draft for the editor to show.
    """
    from campaigns.importer import create_draft_from_import, parse_ua_text, sources_in

    try:
        read = without_web_furniture(text)
        imported = parse_ua_text(read)
        # The draft keeps the text as given: where each value was read is numbered in that text.
        imported.sources = sources_in(text, read, imported.sources)
        with db.session.begin_nested():
            campaign = create_draft_from_import(imported, source_text=text)
            db.session.flush()
    except IntegrityError:
        # Another organiser saved the same UA number between the importer's check and ours.
        raise UANumberTaken(imported.ua_number or _("This UA number")) from None
    except ValueError as error:
        raise ImportFailed(str(error) or _("The text could not be read as a UA sheet.")) from error
    # Whatever the importer did, an import is a draft in test mode until an organiser decides.
    campaign.status = CampaignStatus.draft
    campaign.is_test_mode = True
    fragments = campaign.import_unplaced if campaign.import_unplaced is not None else imported.unplaced
    campaign.import_unplaced = [str(f).strip() for f in fragments or [] if str(f).strip()] or None
    db.session.flush()
    source = f" from {file_name!r}" if file_name else ""
    record(actor, "campaign.imported", campaign,
           f"imported {campaign.ua_number} as a draft{source}; "
           f"{len(campaign.import_unplaced or [])} fragment(s) to review")
    return campaign


# --- letters -------------------------------------------------------------------------------------

def save_version(campaign: Campaign, data: VersionData, actor: Actor,
                 version: LetterVersion | None = None) -> LetterVersion:
    """Create the letter in a language, or change one (its language too), with its wording of
    every demand and its greeting of every official. Wordings and greetings are taken only for
    this campaign's own demands and officials; an id from anywhere else is ignored."""
    clash = campaign.version_for(data.language)
    if clash is not None and clash is not version:
        raise VersionExists(data.language)
    action = "edited"
    if version is None:
        version = LetterVersion(language=data.language)
        campaign.versions.append(version)
        action = "created"
    version.language, version.subject, version.body = data.language, data.subject, data.body
    for demand in campaign.demands:
        text = data.demands.get(demand.id)
        if text is None:
            continue
        wording = next((w for w in version.wordings if w.demand is demand), None)
        if wording is None:
            version.wordings.append(DemandWording(demand=demand, text=text.strip()))
        else:
            wording.text = text.strip()
    for target in campaign.targets:
        salutation, closing = data.salutations.get(target.id), data.closings.get(target.id)
        if salutation is None and closing is None:
            continue
        greeting = version.greeting_for(target)
        if greeting is None:
            greeting = Greeting(target=target, salutation="", closing="")
            version.greetings.append(greeting)
        if salutation is not None:
            greeting.salutation = salutation.strip()
        if closing is not None:
            greeting.closing = closing.strip()
    carry_over(campaign)
    db.session.flush()
    state = "complete" if version.is_complete else "incomplete"
    record(actor, f"template.{action}", campaign,
           f"{action} the {version.language} letter of {campaign.ua_number} ({state})")
    return version


def delete_version(campaign: Campaign, version: LetterVersion, actor: Actor) -> None:
    campaign.versions.remove(version)
    db.session.flush()
    record(actor, "template.deleted", campaign, f"deleted the {version.language} letter of {campaign.ua_number}")


# --- lifecycle -----------------------------------------------------------------------------------

def publish_campaign(campaign: Campaign, actor: Actor, *, today: date, confirmed: Collection[str] = ()) -> None:
    """Draft → live: the campaign page opens, supporters can write, and the followers of new cases
    are told (subscriptions/alerts.py). Test mode is untouched.

    The publish checklist runs here, whatever the page showed: anything blocking refuses, and so
    does any warning whose code is not among those the organiser `confirmed` with a tick.
    """
    if campaign.status is not CampaignStatus.draft:
        raise WrongStatus(_("Only a draft can be published."))
    items = publish_checklist(campaign, today)
    if blocking := [item for item in items if item.is_blocking]:
        raise CannotPublish(blocking)
    if unconfirmed := [item for item in items if not item.is_blocking and item.code not in set(confirmed)]:
        raise WarningsNotConfirmed(unconfirmed)
    campaign.status = CampaignStatus.live
    campaign.published_at = campaign.published_at or utcnow()
    db.session.flush()
    # Followers of new cases (every one, its country, its themes) hear of it once, after the commit.
    queue_new_case_alert(campaign)
    # The codes, not the messages: the log is written in the source language (see the top).
    said = "; confirmed: " + ", ".join(item.code for item in items) if items else ""
    record(actor, "campaign.published", campaign,
           f"published {campaign.ua_number}" + (" (in test mode)" if campaign.is_test_mode else "") + said)


def close_campaign(campaign: Campaign, *, reason: str, other_reason: str = "", actor: Actor,
                   today: date) -> None:
    """Live → closed, with the reason the campaign page shows."""
    if campaign.status is not CampaignStatus.live:
        raise WrongStatus(_("Only a live campaign can be closed."))
    text = CLOSE_REASONS.get(reason) or other_reason.strip()
    if not text:
        raise CampaignError(_("Please give the reason for closing."))
    campaign.status = CampaignStatus.closed
    campaign.closed_reason = text[:200]
    campaign.closed_at = utcnow()
    if reason == "released" and campaign.outcome is None:
        campaign.outcome, campaign.outcome_on = CaseOutcome.released, today
    db.session.flush()
    record(actor, "campaign.closed", campaign, f"closed {campaign.ua_number}: {campaign.closed_reason}")


def real_addresses(campaign: Campaign) -> list[tuple[Target, list[str]]]:
    """Every official and the addresses that get letters once test mode is off."""
    return [(target, list(target.emails)) for target in campaign.ordered_targets if target.emails]


def switch_test_mode_off(campaign: Campaign, *, confirmation: str, actor: Actor) -> None:
    """Letters start reaching the officials. Only with the UA number typed in confirmation."""
    if confirmation != campaign.ua_number:
        raise ConfirmationMismatch()
    if not campaign.is_test_mode:
        return
    campaign.is_test_mode = False
    db.session.flush()
    addresses = sorted({email for _, emails in real_addresses(campaign) for email in emails})
    record(actor, "campaign.test_mode_off", campaign,
           f"switched test mode off for {campaign.ua_number}; "
           f"letters go to {', '.join(addresses) or 'no email address'}")


def switch_test_mode_on(campaign: Campaign, actor: Actor) -> None:
    if campaign.is_test_mode:
        return
    campaign.is_test_mode = True
    db.session.flush()
    record(actor, "campaign.test_mode_on", campaign, f"switched test mode on for {campaign.ua_number}")


def duplicate_campaign(campaign: Campaign, *, ua_number: str, title: str, actor: Actor, today: date) -> Campaign:
    """A new draft in test mode with the same people, demands, officials and letters."""
    _check_ua_number_free(ua_number, None)
    copy = Campaign(
        ua_number=ua_number, slug=slug_for_ua_number(ua_number), title=title, country=campaign.country,
        summary=campaign.summary, background=campaign.background, status=CampaignStatus.draft,
        deadline=campaign.deadline if campaign.deadline and campaign.deadline >= today else None,
        preferred_languages=list(campaign.preferred_languages or []), goal=campaign.goal, is_test_mode=True,
        test_recipient=campaign.test_recipient, updates_address=campaign.updates_address,
        solidarity_address=campaign.solidarity_address, solidarity_language=campaign.solidarity_language,
        hourly_email_cap=campaign.hourly_email_cap, widget_sites=list(campaign.widget_sites or []) or None)
    set_themes(copy, [row.theme for row in campaign.themes])
    copy.people = [PersonAtRisk(position=p.position, name=p.name, pronouns=p.pronouns, description=p.description)
                   for p in campaign.people]
    demands = {d.id: Demand(position=d.position, text=d.text) for d in campaign.demands}
    targets = {t.id: Target(position=t.position, **{n: (list(getattr(t, n)) if isinstance(getattr(t, n), list)
                                                        else getattr(t, n)) for n in _TARGET_FIELDS})
               for t in campaign.targets}
    copy.demands, copy.targets = list(demands.values()), list(targets.values())
    copy.versions = [LetterVersion(
        language=v.language, subject=v.subject, body=v.body,
        wordings=[DemandWording(demand=demands[w.demand_id], text=w.text) for w in v.wordings
                  if w.demand_id in demands],
        greetings=[Greeting(target=targets[g.target_id], salutation=g.salutation, closing=g.closing)
                   for g in v.greetings if g.target_id in targets]) for v in campaign.versions]
    db.session.add(copy)
    _flush_unique(ua_number)
    record(actor, "campaign.duplicated", copy, f"created {ua_number} as a copy of {campaign.ua_number}")
    return copy


# --- email delivery ------------------------------------------------------------------------------

# Each takes the campaign whose dashboard the organiser is on, or None on the page for all email
# (erasure links and subscriptions to every case belong to no campaign).

def _failed_message(campaign: Campaign | None, message_id: int) -> OutboxMessage:
    message = db.session.get(OutboxMessage, message_id)
    if message is None or (campaign is not None and message.campaign_id != campaign.id):
        raise NotFound(_("That email is not part of this campaign.") if campaign else _("There is no such email."))
    if message.status is not OutboxStatus.failed:
        raise WrongStatus(_("Only a failed email can be sent again."))
    return message


def _requeue(message: OutboxMessage) -> None:
    message.status = OutboxStatus.pending
    message.next_attempt_at = utcnow()
    message.attempts = 0
    message.claimed_until = None
    message.claimed_by = None
    if message.letter_id is not None:
        letter = db.session.get(Letter, message.letter_id)
        if letter is not None and letter.state is LetterState.failed:
            move_letter(db.session, letter, LetterState.queued)


def _of(campaign: Campaign | None) -> str:
    return f" of {campaign.ua_number}" if campaign else ""


def retry_message(campaign: Campaign | None, message_id: int, actor: Actor) -> OutboxMessage:
    """A failed email goes back in the queue; the delivery loop's safety checks apply again."""
    message = _failed_message(campaign, message_id)
    _requeue(message)
    db.session.flush()
    record(actor, "email.retried", message, f"queued failed email {message.id}{_of(campaign)} again")
    return message


def retry_failed_messages(campaign: Campaign | None, actor: Actor) -> int:
    scope = [OutboxMessage.campaign_id == campaign.id] if campaign else []
    messages = db.session.scalars(select(OutboxMessage).where(
        *scope, OutboxMessage.status == OutboxStatus.failed)).all()
    for message in messages:
        _requeue(message)
    db.session.flush()
    if messages:
        record(actor, "email.retried", campaign, f"queued {len(messages)} failed email(s){_of(campaign)} again",
               subject_type=None if campaign else "email")
    return len(messages)


def mail_addresses(campaign: Campaign) -> set[str]:
    """Where the campaign's letters go, lower-cased: its officials, and in test mode the test address."""
    addresses = _emails(campaign.targets)
    if campaign.is_test_mode:
        addresses.add(address_in_test_mode(campaign).strip().lower())
    return addresses


def clear_bouncing_address(campaign: Campaign | None, bouncing_id: int, actor: Actor) -> int:
    """An organiser knows a bouncing address works again (the office fixed its mailbox): email
    held for it goes back in the queue. Returns how many messages did."""
    entry = db.session.get(BouncingAddress, bouncing_id)
    if entry is None or (campaign is not None and entry.email not in mail_addresses(campaign)):
        raise NotFound(_("That address is not one this campaign writes to.") if campaign
                       else _("There is no such bouncing address."))
    if entry.cleared_at is not None:
        raise WrongStatus(_("%(address)s was already cleared.", address=entry.email))
    released = clear_bounce(entry.email, cleared_by=actor.email)
    record(actor, "bounce.cleared", campaign or entry,
           f"cleared the bouncing address {entry.email}{' for ' + campaign.ua_number if campaign else ''}; "
           f"{released} held email(s) back in the queue")
    return released


# --- replies and outcome -------------------------------------------------------------------------

def record_reply(campaign: Campaign, data: ReplyData, actor: Actor) -> Reply:
    target_ids = {t.id for t in campaign.targets}
    if data.target_id is not None and data.target_id not in target_ids:
        raise NotFound(_("That official is not part of this campaign."))
    reply = Reply(campaign_id=campaign.id, target_id=data.target_id, sender=data.sender,
                  received_on=data.received_on, channel=data.channel, summary=data.summary,
                  is_public=data.is_public, recorded_by_id=actor.organiser_id)
    db.session.add(reply)
    db.session.flush()
    record(actor, "reply.recorded", reply, f"recorded a reply ({data.channel.value}) for {campaign.ua_number}"
           + (", shown publicly" if data.is_public else ""))
    return reply


def _reply(campaign: Campaign, reply_id: int) -> Reply:
    reply = db.session.get(Reply, reply_id)
    if reply is None or reply.campaign_id != campaign.id:
        raise NotFound(_("That reply is not part of this campaign."))
    return reply


def set_reply_visibility(campaign: Campaign, reply_id: int, *, is_public: bool, actor: Actor) -> Reply:
    reply = _reply(campaign, reply_id)
    reply.is_public = is_public
    db.session.flush()
    record(actor, "reply.published" if is_public else "reply.hidden", reply,
           f"{'showed' if is_public else 'hid'} a reply on the page of {campaign.ua_number}")
    return reply


def delete_reply(campaign: Campaign, reply_id: int, actor: Actor) -> None:
    reply = _reply(campaign, reply_id)
    db.session.delete(reply)
    db.session.flush()
    record(actor, "reply.deleted", campaign,
           f"deleted a reply of {reply.received_on.isoformat()} from {campaign.ua_number}")


def record_outcome(campaign: Campaign, *, outcome: CaseOutcome | None, outcome_on: date | None, note: str,
                   actor: Actor) -> None:
    campaign.outcome, campaign.outcome_on, campaign.outcome_note = outcome, outcome_on, note or None
    db.session.flush()
    # The outcome's code, not its label: the log is written in the source language (see the top).
    said = outcome.value.replace("_", " ") if outcome else "not known"
    record(actor, "campaign.outcome", campaign, f"recorded the outcome of {campaign.ua_number}: {said}")


# --- exports -------------------------------------------------------------------------------------

def record_export(what: str, actor: Actor, campaign: Campaign | None = None) -> None:
    """Exports leave the system: who took which data, and when."""
    record(actor, "export." + what.replace(" ", "_"), campaign, f"exported {what}"
           + (f" of {campaign.ua_number}" if campaign else ""), subject_type="campaign" if campaign else "export")
    db.session.flush()

