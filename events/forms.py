"""The forms of groups and events: a group, a coordinator to invite, an event with its cases."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from campaigns.forms import CheckboxListField, WholeNumberField, single_line, stored_in_full
from events.pack import LABEL_SHEETS
from events.services import CaseChoice, all_groups, open_campaigns
from events.tally import HARD_LIMIT, CaseTally
from formatting import country_choices, language_name, page_language
from i18n import TranslatedForm
from extensions import db
from models import MAX_WRITERS, Event, EventCase, Group


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email(required: str):
    return [DataRequired(required), Length(max=254), single_line, stored_in_full,
            Email(_l("Please enter an email address like name@example.org."), check_deliverability=False)]


class GroupForm(TranslatedForm):
    name = StringField(_l("Name of the group"), filters=[_strip], validators=[
        DataRequired(_l("Please give the group a name.")), Length(max=200), single_line])
    town = StringField(_l("Town"), filters=[_strip], validators=[Optional(), Length(max=120), single_line])
    country = SelectField(_l("Country"), default="",
                          choices=lambda: [SelectChoice("", "—"), *(SelectChoice(c, n) for c, n in country_choices())])
    contact = StringField(_l("The group’s contact address (optional)"), filters=[_strip], validators=[
        Optional(), Length(max=254), single_line, stored_in_full,
        Email(_l("Please enter an email address like name@example.org."), check_deliverability=False)])


class CoordinatorForm(TranslatedForm):
    email = StringField(_l("Coordinator’s email address"), filters=[_strip],
                        validators=_email(_l("Please enter the coordinator’s email address.")))
    name = StringField(_l("Name"), filters=[_strip], validators=[Optional(), Length(max=200), single_line])


class EventForm(TranslatedForm):
    """An event and its cases: each choice is one open case in one of its complete letter languages."""

    title = StringField(_l("Title"), filters=[_strip], validators=[
        DataRequired(_l("Please give the event a title.")), Length(max=200), single_line])
    held_on = DateField(_l("Date"), validators=[DataRequired(_l("Please give the date of the event."))])
    place = StringField(_l("Place (optional)"), filters=[_strip], validators=[Optional(), Length(max=200), single_line])
    expected_writers = WholeNumberField(_l("How many writers you expect"), validators=[
        InputRequired(_l("Please say how many writers you expect.")),
        NumberRange(min=1, max=MAX_WRITERS, message=_l("Please give a number from %(min)s to %(max)s."))])
    group = SelectField(_l("Group"), default="", validate_choice=True)
    cases = CheckboxListField(_l("Cases to write on"), coerce=str, validate_choice=False)
    phones_welcome = BooleanField(_l("Attendees may also write from their phones (the pack gets a QR code)"),
                                  default=True)

    def __init__(self, *args, coordinator: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if coordinator:  # a coordinator's events are their own group's
            del self.group
        else:
            self.group.choices = [("", _("No group: the section’s own event")),
                                  *((str(group.id), group.name) for group in all_groups())]
        self.cases.choices = [
            (f"{campaign.id}:{language}", _("%(ua)s: %(title)s, letters in %(language)s", ua=campaign.ua_number,
                                            title=campaign.title, language=language_name(language, page_language())))
            for campaign in open_campaigns() for language in campaign.letter_languages]

    def validate_cases(self, field) -> None:
        if not field.data:
            raise ValidationError(_("Please choose at least one case to write on."))
        if not set(field.data) <= {value for value, _label in field.choices}:
            raise ValidationError(_("That case is no longer open for letters in this language: please choose again."))
        campaigns = [choice.split(":")[0] for choice in field.data]
        if len(set(campaigns)) < len(campaigns):
            raise ValidationError(_("Please choose one language for each case: a letter never mixes languages."))

    def chosen_group(self) -> Group | None:
        return db.session.get(Group, int(self.group.data)) if "group" in self and self.group.data else None

    def case_choices(self) -> list[CaseChoice]:
        return [CaseChoice(int(campaign), language)
                for campaign, language in (choice.split(":") for choice in self.cases.data)]


class TallyForm(TranslatedForm):
    """What an event wrote: a number per official of each case, cards and phone emails per case.
    The number fields are made per event (tally_form); an empty one counts as none."""

    confirmed = BooleanField(_l("These numbers are right, even the large ones"))

    def tallies(self, event: Event) -> list[CaseTally]:
        return [CaseTally(event_case_id=case.id,
                          letters={target.id: self[_letters(case, target)].data or 0
                                   for target in case.campaign.ordered_targets},
                          cards=self[f"cards_{case.id}"].data or 0,
                          phone_emails=self[f"phone_emails_{case.id}"].data or 0)
                for case in event.cases]


def _letters(case: EventCase, target) -> str:
    return f"letters_{case.id}_{target.id}"


def tally_form(event: Event) -> TallyForm:
    """The tally form of this event, holding what was reported before."""
    def number(label) -> WholeNumberField:
        return WholeNumberField(label, validators=[Optional(), NumberRange(
            min=0, max=HARD_LIMIT, message=_l("Please give a number from %(min)s to %(max)s."))])

    fields, data = {}, {}
    for case in event.cases:
        written = {row.target_id: row.letters for row in case.letters}
        for target in case.campaign.ordered_targets:
            fields[_letters(case, target)] = number(_l("Letters to %(official)s", official=target.label))
            data[_letters(case, target)] = written.get(target.id, 0)
        fields[f"cards_{case.id}"] = number(_l("Solidarity cards"))
        fields[f"phone_emails_{case.id}"] = number(_l("Emails sent from attendees’ phones"))
        data[f"cards_{case.id}"], data[f"phone_emails_{case.id}"] = case.cards, case.phone_emails
    form_class = type("EventTallyForm", (TallyForm,), fields)
    return form_class(data=data)


class PackForm(TranslatedForm):
    """The print pack's choices: the paper, and the attendees to print on the letters (kept nowhere)."""

    paper = RadioField(_l("Paper and label sheets"), choices=[
        SelectChoice("A4", _l("A4, with label sheets %(sheet)s", sheet=LABEL_SHEETS["A4"].name)),
        SelectChoice("LETTER", _l("US Letter, with label sheets %(sheet)s", sheet=LABEL_SHEETS["LETTER"].name))])
    attendees = TextAreaField(_l("Attendees (optional)"), validators=[
        Optional(), Length(max=MAX_WRITERS * 300, message=_l("That list is too long for one pack."))])

    def validate_attendees(self, field) -> None:
        if len([line for line in (field.data or "").splitlines() if line.strip()]) > MAX_WRITERS:
            raise ValidationError(_("A pack has room for at most %(most)s attendees.", most=MAX_WRITERS))
