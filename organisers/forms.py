"""Organiser forms: login and accounts, the campaign editor with its repeatable parts, letters,
lifecycle steps, replies and the UA import. Every field says what is wrong with it."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from types import SimpleNamespace

import pycountry
from email_validator import EmailNotValidError, validate_email
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf.file import FileField
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from wtforms import (BooleanField, DateField, FieldList, Form, FormField, HiddenField, PasswordField, RadioField,
                     SelectField, StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (DataRequired, Email, EqualTo, InputRequired, Length, NumberRange, Optional,
                                ValidationError)

from i18n import TranslatedForm
from campaigns.forms import CheckboxListField, WholeNumberField, no_control_characters, single_line, stored_in_full
from campaigns.themes import THEME_MAX, THEMES_PER_CAMPAIGN, normalise_theme, split_themes, theme_label
from campaigns.importer.documents import MAX_FILE_BYTES, MAX_TEXT_CHARACTERS, SheetUnreadable, text_from_file
from extensions import db
from formatting import country_choices, language_name, page_language
from letters.compose import PLACEHOLDERS, unknown_placeholders
from inboxes import inbox_key
from models import (Campaign, CampaignStatus, CaseOutcome, ReplyChannel, TargetKind, UpdateKind,
                    normalise_ua_number)
from outbox.guard import Officials
from organisers.accounts import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from organisers.services import (CLOSE_REASON_LABELS, CampaignData, DemandData, PersonData, ReplyData,
                                 TargetData, VersionData)
from subscriptions.markdown import shallow_nesting
from widget.sites import MAX_SITES, NotAnOrigin, parse_sites

_SEPARATORS = re.compile(r"[\s,;]+")
# Anything in braces that looks meant as a placeholder but is not written the way fill() reads
# them ("{Supporter_Name}", "{ person }"): it would reach the official's letter as it stands.
_BRACED = re.compile(r"\{([^{}\n]{1,40})\}")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _without_nul(value):
    # NUL is never part of a UA sheet, and PostgreSQL text cannot hold it.
    return value.replace("\x00", "") if isinstance(value, str) else value


def _int_or_none(value):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def language_choices() -> tuple[tuple[str, str], ...]:
    """Every language with a two-letter code, by its name as the page's language writes it."""
    return _language_choices(str(get_locale() or "en"))


@lru_cache(maxsize=8)
def _language_choices(locale: str) -> tuple[tuple[str, str], ...]:
    # Cached per interface language: the names (and so their order) differ from one to the next.
    return tuple(sorted(((lang.alpha_2, language_name(lang.alpha_2)) for lang in pycountry.languages
                         if hasattr(lang, "alpha_2")), key=lambda pair: pair[1]))


def _language_codes() -> set[str]:
    return {code for code, _name in language_choices()}


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _country_options(blank):
    def options():
        return _choices([("", blank), *country_choices(page_language())])
    return options


def _language_options(blank):
    def options():
        return _choices(([("", blank)] if blank is not None else []) + list(language_choices()))
    return options


def split_addresses(text: str | None) -> list[str]:
    """'a@x.org, b@y.org\\nc@z.org' → the three addresses, in order, without repeats."""
    seen: list[str] = []
    for part in _SEPARATORS.split(text or ""):
        if part and part.lower() not in {s.lower() for s in seen}:
            seen.append(part)
    return seen


def split_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def email_list(form, field) -> None:
    bad = []
    for address in split_addresses(field.data):
        try:
            validate_email(address, check_deliverability=False)
        except EmailNotValidError:
            bad.append(address)
    if bad:
        raise ValidationError(ngettext(
            "Not an email address: %(addresses)s. Separate addresses with commas or new lines.",
            "Not email addresses: %(addresses)s. Separate addresses with commas or new lines.",
            len(bad), addresses=", ".join(bad)))


def address_lines(form, field) -> None:
    lines = split_lines(field.data)
    if any(len(line) > 200 for line in lines):
        raise ValidationError(_("Please keep each address line under %(max)d characters.", max=200))
    if len(lines) > 8:
        raise ValidationError(_("Please use at most %(max)d address lines; the town and country have fields "
                                "of their own.", max=8))


