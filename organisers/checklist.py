"""What publishing a campaign checks: what stops it, and what an organiser must confirm first.

An imported draft can look finished and still carry the importer's placeholder number, notes nobody
read, or no deadline. Publishing puts it on the public home page at once, so the checks run on the
publish page, and again on the POST that publishes: a request made by hand skips nothing.

Blocking items stop publishing until they are fixed. Warnings are doubts an organiser may have
settled already (a case with no deadline exists): each needs its own tick to publish anyway. Every
item says where to fix it. Messages speak the organiser's language; codes are stable, so a tick
given for one warning never confirms another.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, or_, select

from extensions import db
from formatting import language_name
from letters.recipients import address_in_test_mode
from models import Campaign, Target, TargetKind
from models.campaign import UA_NUMBER_RE, normalise_ua_number, slug_for_ua_number
from outbox.guard import Officials


class CheckKind(str, enum.Enum):
    blocking = "blocking"
    warning = "warning"


@dataclass(frozen=True)
class CheckItem:
    """One thing publishing found: `link` leads to the page (and field) where it is fixed."""

    kind: CheckKind
    code: str  # "no_deadline", "official_unreachable:12", "preferred_language:ru"
    message: str
    endpoint: str
    campaign_id: int
    anchor: str = ""
    values: dict = field(default_factory=dict)

    @property
    def is_blocking(self) -> bool:
        return self.kind is CheckKind.blocking

    @property
    def link(self) -> str:
        return url_for(self.endpoint, campaign_id=self.campaign_id, **self.values) + self.anchor


def publish_checklist(campaign: Campaign, today: date) -> list[CheckItem]:
    """Everything missing or doubtful before this campaign goes public: blocking items first."""
    items: list[CheckItem] = []

    def blocking(code: str, message: str, endpoint: str = "organisers.edit_campaign", anchor: str = "",
                 **values) -> None:
        items.append(CheckItem(CheckKind.blocking, code, message, endpoint, campaign.id, anchor, values))

    def warning(code: str, message: str, endpoint: str = "organisers.edit_campaign", anchor: str = "",
                **values) -> None:
        items.append(CheckItem(CheckKind.warning, code, message, endpoint, campaign.id, anchor, values))

    # --- what stops publishing ---
    if not UA_NUMBER_RE.match(campaign.ua_number or ""):
        # The importer's "IMPORT 1a2b3c4d" when the sheet had no number, or one already taken.
        blocking("ua_number_placeholder", _("%(ua_number)s is a placeholder, not a UA number: enter the sheet's "
                                            "number, like UA 118/21.", ua_number=campaign.ua_number),
                 anchor="#ua_number")
    elif (other := _same_number(campaign)) is not None:
        blocking("ua_number_taken", _("%(ua_number)s is also the number of another campaign, “%(title)s”: give this "
                                      "one its own number, or post the news there as a case update.",
                                      ua_number=campaign.ua_number, title=other.title), anchor="#ua_number")
    if not campaign.country:
        blocking("no_country", _("Choose the country of the case."), anchor="#country")
    if not campaign.primary_targets:
        blocking("no_officials", _("Add at least one official to write to."), anchor="#targets")
    for target in campaign.ordered_targets:
        if not target.emails and not (target.address_lines or target.city):
            blocking(f"official_unreachable:{target.id}",
                     _("Give %(official)s a postal or an email address.", official=target.label)
                     if target.label else _("Give each official a postal or an email address."),
                     anchor=_target_anchor(campaign, target))
    if not campaign.demands:
        blocking("no_demands", _("Add at least one demand."), anchor="#demands")
    complete = campaign.letter_languages
    if not complete:
        # Supporters choose among complete versions only: with none, there is no letter to write.
        blocking("no_complete_letter", _("Complete at least one letter version: its subject and text, every demand "
                                         "in its language, and a salutation for every official."),
                 "organisers.templates")
    if campaign.deadline is not None and campaign.deadline < today:
        blocking("deadline_passed", _("The deadline has passed: set a new one."), anchor="#deadline")
    test_address = address_in_test_mode(campaign)
    if Officials.load().reaches_an_official(test_address):
        blocking("test_address_official", _("The test address %(address)s reaches an official's inbox: test letters "
                                            "must go to the organisers. Enter an organiser's address.",
                                            address=test_address), anchor="#test_recipient")

    # --- what an organiser confirms, one tick each ---
    if campaign.has_unreviewed_import_notes:
        count = len(campaign.import_unplaced or [])
        warning("import_notes", ngettext(
            "The importer's note on %(num)d piece of the sheet is not marked as reviewed: something the sheet says "
            "may be missing from the campaign.",
            "The importer's notes on %(num)d pieces of the sheet are not marked as reviewed: something the sheet "
            "says may be missing from the campaign.", count), anchor="#import-notes-title")
    if campaign.deadline is None:
        warning("no_deadline", _("There is no deadline: supporters are not told until when to write, and the action "
                                 "never closes by itself."), anchor="#deadline")
    if complete:
        locale = str(get_locale() or "en")
        for code in campaign.preferred_languages or []:
            if code not in complete:
                warning(f"preferred_language:{code}", _(
                    "The officials' preferred language, %(language)s, has no complete letter: supporters can write "
                    "only in %(languages)s.", language=language_name(code, locale),
                    languages=", ".join(language_name(c, locale) for c in complete)), "organisers.templates")
    if not campaign.people:
        warning("no_people", _("No person at risk is named: the page and the letters name nobody."),
                anchor="#people")
    if not (campaign.summary or "").strip():
        warning("no_summary", _("The summary is empty: the campaign page says nothing about the case."),
                anchor="#summary")
    if not campaign.is_test_mode:
        warning("test_mode_off", _("Test mode is off: from the moment it is published, email letters go to the "
                                   "officials' real addresses."), "organisers.dashboard")
    return items


def _same_number(campaign: Campaign) -> Campaign | None:
    """Another campaign under this number in any spelling ("ua 118/21"), or with its address."""
    try:
        number = normalise_ua_number(campaign.ua_number)
    except ValueError:
        return None
    return db.session.scalar(select(Campaign).where(
        Campaign.id != campaign.id,
        or_(func.upper(Campaign.ua_number) == number.upper(), Campaign.slug == slug_for_ua_number(number))).limit(1))


def _target_anchor(campaign: Campaign, target: Target) -> str:
    """The editor's field for this official's address: targets-0-…, copies-1-…"""
    if target.kind is TargetKind.primary:
        return f"#targets-{campaign.primary_targets.index(target)}-address_lines"
    return f"#copies-{campaign.copy_targets.index(target)}-address_lines"