def known_placeholders(form, field) -> None:
    unknown = set(unknown_placeholders(field.data or ""))
    unknown |= {name for name in _BRACED.findall(field.data or "") if name not in PLACEHOLDERS}
    if unknown:
        names = ", ".join("{" + name + "}" for name in sorted(unknown))
        raise ValidationError(ngettext(
            "Unknown placeholder: %(names)s. Use only the placeholders listed beside the editor.",
            "Unknown placeholders: %(names)s. Use only the placeholders listed beside the editor.",
            len(unknown), names=names))


def language_code_list(form, field) -> None:
    codes = [code.lower() for code in _SEPARATORS.split(field.data or "") if code]
    unknown = [code for code in codes if code not in _language_codes()]
    if unknown:
        raise ValidationError(ngettext(
            "Unknown language code: %(codes)s. Use two-letter codes such as en, ru, es.",
            "Unknown language codes: %(codes)s. Use two-letter codes such as en, ru, es.",
            len(unknown), codes=", ".join(unknown)))


# --- accounts --------------------------------------------------------------------------------

class LoginForm(TranslatedForm):
    email = StringField(_l("Email address"), filters=[_strip], validators=[
        DataRequired(_l("Please enter your email address.")), Length(max=254), single_line, stored_in_full])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Please enter your password.")), Length(max=MAX_PASSWORD_LENGTH)])
    next = HiddenField()


class ChangePasswordForm(TranslatedForm):
    current_password = PasswordField(_l("Current password"), validators=[Length(max=MAX_PASSWORD_LENGTH)])
    new_password = PasswordField(_l("New password"), validators=[
        DataRequired(_l("Please choose a new password.")),
        Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
               message=_l("Please use at least %(min)d characters (a few words make a good one)."))])
    confirm_password = PasswordField(_l("New password again"), validators=[
        DataRequired(_l("Please type the new password again.")),
        EqualTo("new_password", message=_l("The two new passwords are not the same."))])

    def __init__(self, *args, needs_current: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_current = needs_current

    def validate_current_password(self, field) -> None:
        if self.needs_current and not field.data:
            raise ValidationError(_("Please enter your current password."))


class OrganiserForm(TranslatedForm):
    email = StringField(_l("Email address"), filters=[_strip], validators=[
        DataRequired(_l("Please enter the organiser's email address.")), Length(max=254), single_line, stored_in_full,
        Email(_l("Please enter an email address like name@example.org."), check_deliverability=False)])
    name = StringField(_l("Name"), filters=[_strip], validators=[Optional(), Length(max=200), single_line])
    is_admin = BooleanField(_l("Admin: may manage organisers and read the audit log"))


class ButtonForm(TranslatedForm):
    """No fields: a button whose POST carries only the CSRF token."""


# --- the campaign editor ---------------------------------------------------------------------

class _Entry(Form):
    """One repeatable part of the campaign. An entry left completely empty is ignored."""

    id = HiddenField(filters=[_int_or_none])

    def is_blank(self) -> bool:
        """Nothing typed and not a saved entry: what an "add" button leaves untouched."""
        if self.id.data is not None:
            return False
        for field in self:
            if field.short_name == "id":
                continue
            typed = field.raw_data if field.raw_data is not None else [field.data]
            if any(str(value).strip() for value in typed if value is not None):
                return False
        return True

    def validate(self, extra_validators=None) -> bool:
        if self.is_blank():
            return True
        return super().validate(extra_validators)


class PersonForm(_Entry):
    name = StringField(_l("Name"), filters=[_strip], validators=[
        DataRequired(_l("Please enter the person's name, or remove this person.")), Length(max=200), single_line])
    pronouns = StringField(_l("Pronouns"), filters=[_strip], validators=[Optional(), Length(max=40), single_line])
    description = StringField(_l("Who they are"), filters=[_strip], validators=[
        Optional(), Length(max=300, message=_l("Please keep this under 300 characters.")), single_line])

    def to_data(self) -> PersonData:
        return PersonData(id=self.id.data, name=self.name.data, pronouns=self.pronouns.data or "",
                          description=self.description.data or "")


class DemandForm(_Entry):
    text = TextAreaField(_l("Demand"), filters=[_strip], validators=[
        DataRequired(_l("Please write the demand, or remove it.")),
        Length(max=2000, message=_l("Please keep a demand under 2,000 characters.")), no_control_characters])

    def to_data(self) -> DemandData:
        return DemandData(id=self.id.data, text=self.text.data)


class TargetForm(_Entry):
    title = StringField(_l("Title or role"), filters=[_strip], validators=[Length(max=200), single_line])
    honorific = StringField(_l("Honorific"), filters=[_strip], validators=[Optional(), Length(max=100), single_line])
    name = StringField(_l("Name"), filters=[_strip], validators=[Optional(), Length(max=200), single_line])
    organisation = StringField(_l("Office or organisation"), filters=[_strip],
                               validators=[Optional(), Length(max=300), single_line])
    address_lines = TextAreaField(_l("Street address"), filters=[_strip],
                                  validators=[Optional(), no_control_characters, address_lines])
    city = StringField(_l("Town or city"), filters=[_strip], validators=[Optional(), Length(max=120), single_line])
    region = StringField(_l("State or region"), filters=[_strip], validators=[Optional(), Length(max=120), single_line])
    postcode = StringField(_l("Postcode"), filters=[_strip], validators=[Optional(), Length(max=20), single_line])
    country = SelectField(_l("Country"), choices=_country_options("—"), default="")
    emails = TextAreaField(_l("Email addresses"), filters=[_strip],
                           validators=[Optional(), no_control_characters, email_list])
    fax = StringField(_l("Fax"), filters=[_strip], validators=[Optional(), Length(max=60), single_line])
    phone = StringField(_l("Phone"), filters=[_strip], validators=[Optional(), Length(max=60), single_line])
    salutation = StringField(_l("Salutation"), filters=[_strip], validators=[Optional(), Length(max=200), single_line])
    language = SelectField(_l("Language to write in"), choices=_language_options(_l("The campaign's languages")),
                           default="")
    hourly_email_cap = WholeNumberField(_l("Emails per hour (optional)"), validators=[
        Optional(), NumberRange(min=1, max=1000, message=_l("Please enter a number from 1 to 1,000."))])

    def validate_title(self, field) -> None:
        if not (self.title.data or self.name.data or self.organisation.data):
            raise ValidationError(_("Please give the official's title, name or office."))

    def to_data(self, kind: TargetKind) -> TargetData:
        return TargetData(
            id=self.id.data, kind=kind, title=self.title.data or "", honorific=self.honorific.data or "",
            name=self.name.data or "", organisation=self.organisation.data or "",
            address_lines=split_lines(self.address_lines.data), city=self.city.data or "",
            region=self.region.data or "", postcode=self.postcode.data or "", country=self.country.data or "",
            emails=split_addresses(self.emails.data), fax=self.fax.data or "", phone=self.phone.data or "",
            salutation=self.salutation.data or "", language=self.language.data or "",
            hourly_email_cap=self.hourly_email_cap.data)


# The repeatable parts of the editor, with what one entry is called on the page.
LISTS = {"people": _l("Person"), "demands": _l("Demand"),
         # Translators: one official the letters are written to, as opposed to one sent a copy.
         "targets": _l("Target"),
         # Translators: one official who is sent a copy of the letters.
         "copies": _l("Copy")}


class CampaignForm(TranslatedForm):
    ua_number = StringField(_l("UA number"), filters=[_strip], validators=[
        DataRequired(_l("Please enter the UA number, like UA 118/21.")), Length(max=20)])
    title = StringField(_l("Title"), filters=[_strip], validators=[
        DataRequired(_l("Please give the campaign a title.")), Length(max=300), single_line])
    country = SelectField(_l("Country of the case"), choices=_country_options(_l("Choose the country…")), default="",
                          validators=[DataRequired(_l("Please choose the country of the case."))])
    summary = TextAreaField(_l("Summary"), filters=[_strip], validators=[
        Optional(), Length(max=5000, message=_l("Please keep the summary under 5,000 characters.")),
        no_control_characters])
    background = TextAreaField(_l("Additional information"), filters=[_strip], validators=[
        Optional(), Length(max=20000, message=_l("Please keep this under 20,000 characters.")), no_control_characters])
    deadline = DateField(_l("Take action until"), validators=[Optional()])
    preferred_languages = StringField(_l("Preferred languages"), filters=[_strip],
                                      validators=[Optional(), Length(max=100), language_code_list])
    goal = WholeNumberField(_l("Goal (letters)"), default=1000, validators=[
        InputRequired(_l("Please enter a goal, such as 1000.")),
        NumberRange(min=0, max=10_000_000, message=_l("Please enter a number from 0 to 10,000,000."))])
    hourly_email_cap = WholeNumberField(_l("Emails per hour to one official"), default=30, validators=[
        InputRequired(_l("Please enter how many emails an official may get per hour.")),
        NumberRange(min=1, max=1000, message=_l("Please enter a number from 1 to 1,000."))])
    test_recipient = StringField(_l("Test address"), filters=[_strip], validators=[
        Optional(), Length(max=254), single_line, Email(_l("Please enter an email address like name@example.org."),
                                           check_deliverability=False)])
    updates_address = StringField(_l("Address for update requests"), filters=[_strip], validators=[
        Optional(), Length(max=254), single_line, Email(_l("Please enter an email address like name@example.org."),
                                           check_deliverability=False)])
    solidarity_address = TextAreaField(_l("Where messages of support can go (optional)"), filters=[_strip],
                                       validators=[Optional(), Length(max=1000), no_control_characters])
    solidarity_language = SelectField(_l("Language to greet them in"), choices=_language_options("—"), default="")
    themes = StringField(_l("Themes"), filters=[_strip], validators=[Optional(), Length(max=300), single_line])
    widget_sites = TextAreaField(_l("Sites that may embed the action"), filters=[_strip],
                                 validators=[Optional(), Length(max=MAX_SITES * 80), no_control_characters])
    people = FieldList(FormField(PersonForm), label=_l("People at risk"), max_entries=20)
    demands = FieldList(FormField(DemandForm), label=_l("Demands"), max_entries=30)
    targets = FieldList(FormField(TargetForm), label=_l("Write to"), max_entries=20)
    copies = FieldList(FormField(TargetForm), label=_l("Send copies to"), max_entries=20)

    def __init__(self, *args, campaign: Campaign | None = None, **kwargs):
        self.campaign = campaign
        super().__init__(*args, **kwargs)

    def validate_ua_number(self, field) -> None:
        try:
            field.data = normalise_ua_number(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        campaign = self.campaign
        if campaign is not None and campaign.status is not CampaignStatus.draft and field.data != campaign.ua_number:
            raise ValidationError(_("A published campaign keeps its UA number (%(ua_number)s): "
                                    "links to it are already out there.", ua_number=campaign.ua_number))
        check_ua_number_free(field.data, campaign)

    def validate_themes(self, field) -> None:
        typed = [part.strip() for part in re.split(r"[,;\n]", field.data or "") if part.strip()]
        if any(len(normalise_theme(part)) >= THEME_MAX or not normalise_theme(part) for part in typed):
            raise ValidationError(_("Please keep each theme to a few words (at most %(max)d characters), "
                                    "written with letters or digits.", max=THEME_MAX - 1))
        if len(split_themes(field.data)) > THEMES_PER_CAMPAIGN:
            raise ValidationError(_("Please choose at most %(max)d themes: people follow new cases by them, "
                                    "and fewer, broader themes serve them better.", max=THEMES_PER_CAMPAIGN))

    def validate_widget_sites(self, field) -> None:
        try:
            listed = parse_sites(field.data)
        except NotAnOrigin as error:
            raise ValidationError(_("“%(value)s” is not a site's address. Please write each site as its "
                                    "address alone, like https://www.example.org, one per line.",
                                    value=error.value[:80])) from None
        if len(listed) > MAX_SITES:
            raise ValidationError(_("Please list at most %(max)d sites.", max=MAX_SITES))

    def validate_test_recipient(self, field) -> None:
        """Test letters go to organisers: never to an official, of this case or any other, by any alias."""
        if not field.data:
            return
        in_this_form = [address for entries in (self.targets, self.copies) for entry in entries
                        for address in split_addresses(entry.form.emails.data)]
        if is_an_officials_address(field.data, in_this_form):
            raise ValidationError(_("This address reaches an official's inbox. Test letters must go to the "
                                    "organisers, never to an official: please enter an organiser's address."))

    def to_data(self) -> CampaignData:
        return CampaignData(
            ua_number=self.ua_number.data, title=self.title.data, country=self.country.data,
            summary=self.summary.data or "", background=self.background.data or "", deadline=self.deadline.data,
            preferred_languages=[c.lower() for c in _SEPARATORS.split(self.preferred_languages.data or "") if c],
            goal=self.goal.data, hourly_email_cap=self.hourly_email_cap.data,
            test_recipient=self.test_recipient.data or None, updates_address=self.updates_address.data or None,
            solidarity_address=self.solidarity_address.data or None,
            solidarity_language=self.solidarity_language.data or None,
            themes=split_themes(self.themes.data), widget_sites=parse_sites(self.widget_sites.data),
            people=[entry.form.to_data() for entry in self.people if not entry.form.is_blank()],
            demands=[entry.form.to_data() for entry in self.demands if not entry.form.is_blank()],
            targets=[entry.form.to_data(TargetKind.primary) for entry in self.targets if not entry.form.is_blank()]
            + [entry.form.to_data(TargetKind.copy) for entry in self.copies if not entry.form.is_blank()])


def is_an_officials_address(address: str, also: list[str]) -> bool:
    """Does the address reach the inbox of an official of any campaign, or of `also` (typed, not saved)?"""
    inbox = inbox_key(address)
    return Officials.load().reaches_an_official(address) or any(inbox_key(email) == inbox for email in also)


def check_ua_number_free(ua_number: str, campaign: Campaign | None) -> None:
    other = db.session.scalar(select(Campaign).where(Campaign.ua_number == ua_number))
    if other is not None and (campaign is None or other.id != campaign.id):
        raise ValidationError(_("%(ua_number)s is already used by another campaign: “%(title)s”.",
                                ua_number=ua_number, title=other.title))


def campaign_form_data(campaign: Campaign) -> dict:
    """What the editor shows for a saved campaign: lists as text the way organisers type them."""
    def target(t):
        return SimpleNamespace(
            id=t.id, title=t.title, honorific=t.honorific, name=t.name, organisation=t.organisation,
            address_lines="\n".join(t.address_lines or []), city=t.city, region=t.region, postcode=t.postcode,
            country=t.country, emails="\n".join(t.emails or []), fax=t.fax, phone=t.phone,
            salutation=t.salutation, language=t.language, hourly_email_cap=t.hourly_email_cap)

    return dict(
        ua_number=campaign.ua_number, title=campaign.title, country=campaign.country,
        summary=campaign.summary, background=campaign.background, deadline=campaign.deadline,
        preferred_languages=", ".join(campaign.preferred_languages or []), goal=campaign.goal,
        hourly_email_cap=campaign.hourly_email_cap, test_recipient=campaign.test_recipient or "",
        updates_address=campaign.updates_address or "",
        solidarity_address=campaign.solidarity_address or "", solidarity_language=campaign.solidarity_language or "",
        themes=", ".join(theme_label(row.theme) for row in campaign.themes),
        widget_sites="\n".join(campaign.widget_sites or []),
        people=list(campaign.people), demands=list(campaign.demands),
        targets=[target(t) for t in campaign.primary_targets], copies=[target(t) for t in campaign.copy_targets])


def error_items(form) -> list[tuple[str, str, str]]:
    """(field id, label, first message) for every error, sub-forms included, in page order."""
    items = []
    for field in form:
        if isinstance(field, FieldList):
            noun = LISTS.get(field.short_name, field.label.text)
            for position, entry in enumerate(field.entries, start=1):
                for sub in entry.form:
                    if sub.errors:
                        # Translators: where an error is in the editor, e.g. "Target 2: Email addresses".
                        items.append((sub.id, _("%(entry)s %(number)d: %(field)s", entry=noun, number=position,
                                                field=sub.label.text), sub.errors[0]))
        elif field.errors:
            label = field.label.text if field.type != "CSRFTokenField" else _("Form")
            items.append((field.id, label, field.errors[0]))
    for message in getattr(form, "form_errors", []):
        items.append(("error-summary", _("Form"), message))
    return items


# Buttons that add, remove or move an entry post "op" as "add:demands", "remove:targets:2",
# "up:people:1" or "down:copies:0"; the form comes back rearranged, nothing saved yet.
_OPERATION = re.compile(r"^(add|remove|up|down):(people|demands|targets|copies)(?::(\d{1,3}))?$")


def rearranged(formdata, operation: str):
    """The posted form data with one entry added, removed or moved, renumbered 0…n-1.

    Works on the raw strings, so whatever the organiser typed (valid or not) comes back as typed.
    Returns None for an operation it does not know.
    """
    from werkzeug.datastructures import MultiDict

    match = _OPERATION.match(operation or "")
    if not match:
        return None
    verb, name, index = match.group(1), match.group(2), match.group(3)
    entry_key = re.compile(rf"^{name}-(\d+)-(\w+)$")
    entries: dict[int, list[tuple[str, str]]] = {}
    others = []
    for key, value in formdata.items(multi=True):
        found = entry_key.match(key)
        if found:
            entries.setdefault(int(found.group(1)), []).append((found.group(2), value))
        elif key != "op":
            others.append((key, value))
    rows = [entries[i] for i in sorted(entries)]
    position = int(index) if index is not None else None
    if verb == "add":
        rows.append([("id", "")])
    elif position is not None and position < len(rows):
        if verb == "remove":
            del rows[position]
        elif verb == "up" and position > 0:
            rows[position - 1], rows[position] = rows[position], rows[position - 1]
        elif verb == "down" and position + 1 < len(rows):
            rows[position + 1], rows[position] = rows[position], rows[position + 1]
    result = MultiDict(others)
    for new_index, row in enumerate(rows):
        for sub, value in row:
            result.add(f"{name}-{new_index}-{sub}", value)
    return result


# --- letters ---------------------------------------------------------------------------------

class LetterVersionForm(TranslatedForm):
    """A letter version. Its fields for the demands and officials are added per campaign by
    `version_form`, named by their ids (demand_12, salutation_7, closing_7), so an entry can
    never be matched to the wrong demand or official, whatever order a request sends them in."""

    language = SelectField(_l("Language"), choices=_language_options(None),
                           validators=[DataRequired(_l("Please choose the letter's language."))])
    subject = StringField(_l("Subject"), filters=[_strip], validators=[
        DataRequired(_l("Please write a subject line.")), Length(max=300), single_line, known_placeholders])
    body = TextAreaField(_l("Letter"), filters=[_strip], validators=[
        DataRequired(_l("Please write the letter.")),
        Length(max=20000, message=_l("Please keep the letter under 20,000 characters.")),
        no_control_characters, known_placeholders])

    campaign: Campaign

    @property
    def demand_fields(self) -> list:
        """(demand, its field) in the campaign's order."""
        return [(demand, self[f"demand_{demand.id}"]) for demand in self.campaign.demands]

    @property
    def greeting_fields(self) -> list:
        """(official, salutation field, closing field), officials first, then copies."""
        return [(target, self[f"salutation_{target.id}"], self[f"closing_{target.id}"])
                for target in self.campaign.ordered_targets]

    def to_data(self) -> VersionData:
        # A field the request did not carry at all (an official added in another tab since this
        # page was opened) is None: the service leaves it as it was, or seeds it.
        def sent(field):
            return (field.data or "") if field.raw_data else None

        return VersionData(
            language=self.language.data, subject=self.subject.data, body=self.body.data,
            demands={demand.id: sent(field) for demand, field in self.demand_fields},
            salutations={target.id: sent(s) for target, s, _ in self.greeting_fields},
            closings={target.id: sent(c) for target, _, c in self.greeting_fields})


def version_form(campaign: Campaign, version=None, **kwargs) -> LetterVersionForm:
    """The letter form for this campaign: one field per demand and two per official.

    A field may be left empty: the version is saved and the editor says what it still lacks,
    so an organiser can write a language in several sittings; only complete versions reach
    supporters.
    """
    class VersionForm(LetterVersionForm):
        pass

    data = {}
    for position, demand in enumerate(campaign.demands, start=1):
        setattr(VersionForm, f"demand_{demand.id}", TextAreaField(
            _l("Demand %(number)s", number=position), filters=[_strip],
            validators=[Optional(), Length(max=2000, message=_l("Please keep a demand under 2,000 characters.")),
                        no_control_characters]))
        if version is not None:
            data[f"demand_{demand.id}"] = version.wording_of(demand)
    for target in campaign.ordered_targets:
        # Each label names its official, so the error summary and a screen reader say whose it is.
        setattr(VersionForm, f"salutation_{target.id}", StringField(
            _l("Salutation to %(official)s", official=target.label), filters=[_strip],
            validators=[Optional(), Length(max=200), single_line]))
        setattr(VersionForm, f"closing_{target.id}", StringField(
            _l("Closing to %(official)s", official=target.label), filters=[_strip],
            validators=[Optional(), Length(max=200), single_line]))
        greeting = version.greeting_for(target) if version is not None else None
        if greeting is not None:
            data[f"salutation_{target.id}"] = greeting.salutation
            data[f"closing_{target.id}"] = greeting.closing
    if version is not None:
        data.update(language=version.language, subject=version.subject, body=version.body)
    form = VersionForm(data={**data, **kwargs.pop("data", {})}, **kwargs)
    form.campaign = campaign
    return form


# --- lifecycle ---------------------------------------------------------------------------------

class CloseForm(TranslatedForm):
    reason = RadioField(_l("Why is the action closing?"),
                        choices=lambda: _choices([*CLOSE_REASON_LABELS.items(), ("other", _("Another reason"))]),
                        validators=[InputRequired(_l("Please choose why the action is closing."))])
    # No Optional(): it would stop the check below, which makes this field required for "other".
    other_reason = StringField(_l("Other reason"), filters=[_strip], validators=[Length(max=200), single_line])

    def validate_other_reason(self, field) -> None:
        if self.reason.data == "other" and not field.data:
            raise ValidationError(_("Please write the reason; it is shown on the campaign page."))


class GoLiveForm(TranslatedForm):
    confirmation = StringField(_l("Type the UA number to confirm"), filters=[_strip],
                               validators=[DataRequired(_l("Please type the UA number to confirm."))])

    def __init__(self, *args, ua_number: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.ua_number = ua_number

    def validate_confirmation(self, field) -> None:
        try:
            typed = normalise_ua_number(field.data)
        except ValueError:
            typed = None
        if typed != self.ua_number:
            raise ValidationError(_("Please type %(ua_number)s exactly to confirm.", ua_number=self.ua_number))
        field.data = typed


class PublishForm(TranslatedForm):
    """The publish step: one tick per warning of the checklist, by its code.

    Any code is taken (validate_choice off): a warning fixed in another tab since the page was
    opened leaves a tick for nothing, which must not stop publishing. The service decides which
    ticks count.
    """

    confirmed = CheckboxListField(_l("Publish anyway"), choices=[], validate_choice=False)


class DuplicateForm(TranslatedForm):
    ua_number = StringField(_l("UA number of the new campaign"), filters=[_strip], validators=[
        DataRequired(_l("Please enter the new campaign's UA number."))])
    title = StringField(_l("Title"), filters=[_strip], validators=[
        DataRequired(_l("Please give the new campaign a title.")), Length(max=300), single_line])

    def validate_ua_number(self, field) -> None:
        try:
            field.data = normalise_ua_number(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        check_ua_number_free(field.data, None)


# --- replies and outcome -------------------------------------------------------------------------

class ReplyForm(TranslatedForm):
    target_id = SelectField(_l("Who replied"), coerce=int, validators=[InputRequired(_l("Please choose who replied."))])
    sender = StringField(_l("Name or office (if not listed, or to be more precise)"), filters=[_strip],
                         validators=[Length(max=200), single_line])
    received_on = DateField(_l("Received on"), validators=[InputRequired(_l("Please enter the date of the reply."))])
    # Choices are callables: labels are read in the page's language, not the one at import time.
    channel = SelectField(_l("How"), choices=lambda: _choices((c.value, c.label) for c in ReplyChannel),
                          validators=[InputRequired(_l("Please choose how the reply came."))])
    summary = TextAreaField(_l("Summary"), filters=[_strip], validators=[
        DataRequired(_l("Please summarise the reply.")),
        Length(max=5000, message=_l("Please keep the summary under 5,000 characters.")), no_control_characters])
    is_public = BooleanField(_l("Show this reply on the public campaign page"))

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.target_id.choices = _choices(
            [(t.id, _("%(official)s (written to)", official=t.label) if t.kind is TargetKind.primary
              else _("%(official)s (sent a copy)", official=t.label))
             for t in campaign.ordered_targets] + [(0, _("Someone else"))])

    def validate_sender(self, field) -> None:
        if self.target_id.data == 0 and not field.data:
            raise ValidationError(_("Please name who replied."))

    def validate_received_on(self, field) -> None:
        if field.data and field.data > date.today():
            raise ValidationError(_("The date of the reply cannot be in the future."))

    def to_data(self) -> ReplyData:
        return ReplyData(target_id=self.target_id.data or None, sender=self.sender.data or "",
                         received_on=self.received_on.data, channel=ReplyChannel(self.channel.data),
                         summary=self.summary.data, is_public=bool(self.is_public.data))


class OutcomeForm(TranslatedForm):
    outcome = SelectField(_l("Outcome"),
                          choices=lambda: _choices([("", _("Not known yet"))]
                                                   + [(o.value, o.label) for o in CaseOutcome]),
                          default="")
    outcome_on = DateField(_l("Since"), validators=[Optional()])
    outcome_note = TextAreaField(_l("Note"), filters=[_strip], validators=[
        Optional(), Length(max=5000, message=_l("Please keep the note under 5,000 characters.")),
        no_control_characters])


class ImportForm(TranslatedForm):
    """A UA sheet to import: its text pasted, or the sheet uploaded as a PDF or a text file.

    An uploaded file is read while the form is checked, so a file that cannot be read is an error
    beside the upload field, like any other; `sheet_text()` is then the text to import.
    """

    source_text = TextAreaField(_l("Paste the UA text"), filters=[_without_nul], validators=[
        Optional(),
        Length(max=MAX_TEXT_CHARACTERS,
               message=_l("That is longer than any UA sheet: please paste one sheet at a time."))])
    sheet_file = FileField(_l("Or upload the sheet (PDF or text file)"),
                           render_kw={"accept": ".pdf,.txt,application/pdf,text/plain"})
    _file_text: str | None = None

    def validate(self, extra_validators=None) -> bool:
        self._file_text = None
        is_valid = super().validate(extra_validators)
        if not self.has_file() and not (self.source_text.data or "").strip() and not self.source_text.errors:
            self.source_text.errors = [_("Please paste the text of the UA sheet.")]
            return False
        return is_valid

    def has_file(self) -> bool:
        return isinstance(self.sheet_file.data, FileStorage) and bool(self.sheet_file.data.filename)

    def validate_sheet_file(self, field) -> None:
        if not self.has_file():
            return
        if (self.source_text.data or "").strip():
            raise ValidationError(_("Please either paste the text or upload a file, not both."))
        # One byte more than allowed is enough to know a file is too large, without reading it all.
        data = field.data.stream.read(MAX_FILE_BYTES + 1)
        try:
            self._file_text = text_from_file(data)
        except SheetUnreadable as error:
            raise ValidationError(error.message) from None

    def sheet_text(self) -> str:
        """The text to import: the uploaded file's, or the pasted one. Only after validation."""
        return self._file_text if self._file_text is not None else self.source_text.data

    def file_name(self) -> str | None:
        return self.sheet_file.data.filename[:200] if self.has_file() else None


class UpdateForm(TranslatedForm):
    """A case update: what happened, in Markdown, and what it changes about the action."""

    kind = SelectField(_l("Kind of update"), choices=lambda: _choices((k.value, k.label) for k in UpdateKind),
                       validators=[InputRequired(_l("Please choose the kind of update."))])
    title = StringField(_l("Title"), filters=[_strip], validators=[
        DataRequired(_l("Please give the update a title.")), Length(max=300), single_line])
    body_markdown = TextAreaField(_l("What happened"), filters=[_strip], validators=[
        DataRequired(_l("Please write the update.")),
        Length(max=20000, message=_l("Please keep the update under 20,000 characters.")), no_control_characters,
        shallow_nesting])
    happened_on = DateField(_l("Date of the news"), validators=[Optional()])
    new_deadline = DateField(_l("New deadline (optional)"), validators=[Optional()])
    new_demands = TextAreaField(_l("New demands, one per line (optional)"), filters=[_strip],
                                validators=[Optional(), Length(max=5000), no_control_characters])
    reopen = BooleanField(_l("Reopen the action for letters"))

    def demands(self) -> list[str]:
        return [line.strip() for line in (self.new_demands.data or "").splitlines() if line.strip()]


class CorrectionForm(TranslatedForm):
    """A published update's title and text, corrected; followers are emailed only when ticked."""

    # The update's own fields, checked as when it was first written.
    title = UpdateForm.title
    body_markdown = UpdateForm.body_markdown
    note = TextAreaField(_l("What was corrected (optional)"), filters=[_strip], validators=[
        Optional(), Length(max=1000, message=_l("Please keep this under 1,000 characters.")),
        no_control_characters])
    notify_followers = BooleanField(_l("Send the correction to followers"))


class WithdrawForm(TranslatedForm):
    reason = StringField(_l("Why is it withdrawn? (optional, for the audit log)"), filters=[_strip],
                         validators=[Optional(), Length(max=200), single_line])


class BlockForm(TranslatedForm):
    """Block the sender of an email action: its address or its network, with a reason for the log."""

    kind = RadioField(_l("Block"), choices=[SelectChoice("email", _l("their email address")),
                                            SelectChoice("network", _l("their network"))],
                      validators=[InputRequired(_l("Please choose what to block."))])
    reason = StringField(_l("Reason (optional)"), filters=[_strip],
                         validators=[Optional(), Length(max=200), single_line])
